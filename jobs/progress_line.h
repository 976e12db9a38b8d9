// The progress line on stderr: percent of input bytes (when the inputs'
// total size is known), elapsed time, ETA, specs/s and the counts of ok /
// failed (invalid, mismatch, failed) / rejected records, redrawn at most
// every 200 ms and cleared (not left behind) when the run ends.
//
//   ProgressLine p(enabled, size);   // enabled: --progress, or auto and a terminal
//   p.Update(stats);  ...  p.Done();
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "engine/pipeline/run_stats.h"
#include "io/input/input_preflight.h"

namespace ffb {

enum class ProgressMode { kAuto, kAlways, kNever };

// kAuto draws only when stderr is a terminal.
bool ProgressEnabled(ProgressMode mode);

// The text of one progress line (no \r, no newline), for `elapsed` seconds.
std::string FormatProgress(const RunStats& s, const InputSize& size, double elapsed);

class ProgressLine {
 public:
  ProgressLine(bool enabled, InputSize size, std::FILE* to = stderr);
  void Update(const RunStats& s);
  void Done();  // erases the line

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  InputSize size_;
  std::FILE* to_;
  bool drawn_ = false;
  Clock::time_point start_, last_{};
};

}  // namespace ffb
