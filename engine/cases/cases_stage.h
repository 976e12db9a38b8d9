// The test stage (parallel): runs every test case of every verified word in
// the reference interpreter and, where the word has native code, natively
// too (the native outcome decides; a disagreement is E9001). Failures ->
// status failed. A failing test is data: the chunk's failure columns and the
// row an E4xxx error; traps (division by zero, fuel, overflow) never stop the run.
// The words were compiled and published by engine/interp/interp_stage.h.
//
//   TestContext ctx;  CompileStage(c, dict); PublishStage(c, ctx, dict); TestStage(c, ctx, dict);
#pragma once

#include "engine/define/dictionary.h"
#include "engine/interp/interp_stage.h"
#include "engine/table/chunk.h"

namespace ffb {

struct NativeContext;
// With `native`, rows that have native code run every test natively too
// (the native outcome decides; disagreements with the interpreter are E9001).
void TestStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary,
               NativeContext* native = nullptr);

}  // namespace ffb
