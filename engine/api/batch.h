// The library entry point: run a batch of spec inputs through the pipeline
// into an output directory (results.jsonl, rejects.jsonl, summary.json,
// profile.json). Checks every input opens before OUT is created, so a run
// that cannot start creates nothing. Throws RunError for run-fatal problems; per-spec problems
// are in the outputs and the returned counts. Holds OUT/.ffbatch.lock for
// the whole run: a second run into the same OUT throws RunError(kCannotCreate).
// OUT must be empty or hold an earlier run's OUT/manifest.json (unless
// force); the files that manifest lists and this run did not write are
// removed at the end, and the new manifest is written last.
//
//   ffb::BatchOptions opt;
//   opt.inputs = {"specs.jsonl"};  opt.out_dir = "out";
//   ffb::BatchResult r = ffb::RunBatch(opt);
//   bool all_ok = r.stats.AllOk();
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/run_error.h"
#include "engine/pipeline/run_stats.h"

namespace ffb {

struct BatchOptions {
  std::vector<std::string> inputs;  // paths; "-" is stdin
  std::string out_dir;              // empty: no directory (only with results_to_stdout)
  // results.jsonl records go to stdout as each chunk is written (`-o -`,
  // `--results -`); with an out_dir the other outputs still go there.
  bool results_to_stdout = false;
  bool compress_zstd = false;  // results.jsonl.zst and rejects.jsonl.zst (not stdout)
  int threads = 0;             // 0: every core
  bool strict = false;
  size_t max_line_bytes = 1u << 20;
  size_t chunk_lines = 4096;
  size_t max_chunks_in_flight = 0;  // 0: 2 * threads + 2
  size_t max_fixes = 3;             // verified fix suggestions per failing body
  bool native = true;               // compile to x86-64, run tests natively, write objects
  size_t words_per_object = 4096;   // words per OUT/obj/part-NNNNN.o
  // Pattern library for implementation.pattern and heuristics; null means
  // the built-in library. RunBatch throws RunError(kUsage) if it has errors.
  std::vector<std::string> pattern_files;  // --patterns: add to / override built-in
  // --force: write into a non-empty OUT that has no ffbatch manifest
  // (deleting nothing already there); otherwise RunError(kCannotCreate).
  bool force = false;
  // Called by the writer after each chunk, serially; for progress display.
  std::function<void(const RunStats&)> on_chunk;
  // Called by the writer after each chunk, serially; true stops reading new
  // input (--fail-fast). Chunks already read are still finished and written,
  // so every output stays consistent with the counts.
  std::function<bool(const RunStats&)> stop_reading;
};

BatchResult RunBatch(const BatchOptions& options);

}  // namespace ffb
