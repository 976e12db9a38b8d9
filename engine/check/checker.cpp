#include "engine/check/checker.h"

#include <fmt/format.h>

#include <algorithm>

namespace ffb {
namespace {

CellKind KindOfType(SlotType t) {
  switch (t) {
    case SlotType::kBool: return CellKind::kFlag;
    case SlotType::kInt:
    case SlotType::kUint:
    case SlotType::kChar:
    case SlotType::kAddr: return CellKind::kInt;
    default: return CellKind::kAny;
  }
}

std::string NthName(size_t i) {
  std::string s(1, static_cast<char>('a' + i % 26));
  if (i >= 26) s += std::to_string(i / 26);
  return s;
}

// Names for inputs (given or a, b, ...) and outputs (the input's name when the
// output is that input unchanged, else fresh names that collide with nothing).
std::string FormatNamed(const std::vector<std::string>& in_names, const std::vector<int>& out_input) {
  std::vector<std::string> outs;
  size_t next = 0;
  auto fresh = [&] {
    while (true) {
      std::string n = NthName(next++);
      if (std::find(in_names.begin(), in_names.end(), n) == in_names.end()) return n;
    }
  };
  for (int k : out_input) outs.push_back(k >= 0 ? in_names[static_cast<size_t>(k)] : fresh());
  std::string s = "(";
  for (const auto& n : in_names) s += " " + n;
  s += " --";
  for (const auto& n : outs) s += " " + n;
  return s + " )";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Scalar loads on purpose: the operands were usually stored one cell at a
// time an instant ago, and a 16-byte load over them (what a fixed-size copy
// compiles to) misses store-to-load forwarding and stalls ~15 cycles.
inline void LoadOperands(const uint32_t* src, int32_t n, uint32_t* in) {
  switch (n) {
    case 4: in[3] = src[3]; [[fallthrough]];
    case 3: in[2] = src[2]; [[fallthrough]];
    case 2: in[1] = src[1]; [[fallthrough]];
    case 1: in[0] = src[0]; [[fallthrough]];
    default: break;
  }
}

// Same hazard for the shuffles below: without this GCC turns `swap` into one
// 8-byte rotate in memory, a load spanning two 4-byte stores that forwarding
// cannot serve. An empty asm per value keeps the loads 4 bytes wide.
inline void KeepScalar(uint32_t& v) { asm("" : "+r"(v)); }
template <typename... T>
inline void KeepScalar(T&... v) {
  (KeepScalar(static_cast<uint32_t&>(v)), ...);
}

bool IsLogic(Builtin b) {
  return b == Builtin::kAnd || b == Builtin::kOr || b == Builtin::kXor || b == Builtin::kInvert;
}

// How the straight-line path handles a builtin. Every plain/arith builtin is
// either a pure shuffle (each output is an input passed through) or computes
// all its outputs; the common shuffles get hand-written cases so a token costs
// a few loads and stores instead of a generic operand/output loop.
enum class Shape : uint8_t {
  kNotFast,   // control flow, return stack, pick/roll, refused words
  kComputed,  // every output is a fresh value of one kind (at most 3 inputs, 2 outputs)
  kDup, kDrop, kSwap, kOver, kRot, kMinusRot, kNip, kTuck, kTwoDup, kTwoDrop, kTwoSwap, kTwoOver,
  kGeneric,   // any other fixed effect: the operand/output loop
};

// The builtin table squeezed to what the straight-line path reads per token,
// 16 bytes an entry. Built from kBuiltinTable at start-up (constant-initialised
// in another file, so it is ready before this runs); shuffle shapes are
// assigned by comparing the table's effect, so the table stays the one source.
struct alignas(16) FastOp {
  Shape shape;
  uint8_t arith;     // a flag operand means W2302: leave it to the general path
  uint8_t logic;     // result is a flag when every operand is
  uint8_t ni, no;
  uint8_t computed;  // CellKind of computed outputs
  int8_t out[kMaxBuiltinOutputs];
  // kComputed: 2 (the flag bit of a cell) for each of the top three cells the
  // op reads, top first, else 0, so the flag checks need no loop.
  uint8_t read_mask[3];
};
static_assert(sizeof(FastOp) == 16);

Shape ShapeOf(const BuiltinInfo& b) {
  if (b.role != Role::kPlain && b.role != Role::kArith) return Shape::kNotFast;
  bool all_computed = true, all_passed = true;
  for (size_t k = 0; k < b.outputs; ++k) {
    all_computed = all_computed && b.out[k] < 0;
    all_passed = all_passed && b.out[k] >= 0;
  }
  if (b.outputs > 0 && all_computed) {
    bool one_kind = true;
    for (size_t k = 1; k < b.outputs; ++k) one_kind = one_kind && b.out[k] == b.out[0];
    return b.outputs <= 2 && b.inputs <= 3 && one_kind ? Shape::kComputed : Shape::kGeneric;
  }
  if (!all_passed || b.role != Role::kPlain) return Shape::kGeneric;
  struct Pattern {
    Shape shape;
    uint8_t ni, no;
    std::array<OutKind, kMaxBuiltinOutputs> out;
  };
  static constexpr Pattern kPatterns[] = {
      {Shape::kDup, 1, 2, {0, 0}},           {Shape::kDrop, 1, 0, {}},
      {Shape::kSwap, 2, 2, {1, 0}},          {Shape::kOver, 2, 3, {0, 1, 0}},
      {Shape::kRot, 3, 3, {1, 2, 0}},        {Shape::kMinusRot, 3, 3, {2, 0, 1}},
      {Shape::kNip, 2, 1, {1}},              {Shape::kTuck, 2, 3, {1, 0, 1}},
      {Shape::kTwoDup, 2, 4, {0, 1, 0, 1}},  {Shape::kTwoDrop, 2, 0, {}},
      {Shape::kTwoSwap, 4, 4, {2, 3, 0, 1}}, {Shape::kTwoOver, 4, 6, {0, 1, 2, 3, 0, 1}},
  };
  for (const Pattern& p : kPatterns) {
    if (p.ni != b.inputs || p.no != b.outputs) continue;
    if (std::equal(p.out.begin(), p.out.begin() + p.no, b.out.begin())) return p.shape;
  }
  return Shape::kGeneric;
}

std::array<FastOp, kBuiltinCount> BuildFastOps() {
  std::array<FastOp, kBuiltinCount> ops{};
  for (const BuiltinInfo& b : AllBuiltins()) {
    FastOp& f = ops[static_cast<size_t>(b.id)];
    f.shape = ShapeOf(b);
    f.arith = b.role == Role::kArith;
    f.logic = IsLogic(b.id);
    f.ni = b.inputs;
    f.no = b.outputs;
    f.computed = static_cast<uint8_t>(b.out[0] == kOutFlag ? CellKind::kFlag : CellKind::kInt);
    for (size_t k = 0; k < kMaxBuiltinOutputs; ++k) f.out[k] = b.out[k];
    for (size_t k = 0; k < 3; ++k) f.read_mask[k] = k < b.inputs ? 2 : 0;
  }
  return ops;
}
const std::array<FastOp, kBuiltinCount> kFastOps = BuildFastOps();

}  // namespace

std::string_view CellKindName(CellKind k) {
  switch (k) {
    case CellKind::kInt: return "int";
    case CellKind::kFlag: return "flag";
    default: return "any";
  }
}

const Diagnostic* InferResult::FirstError() const {
  for (const auto& d : diagnostics)
    if (!d.is_warning()) return &d;
  return nullptr;
}

void InferResult::Clear() {
  ok = false;
  returns = true;
  max_depth = 0;
  inputs.clear();
  outputs.clear();
  diagnostics.clear();
}

std::string FormatInferred(const InferResult& r, std::span<const std::string> input_names) {
  std::vector<std::string> in;
  if (input_names.size() == r.inputs.size()) {
    in.assign(input_names.begin(), input_names.end());
  } else {
    for (size_t i = 0; i < r.inputs.size(); ++i) in.push_back(NthName(i));
  }
  std::vector<int> out;
  for (const auto& s : r.outputs) out.push_back(s.input);
  return FormatNamed(in, out);
}

Inferrer::Inferrer() {
  stack_.resize(2 * kMaxDepthCells);
  values_.resize(256);
  input_value_.reserve(64);
  rstack_.reserve(64);
  ctl_.reserve(32);
  save_.reserve(1024);
  exit_save_.reserve(256);
}

const InferResult& Inferrer::Infer(std::span<const Token> body, const TokenColumns& names,
                                   const WordResolver* resolver, const WordEffect* self) {
  Infer(body, names, resolver, self, own_);
  return own_;
}

void Inferrer::Infer(std::span<const Token> body, const TokenColumns& names,
                     const WordResolver* resolver, const WordEffect* self, InferResult& out) {
  names_ = &names;
  resolver_ = resolver;
  self_ = self;
  out_ = &out;
  out.Clear();
  current_body_ = &body;
  // Straight-line bodies (the common case) take a lean path that touches no
  // general state; anything it does not handle (control flow, return stack,
  // errors, warnings) starts over on the general one.
  if (FastRun(body)) {
    out.ok = true;
    return;
  }
  top_ = base_ = low_ = max_top_ = kOrigin;
  bottom_ = false;
  rstack_.clear();
  nvalues_ = 0;
  input_value_.clear();
  ctl_.clear();
  save_.clear();
  exits_.clear();
  leaves_.clear();
  exit_save_.clear();
  out.ok = Run(body);
}

bool Inferrer::Fail(Code code, uint32_t token, std::string message) {
  uint32_t column = 0;
  // Positions past the end (end-of-body errors) have no column.
  if (current_body_ && token < current_body_->size()) column = (*current_body_)[token].column;
  out_->diagnostics.push_back({code, token, column, std::move(message)});
  return false;
}

void Inferrer::Warn(Code code, uint32_t token, std::string message) {
  uint32_t column = 0;
  if (current_body_ && token < current_body_->size()) column = (*current_body_)[token].column;
  out_->diagnostics.push_back({code, token, column, std::move(message)});
}

bool Inferrer::IntroduceInputs(int32_t cells, uint32_t token) {
  while (top_ - base_ < cells) {
    if (base_ <= 0) return Fail(Code::kStackOverflow, token, "more than 1024 inputs");
    auto k = static_cast<int16_t>(input_value_.size());
    CellKind kind = CellKind::kAny;
    if (self_ && k < self_->inputs) kind = KindOfType(self_->in_types[self_->inputs - 1 - k]);
    uint32_t v = NewValue(kind);
    values_[v].input = k;
    input_value_.push_back(v);
    stack_[--base_] = input_value_.back();
  }
  return true;
}

bool Inferrer::RoomSlow(int32_t cells, uint32_t token) {
  if (top_ + cells <= 2 * kMaxDepthCells) return true;
  return Fail(Code::kStackOverflow, token, "data stack deeper than 1024 cells");
}

Inferrer::Snap Inferrer::Save(bool persistent) {
  std::vector<uint32_t>& buf = persistent ? exit_save_ : save_;
  Snap s;
  s.top = top_;
  s.base = base_;
  s.data_off = static_cast<uint32_t>(buf.size());
  buf.insert(buf.end(), stack_.begin() + base_, stack_.begin() + top_);
  s.r_off = static_cast<uint32_t>(buf.size());
  s.r_size = static_cast<uint32_t>(rstack_.size());
  buf.insert(buf.end(), rstack_.begin(), rstack_.end());
  s.bottom = bottom_;
  s.persistent = persistent;
  return s;
}

void Inferrer::Restore(const Snap& s) {
  const std::vector<uint32_t>& buf = s.persistent ? exit_save_ : save_;
  for (int32_t p = base_; p < s.base; ++p) stack_[p] = InputValueAt(p);
  std::copy(buf.begin() + s.data_off, buf.begin() + s.data_off + (s.top - s.base), stack_.begin() + s.base);
  top_ = s.top;
  rstack_.assign(buf.begin() + s.r_off, buf.begin() + s.r_off + s.r_size);
  bottom_ = s.bottom;
}

uint32_t Inferrer::ValueAt(const Snap& s, int32_t pos) const {
  if (pos < s.base) return InputValueAt(pos);
  const std::vector<uint32_t>& buf = s.persistent ? exit_save_ : save_;
  return buf[s.data_off + static_cast<uint32_t>(pos - s.base)];
}

Inferrer::MergeOutcome Inferrer::MergeFrom(const Snap& s) {
  if (s.bottom) return MergeOutcome::kOk;
  if (bottom_) {
    Restore(s);
    return MergeOutcome::kOk;
  }
  if (s.top != top_) return MergeOutcome::kDataDepth;
  if (s.r_size != rstack_.size()) return MergeOutcome::kReturnDepth;
  const std::vector<uint32_t>& buf = s.persistent ? exit_save_ : save_;
  for (uint32_t i = 0; i < s.r_size; ++i) {
    uint32_t a = buf[s.r_off + i], b = rstack_[i];
    if (a == b) continue;
    if (a == kFrame || b == kFrame) return MergeOutcome::kReturnDepth;
    rstack_[i] = NewValue(Join(values_[a].kind, values_[b].kind));
  }
  for (int32_t p = base_; p < top_; ++p) {
    uint32_t a = ValueAt(s, p), b = stack_[p];
    if (a != b) stack_[p] = NewValue(Join(values_[a].kind, values_[b].kind));
  }
  return MergeOutcome::kOk;
}

std::vector<uint32_t> Inferrer::Collect(const Snap* s, int32_t from, int32_t to) const {
  std::vector<uint32_t> v;
  for (int32_t p = from; p < to; ++p) {
    if (s) v.push_back(ValueAt(*s, p));
    else v.push_back(p < base_ ? InputValueAt(p) : stack_[p]);
  }
  return v;
}

std::string Inferrer::FormatValues(const std::vector<uint32_t>& ins, const std::vector<uint32_t>& outs) const {
  std::vector<std::string> names;
  for (size_t i = 0; i < ins.size(); ++i) names.push_back(NthName(i));
  std::vector<int> out;
  for (uint32_t v : outs) {
    int k = -1;
    for (size_t i = 0; i < ins.size(); ++i)
      if (ins[i] == v) k = static_cast<int>(i);
    out.push_back(k);
  }
  return FormatNamed(names, out);
}

std::string Inferrer::LoopBodyText(const Snap& start) const {
  int32_t from = std::min(low_, start.top);
  return FormatValues(Collect(&start, from, start.top), Collect(nullptr, from, top_));
}

void Inferrer::SuggestUndefined(std::string_view name, std::string& message) const {
  std::vector<std::pair<size_t, std::string>> best;
  size_t limit = name.size() <= 3 ? 1 : 2;
  auto consider = [&](std::string_view cand) {
    size_t d = EditDistance(name, cand);
    if (d <= limit) best.emplace_back(d, std::string(cand));
  };
  for (const BuiltinInfo& b : AllBuiltins()) consider(b.name);
  if (resolver_) resolver_->ForEachName(consider);
  std::stable_sort(best.begin(), best.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (best.empty()) return;
  message += "; did you mean ";
  for (size_t i = 0; i < best.size() && i < 3; ++i) {
    if (i) message += i + 1 == std::min<size_t>(best.size(), 3) ? " or " : ", ";
    message += "`" + best[i].second + "`";
  }
  message += "?";
}

const Inferrer::Ctl* Inferrer::InnermostDo(int* count) const {
  const Ctl* found = nullptr;
  int n = 0;
  for (auto it = ctl_.rbegin(); it != ctl_.rend(); ++it) {
    if (it->role != Role::kDo) continue;
    if (!found) found = &*it;
    ++n;
  }
  if (count) *count = n;
  return found;
}

bool Inferrer::Run(std::span<const Token> body) {
  current_body_ = &body;
  const uint32_t n = static_cast<uint32_t>(body.size());
  // Each token pushes at most 64 cells (a user word's outputs).
  room_unchecked_ = static_cast<int64_t>(n) * 64 < kMaxDepthCells;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = body[i];
    if (t.kind == TokenKind::kNumber) {
      if (bottom_) continue;
      if (!Room(1, i)) return false;
      stack_[top_++] = NewValue(CellKind::kInt);
      max_top_ = std::max(max_top_, top_);
      continue;
    }
    if (t.kind == TokenKind::kUserWord) {
      std::string_view name = names_->Name(static_cast<uint32_t>(t.value));
      const WordEffect* e = resolver_ ? resolver_->Lookup(name) : nullptr;
      if (!e) {
        std::string message = fmt::format("undefined word `{}`", name);
        SuggestUndefined(name, message);
        return Fail(Code::kUndefinedWord, i, std::move(message));
      }
      if (bottom_) continue;
      if (!Need(e->inputs, i) || !Room(e->outputs, i)) return false;
      top_ -= e->inputs;
      low_ = std::min(low_, top_);
      for (uint32_t k = 0; k < e->outputs; ++k) stack_[top_++] = NewValue(KindOfType(e->out_types[k]));
      max_top_ = std::max(max_top_, top_);
      continue;
    }
    const Builtin id = t.builtin();
    const BuiltinInfo& b = Info(id);
    switch (b.role) {
      case Role::kPlain:
      case Role::kArith: {
        if (bottom_) break;
        if (!Need(b.inputs, i) || !Room(b.outputs, i)) return false;
        const int32_t ni = b.inputs;
        uint32_t in[4];
        LoadOperands(stack_.data() + (top_ - ni), ni, in);
        bool all_flags = true;
        for (int32_t k = 0; k < ni; ++k) all_flags = all_flags && values_[in[k]].kind == CellKind::kFlag;
        if (b.role == Role::kArith) {
          for (int32_t k = 0; k < ni; ++k) {
            if (values_[in[k]].kind != CellKind::kFlag) continue;
            Warn(Code::kArithmeticOnFlag, i,
                 fmt::format("`{}` does arithmetic on a flag; use `and`/`negate` or an if", b.name));
            break;
          }
        }
        top_ -= ni;
        low_ = std::min(low_, top_);
        for (uint32_t k = 0; k < b.outputs; ++k) {
          OutKind o = b.out[k];
          uint32_t v;
          if (o >= 0) {
            v = in[o];
          } else {
            CellKind kind = o == kOutFlag ? CellKind::kFlag : CellKind::kInt;
            if (IsLogic(id) && all_flags) kind = CellKind::kFlag;
            v = NewValue(kind);
          }
          stack_[top_++] = v;
        }
        max_top_ = std::max(max_top_, top_);
        break;
      }
      case Role::kPick:
      case Role::kRoll: {
        if (i == 0 || body[i - 1].kind != TokenKind::kNumber)
          return Fail(Code::kNoStaticEffect, i,
                      fmt::format("`{}` with a computed index has no static effect; {}", b.name, b.suggestion));
        int64_t idx = body[i - 1].value;
        if (idx < 0 || idx > 63)
          return Fail(Code::kNoStaticEffect, i,
                      fmt::format("`{} {}`: the index must be between 0 and 63", idx, b.name));
        if (bottom_) break;
        --top_;  // the literal index
        const int32_t m = static_cast<int32_t>(idx);
        if (!Need(m + 1, i) || !Room(1, i)) return false;
        low_ = std::min(low_, top_ - 1 - m);
        uint32_t v = stack_[top_ - 1 - m];
        if (b.role == Role::kPick) {
          stack_[top_++] = v;
          max_top_ = std::max(max_top_, top_);
        } else {
          for (int32_t p = top_ - 1 - m; p < top_ - 1; ++p) stack_[p] = stack_[p + 1];
          stack_[top_ - 1] = v;
        }
        break;
      }
      case Role::kToR: {
        if (bottom_) break;
        if (!Need(1, i)) return false;
        rstack_.push_back(stack_[--top_]);
        low_ = std::min(low_, top_);
        break;
      }
      case Role::kRFrom:
      case Role::kRFetch: {
        if (bottom_) break;
        if (rstack_.empty())
          return Fail(Code::kReturnStackImbalance, i, fmt::format("`{}` without a matching `>r`", b.name));
        if (rstack_.back() == kFrame)
          return Fail(Code::kReturnStackLoopFrame, i,
                      fmt::format("`{}` would read the DO loop frame; `>r` and `{}` must be inside the same loop",
                                  b.name, b.name));
        if (!Room(1, i)) return false;
        stack_[top_++] = rstack_.back();
        max_top_ = std::max(max_top_, top_);
        if (b.role == Role::kRFrom) rstack_.pop_back();
        break;
      }
      case Role::kIf: {
        if (!bottom_) {
          if (!Need(1, i)) return false;
          --top_;
          low_ = std::min(low_, top_);
        }
        Ctl c;
        c.role = Role::kIf;
        c.token = i;
        c.outer_low = low_;
        c.save_mark = static_cast<uint32_t>(save_.size());
        c.start = Save();
        ctl_.push_back(c);
        low_ = top_;
        break;
      }
      case Role::kElse: {
        if (ctl_.empty() || ctl_.back().role != Role::kIf || ctl_.back().has_else_or_while)
          return Fail(Code::kUnmatchedElse, i, "`else` without a matching `if`");
        Ctl& c = ctl_.back();
        c.arm_low = low_;
        c.mid = Save();
        c.has_else_or_while = true;
        Restore(c.start);
        low_ = top_;
        break;
      }
      case Role::kThen: {
        if (ctl_.empty() || ctl_.back().role != Role::kIf)
          return Fail(Code::kUnmatchedThen, i, "`then` without a matching `if`");
        Ctl c = ctl_.back();
        const bool has_else = c.has_else_or_while;
        const Snap* then_end = has_else ? &c.mid : nullptr;
        const int32_t then_low = has_else ? c.arm_low : low_;
        const int32_t else_low = has_else ? low_ : c.start.top;
        const int32_t then_top = has_else ? c.mid.top : top_;
        const int32_t else_top = has_else ? top_ : c.start.top;
        const Snap* else_end = has_else ? nullptr : &c.start;
        MergeOutcome m = MergeFrom(has_else ? c.mid : c.start);
        if (m != MergeOutcome::kOk) {
          if (m == MergeOutcome::kReturnDepth)
            return Fail(Code::kReturnStackImbalance, i,
                        "the if arms leave the return stack different (`>r`/`r>` unbalanced in one arm)");
          int32_t from = std::min(then_low, else_low);
          auto ins = Collect(&c.start, from, c.start.top);
          std::string then_text = FormatValues(ins, Collect(then_end, from, then_top));
          std::string else_text = FormatValues(ins, Collect(else_end, from, else_top));
          return Fail(Code::kBranchMismatch, c.token,
                      fmt::format("if arms leave different depths: then-arm {}, else-arm {}", then_text,
                                  else_text));
        }
        low_ = std::min({c.outer_low, then_low, else_low});
        save_.resize(c.save_mark);
        ctl_.pop_back();
        break;
      }
      case Role::kBegin: {
        Ctl c;
        c.role = Role::kBegin;
        c.token = i;
        c.outer_low = low_;
        c.save_mark = static_cast<uint32_t>(save_.size());
        c.start = Save();
        ctl_.push_back(c);
        low_ = top_;
        break;
      }
      case Role::kUntil:
      case Role::kAgain:
      case Role::kWhile:
      case Role::kRepeat: {
        const bool is_repeat = b.role == Role::kRepeat;
        if (ctl_.empty() || ctl_.back().role != Role::kBegin ||
            ctl_.back().has_else_or_while != is_repeat) {
          std::string what = is_repeat ? "`repeat` without a matching `begin … while`"
                             : (!ctl_.empty() && ctl_.back().role == Role::kBegin)
                                 ? fmt::format("`{}` after `while`: use `repeat` to close begin … while", b.name)
                                 : fmt::format("`{}` without a matching `begin`", b.name);
          return Fail(Code::kUnmatchedUntil, i, std::move(what));
        }
        if (!bottom_ && (b.role == Role::kUntil || b.role == Role::kWhile)) {
          if (!Need(1, i)) return false;
          --top_;
          low_ = std::min(low_, top_);
        }
        Ctl& c = ctl_.back();
        if (b.role == Role::kWhile) {
          c.mid = Save();
          c.has_else_or_while = true;
          break;
        }
        if (!bottom_ && !c.start.bottom) {
          if (top_ != c.start.top)
            return Fail(Code::kLoopNotNeutral, i,
                        fmt::format("begin … {} body {} is not stack-neutral: each iteration changes the "
                                    "depth by {:+d}{}",
                                    b.name, LoopBodyText(c.start), top_ - c.start.top,
                                    b.role == Role::kUntil ? " (the flag counted)" : ""));
          if (rstack_.size() != c.start.r_size)
            return Fail(Code::kReturnStackImbalance, i,
                        fmt::format("begin … {} body leaves the return stack unbalanced", b.name));
        }
        if (b.role == Role::kUntil) {
          if (!bottom_) MergeFrom(c.start);
        } else if (b.role == Role::kAgain) {
          bottom_ = true;
        } else {  // repeat: leave through while; loop-variant values lose identity
          const bool back_edge = !bottom_;
          Snap rep = Save();
          Restore(c.mid);
          if (back_edge && !bottom_) {
            for (int32_t p = base_; p < top_; ++p) {
              uint32_t v = stack_[p];
              bool invariant = p < c.start.top && ValueAt(c.start, p) == v && ValueAt(rep, p) == v;
              if (invariant) continue;
              CellKind k = values_[v].kind;
              if (p < c.start.top) k = Join(k, values_[ValueAt(rep, p)].kind);
              stack_[p] = NewValue(k);
            }
          }
        }
        low_ = std::min(c.outer_low, low_);
        save_.resize(c.save_mark);
        ctl_.pop_back();
        break;
      }
      case Role::kDo: {
        if (!bottom_) {
          if (!Need(2, i)) return false;
          top_ -= 2;
          low_ = std::min(low_, top_);
          rstack_.push_back(kFrame);
        }
        Ctl c;
        c.role = Role::kDo;
        c.token = i;
        c.outer_low = low_;
        c.save_mark = static_cast<uint32_t>(save_.size());
        c.start = Save();
        c.leave_mark = static_cast<uint32_t>(leaves_.size());
        ctl_.push_back(c);
        low_ = top_;
        break;
      }
      case Role::kLoop:
      case Role::kPlusLoop: {
        if (ctl_.empty() || ctl_.back().role != Role::kDo)
          return Fail(Code::kUnmatchedLoop, i, fmt::format("`{}` without a matching `do`", b.name));
        if (!bottom_ && b.role == Role::kPlusLoop) {
          if (!Need(1, i)) return false;
          --top_;
          low_ = std::min(low_, top_);
        }
        Ctl c = ctl_.back();
        if (!bottom_) {
          if (rstack_.size() != c.start.r_size || rstack_.back() != kFrame)
            return Fail(Code::kReturnStackImbalance, i,
                        fmt::format("do … {} body leaves the return stack unbalanced", b.name));
          if (top_ != c.start.top)
            return Fail(Code::kLoopNotNeutral, i,
                        fmt::format("do … {} body {} is not stack-neutral: each iteration changes the "
                                    "depth by {:+d}",
                                    b.name, LoopBodyText(c.start), top_ - c.start.top));
        }
        MergeFrom(c.start);
        for (size_t k = c.leave_mark; k < leaves_.size(); ++k) MergeFrom(leaves_[k].snap);
        if (!bottom_) rstack_.pop_back();
        leaves_.resize(c.leave_mark);
        low_ = std::min(c.outer_low, low_);
        save_.resize(c.save_mark);
        ctl_.pop_back();
        break;
      }
      case Role::kI:
      case Role::kJ:
      case Role::kLeave:
      case Role::kUnloop: {
        int loops = 0;
        const Ctl* d = InnermostDo(&loops);
        const int need = b.role == Role::kJ ? 2 : 1;
        if (loops < need)
          return Fail(Code::kLoopWordOutside, i,
                      fmt::format("`{}` outside {}", b.name, need == 2 ? "two nested DO loops" : "a DO loop"));
        if (bottom_) break;
        const size_t r = rstack_.size();
        bool frames_on_top = r >= 1 && rstack_.back() == kFrame && (need == 1 || (r >= 2 && rstack_[r - 2] == kFrame));
        if (!frames_on_top)
          return Fail(Code::kReturnStackLoopFrame, i,
                      fmt::format("`{}` with `>r` values above the loop frame; `r>` them first", b.name));
        if (b.role == Role::kI || b.role == Role::kJ) {
          if (!Room(1, i)) return false;
          stack_[top_++] = NewValue(CellKind::kInt);
          max_top_ = std::max(max_top_, top_);
        } else if (b.role == Role::kUnloop) {
          rstack_.pop_back();
        } else {  // leave: jumps past `loop` with the depth the loop ends with
          if (top_ != d->start.top)
            return Fail(Code::kLoopNotNeutral, i,
                        fmt::format("`leave` with the depth changed by {:+d} since `do`; the loop's exits "
                                    "must agree",
                                    top_ - d->start.top));
          leaves_.push_back({Save(true), i});
          bottom_ = true;
        }
        break;
      }
      case Role::kExit: {
        if (bottom_) break;
        if (!rstack_.empty()) {
          bool in_loop = std::find(rstack_.begin(), rstack_.end(), kFrame) != rstack_.end();
          return Fail(Code::kReturnStackImbalance, i,
                      in_loop ? "`exit` inside a DO loop needs `unloop` first"
                              : "`exit` with `>r` values still on the return stack");
        }
        exits_.push_back({Save(true), i});
        bottom_ = true;
        break;
      }
      case Role::kRecurse: {
        if (!self_)
          return Fail(Code::kNoStaticEffect, i, "`recurse` needs the word's declared stack effect");
        if (bottom_) break;
        if (!Need(self_->inputs, i) || !Room(self_->outputs, i)) return false;
        top_ -= self_->inputs;
        low_ = std::min(low_, top_);
        for (uint32_t k = 0; k < self_->outputs; ++k) stack_[top_++] = NewValue(KindOfType(self_->out_types[k]));
        max_top_ = std::max(max_top_, top_);
        break;
      }
      case Role::kNoStaticEffect:
        return Fail(Code::kNoStaticEffect, i,
                    fmt::format("`{}` has no static stack effect; {}", b.name, b.suggestion));
      default:
        return Fail(Code::kInternal, i, "unhandled builtin role");
    }
  }
  if (!ctl_.empty()) {
    const Ctl& c = ctl_.back();
    switch (c.role) {
      case Role::kIf: return Fail(Code::kUnmatchedIf, c.token, "`if` without a matching `then`");
      case Role::kBegin:
        return Fail(Code::kUnmatchedBegin, c.token,
                    c.has_else_or_while ? "`begin … while` without `repeat`"
                                        : "`begin` without `until`, `repeat` or `again`");
      default: return Fail(Code::kUnmatchedDo, c.token, "`do` without a matching `loop` or `+loop`");
    }
  }
  if (!bottom_ && !rstack_.empty())
    return Fail(Code::kReturnStackImbalance, n, "`>r` without a matching `r>` by the end of the word");
  size_t first_exit = 0;
  if (bottom_ && !exits_.empty()) {
    Restore(exits_[0].snap);
    first_exit = 1;
  }
  if (bottom_) {
    out_->returns = false;
  } else {
    for (size_t k = first_exit; k < exits_.size(); ++k) {
      const Snap& s = exits_[k].snap;
      if (s.top == top_) {
        MergeFrom(s);
        continue;
      }
      std::vector<uint32_t> ins;
      for (int32_t p = base_; p < kOrigin; ++p) ins.push_back(InputValueAt(p));
      return Fail(Code::kBranchMismatch, exits_[k].token,
                  fmt::format("`exit` leaves {} but the word ends with {}",
                              FormatValues(ins, Collect(&s, base_, s.top)),
                              FormatValues(ins, Collect(nullptr, base_, top_))));
    }
  }
  Finish();
  return true;
}

void Inferrer::Finish() {
  const auto n_in = static_cast<int32_t>(input_value_.size());
  for (int32_t d = 0; d < n_in; ++d) out_->inputs.push_back({values_[input_value_[n_in - 1 - d]].kind, -1});
  if (!bottom_) {
    for (int32_t p = base_; p < top_; ++p) {
      const Value& v = values_[stack_[p]];
      out_->outputs.push_back({v.kind, static_cast<int16_t>(v.input >= 0 ? n_in - 1 - v.input : -1)});
    }
  }
  out_->max_depth = static_cast<uint32_t>(max_top_ - base_);
}

// Straight-line bodies only: with no merges, a computed value's identity never
// matters, so a cell is encoded as (input index + 1) << 2 | kind (0 for
// computed values) and kinds are checked without touching a value table.
bool Inferrer::FastRun(std::span<const Token> body) {
  const size_t n = body.size();
  // Each token pushes at most 64 cells and introduces at most 64 inputs.
  if (n * 64 >= static_cast<size_t>(kMaxDepthCells)) return false;
  uint32_t* st = stack_.data();
  constexpr uint32_t kKindMask = 3;
  auto kind_bits = [](CellKind k) { return static_cast<uint32_t>(k); };
  int32_t top = kOrigin, base = kOrigin, max_top = kOrigin;
  // Inputs are introduced below base, so there are kOrigin - base of them
  // (one variable fewer in the loop's registers).
  auto need = [&](int32_t cells) {
    while (top - base < cells) {
      const auto k = static_cast<uint32_t>(kOrigin - base);  // introduction order
      CellKind kind = CellKind::kAny;
      if (self_ && k < self_->inputs) kind = KindOfType(self_->in_types[self_->inputs - 1 - k]);
      st[--base] = ((k + 1) << 2) | kind_bits(kind);
    }
  };
  constexpr uint32_t kIntCell = static_cast<uint32_t>(CellKind::kInt);
  constexpr uint32_t kFlagCell = static_cast<uint32_t>(CellKind::kFlag);
  for (const Token& t : body) {
    // Literals and calls are branches of their own; builtins go through the
    // table and one switch.
    if (t.kind == TokenKind::kNumber) {
      st[top++] = kIntCell;
      max_top = std::max(max_top, top);
      continue;
    }
    if (t.kind == TokenKind::kUserWord) {
      if (!resolver_) return false;
      const WordEffect* e = resolver_->Lookup(names_->Name(static_cast<uint32_t>(t.value)));
      if (!e) return false;
      need(e->inputs);
      top -= e->inputs;
      for (uint32_t k = 0; k < e->outputs; ++k) st[top++] = kind_bits(KindOfType(e->out_types[k]));
      max_top = std::max(max_top, top);
      continue;
    }
    const FastOp& f = kFastOps[static_cast<size_t>(t.value)];
    const int32_t ni = f.ni;
    if (top - base < ni) need(ni);
    uint32_t* s = st + top;  // s[-1] is the top cell
    // Only the cases that can raise the top update max_top.
    switch (f.shape) {
      case Shape::kNotFast: return false;
      case Shape::kComputed: {
        uint32_t computed = f.computed;
        if (f.arith | f.logic) {
          // Kinds are 0, 1, 2, so bit 1 is "is a flag". Cells the op does not
          // read are masked off (they may be stale; s[-3] is still in stack_).
          static_assert(kFlagCell == 2 && kIntCell == 1);
          const uint32_t f1 = s[-1] & f.read_mask[0], f2 = s[-2] & f.read_mask[1], f3 = s[-3] & f.read_mask[2];
          if ((f1 | f2 | f3) && f.arith) return false;  // W2302: the general path reports it
          if (f.logic && f1 == f.read_mask[0] && f2 == f.read_mask[1] && f3 == f.read_mask[2]) computed = kFlagCell;
        }
        top += f.no - ni;
        st[top - 1] = computed;
        if (f.no == 2) st[top - 2] = computed;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kDup: s[0] = s[-1]; top += 1; max_top = std::max(max_top, top); break;
      case Shape::kDrop: top -= 1; break;
      case Shape::kSwap: { uint32_t a = s[-2], b = s[-1]; KeepScalar(a, b); s[-2] = b; s[-1] = a; break; }
      case Shape::kOver: s[0] = s[-2]; top += 1; max_top = std::max(max_top, top); break;
      case Shape::kRot: {  // ( a b c -- b c a )
        uint32_t a = s[-3], b = s[-2], c = s[-1];
        KeepScalar(a, b, c);
        s[-3] = b; s[-2] = c; s[-1] = a;
        break;
      }
      case Shape::kMinusRot: {  // ( a b c -- c a b )
        uint32_t a = s[-3], b = s[-2], c = s[-1];
        KeepScalar(a, b, c);
        s[-3] = c; s[-2] = a; s[-1] = b;
        break;
      }
      case Shape::kNip: s[-2] = s[-1]; top -= 1; break;
      case Shape::kTuck: {  // ( a b -- b a b )
        uint32_t a = s[-2], b = s[-1];
        KeepScalar(a, b);
        s[-2] = b; s[-1] = a; s[0] = b;
        top += 1;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kTwoDup: {
        uint32_t a = s[-2], b = s[-1];
        KeepScalar(a, b);
        s[0] = a; s[1] = b;
        top += 2;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kTwoDrop: top -= 2; break;
      case Shape::kTwoSwap: {  // ( a b c d -- c d a b )
        uint32_t a = s[-4], b = s[-3], c = s[-2], d = s[-1];
        KeepScalar(a, b, c, d);
        s[-4] = c; s[-3] = d; s[-2] = a; s[-1] = b;
        break;
      }
      case Shape::kTwoOver: {
        uint32_t a = s[-4], b = s[-3];
        KeepScalar(a, b);
        s[0] = a; s[1] = b;
        top += 2;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kGeneric: {
        uint32_t in[4];
        LoadOperands(st + (top - ni), ni, in);
        uint32_t flags = 0;
        for (int32_t k = 0; k < ni; ++k) flags += (in[k] & kKindMask) == kFlagCell;
        if (flags && f.arith) return false;  // W2302: the general path reports it
        top -= ni;
        const uint32_t computed = f.logic && flags == static_cast<uint32_t>(ni) ? kFlagCell : f.computed;
        for (uint32_t k = 0; k < f.no; ++k) {
          const int8_t o = f.out[k];
          st[top++] = o >= 0 ? in[o] : computed;
        }
        max_top = std::max(max_top, top);
        break;
      }
      default: __builtin_unreachable();  // every Shape has a case; saves the jump table's range check
    }
  }
  const auto n_in = static_cast<uint32_t>(kOrigin - base);
  for (uint32_t d = 0; d < n_in; ++d) {
    const uint32_t k = n_in - 1 - d;  // introduction order of the d-th deepest input
    CellKind kind = CellKind::kAny;
    if (self_ && k < self_->inputs) kind = KindOfType(self_->in_types[self_->inputs - 1 - k]);
    out_->inputs.push_back({kind, -1});
  }
  for (int32_t p = base; p < top; ++p) {
    const uint32_t c = st[p];
    const int32_t intro = static_cast<int32_t>(c >> 2) - 1;
    out_->outputs.push_back({static_cast<CellKind>(c & kKindMask),
                             static_cast<int16_t>(intro >= 0 ? static_cast<int32_t>(n_in) - 1 - intro : -1)});
  }
  out_->max_depth = static_cast<uint32_t>(max_top - base);
  return true;
}

}  // namespace ffb
