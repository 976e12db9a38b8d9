// Runs every test case of every verified word in the reference interpreter,
// as three pipeline stages:
//   CompileStage  (parallel)          bodies -> bytecode, calls bound to word ids
//   PublishStage  (serial, in order)  makes the chunk's words callable by later ones
//   TestStage     (parallel)          runs each row's tests; failures -> status failed
// A failing test is data: results get tests {run, passed, failures[]} and the
// row an E4xxx error; traps (division by zero, fuel, overflow) never stop the run.
//
//   TestContext ctx;  CompileStage(c, dict); PublishStage(c, ctx, dict); TestStage(c, ctx);
#pragma once

#include <memory>
#include <vector>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "engine/table/chunk.h"
#include "engine/define/dictionary.h"
#include "engine/interp/interpreter.h"
#include "engine/interp/word_table.h"

namespace ffb {

// Why a word cannot be called: set by PublishStage (serial, in input order)
// for every defined word, so a caller's check never races its callee's.
struct CalleeState {
  bool usable = false;         // verified and compiled when its chunk was published
  Code first_error = Code::kNone;
  uint64_t line = 0;
};

struct TestContext {
  explicit TestContext(MachineLimits l = {}) : limits(l), machines([this] { return Machine(words, limits); }) {}
  MachineLimits limits;
  WordTable words;
  std::vector<CalleeState> callees;  // by word id
  tbb::enumerable_thread_specific<Machine> machines;
};

void CompileStage(Chunk& chunk, const Dictionary& dictionary);
void PublishStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary);
struct NativeContext;
// With `native`, rows that have native code run every test natively too
// (the native outcome decides; disagreements with the interpreter are E9001).
void TestStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary,
               NativeContext* native = nullptr);

}  // namespace ffb
