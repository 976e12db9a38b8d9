// The oneTBB flow graph over chunks (DESIGN.md §3):
//   read (serial source) -> limiter -> parse -> validate -> generate (parallel)
//   -> sequencer -> define (serial, in order) -> infer -> compile (parallel)
//   -> sequencer -> publish (serial, in order) -> test (parallel)
//   -> sequencer -> write (serial, in order) -> limiter.decrementer()
// The limiter caps chunks in flight, so memory does not grow with the input.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "engine/table/chunk.h"

namespace ffb {

struct PipelineStages {
  std::function<std::unique_ptr<Chunk>()> read;  // nullptr at end; serial
  std::function<void(Chunk&)> parse;             // parallel
  std::function<void(Chunk&)> validate;          // parallel
  std::function<void(Chunk&)> generate;          // parallel
  std::function<void(Chunk&)> define;            // serial, input order
  std::function<void(Chunk&)> infer;             // parallel
  std::function<void(Chunk&)> compile;           // parallel
  std::function<void(Chunk&)> publish;           // serial, input order
  std::function<void(Chunk&)> test;              // parallel
  std::function<void(Chunk&)> write;             // serial, input order
};

// Runs the graph to completion on the current task arena. An exception thrown
// by any stage cancels the graph and is rethrown here.
// With a pool, a chunk goes back to it once written.
void RunPipeline(const PipelineStages& stages, size_t max_chunks_in_flight,
                 ChunkPool* pool = nullptr);

}  // namespace ffb
