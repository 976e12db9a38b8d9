// The ffbatch command line: batch runs over spec corpora, plus one-off agent
// verbs. Maps run-fatal errors to sysexits codes (DESIGN.md §6).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "engine/api/batch.h"
#include "engine/core/run_error.h"
#include "io/input/simdjson_kernel.h"
#include "io/output/stdout_sink.h"
#include "io/output/temp_registry.h"
#include "io/patterns/pattern_sources.h"
#include "jobs/verbs/verb_codes.h"
#include "jobs/verbs/verb_infer.h"
#include "jobs/verbs/verb_patterns.h"
#include "kernels/constraint_check.h"
#include "kernels/effect_compose.h"

namespace {

using ffb::ExitCode;

std::string VersionText() {
  return fmt::format(
      "ffbatch {}\nbuilt for -march={}\nsimdjson On Demand kernel: {} (compiled in)\n"
      "simdjson runtime kernel (UTF-8 checks): {}\n"
      "Highway kernels (dispatched at run time): effect compose {}, constraint check {}\n",
      FFBATCH_VERSION, FFBATCH_ARCH, ffb::SimdjsonKernel(), ffb::SimdjsonRuntimeKernel(),
      ffb::ComposeEffectsTargetName(), ffb::CheckConstraintsTargetName());
}

// A single status line, redrawn at most every 200 ms, only on a terminal.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  void Update(const ffb::RunStats& s) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    Draw(s);
  }
  void Done(const ffb::RunStats& s) {
    if (!enabled_) return;
    Draw(s);
    std::fputc('\n', stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  void Draw(const ffb::RunStats& s) {
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    std::fprintf(stderr, "\r%llu lines  %.1f MB/s  %llu rejects  ",
                 static_cast<unsigned long long>(s.lines_in),
                 secs > 0 ? static_cast<double>(s.input_bytes) / 1e6 / secs : 0.0,
                 static_cast<unsigned long long>(s.rejects_out));
    std::fflush(stderr);
  }
  bool enabled_;
  Clock::time_point start_, last_{};
};

// SIGINT/SIGTERM: remove every temporary output file (nothing renamed into
// place yet looks finished without summary.json) and exit 128+signal.
extern "C" void OnTerminatingSignal(int sig) {
  ffb::RemoveRegisteredTemps();
  const char* message = sig == SIGINT ? "ffbatch: interrupted (SIGINT); temporary files removed\n"
                                      : "ffbatch: terminated (SIGTERM); temporary files removed\n";
  ssize_t ignored = ::write(STDERR_FILENO, message, std::strlen(message));
  (void)ignored;
  ::_exit(128 + sig);
}

// A signal the parent ignores (a background job of a non-interactive shell
// ignores SIGINT) stays ignored, as POSIX shells expect.
void InstallSignalHandlers() {
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout is EPIPE from write()
  for (int sig : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    ::sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;
    struct sigaction act {};
    act.sa_handler = OnTerminatingSignal;
    sigemptyset(&act.sa_mask);
    ::sigaction(sig, &act, nullptr);
  }
}

int RunMain(const ffb::BatchOptions& base, bool quiet) {
  ffb::BatchOptions options = base;
  Progress progress(!quiet && ::isatty(STDERR_FILENO));
  options.on_chunk = [&](const ffb::RunStats& s) { progress.Update(s); };
  ffb::BatchResult result = ffb::RunBatch(options);
  const ffb::RunStats& s = result.stats;
  progress.Done(s);
  if (!s.Accounted()) {
    std::fprintf(stderr, "ffbatch: internal error: %llu lines in but %llu records + %llu blank\n",
                 static_cast<unsigned long long>(s.lines_in),
                 static_cast<unsigned long long>(s.records_out),
                 static_cast<unsigned long long>(s.blank_lines));
    return static_cast<int>(ExitCode::kInternal);
  }
  if (!quiet) {
    std::string line = fmt::format("ffbatch: {} lines ({} blank), {} records:", s.lines_in,
                                   s.blank_lines, s.records_out);
    for (int k = 0; k < ffb::kStatusCount; ++k) {
      if (s.per_status[k] > 0) {
        line +=
            fmt::format(" {} {}", ffb::StatusName(static_cast<ffb::Status>(k)), s.per_status[k]);
      }
    }
    std::string where = options.out_dir;
    if (options.results_to_stdout) where = where.empty() ? "stdout" : "stdout + " + where;
    line += fmt::format("; {:.2f} s -> {}\n", result.wall_seconds, where);
    std::fputs(line.c_str(), stderr);
  }
  return static_cast<int>(s.AllOk() ? ExitCode::kOk : ExitCode::kNotOk);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "ffbatch: validate, generate, verify and compile Forth word specs (JSON Lines) in bulk.\n"
      "Every input line gets one record in OUT/results.jsonl; unusable lines also go to\n"
      "OUT/rejects.jsonl with their raw bytes. -o - (or --results - -o OUT) streams the\n"
      "records to stdout instead; a reader that closes the pipe ends the run with exit 0.\n"
      "Exit: 0 all ok, 65 some specs not ok, 64 usage, 66 input missing, 73/74 output not\n"
      "creatable (or in use)/writable (ENOSPC, EIO, stdout closed), 70 internal,\n"
      "130/143 SIGINT/SIGTERM (temporary files removed)."};
  app.set_version_flag("--version", VersionText());
  ffb::BatchOptions options;
  bool quiet = false;
  app.add_option("inputs", options.inputs, "spec files (JSON Lines); - reads stdin");
  app.add_option("-o,--output", options.out_dir,
                 "output directory (created if missing); - streams results.jsonl records to "
                 "stdout and writes no files");
  std::string results_to;
  app.add_option("--results", results_to,
                 "- streams results.jsonl records to stdout, in input order, as chunks finish; "
                 "with -o DIR the Forth, objects, header, rejects and summary go to DIR")
      ->check(CLI::IsMember({"-"}));
  app.add_option("--threads", options.threads, "worker threads (default: every core)")
      ->check(CLI::Range(1, 1024));
  app.add_flag("--strict", options.strict,
               "warnings become errors; description, properties, tests and a base_case "
               "test are required");
  app.add_flag("-q,--quiet", quiet, "no progress line and no final summary on stderr");
  app.add_option("--max-line-bytes", options.max_line_bytes, "longer lines are rejected with E0103")
      ->default_val(options.max_line_bytes)
      ->check(CLI::Range(size_t{64}, size_t{1} << 30));
  app.add_option("--chunk-lines", options.chunk_lines, "lines per chunk (unit of parallel work)")
      ->default_val(options.chunk_lines)
      ->check(CLI::Range(size_t{1}, size_t{1} << 20));
  bool no_native = false;
  app.add_flag("--no-native", no_native,
               "no x86-64 code: tests run in the interpreter only, no OUT/obj or OUT/include");
  app.add_option("--words-per-object", options.words_per_object,
                 "words per ELF object OUT/obj/part-NNNNN.o")
      ->default_val(options.words_per_object)
      ->check(CLI::Range(size_t{1}, size_t{1} << 24));
  app.add_option("--max-in-flight", options.max_chunks_in_flight,
                 "chunks in flight at once (bounds memory; default 2*threads+2)");

  CLI::App* infer = app.add_subcommand(
      "infer", "infer the stack effect of one Forth body (exit 0 valid, 65 not, 64 usage)");
  std::string infer_code;
  bool infer_json = false;
  infer->add_option("code", infer_code, "the body, e.g. \"dup *\"")->required();
  infer->add_flag("--json", infer_json,
                  "one JSON object: valid, inferred, inputs, outputs, "
                  "max_depth, errors, fixes");
  CLI::App* verify = app.add_subcommand(
      "verify", "check a body against a declared effect (exit 0 valid, 65 not, 64 usage)");
  std::string verify_code, verify_effect;
  bool verify_json = false;
  verify->add_option("code", verify_code, "the body, e.g. \"dup *\"")->required();
  verify->add_option("effect", verify_effect, "the declared effect, e.g. \"( n -- n² )\"")
      ->required();
  verify->add_flag("--json", verify_json, "one JSON object, as for infer");
  std::vector<std::string> pattern_files;
  app.add_option("--patterns", pattern_files,
                 "JSONL pattern file(s) adding to or overriding the built-in library by id")
      ->check(CLI::ExistingFile);
  CLI::App* patterns = app.add_subcommand(
      "patterns",
      "query the pattern library: list [--category C] [--tag T] [--effect \"( n -- n )\"] "
      "[--json] | show ID [--json] | search TEXT [--json]");
  patterns->allow_extras();
  patterns->prefix_command();
  CLI::App* codes = app.add_subcommand("codes", "print the table of error and warning codes");
  bool codes_markdown = false;
  codes->add_flag("--markdown", codes_markdown, "as the Markdown table in the README");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::kUsage);
  }

  if (infer->parsed()) return ffb::RunInferVerb(infer_code, infer_json, std::cout);
  if (verify->parsed()) {
    return ffb::RunVerifyVerb(verify_code, verify_effect, verify_json, std::cout);
  }
  if (patterns->parsed()) {
    ffb::PatternLoad lib = ffb::LoadRunPatterns(pattern_files);
    if (!lib.ok()) {
      for (const auto& e : lib.errors) std::fprintf(stderr, "ffbatch: %s\n", e.Format().c_str());
      return static_cast<int>(ExitCode::kUsage);
    }
    return ffb::RunPatternsVerb(patterns->remaining(), lib.library, std::cout, std::cerr);
  }
  options.pattern_files = pattern_files;
  options.native = !no_native;
  if (codes->parsed()) {
    std::fputs(ffb::FormatCodeTable(codes_markdown).c_str(), stdout);
    return 0;
  }
  if (options.out_dir == "-") {
    options.out_dir.clear();
    options.results_to_stdout = true;
  }
  if (results_to == "-") options.results_to_stdout = true;
  if (options.inputs.empty() || (options.out_dir.empty() && !options.results_to_stdout)) {
    std::fprintf(stderr, "ffbatch: %s\nRun with --help for usage.\n",
                 options.inputs.empty() ? "no input given (a file, or - for stdin)"
                                        : "no output directory given (-o OUT)");
    return static_cast<int>(ExitCode::kUsage);
  }
  InstallSignalHandlers();
  try {
    return RunMain(options, quiet);
  } catch (const ffb::StdoutClosed&) {
    return 0;  // `| head`: the reader has what it wanted (as ripgrep does)
  } catch (const ffb::RunError& e) {
    std::fprintf(stderr, "ffbatch: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ffbatch: internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::kInternal);
  }
}
