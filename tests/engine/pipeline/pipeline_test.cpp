// RunPipeline with fake stages: the serial stages (define, publish, write)
// see chunks in input order although the parallel stages around them finish
// out of order; every chunk reaches each stage exactly once; the limiter
// bounds the chunks in flight; an exception in any stage ends the run and is
// rethrown with its message, and no chunk at or after the failing one is
// written; pooled chunks all go back to the pool, reset.
#include "engine/pipeline/pipeline.h"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using ffb::Chunk;

// A pseudo-random delay of 0..199 us, fixed per (chunk, stage), so parallel
// stages finish out of order but the run is the same every time.
void Delay(uint64_t seq, int stage) {
  uint64_t us = (seq * 2654435761u + static_cast<uint64_t>(stage) * 40503u) % 200;
  std::this_thread::sleep_for(std::chrono::microseconds(us));
}

// Serves `total` chunks with gap-free seq (as LineReader does), from the
// pool when there is one; remembers every distinct chunk it handed out.
struct Source {
  uint64_t total = 0;
  ffb::ChunkPool* pool = nullptr;
  std::atomic<uint64_t> reads{0};
  std::set<const Chunk*> distinct;  // touched by the serial source only

  std::unique_ptr<Chunk> operator()() {
    if (reads.load() == total) return nullptr;
    auto chunk = pool != nullptr ? pool->Acquire() : std::make_unique<Chunk>();
    chunk->seq = reads.load();
    chunk->bytes = "chunk " + std::to_string(chunk->seq);
    distinct.insert(chunk.get());
    reads.fetch_add(1);
    return chunk;
  }
};

// What a serial stage saw: the seq order and whether two calls ever overlapped.
struct SerialLog {
  std::vector<uint64_t> order;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};

  void Visit(const Chunk& c) {
    if (inside.fetch_add(1) != 0) overlapped = true;
    order.push_back(c.seq);
    std::this_thread::yield();
    inside.fetch_sub(1);
  }
};

// How often each parallel stage saw each chunk.
struct Counts {
  explicit Counts(size_t n) : seen(n) {}
  std::vector<std::atomic<int>> seen;
  void Visit(const Chunk& c) { seen[c.seq].fetch_add(1); }
  bool AllOnce() const {
    return std::all_of(seen.begin(), seen.end(), [](const std::atomic<int>& k) { return k == 1; });
  }
};

std::vector<uint64_t> Iota(size_t n) {
  std::vector<uint64_t> v(n);
  std::iota(v.begin(), v.end(), 0);
  return v;
}

// Runs on 4 threads, so parallel stages do overlap on any machine (oneTBB
// otherwise caps its workers at the hardware threads).
void RunOn4(const ffb::PipelineStages& stages, size_t limit, ffb::ChunkPool* pool = nullptr) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 4);
  tbb::task_arena arena(4);
  arena.execute([&] { ffb::RunPipeline(stages, limit, pool); });
}

}  // namespace

TEST_CASE("pipeline: serial stages see input order, every stage sees every chunk once",
          "[pipeline]") {
  constexpr size_t kChunks = 200;
  Source source;
  source.total = kChunks;
  SerialLog define, publish, write;
  Counts parse(kChunks), validate(kChunks), generate(kChunks), infer(kChunks), compile(kChunks),
      test(kChunks);
  std::mutex parse_mutex;
  std::vector<uint64_t> parse_done;  // parse completion order

  ffb::PipelineStages s;
  s.read = [&] { return source(); };
  s.parse = [&](Chunk& c) {
    // Chunk 0 is slow, so later chunks overtake it in the parallel stages.
    if (c.seq == 0) std::this_thread::sleep_for(std::chrono::milliseconds(30));
    Delay(c.seq, 0);
    parse.Visit(c);
    std::lock_guard<std::mutex> lock(parse_mutex);
    parse_done.push_back(c.seq);
  };
  s.validate = [&](Chunk& c) {
    Delay(c.seq, 1);
    validate.Visit(c);
  };
  s.generate = [&](Chunk& c) {
    Delay(c.seq, 2);
    generate.Visit(c);
  };
  s.define = [&](Chunk& c) { define.Visit(c); };
  s.infer = [&](Chunk& c) {
    Delay(c.seq, 3);
    infer.Visit(c);
  };
  s.compile = [&](Chunk& c) {
    Delay(c.seq, 4);
    compile.Visit(c);
  };
  s.publish = [&](Chunk& c) { publish.Visit(c); };
  s.test = [&](Chunk& c) {
    Delay(c.seq, 5);
    test.Visit(c);
  };
  s.write = [&](Chunk& c) { write.Visit(c); };
  RunOn4(s, 8);

  // The ordering checks below mean something only if chunks were reordered.
  REQUIRE(parse_done.size() == kChunks);
  CHECK_FALSE(std::is_sorted(parse_done.begin(), parse_done.end()));

  CHECK(define.order == Iota(kChunks));
  CHECK(publish.order == Iota(kChunks));
  CHECK(write.order == Iota(kChunks));
  CHECK_FALSE(define.overlapped);
  CHECK_FALSE(publish.overlapped);
  CHECK_FALSE(write.overlapped);
  CHECK(parse.AllOnce());
  CHECK(validate.AllOnce());
  CHECK(generate.AllOnce());
  CHECK(infer.AllOnce());
  CHECK(compile.AllOnce());
  CHECK(test.AllOnce());
  CHECK(source.reads == kChunks);
}

TEST_CASE("pipeline: an empty input runs no stage", "[pipeline]") {
  int calls = 0;
  ffb::PipelineStages s;
  s.read = [] { return std::unique_ptr<Chunk>(); };
  s.parse = s.validate = s.generate = s.define = s.infer = s.compile = s.publish = s.test =
      s.write = [&](Chunk&) { ++calls; };
  RunOn4(s, 4);
  CHECK(calls == 0);
}

TEST_CASE("pipeline: chunks in flight never exceed the limit", "[pipeline]") {
  constexpr size_t kChunks = 120;
  for (size_t limit : {1, 3, 6}) {
    INFO("limit " << limit);
    Source source;
    source.total = kChunks;
    std::atomic<int64_t> in_flight{0}, max_in_flight{0};
    std::atomic<uint64_t> written{0};
    std::atomic<int64_t> max_read_ahead{0};
    auto raise = [](std::atomic<int64_t>& max, int64_t v) {
      int64_t m = max.load();
      while (v > m && !max.compare_exchange_weak(m, v)) {
      }
    };
    ffb::PipelineStages s;
    s.read = [&] {
      auto c = source();
      // Chunks read but not yet written: the limiter's chunks plus the one
      // the source node holds while the limiter refuses it.
      raise(max_read_ahead, static_cast<int64_t>(source.reads.load() - written.load()));
      return c;
    };
    // In flight: from entering the first stage after the limiter to leaving write.
    s.parse = [&](Chunk& c) {
      raise(max_in_flight, in_flight.fetch_add(1) + 1);
      Delay(c.seq, 0);
    };
    s.validate = s.generate = s.infer = s.compile = s.test = [](Chunk&) {};
    s.define = s.publish = [](Chunk&) {};
    s.write = [&](Chunk& c) {
      // A slow writer, so the graph fills up to the limit; the first chunk
      // waits (up to 2 s, for a loaded machine) until it has, then a little
      // longer, so a limiter that let one more in would be seen.
      if (c.seq == 0) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        while (in_flight.load() < static_cast<int64_t>(limit) &&
               std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      written.fetch_add(1);
      in_flight.fetch_sub(1);
    };
    RunOn4(s, limit);
    CHECK(written == kChunks);
    CHECK(in_flight == 0);
    CHECK(max_in_flight == static_cast<int64_t>(limit));
    CHECK(max_read_ahead <= static_cast<int64_t>(limit) + 1);
  }
}

TEST_CASE("pipeline: stage times are added to the chunk's slots", "[pipeline]") {
  std::vector<std::array<uint64_t, static_cast<size_t>(ffb::TimedStage::kCount)>> seen;
  Source source;
  source.total = 3;
  auto sleep_ms = [](Chunk&) { std::this_thread::sleep_for(std::chrono::milliseconds(2)); };
  ffb::PipelineStages s;
  s.read = [&] { return source(); };
  s.parse = s.validate = s.generate = s.define = s.infer = s.compile = s.publish = s.test =
      sleep_ms;
  s.write = [&](Chunk& c) { seen.push_back(c.stage_ns); };
  RunOn4(s, 2);
  REQUIRE(seen.size() == 3);
  for (const auto& ns : seen) {
    for (ffb::TimedStage t :
         {ffb::TimedStage::kParse, ffb::TimedStage::kValidate, ffb::TimedStage::kGenerate,
          ffb::TimedStage::kDefine, ffb::TimedStage::kInfer, ffb::TimedStage::kCompile,
          ffb::TimedStage::kPublish, ffb::TimedStage::kTest}) {
      INFO("stage " << static_cast<int>(t));
      CHECK(ns[static_cast<size_t>(t)] >= 2'000'000u);
    }
    // The writer times itself (it can only count after the chunk is counted).
    CHECK(ns[static_cast<size_t>(ffb::TimedStage::kWrite)] == 0u);
  }
}

TEST_CASE("pipeline: written chunks go back to the pool, reset", "[pipeline]") {
  constexpr size_t kChunks = 100;
  constexpr size_t kLimit = 4;
  ffb::ChunkPool pool;
  Source source;
  source.total = kChunks;
  source.pool = &pool;
  std::vector<uint64_t> written;
  size_t intact = 0;  // chunks that reached write with the bytes read put in them
  ffb::PipelineStages s;
  s.read = [&] { return source(); };
  s.parse = s.validate = s.generate = s.infer = s.compile =
      s.test = [](Chunk& c) { Delay(c.seq, 2); };
  s.define = s.publish = [](Chunk&) {};
  // Catch2 v2 assertions are not thread-safe: stages only record.
  s.write = [&](Chunk& c) {
    intact += c.bytes == "chunk " + std::to_string(c.seq);
    written.push_back(c.seq);
  };
  RunOn4(s, kLimit, &pool);
  CHECK(written == Iota(kChunks));
  CHECK(intact == kChunks);
  // Chunks were recycled: far fewer exist than were read. (A chunk goes back
  // to the pool when its last reference drops, which may be just after the
  // limiter already let the next one in, so allow a little slack.)
  CHECK(source.distinct.size() <= kLimit + 3);
  // Every chunk is back in the pool, reset; the next Acquire after them is new.
  std::set<const Chunk*> back;
  std::vector<std::unique_ptr<Chunk>> held;
  for (size_t k = 0; k < source.distinct.size(); ++k) {
    held.push_back(pool.Acquire());
    back.insert(held.back().get());
    CHECK(held.back()->bytes.empty());
    CHECK(held.back()->seq == 0);
  }
  CHECK(back == source.distinct);
  held.push_back(pool.Acquire());
  CHECK(source.distinct.count(held.back().get()) == 0);
}

namespace {

// A run whose `failing` stage throws on chunk `bad`; records what was written.
struct FailingRun {
  std::vector<uint64_t> written;
  uint64_t reads = 0;
  std::string message;
  bool threw = false;
  std::set<const Chunk*> distinct;
};

enum class Where { kRead, kParse, kInfer, kDefine, kTest, kWrite };

FailingRun RunFailing(Where where, uint64_t bad, ffb::ChunkPool* pool) {
  constexpr uint64_t kChunks = 100000;  // far more than a failed run may read
  constexpr size_t kLimit = 4;
  Source source;
  source.total = kChunks;
  source.pool = pool;
  FailingRun run;
  auto maybe_throw = [&](Where here, const Chunk& c) {
    if (here == where && c.seq == bad) {
      throw std::runtime_error("stage failed on chunk " + std::to_string(c.seq));
    }
  };
  ffb::PipelineStages s;
  s.read = [&] {
    if (where == Where::kRead && source.reads == bad) throw std::runtime_error("read failed");
    return source();
  };
  s.parse = [&](Chunk& c) {
    Delay(c.seq, 0);
    maybe_throw(Where::kParse, c);
  };
  s.validate = s.generate = s.compile = [](Chunk& c) { Delay(c.seq, 1); };
  s.define = [&](Chunk& c) { maybe_throw(Where::kDefine, c); };
  s.infer = [&](Chunk& c) {
    Delay(c.seq, 3);
    maybe_throw(Where::kInfer, c);
  };
  s.publish = [](Chunk&) {};
  s.test = [&](Chunk& c) {
    Delay(c.seq, 5);
    maybe_throw(Where::kTest, c);
  };
  s.write = [&](Chunk& c) {
    maybe_throw(Where::kWrite, c);
    run.written.push_back(c.seq);
  };
  try {
    RunOn4(s, kLimit, pool);
  } catch (const std::runtime_error& e) {
    run.threw = true;
    run.message = e.what();
  }
  run.reads = source.reads;
  run.distinct = source.distinct;
  return run;
}

}  // namespace

TEST_CASE("pipeline: an exception in a stage ends the run and is rethrown", "[pipeline]") {
  constexpr uint64_t kBad = 37;
  for (Where where : {Where::kParse, Where::kInfer, Where::kTest, Where::kDefine, Where::kWrite}) {
    INFO("stage " << static_cast<int>(where));
    FailingRun run = RunFailing(where, kBad, nullptr);
    REQUIRE(run.threw);
    CHECK(run.message == "stage failed on chunk 37");
    // What is written is a prefix of the input, in order, and stops before
    // the failing chunk: the in-order writer waits for it and it never comes.
    REQUIRE(run.written.size() <= kBad);
    CHECK(run.written == Iota(run.written.size()));
    // The run ends: the limiter lets at most 4 chunks past the written ones,
    // plus the one the source holds.
    CHECK(run.reads <= run.written.size() + 4 + 1);
    CHECK(run.reads >= kBad + 1);
  }
  // A serial writer that fails has written every chunk before the failing one.
  CHECK(RunFailing(Where::kWrite, kBad, nullptr).written == Iota(kBad));
}

TEST_CASE("pipeline: an exception in read is rethrown", "[pipeline]") {
  FailingRun run = RunFailing(Where::kRead, 5, nullptr);
  REQUIRE(run.threw);
  CHECK(run.message == "read failed");
  CHECK(run.reads == 5);
  CHECK(run.written.size() <= 5);
  CHECK(run.written == Iota(run.written.size()));
}

TEST_CASE("pipeline: after a failed run every pooled chunk is back in the pool", "[pipeline]") {
  ffb::ChunkPool pool;
  FailingRun run = RunFailing(Where::kInfer, 20, &pool);
  REQUIRE(run.threw);
  std::set<const Chunk*> back;
  std::vector<std::unique_ptr<Chunk>> held;
  for (size_t k = 0; k < run.distinct.size(); ++k) {
    held.push_back(pool.Acquire());
    back.insert(held.back().get());
  }
  CHECK(back == run.distinct);
}
