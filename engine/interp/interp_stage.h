// The interpreter's two pipeline stages, before the test stage runs:
//   CompileStage  (parallel)          bodies -> bytecode, calls bound to word ids
//   PublishStage  (serial, in order)  makes the chunk's words callable by later
//                                     ones, and decides which callees are usable
//
//   TestContext ctx;  CompileStage(c, dict);  PublishStage(c, ctx, dict);
#pragma once

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/interp/interpreter.h"
#include "engine/interp/word_table.h"
#include "engine/table/chunk.h"

namespace ffb {

// Why a word cannot be called: set by PublishStage (serial, in input order)
// for every defined word, so a caller's check never races its callee's.
struct CalleeState {
  bool usable = false;  // verified and compiled when its chunk was published
  Code first_error = Code::kNone;
  uint64_t line = 0;
};

struct TestContext {
  explicit TestContext(MachineLimits l = {})
      : limits(l), machines([this] { return Machine(words, limits); }) {}
  MachineLimits limits;
  WordTable words;
  std::vector<CalleeState> callees;  // by word id
  // By word id, each word's final outcome after its tests: written and read
  // only by GateCallers (engine/cases/callee_gate.h) in the write stage.
  std::vector<CalleeState> outcomes;
  tbb::enumerable_thread_specific<Machine> machines;
};

void CompileStage(Chunk& chunk, const Dictionary& dictionary);
void PublishStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary);

}  // namespace ffb
