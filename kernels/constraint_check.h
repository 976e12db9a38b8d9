// Evaluates one input-constraint program (constraint_program.h) over many test
// cases at once, one byte per test: does this test's input satisfy the spec?
//
//   std::vector<uint8_t> ok(n_tests);
//   if (!ffb::CheckConstraints(program, values, n_tests, n_inputs, ok.data()))
//     ...;  // malformed program: nothing evaluated (validation should prevent it)
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "kernels/constraint_program.h"

namespace ffb {

// True if `program` can be evaluated over rows of `n_inputs` cells: every op
// kind is known, no op pops an empty stack, the stack never exceeds
// kMaxConstraintStack, and every Input slot is < n_inputs.
bool ConstraintProgramIsValid(std::span<const ConstraintOp> program, size_t n_inputs);

// values: row-major [test][input slot], n_tests * n_inputs signed cells.
// ok[t] = 1 if every value the program leaves on its stack for test t is
// nonzero (a program normally leaves one 0/1 value; an empty program accepts
// everything), else 0. Compares are signed 64-bit and push 0/1; And/Or treat
// any nonzero operand as true and push 0/1.
// Returns false, writing nothing, if !ConstraintProgramIsValid(program, n_inputs).
// SIMD over tests with Highway dynamic dispatch; equals the scalar reference.
bool CheckConstraints(std::span<const ConstraintOp> program, const int64_t* values, size_t n_tests,
                      size_t n_inputs, uint8_t* ok);

// Scalar reference: one test at a time.
bool CheckConstraintsScalar(std::span<const ConstraintOp> program, const int64_t* values,
                            size_t n_tests, size_t n_inputs, uint8_t* ok);

// Highway target CheckConstraints dispatches to right now ("AVX2", "AVX3", ...).
const char* CheckConstraintsTargetName();

}  // namespace ffb
