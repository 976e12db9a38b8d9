// The bulk first pass of the infer stage: composes the (needs, gives) token
// effects of every body of a chunk at once with the SIMD kernel
// (kernels/effect_compose.h) and settles the common case without the full
// checker: a straight-line body of plain integer words (no control flow, no
// return stack, no flag producers, no literal-index pick/roll), ending in a
// word that produces one fresh integer, whose declared effect is all
// int/uint/any with one output. For such a body the checker's answer is
// determined by the counts alone (no kinds, no identities, no warnings), and
// a test (infer_first_pass_test) proves both paths give identical records.
// Every other body goes to the full checker.
//
//   FirstPass fp;  RunFirstPass(chunk, dictionary, fp);
//   if (fp.settled[row]) { use fp.needs[row], fp.max_depth[row] } else { full checker }
#pragma once

#include <cstdint>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/table/chunk.h"

namespace ffb {

struct FirstPass {
  std::vector<int32_t> needs, gives, max_depth, min_depth;
  std::vector<uint8_t> settled;  // per row: the first pass's answer is final
  // Scratch for the kernel's CSR input.
  std::vector<int32_t> begin;
  std::vector<uint8_t> tok_needs, tok_gives;
};

void RunFirstPass(const Chunk& chunk, const Dictionary& dictionary, FirstPass& out);

}  // namespace ffb
