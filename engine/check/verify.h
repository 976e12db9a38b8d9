// Checks an inferred stack effect against the declared one: input and output
// counts (E2234, with both effects in the message), output kinds against the
// declared types (E2300 for addr/number confusion, W2301 for a bool output not
// produced by a flag).
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
