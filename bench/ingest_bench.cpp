// Ingest benchmark (issue 2): on one corpus, in one process,
//   BareSimdjson   - the floor: every line parsed with simdjson On Demand and
//                    every value visited, nothing stored;
//   IngestValidateDefine - ffbatch's read + parse + validate + define, one
//                    thread, no pipeline;
//   Pipeline/T     - the same stages in the TBB flow graph with T threads
//                    (the writer stage only counts);
//   Read/Plain, Read/Zstd - LineReader alone on the corpus and on a zstd copy
//                    of it (written once, beside /tmp), bytes = decompressed.
// Usage: FFBATCH_BENCH_CORPUS=corpus.jsonl ./build/bench/ingest_bench
// (bench/run_benchmarks.sh generates the corpus with ffgen first).
#include <benchmark/benchmark.h>
#include <oneapi/tbb/task_arena.h>
#include <simdjson.h>
#include <zstd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "engine/define/define_stage.h"
#include "engine/pipeline/pipeline.h"
#include "engine/validate/validate.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"

namespace {

std::string CorpusPath() {
  const char* p = std::getenv("FFBATCH_BENCH_CORPUS");
  if (p == nullptr) {
    std::cerr << "set FFBATCH_BENCH_CORPUS to a JSONL corpus (see bench/run_benchmarks.sh)\n";
    std::exit(64);
  }
  return p;
}

int64_t CorpusSize() {
  std::ifstream in(CorpusPath(), std::ios::binary | std::ios::ate);
  return static_cast<int64_t>(in.tellg());
}

const std::string& CorpusBytes() {
  static std::string bytes = [] {
    std::ifstream in(CorpusPath(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  return bytes;
}

namespace od = simdjson::ondemand;

uint64_t Visit(od::value v) {
  uint64_t n = 1;
  od::json_type t;
  if (v.type().get(t)) return n;
  switch (t) {
    case od::json_type::object: {
      od::object o;
      if (v.get_object().get(o)) return n;
      for (auto f : o) {
        od::value fv;
        if (f.value().get(fv)) return n;
        n += Visit(fv);
      }
      break;
    }
    case od::json_type::array: {
      od::array a;
      if (v.get_array().get(a)) return n;
      for (auto item : a) {
        od::value iv;
        if (item.get(iv)) return n;
        n += Visit(iv);
      }
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      if (v.get_string().get(s)) return n;
      break;
    }
    case od::json_type::number: {
      int64_t i;
      if (v.get_int64().get(i)) {
        double d;
        if (v.get_double().get(d)) return n;
      }
      break;
    }
    default:
      break;
  }
  return n;
}

void BareSimdjson(benchmark::State& state) {
  const std::string& bytes = CorpusBytes();
  // One padded copy, so every line can be parsed in place as ffbatch does.
  simdjson::padded_string padded(bytes);
  od::parser parser;
  uint64_t lines = 0;
  for (auto _ : state) {
    uint64_t values = 0;
    const char* p = padded.data();
    const char* end = p + bytes.size();
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (nl == nullptr) nl = end;
      size_t len = nl - p;
      od::document doc;
      if (len > 0 && !parser.iterate(p, len, (padded.data() + padded.size() + 64) - p).get(doc)) {
        od::value v;
        if (!doc.get_value().get(v)) values += Visit(v);
      }
      ++lines;
      p = nl + 1;
    }
    benchmark::DoNotOptimize(values);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes.size()) * state.iterations());
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsRate);
}

void IngestValidateDefine(benchmark::State& state) {
  std::string path = CorpusPath();
  uint64_t rows = 0;
  ffb::ChunkPool pool;
  for (auto _ : state) {
    ffb::LineReader reader({path}, {}, &pool);
    ffb::Dictionary dict;
    ffb::ParseLimits limits;
    ffb::ValidateOptions vopt;
    std::vector<std::string> names{path};
    while (auto chunk = reader.Next()) {
      ffb::ParseChunk(*chunk, limits);
      ffb::Validate(*chunk, vopt);
      ffb::Define(*chunk, dict, names);
      rows += chunk->table.rows();
      pool.Release(std::move(chunk));
    }
  }
  state.SetBytesProcessed(CorpusSize() * state.iterations());
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

void Pipeline(benchmark::State& state) {
  std::string path = CorpusPath();
  int threads = static_cast<int>(state.range(0));
  uint64_t rows = 0;
  ffb::ChunkPool pool;
  for (auto _ : state) {
    ffb::LineReader reader({path}, {}, &pool);
    ffb::Dictionary dict;
    ffb::ParseLimits limits;
    ffb::ValidateOptions vopt;
    std::vector<std::string> names{path};
    ffb::PipelineStages stages;
    stages.read = [&] { return reader.Next(); };
    stages.parse = [&](ffb::Chunk& c) { ffb::ParseChunk(c, limits); };
    stages.validate = [&](ffb::Chunk& c) { ffb::Validate(c, vopt); };
    stages.generate = [](ffb::Chunk&) {};
    stages.define = [&](ffb::Chunk& c) { ffb::Define(c, dict, names); };
    stages.infer = [](ffb::Chunk&) {};
    stages.compile = [](ffb::Chunk&) {};
    stages.publish = [](ffb::Chunk&) {};
    stages.test = [](ffb::Chunk&) {};
    stages.write = [&](ffb::Chunk& c) { rows += c.table.rows(); };
    tbb::task_arena arena(threads);
    arena.execute([&] { ffb::RunPipeline(stages, static_cast<size_t>(2 * threads + 2), &pool); });
  }
  state.SetBytesProcessed(CorpusSize() * state.iterations());
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

std::string ZstdCorpusPath() {
  static const std::string path = [] {
    std::ifstream in(CorpusPath(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string packed(::ZSTD_compressBound(text.size()), '\0');
    size_t n = ::ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 3);
    std::string out = "/tmp/ffbatch-ingest-bench.jsonl.zst";
    std::ofstream(out, std::ios::binary).write(packed.data(), static_cast<std::streamsize>(n));
    return out;
  }();
  return path;
}

// Read only: range(0) 0 = the plain corpus, 1 = its zstd copy.
void Read(benchmark::State& state) {
  std::string path = state.range(0) == 0 ? CorpusPath() : ZstdCorpusPath();
  uint64_t rows = 0;
  ffb::ChunkPool pool;
  for (auto _ : state) {
    ffb::LineReader reader({path}, {}, &pool);
    while (auto chunk = reader.Next()) {
      rows += chunk->table.rows();
      pool.Release(std::move(chunk));
    }
  }
  state.SetBytesProcessed(CorpusSize() * state.iterations());
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BareSimdjson)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(IngestValidateDefine)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Pipeline)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(Read)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
