// The last check before a chunk is written (serial, in input order): a row
// that calls an earlier word which did not end `ok` (its tests failed or
// trapped, or it failed in any earlier way) fails with E1002 naming that
// callee, its line and its first error code. Test outcomes are known only
// after the parallel test stage, so this is the first point at which every
// earlier word's final status is settled whatever the thread count or
// chunking; it runs before the object and Forth writers, which emit only
// `ok` rows, so no caller of a broken word is emitted. Rows are visited in
// order and each row's outcome is recorded, so failures reach callers of
// callers, within a chunk as across chunks.
//
//   stages.write = [&](Chunk& c) { GateCallers(c, test_context, dictionary); ...writers... };
#pragma once

#include "engine/define/dictionary.h"
#include "engine/interp/interp_stage.h"
#include "engine/table/chunk.h"

namespace ffb {

void GateCallers(Chunk& chunk, TestContext& context, const Dictionary& dictionary);

}  // namespace ffb
