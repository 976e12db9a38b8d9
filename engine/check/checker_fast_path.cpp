// The straight-line path of the checker (EffectChecker::FastRun): bodies without
// control flow, return stack or warnings, checked without the value table.
#include <algorithm>
#include <array>

#include "engine/check/checker.h"
#include "engine/check/checker_internal.h"

namespace ffb {
namespace {

using checker_internal::IsLogic;
using checker_internal::KeepScalar;
using checker_internal::KindOfType;
using checker_internal::LoadOperands;

// How the straight-line path handles a builtin. Every plain/arith builtin is
// either a pure shuffle (each output is an input passed through) or computes
// all its outputs; the common shuffles get hand-written cases so a token costs
// a few loads and stores instead of a generic operand/output loop.
enum class Shape : uint8_t {
  kNotFast,   // control flow, return stack, pick/roll, refused words
  kComputed,  // every output is a fresh value of one kind (at most 3 inputs, 2 outputs)
  kDup,
  kDrop,
  kSwap,
  kOver,
  kRot,
  kMinusRot,
  kNip,
  kTuck,
  kTwoDup,
  kTwoDrop,
  kTwoSwap,
  kTwoOver,
  kGeneric,  // any other fixed effect: the operand/output loop
};

// The builtin table squeezed to what the straight-line path reads per token,
// 16 bytes an entry. Built from kBuiltinTable at start-up (constant-initialised
// in another file, so it is ready before this runs); shuffle shapes are
// assigned by comparing the table's effect, so the table stays the one source.
struct alignas(16) FastOp {
  Shape shape;
  uint8_t arith;  // a flag operand means W2302: leave it to the general path
  uint8_t logic;  // result is a flag when every operand is
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
      {Shape::kDup, 1, 2, {0, 0}},
      {Shape::kDrop, 1, 0, {}},
      {Shape::kSwap, 2, 2, {1, 0}},
      {Shape::kOver, 2, 3, {0, 1, 0}},
      {Shape::kRot, 3, 3, {1, 2, 0}},
      {Shape::kMinusRot, 3, 3, {2, 0, 1}},
      {Shape::kNip, 2, 1, {1}},
      {Shape::kTuck, 2, 3, {1, 0, 1}},
      {Shape::kTwoDup, 2, 4, {0, 1, 0, 1}},
      {Shape::kTwoDrop, 2, 0, {}},
      {Shape::kTwoSwap, 4, 4, {2, 3, 0, 1}},
      {Shape::kTwoOver, 4, 6, {0, 1, 2, 3, 0, 1}},
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

// Straight-line bodies only: with no merges, a computed value's identity never
// matters, so a cell is encoded as (input index + 1) << 2 | kind (0 for
// computed values) and kinds are checked without touching a value table.
bool EffectChecker::FastRun(std::span<const Token> body) {
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
      case Shape::kNotFast:
        return false;
      case Shape::kComputed: {
        uint32_t computed = f.computed;
        if (f.arith | f.logic) {
          // Kinds are 0, 1, 2, so bit 1 is "is a flag". Cells the op does not
          // read are masked off (they may be stale; s[-3] is still in stack_).
          static_assert(kFlagCell == 2 && kIntCell == 1);
          const uint32_t f1 = s[-1] & f.read_mask[0], f2 = s[-2] & f.read_mask[1],
                         f3 = s[-3] & f.read_mask[2];
          if ((f1 | f2 | f3) && f.arith) return false;  // W2302: the general path reports it
          if (f.logic && f1 == f.read_mask[0] && f2 == f.read_mask[1] && f3 == f.read_mask[2])
            computed = kFlagCell;
        }
        top += f.no - ni;
        st[top - 1] = computed;
        if (f.no == 2) st[top - 2] = computed;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kDup:
        s[0] = s[-1];
        top += 1;
        max_top = std::max(max_top, top);
        break;
      case Shape::kDrop:
        top -= 1;
        break;
      case Shape::kSwap: {
        uint32_t a = s[-2], b = s[-1];
        KeepScalar(a, b);
        s[-2] = b;
        s[-1] = a;
        break;
      }
      case Shape::kOver:
        s[0] = s[-2];
        top += 1;
        max_top = std::max(max_top, top);
        break;
      case Shape::kRot: {  // ( a b c -- b c a )
        uint32_t a = s[-3], b = s[-2], c = s[-1];
        KeepScalar(a, b, c);
        s[-3] = b;
        s[-2] = c;
        s[-1] = a;
        break;
      }
      case Shape::kMinusRot: {  // ( a b c -- c a b )
        uint32_t a = s[-3], b = s[-2], c = s[-1];
        KeepScalar(a, b, c);
        s[-3] = c;
        s[-2] = a;
        s[-1] = b;
        break;
      }
      case Shape::kNip:
        s[-2] = s[-1];
        top -= 1;
        break;
      case Shape::kTuck: {  // ( a b -- b a b )
        uint32_t a = s[-2], b = s[-1];
        KeepScalar(a, b);
        s[-2] = b;
        s[-1] = a;
        s[0] = b;
        top += 1;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kTwoDup: {
        uint32_t a = s[-2], b = s[-1];
        KeepScalar(a, b);
        s[0] = a;
        s[1] = b;
        top += 2;
        max_top = std::max(max_top, top);
        break;
      }
      case Shape::kTwoDrop:
        top -= 2;
        break;
      case Shape::kTwoSwap: {  // ( a b c d -- c d a b )
        uint32_t a = s[-4], b = s[-3], c = s[-2], d = s[-1];
        KeepScalar(a, b, c, d);
        s[-4] = c;
        s[-3] = d;
        s[-2] = a;
        s[-1] = b;
        break;
      }
      case Shape::kTwoOver: {
        uint32_t a = s[-4], b = s[-3];
        KeepScalar(a, b);
        s[0] = a;
        s[1] = b;
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
        const uint32_t computed =
            f.logic && flags == static_cast<uint32_t>(ni) ? kFlagCell : f.computed;
        for (uint32_t k = 0; k < f.no; ++k) {
          const int8_t o = f.out[k];
          st[top++] = o >= 0 ? in[o] : computed;
        }
        max_top = std::max(max_top, top);
        break;
      }
      default:
        __builtin_unreachable();  // every Shape has a case; saves the jump table's range check
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
    out_->outputs.push_back(
        {static_cast<CellKind>(c & kKindMask),
         static_cast<int16_t>(intro >= 0 ? static_cast<int32_t>(n_in) - 1 - intro : -1)});
  }
  out_->max_depth = static_cast<uint32_t>(max_top - base);
  return true;
}

}  // namespace ffb
