// ffgen: writes a synthetic corpus of Forth word specs (JSON Lines) for
// ffbatch tests and benchmarks, deterministic for a seed.
//
//   ffgen --count 100000 --seed 7 --bad-fraction 0.05 -o specs.jsonl --stats
//
// Good lines come from the families in gen_families.h, with expected test
// outputs computed here with the dialect's exact semantics. Bad lines (see
// gen_bad_lines.h and datasets/README.md) are spread by a seeded hash of the
// line number; their kinds rotate so each kind gets an equal share.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "engine/core/run_error.h"
#include "gen_bad_lines.h"
#include "gen_families.h"
#include "gen_programs.h"
#include "gen_rng.h"
#include "gen_spec.h"
#include "gen_test_cases.h"

namespace ffgen {
namespace {

struct Options {
  uint64_t count = 0;
  uint64_t seed = 42;
  double bad_fraction = 0.05;
  std::string output;  // empty: stdout
  std::string labels;  // empty: none
  bool bom = false;
  bool no_final_newline = false;
  bool stats = false;
};

// Buffered writer: one fwrite per MiB, no per-line flush.
class Sink {
 public:
  explicit Sink(FILE* f) : f_(f) { buf_.reserve(kFlushBytes + (2u << 20)); }
  std::string& buf() { return buf_; }
  bool MaybeFlush() { return buf_.size() < kFlushBytes || Flush(); }
  bool Flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) return false;
    buf_.clear();
    return true;
  }

 private:
  static constexpr size_t kFlushBytes = 1u << 20;
  FILE* f_;
  std::string buf_;
};

// Names of recent good lines, for duplicate_name lines.
class GoodNameRing {
 public:
  void Add(uint64_t line, Family f) {
    items_[next_] = {line, f};
    next_ = (next_ + 1) % items_.size();
    if (count_ < items_.size()) ++count_;
  }
  size_t count() const { return count_; }
  void AppendPick(SplitMix64& r, std::string& out) const {
    const auto& it = items_[r.Below(count_)];
    AppendWordName(out, it.first, it.second);
  }

 private:
  std::array<std::pair<uint64_t, Family>, 256> items_{};
  size_t next_ = 0, count_ = 0;
};

class Generator {
 public:
  explicit Generator(const Options& o) : o_(o), rng_{o.seed} {
    if (o.bad_fraction >= 1.0) {
      bad_threshold_ = UINT64_MAX;
    } else {
      bad_threshold_ = static_cast<uint64_t>(o.bad_fraction * 18446744073709551616.0);
    }
    // line_too_long: at most one per 100k lines and two per file; one as soon
    // as the file has 1000 lines, placed in the middle of its share.
    if (o.bad_fraction > 0 && o.count >= 1000) {
      long_lines_ = std::min<uint64_t>(2, std::max<uint64_t>(1, o.count / 100000));
    }
  }

  // Kind of line `index` (0-based): -1 good, else a BadKind.
  int Classify(uint64_t index) {
    const uint64_t n = o_.count;
    for (uint64_t k = 0; k < long_lines_; ++k) {
      if (index == (2 * k + 1) * n / (2 * long_lines_))
        return static_cast<int>(BadKind::kLineTooLong);
    }
    // The first and last lines are always good: a BOM or a missing final
    // newline never lands on a line that is bad for another reason.
    if (index == 0 || index + 1 == n || bad_threshold_ == 0) return -1;
    if (Mix64(o_.seed * 0x9E3779B97F4A7C15ull + index + 0x5851F42D4C957F2Dull) >= bad_threshold_ &&
        bad_threshold_ != UINT64_MAX)
      return -1;
    static constexpr BadKind kRotation[] = {
        BadKind::kMalformedJson,  BadKind::kInvalidUtf8,         BadKind::kNulByte,
        BadKind::kNotObject,      BadKind::kTrailingGarbage,     BadKind::kDuplicateKey,
        BadKind::kIntOutOfRange,  BadKind::kBlankLine,           BadKind::kCrlf,
        BadKind::kBadName,        BadKind::kUnknownType,         BadKind::kEmptyEffect,
        BadKind::kBadConstraint,  BadKind::kConstraintViolation, BadKind::kArityMismatch,
        BadKind::kWrongValueType, BadKind::kUnknownTag,          BadKind::kBadSemver,
        BadKind::kBadTimestamp,   BadKind::kUnknownField,        BadKind::kDuplicateName};
    return static_cast<int>(kRotation[bad_seq_++ % std::size(kRotation)]);
  }

  // Appends line `index` (without terminator) to `line`; returns the kind.
  int Make(uint64_t index, std::string& line, std::string_view& code) {
    const uint64_t line_no = index + 1;
    int kind = Classify(index);
    draft_.Clear();
    if (kind < 0) {
      Family f = static_cast<Family>(rng_.Below(static_cast<uint64_t>(Family::kCount)));
      if (f == Family::kCall && ring_.count() == 0) f = Family::kAffine;
      BuildFamily(f, line_no, rng_, ring_, draft_, prog_);
      FillTests(rng_, prog_, draft_);
      FillMetadata(rng_, draft_);
      WriteSpec(draft_, line);
      if (IsCallable(prog_)) ring_.Add(Callable{prog_, line_no});
      good_names_.Add(line_no, f);
      ++good_;
      code = "-";
      return kind;
    }
    BadKind k = static_cast<BadKind>(kind);
    const size_t ki = static_cast<size_t>(kind);
    unsigned v = static_cast<unsigned>(bad_counts_[ki] % kVariantCount[ki]);
    ++bad_counts_[ki];
    code = ExpectedCode(k, v);
    if (k == BadKind::kBlankLine) return kind;
    Family f = NeedsIntInput(k)
                   ? Family::kAffine
                   : static_cast<Family>(rng_.Below(static_cast<uint64_t>(Family::kCount)));
    if (f == Family::kCall && ring_.count() == 0) f = Family::kAffine;
    BuildFamily(f, line_no, rng_, ring_, draft_, prog_);
    FillTests(rng_, prog_, draft_);
    FillMetadata(rng_, draft_);
    earlier_.clear();
    if (k == BadKind::kDuplicateName) good_names_.AppendPick(rng_, earlier_);
    MutateDraft(k, v, line_no, rng_, prog_, draft_, earlier_);
    WriteSpec(draft_, line);
    MutateLine(k, v, line, draft_);
    return kind;
  }

  uint64_t good() const { return good_; }
  const std::array<uint64_t, kBadKindCount>& bad_counts() const { return bad_counts_; }

 private:
  const Options& o_;
  SplitMix64 rng_;
  uint64_t bad_threshold_ = 0;
  uint64_t long_lines_ = 0;
  uint64_t bad_seq_ = 0;
  uint64_t good_ = 0;
  std::array<uint64_t, kBadKindCount> bad_counts_{};
  Draft draft_;
  Prog prog_;
  CallableRing ring_;
  GoodNameRing good_names_;
  std::string earlier_;
};

int Run(const Options& o) {
  FILE* out = stdout;
  if (!o.output.empty()) {
    out = std::fopen(o.output.c_str(), "wb");
    if (!out) {
      fmt::print(stderr, "ffgen: cannot create {}: {}\n", o.output, std::strerror(errno));
      return ffb::ToInt(ffb::ExitCode::kCannotCreate);
    }
  }
  FILE* labels = nullptr;
  if (!o.labels.empty()) {
    labels = std::fopen(o.labels.c_str(), "wb");
    if (!labels) {
      fmt::print(stderr, "ffgen: cannot create {}: {}\n", o.labels, std::strerror(errno));
      return ffb::ToInt(ffb::ExitCode::kCannotCreate);
    }
  }
  Sink sink(out);
  Sink label_sink(labels ? labels : stdout);
  Generator gen(o);
  std::string& buf = sink.buf();
  if (o.bom) buf += "\xEF\xBB\xBF";
  std::string line;  // one line at a time: bad-line mutations rewrite it whole
  bool ok = true;
  for (uint64_t i = 0; i < o.count && ok; ++i) {
    std::string_view code;
    line.clear();
    int kind = gen.Make(i, line, code);
    buf += line;
    bool last = i + 1 == o.count;
    if (kind == static_cast<int>(BadKind::kCrlf)) buf += '\r';
    if (!(last && o.no_final_newline)) buf += '\n';
    ok = sink.MaybeFlush();
    if (labels) {
      fmt::format_to(std::back_inserter(label_sink.buf()), "{}\t{}\t{}\n", i + 1,
                     kind < 0 ? std::string_view("good") : BadKindName(static_cast<BadKind>(kind)),
                     code);
      ok = ok && label_sink.MaybeFlush();
    }
  }
  ok = ok && sink.Flush() && std::fflush(out) == 0;
  if (labels) ok = ok && label_sink.Flush() && std::fclose(labels) == 0;
  if (out != stdout) ok = std::fclose(out) == 0 && ok;
  if (!ok) {
    fmt::print(stderr, "ffgen: write failed: {}\n", std::strerror(errno));
    return ffb::ToInt(ffb::ExitCode::kIoError);
  }
  if (o.stats) {
    uint64_t bad = 0;
    for (uint64_t c : gen.bad_counts()) bad += c;
    std::string s = fmt::format("ffgen: lines={} good={} bad={}", o.count, gen.good(), bad);
    for (size_t k = 0; k < kBadKindCount; ++k)
      fmt::format_to(std::back_inserter(s), " {}={}", kBadKindNames[k], gen.bad_counts()[k]);
    fmt::print(stderr, "{}\n", s);
  }
  return 0;
}

}  // namespace
}  // namespace ffgen

int main(int argc, char** argv) {
  ffgen::Options o;
  CLI::App app{"ffgen: write a synthetic corpus of Forth word specs (JSON Lines)"};
  app.add_option("-n,--count", o.count, "number of lines to write")->required();
  app.add_option("-s,--seed", o.seed, "seed; the same seed gives the same bytes")->default_val(42);
  app.add_option("-b,--bad-fraction", o.bad_fraction, "share of bad lines, 0..1")
      ->default_val(0.05)
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("-o,--output", o.output, "output file (default: stdout)");
  app.add_option("--labels", o.labels,
                 "also write LINE<TAB>KIND<TAB>EXPECTED_CODE for every line to this file");
  app.add_flag("--bom", o.bom, "start the file with a UTF-8 byte order mark");
  app.add_flag("--no-final-newline", o.no_final_newline, "omit the last line's terminator");
  app.add_flag("--stats", o.stats, "print a one-line summary to stderr at the end");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : ffb::ToInt(ffb::ExitCode::kUsage);
  }
  return ffgen::Run(o);
}
