// Input constraints compiled to a tiny postfix program, evaluated once per
// test case. Validation compiles `0 <= x <= 100 and x != 7` to
//   Input(0) Lit(0) Le ... And ...
// and the constraint-check kernel evaluates one program over many tests.
#pragma once

#include <cstdint>

namespace ffb {

enum class ConstraintOpKind : uint8_t {
  kInput,    // push test input `slot` (signed cell)
  kLiteral,  // push `literal`
  kLt,
  kLe,
  kGt,
  kGe,
  kEq,
  kNe,  // pop b, pop a, push (a OP b) as 0/1, signed
  kAnd,
  kOr,  // pop b, pop a, push logical and/or
};

struct ConstraintOp {
  ConstraintOpKind kind;
  uint16_t slot = 0;    // for kInput
  int64_t literal = 0;  // for kLiteral
};

// Programs are short and validated: the evaluation stack never exceeds this.
constexpr int kMaxConstraintStack = 16;

}  // namespace ffb
