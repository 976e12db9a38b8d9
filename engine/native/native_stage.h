// Native code in the pipeline: every verified word (status ok after
// inference) is compiled twice by the one code generator, test mode into
// executable memory and object mode for the ELF output.
//   NativeCompile (parallel, with the bytecode compile)
//   NativePublish (serial, in order: later chunks' tests may call these words)
// The test stage then runs every test natively as well as in the interpreter
// (engine/cases/cases_stage.h) and reports any disagreement as E9001.
//
//   NativeContext ctx;  NativeCompile(chunk, dict);  NativePublish(chunk, ctx);
#pragma once

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "engine/define/dictionary.h"
#include "engine/native/jit_runner.h"
#include "engine/table/chunk.h"

namespace ffb {

struct NativeContext {
  NativeContext() : machines([this] { return std::make_unique<NativeMachine>(jit, limits); }) {}
  NativeLimits limits;
  JitCode jit;
  tbb::enumerable_thread_specific<std::unique_ptr<NativeMachine>> machines;
};

void NativeCompile(Chunk& chunk, const Dictionary& dictionary);
void NativePublish(Chunk& chunk, NativeContext& context);

}  // namespace ffb
