#include "engine/check/checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/check/checker_internal.h"
#include "engine/core/edit_distance.h"

namespace ffb {
namespace {

using checker_internal::IsLogic;
using checker_internal::KindOfType;
using checker_internal::LoadOperands;

}  // namespace

std::string_view CellKindName(CellKind k) {
  switch (k) {
    case CellKind::kInt:
      return "int";
    case CellKind::kFlag:
      return "flag";
    default:
      return "any";
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
    for (size_t i = 0; i < r.inputs.size(); ++i) in.push_back(NthSlotName(i));
  }
  std::vector<int> out;
  for (const auto& s : r.outputs) out.push_back(s.input);
  return FormatNamedEffect(in, out);
}

EffectChecker::EffectChecker() {
  stack_.resize(2 * kMaxDepthCells);
  values_.resize(256);
  input_value_.reserve(64);
  rstack_.reserve(64);
  ctl_.reserve(32);
  save_.reserve(1024);
  exit_save_.reserve(256);
}

const InferResult& EffectChecker::Infer(std::span<const Token> body, const TokenColumns& names,
                                        const WordResolver* resolver, const WordEffect* self) {
  Infer(body, names, resolver, self, own_);
  return own_;
}

void EffectChecker::Infer(std::span<const Token> body, const TokenColumns& names,
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
  jumps_.clear();
  dests_.clear();
  exit_save_.clear();
  out.ok = Run(body);
}

bool EffectChecker::Fail(Code code, uint32_t token, std::string message) {
  uint32_t column = 0;
  // Positions past the end (end-of-body errors) have no column.
  if (current_body_ && token < current_body_->size()) column = (*current_body_)[token].column;
  out_->diagnostics.push_back({code, token, column, std::move(message)});
  return false;
}

void EffectChecker::Warn(Code code, uint32_t token, std::string message) {
  uint32_t column = 0;
  if (current_body_ && token < current_body_->size()) column = (*current_body_)[token].column;
  out_->diagnostics.push_back({code, token, column, std::move(message)});
}

bool EffectChecker::IntroduceInputs(int32_t cells, uint32_t token) {
  while (top_ - base_ < cells) {
    if (base_ <= 0)
      return Fail(Code::kStackOverflow, token, fmt::format("more than {} inputs", kMaxDepthCells));
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

bool EffectChecker::RoomSlow(int32_t cells, uint32_t token) {
  if (top_ + cells <= 2 * kMaxDepthCells) return true;
  return Fail(Code::kStackOverflow, token,
              fmt::format("data stack deeper than {} cells", kMaxDepthCells));
}

EffectChecker::Snap EffectChecker::Save(bool persistent) {
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

void EffectChecker::Restore(const Snap& s) {
  const std::vector<uint32_t>& buf = s.persistent ? exit_save_ : save_;
  for (int32_t p = base_; p < s.base; ++p) stack_[p] = InputValueAt(p);
  std::copy(buf.begin() + s.data_off, buf.begin() + s.data_off + (s.top - s.base),
            stack_.begin() + s.base);
  top_ = s.top;
  rstack_.assign(buf.begin() + s.r_off, buf.begin() + s.r_off + s.r_size);
  bottom_ = s.bottom;
}

uint32_t EffectChecker::ValueAt(const Snap& s, int32_t pos) const {
  if (pos < s.base) return InputValueAt(pos);
  const std::vector<uint32_t>& buf = s.persistent ? exit_save_ : save_;
  return buf[s.data_off + static_cast<uint32_t>(pos - s.base)];
}

EffectChecker::MergeOutcome EffectChecker::MergeFrom(const Snap& s) {
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

std::vector<uint32_t> EffectChecker::Collect(const Snap* s, int32_t from, int32_t to) const {
  std::vector<uint32_t> v;
  for (int32_t p = from; p < to; ++p) {
    if (s)
      v.push_back(ValueAt(*s, p));
    else
      v.push_back(p < base_ ? InputValueAt(p) : stack_[p]);
  }
  return v;
}

std::string EffectChecker::FormatValues(const std::vector<uint32_t>& ins,
                                        const std::vector<uint32_t>& outs) const {
  std::vector<std::string> names;
  for (size_t i = 0; i < ins.size(); ++i) names.push_back(NthSlotName(i));
  std::vector<int> out;
  for (uint32_t v : outs) {
    int k = -1;
    for (size_t i = 0; i < ins.size(); ++i)
      if (ins[i] == v) k = static_cast<int>(i);
    out.push_back(k);
  }
  return FormatNamedEffect(names, out);
}

std::string EffectChecker::LoopBodyText(const Snap& start) const {
  int32_t from = std::min(low_, start.top);
  return FormatValues(Collect(&start, from, start.top), Collect(nullptr, from, top_));
}

void EffectChecker::SuggestUndefined(std::string_view name, std::string& message) const {
  std::vector<std::pair<size_t, std::string>> best;
  size_t limit = name.size() <= 3 ? 1 : 2;
  auto consider = [&](std::string_view cand) {
    size_t d = EditDistance(name, cand);
    if (d <= limit) best.emplace_back(d, std::string(cand));
  };
  for (const BuiltinInfo& b : AllBuiltins()) consider(b.name);
  if (resolver_) resolver_->ForEachName(consider);
  std::stable_sort(best.begin(), best.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (best.empty()) return;
  message += "; did you mean ";
  for (size_t i = 0; i < best.size() && i < 3; ++i) {
    if (i) message += i + 1 == std::min<size_t>(best.size(), 3) ? " or " : ", ";
    message += "`" + best[i].second + "`";
  }
  message += "?";
}

bool EffectChecker::IsWordNamed(const Token& t, std::string_view name) const {
  return t.kind == TokenKind::kUserWord && names_->Name(static_cast<uint32_t>(t.value)) == name;
}

bool EffectChecker::Run(std::span<const Token> body) {
  current_body_ = &body;
  const uint32_t n = static_cast<uint32_t>(body.size());
  // Each token pushes at most 64 cells (a user word's outputs).
  room_unchecked_ = static_cast<int64_t>(n) * 64 < kMaxDepthCells;
  // Tokens before the first nesting error run as usual (an earlier error of
  // their own wins); the nesting error is raised where the walk reaches it.
  MatchControl(body, flow_);
  const uint32_t stop = std::min(n, flow_.fail_at());
  const bool nested = flow_.nested();
  for (uint32_t i = 0; i < stop; ++i) {
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
      if (!e && i == 0 && name == ":" && n >= 3 && IsWordNamed(body[n - 1], ";")) {
        // `: sq dup * ;` in "code": a whole definition where the body goes.
        return Fail(Code::kWholeDefinition, 0,
                    "the body is a whole definition (`: name ... ;`); \"code\" holds only the "
                    "words between the name and `;`");
      }
      if (!e && resolver_) {
        Code code = Code::kUndefinedWord;
        std::string cause = resolver_->UndefinedCause(name, &code);
        if (!cause.empty()) return Fail(code, i, std::move(cause));
      }
      if (!e) {
        std::string message = fmt::format("undefined word `{}`", name);
        SuggestUndefined(name, message);
        return Fail(Code::kUndefinedWord, i, std::move(message));
      }
      if (bottom_) continue;
      if (!Need(e->inputs, i) || !Room(e->outputs, i)) return false;
      top_ -= e->inputs;
      low_ = std::min(low_, top_);
      for (uint32_t k = 0; k < e->outputs; ++k)
        stack_[top_++] = NewValue(KindOfType(e->out_types[k]));
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
        for (int32_t k = 0; k < ni; ++k)
          all_flags = all_flags && values_[in[k]].kind == CellKind::kFlag;
        if (b.role == Role::kArith) {
          for (int32_t k = 0; k < ni; ++k) {
            if (values_[in[k]].kind != CellKind::kFlag) continue;
            Warn(
                Code::kArithmeticOnFlag, i,
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
                      fmt::format("`{}` with a computed index has no static effect; {}", b.name,
                                  b.suggestion));
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
          return Fail(Code::kReturnStackImbalance, i,
                      fmt::format("`{}` without a matching `>r`", b.name));
        if (rstack_.back() == kFrame)
          return Fail(
              Code::kReturnStackLoopFrame, i,
              fmt::format(
                  "`{}` would read the DO loop frame; `>r` and `{}` must be inside the same loop",
                  b.name, b.name));
        if (!Room(1, i)) return false;
        stack_[top_++] = rstack_.back();
        max_top_ = std::max(max_top_, top_);
        if (b.role == Role::kRFrom) rstack_.pop_back();
        break;
      }
      case Role::kIf:
      case Role::kElse:
      case Role::kThen:
      case Role::kBegin:
      case Role::kUntil:
      case Role::kAgain:
      case Role::kWhile:
      case Role::kRepeat:
      case Role::kDo:
      case Role::kLoop:
      case Role::kPlusLoop:
      case Role::kI:
      case Role::kJ:
      case Role::kLeave:
      case Role::kUnloop:
      case Role::kExit:
      case Role::kRecurse:
        if (!(nested ? Control(b, i) : ControlAns(b, i))) return false;
        break;
      case Role::kNoStaticEffect:
        return Fail(Code::kNoStaticEffect, i,
                    fmt::format("`{}` has no static stack effect; {}", b.name, b.suggestion));
      default:
        return Fail(Code::kInternal, i, "unhandled builtin role");
    }
  }
  if (!flow_.ok()) {
    out_->diagnostics.push_back(flow_.error());
    return false;
  }
  if (!CloseBody(n)) return false;
  Finish();
  return true;
}

void EffectChecker::Finish() {
  const auto n_in = static_cast<int32_t>(input_value_.size());
  for (int32_t d = 0; d < n_in; ++d)
    out_->inputs.push_back({values_[input_value_[n_in - 1 - d]].kind, -1});
  if (!bottom_) {
    for (int32_t p = base_; p < top_; ++p) {
      const Value& v = values_[stack_[p]];
      out_->outputs.push_back(
          {v.kind, static_cast<int16_t>(v.input >= 0 ? n_in - 1 - v.input : -1)});
    }
  }
  out_->max_depth = static_cast<uint32_t>(max_top_ - base_);
}

}  // namespace ffb
