#include "engine/api/batch.h"

#include <oneapi/tbb/task_arena.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "engine/api/name_scan.h"
#include "engine/cases/callee_gate.h"
#include "engine/cases/cases_stage.h"
#include "engine/check/check_stage.h"
#include "engine/core/run_error.h"
#include "engine/define/define_stage.h"
#include "engine/native/native_stage.h"
#include "engine/native/object_placement.h"
#include "engine/pipeline/pipeline.h"
#include "engine/resolve/resolve_stage.h"
#include "engine/validate/validate.h"
#include "io/input/input_preflight.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"
#include "io/json/json_escape.h"
#include "io/objects/object_writer.h"
#include "io/output/forth_writer.h"
#include "io/output/manifest.h"
#include "io/output/output_file.h"
#include "io/output/output_lock.h"
#include "io/output/output_ownership.h"
#include "io/output/result_writer.h"
#include "io/output/run_report.h"
#include "io/patterns/pattern_sources.h"

namespace ffb {

namespace {

// The options that change what a run writes (not threads, chunking or
// progress), as JSON values for the manifest.
std::vector<std::pair<std::string, std::string>> ResultOptions(const BatchOptions& o) {
  std::string patterns = "[";
  for (const ManifestFile& f : DescribeInputs(o.pattern_files, 0)) {
    if (patterns.size() > 1) patterns += ", ";
    patterns += "{\"path\": " + JsonQuoted(f.path) + ", \"bytes\": " + std::to_string(*f.bytes) +
                ", \"hash\": \"" + FormatHash(*f.hash) + "\"}";
  }
  patterns += "]";
  auto flag = [](bool b) { return std::string(b ? "true" : "false"); };
  return {{"native", flag(o.native)},
          {"strict", flag(o.strict)},
          {"words_per_object", std::to_string(o.words_per_object)},
          {"max_line_bytes", std::to_string(o.max_line_bytes)},
          {"max_fixes", std::to_string(o.max_fixes)},
          {"compress", o.compress_zstd ? "\"zstd\"" : "\"none\""},
          {"patterns", patterns}};
}

uint64_t PeakRssBytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace

BatchResult RunBatch(const BatchOptions& options) {
  auto start = std::chrono::steady_clock::now();
  BatchResult result;
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads < 1) threads = 1;
  result.threads = threads;
  size_t in_flight = options.max_chunks_in_flight > 0 ? options.max_chunks_in_flight
                                                      : static_cast<size_t>(2 * threads + 2);

  CheckInputs(options.inputs);  // throws before anything is created
  ReaderOptions reader_options;
  reader_options.chunk_lines = options.chunk_lines;
  reader_options.max_line_bytes = options.max_line_bytes;
  ChunkPool pool;
  LineReader reader(options.inputs, reader_options, &pool);
  ParseLimits limits;
  limits.max_line_bytes = options.max_line_bytes;
  ValidateOptions validate_options;
  validate_options.strict = options.strict;
  Dictionary dictionary;
  PatternLoad patterns = LoadRunPatterns(options.pattern_files);
  if (!patterns.ok()) {
    std::string message = "pattern library has errors:";
    for (const PatternLoadError& e : patterns.errors) message += "\n  " + e.Format();
    throw RunError(ExitCode::kUsage, message);
  }
  GenerateOptions generate_options;
  generate_options.patterns = &patterns.library;
  InferOptions infer_options;
  infer_options.max_fixes = options.max_fixes;
  NameIndex names(options.inputs, [&](NameIndex& ix) { ScanInputNames(options.inputs, ix); });
  infer_options.names = &names;
  // Every output file is created through `out`; the lock is held until
  // RunBatch returns, so a second run into the same OUT fails fast. With
  // results on stdout and no directory there is no `out` at all.
  std::optional<OutputDir> out;
  std::optional<OutputLock> lock;
  PriorRun prior;
  if (!options.out_dir.empty()) {
    out.emplace(OutputDir::Open(options.out_dir));
    lock.emplace(*out);  // first: a run in progress is "in use", not "not empty"
    try {
      prior = ClaimOutputDir(*out, options.force);
    } catch (const RunError&) {
      lock->RemoveIfCreated();  // a refused stranger's directory is left as it was
      throw;
    }
  }
  std::optional<ResultWriter> writer;
  const Compression compression = options.compress_zstd ? Compression::kZstd : Compression::kNone;
  if (options.results_to_stdout) {
    writer.emplace(out ? &*out : nullptr, options.inputs, compression);
  } else {
    writer.emplace(*out, options.inputs, compression);
  }
  RunStats stats;
  std::unique_ptr<ForthWriter> forth;
  if (out) forth = std::make_unique<ForthWriter>(*out, options.inputs);

  PipelineStages stages;
  std::atomic<bool> stop{false};
  stages.read = [&]() -> std::unique_ptr<Chunk> {
    if (stop.load(std::memory_order_acquire)) return nullptr;
    return reader.Next();
  };
  stages.parse = [&](Chunk& c) { ParseChunk(c, limits); };
  stages.validate = [&](Chunk& c) { Validate(c, validate_options); };
  stages.generate = [&](Chunk& c) { Generate(c, generate_options); };
  stages.define = [&](Chunk& c) { Define(c, dictionary, options.inputs); };
  stages.infer = [&](Chunk& c) { InferStage(c, dictionary, infer_options); };
  TestContext test_context;
  std::unique_ptr<NativeContext> native;
  std::unique_ptr<ObjectPlacement> placement;
  std::unique_ptr<ObjectWriter> objects;
  if (options.native) {
    native = std::make_unique<NativeContext>();
    placement = std::make_unique<ObjectPlacement>(static_cast<uint32_t>(options.words_per_object));
    if (out) objects = std::make_unique<ObjectWriter>(*out);
  }
  stages.compile = [&](Chunk& c) {
    CompileStage(c, dictionary);
    if (native) NativeCompile(c, dictionary);
  };
  stages.publish = [&](Chunk& c) {
    PublishStage(c, test_context, dictionary);
    if (native) NativePublish(c, *native);
  };
  stages.test = [&](Chunk& c) { TestStage(c, test_context, dictionary, native.get()); };
  stages.write = [&](Chunk& c) {
    auto t0 = std::chrono::steady_clock::now();
    GateCallers(c, test_context, dictionary);  // final statuses, before any writer
    if (placement) placement->Place(c);        // every writer sees the final object_part
    if (objects) objects->Write(c, dictionary);
    writer->Write(c);
    if (forth) forth->Write(c, dictionary);
    auto ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    CountChunk(c, stats);
    stats.stage_ns[static_cast<size_t>(TimedStage::kWrite)] += static_cast<uint64_t>(ns);
    if (options.on_chunk) options.on_chunk(stats);
    if (options.stop_reading && options.stop_reading(stats)) {
      stop.store(true, std::memory_order_release);
    }
  };

  tbb::task_arena arena(threads);
  arena.execute([&] { RunPipeline(stages, in_flight, &pool); });
  writer->Finish();
  if (forth) forth->Finish();
  if (objects) objects->Finish();

  result.stats = stats;
  result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.peak_rss_bytes = PeakRssBytes();
  if (out) {
    WriteReports(*out, result, options.inputs);
    // The earlier run's leftovers go first and the manifest last: a run
    // killed in between leaves the old manifest, and the files it lists that
    // this run rewrote no longer match its hashes, so they are kept later.
    const std::vector<std::string> written = out->CommittedFiles();
    result.output_notes = RemoveStaleFiles(*out, prior, written);
    Manifest manifest;
    manifest.engine_version = FFBATCH_VERSION;
    manifest.options = ResultOptions(options);
    manifest.inputs = DescribeInputs(options.inputs, stats.input_bytes);
    manifest.files = DescribeOutputs(*out, written);
    WriteManifest(*out, manifest);
  }
  return result;
}

}  // namespace ffb
