// Trying a heuristic candidate body in isolation: patterns use only builtins
// and `recurse`, so a candidate is lexed, checked against the declared
// effect and run against the spec's tests without the dictionary (in the
// generate stage, before define, in parallel).
//
//   thread_local CandidateTrial trial;
//   std::string why = TryCandidate(chunk, row, candidate, trial);  // empty: take it
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/check/checker.h"
#include "engine/core/diagnostic.h"
#include "engine/forth/tokens.h"
#include "engine/interp/bytecode.h"
#include "engine/interp/interpreter.h"
#include "engine/interp/word_table.h"
#include "engine/resolve/resolve_body.h"
#include "engine/table/chunk.h"

namespace ffb {

// Per-thread scratch, reused across candidates.
struct CandidateTrial {
  TokenColumns tokens;
  std::vector<Diagnostic> diags;
  EffectChecker inferrer;
  InferResult result;
  BytecodeColumns code;
  WordTable empty_words;
  Machine machine{empty_words};
};

// Why a heuristic candidate was not taken, or empty when it passes: its
// effect must check against the declared one and every test must pass.
std::string TryCandidate(const Chunk& chunk, uint32_t row, const BodyCandidate& c,
                         CandidateTrial& trial);

}  // namespace ffb
