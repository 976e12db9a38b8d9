#include "jobs/progress_line.h"

#include <fmt/format.h>
#include <unistd.h>

namespace ffb {

namespace {

std::string Hms(double secs) {
  auto t = static_cast<uint64_t>(secs + 0.5);
  if (t >= 3600) return fmt::format("{}:{:02}:{:02}", t / 3600, t / 60 % 60, t % 60);
  return fmt::format("{}:{:02}", t / 60, t % 60);
}

uint64_t Count(const RunStats& s, Status st) { return s.per_status[static_cast<size_t>(st)]; }

}  // namespace

bool ProgressEnabled(ProgressMode mode) {
  switch (mode) {
    case ProgressMode::kAlways:
      return true;
    case ProgressMode::kNever:
      return false;
    case ProgressMode::kAuto:
      return ::isatty(STDERR_FILENO) != 0;
  }
  return false;
}

std::string FormatProgress(const RunStats& s, const InputSize& size, double elapsed) {
  std::string line;
  double fraction = -1;
  if (size.known && size.bytes > 0) {
    fraction = static_cast<double>(s.input_bytes) / static_cast<double>(size.bytes);
    if (fraction > 1) fraction = 1;
    line += fmt::format("{:5.1f}%  ", fraction * 100);
  }
  const double rate = elapsed > 0 ? static_cast<double>(s.records_out) / elapsed : 0.0;
  line += fmt::format(
      "{} specs  {:.0f} specs/s  ok {}  failed {}  rejected {}  elapsed {}", s.records_out, rate,
      Count(s, Status::kOk),
      Count(s, Status::kInvalid) + Count(s, Status::kMismatch) + Count(s, Status::kFailed),
      Count(s, Status::kRejected), Hms(elapsed));
  if (fraction > 0) {
    line += fmt::format("  ETA {}", Hms(elapsed * (1 - fraction) / fraction));
  } else if (fraction == 0) {
    line += "  ETA -";
  }
  return line;
}

ProgressLine::ProgressLine(bool enabled, InputSize size, std::FILE* to)
    : enabled_(enabled), size_(size), to_(to), start_(Clock::now()) {}

void ProgressLine::Update(const RunStats& s) {
  if (!enabled_) return;
  auto now = Clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  drawn_ = true;
  std::string line = FormatProgress(s, size_, std::chrono::duration<double>(now - start_).count());
  std::fprintf(to_, "\r\033[K%s", line.c_str());
  std::fflush(to_);
}

void ProgressLine::Done() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\033[K", to_);
  std::fflush(to_);
}

}  // namespace ffb
