#include "engine/pipeline/pipeline.h"

#include <oneapi/tbb/flow_graph.h>

#include <chrono>

namespace ffb {

namespace {

using ChunkPtr = std::shared_ptr<Chunk>;
namespace flow = tbb::flow;

uint64_t NowNs() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

// Wraps a stage so its wall time is added to the chunk's slot.
template <typename F>
auto Timed(TimedStage slot, const F& fn) {
  return [slot, &fn](ChunkPtr chunk) {
    uint64_t start = NowNs();
    fn(*chunk);
    chunk->stage_ns[static_cast<size_t>(slot)] += NowNs() - start;
    return chunk;
  };
}

}  // namespace

void RunPipeline(const PipelineStages& stages, size_t max_chunks_in_flight, ChunkPool* pool) {
  flow::graph g;
  flow::input_node<ChunkPtr> source(g, [&](tbb::flow_control& control) -> ChunkPtr {
    uint64_t start = NowNs();
    std::unique_ptr<Chunk> chunk = stages.read();
    if (!chunk) {
      control.stop();
      return nullptr;
    }
    chunk->stage_ns[static_cast<size_t>(TimedStage::kRead)] += NowNs() - start;
    if (pool == nullptr) return ChunkPtr(chunk.release());
    return ChunkPtr(chunk.release(),
                    [pool](Chunk* c) { pool->Release(std::unique_ptr<Chunk>(c)); });
  });
  // limiter_node<T, int> with an explicit int decrement: the continue_msg
  // decrementer misbehaves with several predecessors in oneTBB 2021.8.
  flow::limiter_node<ChunkPtr, int> limiter(g, max_chunks_in_flight);
  flow::function_node<ChunkPtr, ChunkPtr> parse(g, flow::unlimited,
                                                Timed(TimedStage::kParse, stages.parse));
  flow::function_node<ChunkPtr, ChunkPtr> validate(g, flow::unlimited,
                                                   Timed(TimedStage::kValidate, stages.validate));
  flow::function_node<ChunkPtr, ChunkPtr> generate(g, flow::unlimited,
                                                   Timed(TimedStage::kGenerate, stages.generate));
  flow::function_node<ChunkPtr, ChunkPtr> infer(g, flow::unlimited,
                                                Timed(TimedStage::kInfer, stages.infer));
  flow::function_node<ChunkPtr, ChunkPtr> compile(g, flow::unlimited,
                                                  Timed(TimedStage::kCompile, stages.compile));
  flow::function_node<ChunkPtr, ChunkPtr> publish(g, flow::serial,
                                                  Timed(TimedStage::kPublish, stages.publish));
  flow::function_node<ChunkPtr, ChunkPtr> test(g, flow::unlimited,
                                               Timed(TimedStage::kTest, stages.test));
  auto by_seq = [](const ChunkPtr& c) { return static_cast<size_t>(c->seq); };
  flow::sequencer_node<ChunkPtr> to_publish(g, by_seq);
  flow::sequencer_node<ChunkPtr> to_define(g, by_seq);
  flow::function_node<ChunkPtr, ChunkPtr> define(g, flow::serial,
                                                 Timed(TimedStage::kDefine, stages.define));
  flow::sequencer_node<ChunkPtr> to_write(g, by_seq);
  // The writer times itself: its own time can only be counted after the
  // chunk's counts are taken.
  flow::function_node<ChunkPtr, int> write(g, flow::serial, [&](ChunkPtr chunk) {
    stages.write(*chunk);
    return 1;  // one chunk fewer in flight
  });

  flow::make_edge(source, limiter);
  flow::make_edge(limiter, parse);
  flow::make_edge(parse, validate);
  flow::make_edge(validate, generate);
  flow::make_edge(generate, to_define);
  flow::make_edge(to_define, define);
  flow::make_edge(define, infer);
  flow::make_edge(infer, compile);
  flow::make_edge(compile, to_publish);
  flow::make_edge(to_publish, publish);
  flow::make_edge(publish, test);
  flow::make_edge(test, to_write);
  flow::make_edge(to_write, write);
  flow::make_edge(write, limiter.decrementer());
  source.activate();
  g.wait_for_all();
}

}  // namespace ffb
