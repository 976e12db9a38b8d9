// Runs every test case of every verified word in the reference interpreter,
// as three pipeline stages:
//   CompileStage  (parallel)          bodies -> bytecode, calls bound to word ids
//   PublishStage  (serial, in order)  makes the chunk's words callable by later ones
//   TestStage     (parallel)          runs each row's tests; failures -> status failed
// A failing test is data: results get tests {run, passed, failures[]} and the
// row an E4xxx error; traps (division by zero, fuel, overflow) never stop the run.
//
//   TestContext ctx;  CompileStage(c, dict); PublishStage(c, ctx); TestStage(c, ctx);
#pragma once

#include <memory>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "engine/chunk.h"
#include "engine/dictionary.h"
#include "engine/interpreter.h"
#include "engine/word_table.h"

namespace ffb {

struct TestContext {
  explicit TestContext(MachineLimits l = {}) : limits(l), machines([this] { return Machine(words, limits); }) {}
  MachineLimits limits;
  WordTable words;
  tbb::enumerable_thread_specific<Machine> machines;
};

void CompileStage(Chunk& chunk, const Dictionary& dictionary);
void PublishStage(Chunk& chunk, TestContext& context);
struct NativeContext;
// With `native`, rows that have native code run every test natively too
// (the native outcome decides; disagreements with the interpreter are E9001).
void TestStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary,
               NativeContext* native = nullptr);

}  // namespace ffb
