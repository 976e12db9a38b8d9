// Checks an inferred stack effect against the declared one with Factor's
// `effect<=` rule: the body may take fewer inputs than declared when it
// changes the depth by the same amount, the deepest declared inputs passing
// through unchanged as the deepest outputs (W2238 names them); any other count
// difference is E2234 with both effects in the message. Then output kinds
// against the declared types, pass-through slots included (E2300 for
// addr/number confusion, W2301 for a bool output not produced by a flag).
//
//   std::vector<Diagnostic> d;
//   if (!VerifyEffect(inferred, declared, d)) { /* d has E2234 "declared ( n -- n² ), inferred ( n
//   -- n n )" */ }
#pragma once

#include <span>
#include <vector>

#include "engine/check/checker.h"
#include "engine/core/diagnostic.h"
#include "engine/forth/stack_effect.h"

namespace ffb {

// How many of the deepest declared inputs pass through a body with effect `r`
// (0 for an exact match), or -1 when `r` does not fit the declared counts.
int PassThroughCount(const InferResult& r, size_t declared_inputs, size_t declared_outputs);

enum class EffectCheck : uint8_t { kOk, kDepthMismatch, kKindMismatch };

// Allocation-free check for hot paths (fix search, bulk verification):
// counts first, then E2300-grade kind conflicts. Warnings are not reported.
EffectCheck CheckEffect(const InferResult& inferred, const WordEffect& declared);

// Full check; appends diagnostics (errors and warnings) to `out`, positioned
// at `at_token` (the pipeline passes the body's token count: "at the end").
// True when no error was added.
bool VerifyEffect(const InferResult& inferred, const StackEffect& declared,
                  std::vector<Diagnostic>& out, uint32_t at_token = 0);

}  // namespace ffb
