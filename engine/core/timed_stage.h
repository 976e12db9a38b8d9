// The pipeline's stages as slots for per-chunk timing (Chunk::stage_ns,
// RunStats::stage_ns). Its own header so that the public API (engine/api/
// batch.h, installed under include/ffbatch/) needs no chunk internals.
#pragma once

#include <cstdint>

namespace ffb {

// Stage slots for per-chunk timing, in pipeline order.
enum class TimedStage : uint8_t {
  kRead,
  kParse,
  kValidate,
  kGenerate,
  kDefine,
  kInfer,
  kCompile,
  kPublish,
  kTest,
  kWrite,
  kCount
};

}  // namespace ffb
