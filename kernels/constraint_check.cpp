// SIMD constraint checking (see constraint_check.h). Lanes are tests: each
// vector holds one int64 cell of N consecutive tests, Input(slot) gathers that
// slot with stride n_inputs, and the program is interpreted once per vector.
// A final partial vector repeats the last test in its spare lanes (so every
// gather stays inside `values`) and stores only the real lanes.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/constraint_check.cpp"
#include "kernels/constraint_check.h"

#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace ffb {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

void CheckConstraintsSimd(std::span<const ConstraintOp> program, const int64_t* values,
                          size_t n_tests, size_t n_inputs, uint8_t* ok) {
  const hn::ScalableTag<int64_t> d;
  const size_t lanes = hn::Lanes(d);
  using V = hn::Vec<decltype(d)>;
  // The evaluation stack lives in memory: vectors cannot portably be array
  // elements (sizeless on SVE/RVV), and a store/load per op is cheap next to
  // the gathers.
  HWY_ALIGN int64_t stack[kMaxConstraintStack * hn::MaxLanes(d)];
  HWY_ALIGN int64_t result[hn::MaxLanes(d)];
  const auto zero = hn::Zero(d);
  const auto one = hn::Set(d, 1);
  // Index (in cells) of each lane's row start; AVX2 has no 64-bit multiply,
  // so it is seeded once and then advanced by one vector of rows per step.
  for (size_t i = 0; i < lanes; ++i) result[i] = static_cast<int64_t>(i * n_inputs);
  auto row_start = hn::Load(d, result);
  const auto row_step = hn::Set(d, static_cast<int64_t>(n_inputs * lanes));
  const auto last_row_start = hn::Set(d, static_cast<int64_t>((n_tests - 1) * n_inputs));

  for (size_t t = 0; t < n_tests; t += lanes) {
    // Spare lanes of the last vector re-read the last test.
    const auto row_index = hn::Min(row_start, last_row_start);
    int depth = 0;
    for (const ConstraintOp& op : program) {
      V v = zero;
      switch (op.kind) {
        case ConstraintOpKind::kInput:
          v = hn::GatherIndex(d, values + op.slot, row_index);
          break;
        case ConstraintOpKind::kLiteral:
          v = hn::Set(d, op.literal);
          break;
        default: {
          const auto b = hn::Load(d, stack + (--depth) * lanes);
          const auto a = hn::Load(d, stack + (--depth) * lanes);
          // Highway 1.0.3 has no integer Le/Ge: use !(a > b) and !(a < b).
          switch (op.kind) {
            case ConstraintOpKind::kLt:
              v = hn::IfThenElseZero(hn::Lt(a, b), one);
              break;
            case ConstraintOpKind::kLe:
              v = hn::IfThenZeroElse(hn::Gt(a, b), one);
              break;
            case ConstraintOpKind::kGt:
              v = hn::IfThenElseZero(hn::Gt(a, b), one);
              break;
            case ConstraintOpKind::kGe:
              v = hn::IfThenZeroElse(hn::Lt(a, b), one);
              break;
            case ConstraintOpKind::kEq:
              v = hn::IfThenElseZero(hn::Eq(a, b), one);
              break;
            case ConstraintOpKind::kNe:
              v = hn::IfThenElseZero(hn::Ne(a, b), one);
              break;
            case ConstraintOpKind::kAnd:
              v = hn::IfThenZeroElse(hn::Or(hn::Eq(a, zero), hn::Eq(b, zero)), one);
              break;
            case ConstraintOpKind::kOr:
              v = hn::IfThenZeroElse(hn::And(hn::Eq(a, zero), hn::Eq(b, zero)), one);
              break;
            default:
              break;  // excluded by ConstraintProgramIsValid
          }
        }
      }
      hn::Store(v, d, stack + (depth++) * lanes);
    }
    auto all = hn::Ne(one, zero);  // all-true mask
    for (int i = 0; i < depth; ++i) {
      all = hn::And(all, hn::Ne(hn::Load(d, stack + i * lanes), zero));
    }
    hn::Store(hn::IfThenElseZero(all, one), d, result);
    const size_t real = n_tests - t < lanes ? n_tests - t : lanes;
    for (size_t i = 0; i < real; ++i) ok[t + i] = static_cast<uint8_t>(result[i]);
    row_start = hn::Add(row_start, row_step);
  }
}

const char* CheckConstraintsTarget() { return hwy::TargetName(HWY_TARGET); }

// NOLINTNEXTLINE(google-readability-namespace-comments)
}  // namespace HWY_NAMESPACE
}  // namespace ffb
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace ffb {

HWY_EXPORT(CheckConstraintsSimd);
HWY_EXPORT(CheckConstraintsTarget);

bool CheckConstraints(std::span<const ConstraintOp> program, const int64_t* values, size_t n_tests,
                      size_t n_inputs, uint8_t* ok) {
  if (!ConstraintProgramIsValid(program, n_inputs)) return false;
  if (n_tests == 0) return true;
  HWY_DYNAMIC_DISPATCH(CheckConstraintsSimd)(program, values, n_tests, n_inputs, ok);
  return true;
}

const char* CheckConstraintsTargetName() { return HWY_DYNAMIC_DISPATCH(CheckConstraintsTarget)(); }

}  // namespace ffb
#endif  // HWY_ONCE
