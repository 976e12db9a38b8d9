// The infer stage (parallel, after define): checks every resolved body with
// the stack-effect checker, calls to earlier words resolved through the
// dictionary (only words from earlier lines are visible), verifies the
// inferred effect against the declared one and, on a mismatch, attaches
// verified fix suggestions. Effect mismatches (E2234, E2300) make the row
// `mismatch`; other body errors (undefined word, unbalanced control flow,
// words without a static effect) make it `invalid`.
//
//   InferStage(chunk, dictionary);
#pragma once

#include "engine/define/dictionary.h"
#include "engine/define/name_index.h"
#include "engine/table/chunk.h"

namespace ffb {

struct InferOptions {
  size_t max_fixes = 3;
  // Settle straight-line integer bodies with the SIMD first pass
  // (engine/check/first_pass.h); off only to compare against the checker.
  bool first_pass = true;
  // Where every name of the input is first defined, so a call to a later
  // word is E1004 rather than E1000 (engine/define/name_index.h); optional.
  const NameIndex* names = nullptr;
};

void InferStage(Chunk& chunk, const Dictionary& dictionary, const InferOptions& options);

}  // namespace ffb
