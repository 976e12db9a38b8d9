// Counts a run accumulates chunk by chunk in its write node (serial, in
// order), for summary.json and profile.json and the exit code. Timings are kept apart
// from counts: only counts go into deterministic outputs.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/core/spec_types.h"
#include "engine/core/timed_stage.h"

namespace ffb {

struct Chunk;  // engine/table/chunk.h; kept out of the public closure

struct RunStats {
  uint64_t lines_in = 0;  // every input line, blank or not
  uint64_t blank_lines = 0;
  uint64_t records_out = 0;  // lines in results.jsonl
  uint64_t rejects_out = 0;  // lines in rejects.jsonl
  uint64_t input_bytes = 0;
  uint64_t chunks = 0;
  uint64_t boms_stripped = 0;
  uint64_t tests_run = 0, tests_passed = 0;  // test cases executed (interpreter)
  std::array<uint64_t, kStatusCount> per_status{};
  std::map<std::string, uint64_t> error_codes;  // "E0100" -> rows with that error
  std::map<std::string, uint64_t> warning_codes;
  std::array<uint64_t, static_cast<size_t>(TimedStage::kCount)> stage_ns{};

  bool Accounted() const { return lines_in == records_out + blank_lines; }
  bool AllOk() const { return per_status[0] == records_out; }
};

// Adds one finished chunk (every stage run) to the run's counts.
void CountChunk(const Chunk& chunk, RunStats& stats);

// What a finished run reports: its counts and how it ran.
struct BatchResult {
  RunStats stats;
  double wall_seconds = 0;
  int threads = 0;
  uint64_t peak_rss_bytes = 0;
  // Files of an earlier run in OUT that were kept, not removed, and why.
  std::vector<std::string> output_notes;
};

}  // namespace ffb
