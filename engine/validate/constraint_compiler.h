// Compiles an input constraint such as `0 <= x <= 100 and x != 7` into a
// postfix ConstraintOp program over the spec's input slots. Grammar:
//   expr := conj ("or" conj)* ; conj := term ("and" term)*
//   term := "(" expr ")" | operand (cmp operand)+     (a comparison chain)
//   operand := input-name | integer ; cmp := < <= > >= = == != <>
// Errors name the 1-based column in the constraint text.
//
//   std::vector<ConstraintOp> ops;
//   auto err = CompileConstraint("n >= 0", names, ops);  // err.code == Code::kNone
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error_codes.h"
#include "kernels/constraint_program.h"

namespace ffb {

struct ConstraintError {
  Code code = Code::kNone;
  int32_t column = 0;
  std::string message;
};

// Appends the program for `text` to `out` (nothing on error). `inputs` are the
// effect's input names; a name refers to the slot at its index.
ConstraintError CompileConstraint(std::string_view text, std::span<const std::string_view> inputs,
                                  std::vector<ConstraintOp>& out);

// Programs are evaluated by kernels/constraint_check.h (SIMD, with a scalar
// reference beside it).

}  // namespace ffb
