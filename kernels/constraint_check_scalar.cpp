// Scalar reference for CheckConstraints and the program validity check both
// implementations rely on.
#include "kernels/constraint_check.h"

namespace ffb {

bool ConstraintProgramIsValid(std::span<const ConstraintOp> program, size_t n_inputs) {
  int depth = 0;
  for (const ConstraintOp& op : program) {
    switch (op.kind) {
      case ConstraintOpKind::kInput:
        if (op.slot >= n_inputs) return false;
        [[fallthrough]];
      case ConstraintOpKind::kLiteral:
        if (++depth > kMaxConstraintStack) return false;
        break;
      case ConstraintOpKind::kLt:
      case ConstraintOpKind::kLe:
      case ConstraintOpKind::kGt:
      case ConstraintOpKind::kGe:
      case ConstraintOpKind::kEq:
      case ConstraintOpKind::kNe:
      case ConstraintOpKind::kAnd:
      case ConstraintOpKind::kOr:
        if (depth < 2) return false;
        --depth;
        break;
      default:
        return false;
    }
  }
  return true;
}

bool CheckConstraintsScalar(std::span<const ConstraintOp> program, const int64_t* values,
                            size_t n_tests, size_t n_inputs, uint8_t* ok) {
  if (!ConstraintProgramIsValid(program, n_inputs)) return false;
  int64_t stack[kMaxConstraintStack];
  for (size_t t = 0; t < n_tests; ++t) {
    const int64_t* row = values + t * n_inputs;
    int depth = 0;
    for (const ConstraintOp& op : program) {
      if (op.kind == ConstraintOpKind::kInput) {
        stack[depth++] = row[op.slot];
        continue;
      }
      if (op.kind == ConstraintOpKind::kLiteral) {
        stack[depth++] = op.literal;
        continue;
      }
      const int64_t b = stack[--depth];
      const int64_t a = stack[depth - 1];
      bool r = false;
      switch (op.kind) {
        case ConstraintOpKind::kLt:
          r = a < b;
          break;
        case ConstraintOpKind::kLe:
          r = a <= b;
          break;
        case ConstraintOpKind::kGt:
          r = a > b;
          break;
        case ConstraintOpKind::kGe:
          r = a >= b;
          break;
        case ConstraintOpKind::kEq:
          r = a == b;
          break;
        case ConstraintOpKind::kNe:
          r = a != b;
          break;
        case ConstraintOpKind::kAnd:
          r = a != 0 && b != 0;
          break;
        case ConstraintOpKind::kOr:
          r = a != 0 || b != 0;
          break;
        default:
          break;  // excluded by ConstraintProgramIsValid
      }
      stack[depth - 1] = r ? 1 : 0;
    }
    bool all = true;
    for (int i = 0; i < depth; ++i) all = all && stack[i] != 0;
    ok[t] = all ? 1 : 0;
  }
  return true;
}

}  // namespace ffb
