// The ffbatch command line: batch runs over spec corpora, plus one-off agent
// verbs. Maps run-fatal errors to sysexits codes (DESIGN.md §6).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "engine/api/batch.h"
#include "engine/core/run_error.h"
#include "engine/forth/stack_effect.h"
#include "io/input/input_preflight.h"
#include "io/input/simdjson_kernel.h"
#include "io/output/run_report.h"
#include "io/output/stdout_sink.h"
#include "io/output/temp_registry.h"
#include "io/patterns/pattern_sources.h"
#include "jobs/bad_record_policy.h"
#include "jobs/body_verb_args.h"
#include "jobs/did_you_mean.h"
#include "jobs/progress_line.h"
#include "jobs/verbs/verb_codes.h"
#include "jobs/verbs/verb_compose.h"
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

// Where `ffbatch specs.jsonl` writes without -o: one fixed directory in the
// current directory (as cargo's target/ or a DuckDB database file), never
// beside the input, which may be read-only or shared.
constexpr const char* kDefaultOutDir = "ffbatch-out";

struct CliChoices {
  bool quiet = false;  // -q: no progress line, no summary line
  ffb::ProgressMode progress = ffb::ProgressMode::kAuto;
  std::string summary_to;  // --summary FILE|-
  ffb::BadRecordPolicy policy;
};

// --summary FILE|-: the summary JSON that OUT/summary.json holds (also
// when there is no OUT, with -o -).
int WriteSummaryCopy(const std::string& text, const std::string& to) {
  if (to == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : static_cast<int>(ExitCode::kIoError);
  }
  std::ofstream f(to, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) {
    std::fprintf(stderr, "ffbatch: cannot write summary to '%s'\n", to.c_str());
    return static_cast<int>(ExitCode::kIoError);
  }
  return 0;
}

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

// Every --long option name of the app and its verbs, for did-you-mean.
std::vector<std::string> LongOptionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    std::vector<std::string> more = LongOptionNames(*sub);
    names.insert(names.end(), more.begin(), more.end());
  }
  return names;
}

// Every verb name at any depth (patterns list, ...), for did-you-mean.
std::vector<std::string> VerbNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    names.push_back(sub->get_name());
    std::vector<std::string> more = VerbNames(*sub);
    names.insert(names.end(), more.begin(), more.end());
  }
  return names;
}

// After a parse error: names the closest known option for each unknown
// --option on the command line, and the closest verb for a word where a
// verb goes (`patterns lst`).
void SuggestOptions(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> known = LongOptionNames(app);
  std::vector<std::string> verbs = VerbNames(app);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) {
      // Only where a verb goes: first, or right after a verb.
      const bool verb_place =
          i == 1 || std::find(verbs.begin(), verbs.end(), argv[i - 1]) != verbs.end();
      if (!verb_place || arg.empty() || arg[0] == '-') continue;
      if (std::find(verbs.begin(), verbs.end(), arg) != verbs.end()) continue;
      std::string near = ffb::ClosestName(arg, verbs);
      if (!near.empty()) {
        std::fprintf(stderr, "ffbatch: unknown verb '%s'; did you mean '%s'?\n", arg.c_str(),
                     near.c_str());
      }
      continue;
    }
    arg = arg.substr(0, arg.find('='));
    if (std::find(known.begin(), known.end(), arg) != known.end()) continue;
    std::string near = ffb::ClosestName(arg, known);
    if (!near.empty()) {
      std::fprintf(stderr, "ffbatch: unknown option '%s'; did you mean '%s'?\n", arg.c_str(),
                   near.c_str());
    }
  }
}

// A first input that does not exist but is a typo of a verb is one.
std::string VerbTypo(const CLI::App& app, const std::vector<std::string>& inputs) {
  if (inputs.empty() || inputs[0] == "-" || std::filesystem::exists(inputs[0])) return "";
  std::vector<std::string> verbs;
  for (const CLI::App* sub : app.get_subcommands({})) verbs.push_back(sub->get_name());
  return ffb::ClosestName(inputs[0], verbs);
}

int RunMain(const ffb::BatchOptions& base, const CliChoices& cli) {
  ffb::BatchOptions options = base;
  ffb::InputSize size = ffb::CheckInputs(options.inputs);  // 66 before anything is created
  ffb::ProgressLine progress(!cli.quiet && ffb::ProgressEnabled(cli.progress), size);
  options.on_chunk = [&](const ffb::RunStats& s) { progress.Update(s); };
  if (cli.policy.fail_fast) {
    options.stop_reading = [&](const ffb::RunStats& s) { return cli.policy.Over(s); };
  }
  ffb::BatchResult result = ffb::RunBatch(options);
  const ffb::RunStats& s = result.stats;
  progress.Done();
  for (const std::string& note : result.output_notes) {
    std::fprintf(stderr, "ffbatch: %s\n", note.c_str());
  }
  if (!s.Accounted()) {
    std::fprintf(stderr, "ffbatch: internal error: %llu lines in but %llu records + %llu blank\n",
                 static_cast<unsigned long long>(s.lines_in),
                 static_cast<unsigned long long>(s.records_out),
                 static_cast<unsigned long long>(s.blank_lines));
    return static_cast<int>(ExitCode::kInternal);
  }
  const bool over = cli.policy.Over(s);
  if (!cli.quiet) {
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
    const uint64_t bad = ffb::BadRecords(s);
    if (bad > 0 && (cli.policy.max_records || cli.policy.max_fraction)) {
      std::fprintf(stderr, "ffbatch: %llu bad records: %s the limit\n",
                   static_cast<unsigned long long>(bad), over ? "over" : "within");
    }
    if (cli.policy.fail_fast && over) {
      std::fprintf(stderr, "ffbatch: --fail-fast: stopped reading after line %llu\n",
                   static_cast<unsigned long long>(s.lines_in));
    }
  }
  if (!cli.summary_to.empty()) {
    const std::string text = ffb::FormatSummary(s, options.inputs);
    if (int rc = WriteSummaryCopy(text, cli.summary_to); rc != 0) return rc;
  }
  return static_cast<int>(over ? ExitCode::kNotOk : ExitCode::kOk);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "ffbatch: validate, generate, verify and compile Forth word specs (JSON Lines) in bulk.\n"
      "Every input line gets one record in OUT/results.jsonl; unusable lines also go to\n"
      "OUT/rejects.jsonl with their raw bytes. OUT defaults to ./ffbatch-out. -o - (or\n"
      "--results - -o OUT) streams the records to stdout instead; a reader that closes the\n"
      "pipe ends the run with exit 0.\n"
      "Exit: 0 all ok (or bad records within --max-bad-*), 65 some specs not ok,\n"
      "64 usage, 66 input missing, 73 output not creatable, in use, or not empty and not\n"
      "ffbatch's (see --force), 74 output not writable (ENOSPC, EIO, stdout closed),\n"
      "70 internal, 130/143 SIGINT/SIGTERM (temporary files removed).\n"
      "OUT/manifest.json lists every file a run wrote; the next run removes those it does not\n"
      "write again (and nothing else)."};
  app.set_version_flag("--version", VersionText());
  ffb::BatchOptions options;
  CliChoices cli;
  app.add_option("inputs", options.inputs, "spec files (JSON Lines); - reads stdin");
  app.add_option("-o,--output", options.out_dir,
                 "output directory (created if missing; default ./ffbatch-out); - streams "
                 "results.jsonl records to stdout and writes no files");
  std::string results_to;
  app.add_option("--results", results_to,
                 "- streams results.jsonl records to stdout, in input order, as chunks finish; "
                 "with -o DIR the Forth, objects, header, rejects and summary go to DIR, "
                 "without it no files are written")
      ->check(CLI::IsMember({"-"}));
  std::string compress = "none";
  app.add_option("--compress", compress,
                 "zstd: write OUT/results.jsonl.zst and OUT/rejects.jsonl.zst (one zstd frame "
                 "each, streamed); none (default): plain")
      ->check(CLI::IsMember({"none", "zstd"}));
  app.add_option("--threads", options.threads, "worker threads (default: every core)")
      ->check(CLI::Range(1, 1024));
  app.add_flag("--strict", options.strict,
               "warnings become errors; description, properties, tests and a base_case "
               "test are required");
  app.add_flag("--force", options.force,
               "write into a non-empty OUT that has no ffbatch manifest.json (nothing already "
               "there is deleted; without --force such an OUT exits 73)");
  app.add_flag("-q,--quiet", cli.quiet, "no progress line and no final summary line on stderr");
  std::string progress_mode = "auto";
  app.add_option("--progress", progress_mode,
                 "progress line on stderr: auto (only on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  bool no_progress = false;
  app.add_flag("--no-progress", no_progress, "no progress line (the summary line stays)");
  app.add_option("--summary", cli.summary_to,
                 "also write the summary JSON (as OUT/summary.json) to FILE, or - for stdout");
  uint64_t max_bad_records = 0;
  CLI::Option* max_bad_records_opt =
      app.add_option("--max-bad-records", max_bad_records,
                     "exit 0 with up to N bad (rejected, invalid, mismatch, failed) records "
                     "(default: any bad record exits 65)");
  double max_bad_fraction = 0;
  CLI::Option* max_bad_fraction_opt =
      app.add_option("--max-bad-fraction", max_bad_fraction,
                     "exit 0 while bad records are at most F (0..1) of all records")
          ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--fail-fast", cli.policy.fail_fast,
               "stop reading once the bad records are over the limit (checked per chunk)");
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
                 "words per ELF object OUT/obj/part-NNNNN.o (at most 32000: a section per word)")
      ->default_val(options.words_per_object)
      ->check(CLI::Range(size_t{1}, size_t{32000}));  // a section (or two) per word
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
  ffb::PatternsCommand patterns;
  ffb::AddPatternsCommand(app, patterns);
  CLI::App* compose = app.add_subcommand(
      "compose", "the effect of running bodies one after another (exit 0 valid, 65 not)");
  std::vector<std::string> compose_bodies;
  bool compose_json = false;
  compose->add_option("bodies", compose_bodies, "the bodies, e.g. \"dup\" \"*\"")->required();
  compose->add_flag("--json", compose_json, "one JSON object: effect, inputs, outputs, bodies");
  CLI::App* codes = app.add_subcommand(
      "codes", "print the table of error and warning codes, or explain one (codes E2234)");
  bool codes_markdown = false, codes_json = false;
  std::string codes_id;
  codes->add_option("code", codes_id, "one code to explain, with an example");
  codes->add_flag("--markdown", codes_markdown, "as the Markdown table in the README");
  codes->add_flag("--json", codes_json, "as JSON: code, severity, summary, example");

  // A body may start with `-` (`-rot nip`, `-1 +`): the body verbs take every
  // argument that is not one of their own flags as a positional.
  const std::vector<std::string> args =
      ffb::BodyVerbArgs(std::vector<std::string>(argv, argv + argc));
  std::vector<char*> arg_ptrs;
  for (const std::string& a : args) arg_ptrs.push_back(const_cast<char*>(a.c_str()));
  try {
    app.parse(static_cast<int>(arg_ptrs.size()), arg_ptrs.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    SuggestOptions(app, static_cast<int>(arg_ptrs.size()), arg_ptrs.data());
    return static_cast<int>(ExitCode::kUsage);
  }

  if (infer->parsed()) return ffb::RunInferVerb(infer_code, infer_json, std::cout);
  if (compose->parsed()) return ffb::RunComposeVerb(compose_bodies, compose_json, std::cout);
  if (verify->parsed()) {
    return ffb::RunVerifyVerb(verify_code, verify_effect, verify_json, std::cout);
  }
  if (patterns.app->parsed()) {
    ffb::PatternLoad lib = ffb::LoadRunPatterns(pattern_files);
    if (!lib.ok()) {
      for (const auto& e : lib.errors) std::fprintf(stderr, "ffbatch: %s\n", e.Format().c_str());
      return static_cast<int>(ExitCode::kUsage);
    }
    return ffb::RunPatternsCommand(patterns, lib.library, std::cout, std::cerr);
  }
  options.pattern_files = pattern_files;
  options.native = !no_native;
  if (codes->parsed()) {
    return ffb::RunCodesVerb(codes_id, codes_markdown, codes_json, std::cout, std::cerr);
  }
  if (options.inputs.empty()) {
    std::fprintf(stderr,
                 "ffbatch: no input given (a file, or - for stdin)\nRun with --help for usage.\n");
    return static_cast<int>(ExitCode::kUsage);
  }
  if (std::string verb = VerbTypo(app, options.inputs); !verb.empty()) {
    std::fprintf(stderr, "ffbatch: '%s' is neither a file nor a verb; did you mean '%s'?\n",
                 options.inputs[0].c_str(), verb.c_str());
    return static_cast<int>(ExitCode::kUsage);
  }
  if (options.out_dir == "-") {
    options.out_dir.clear();
    options.results_to_stdout = true;
  }
  if (results_to == "-") options.results_to_stdout = true;
  options.compress_zstd = compress == "zstd";
  if (options.results_to_stdout && cli.summary_to == "-") {
    std::fprintf(stderr,
                 "ffbatch: --summary - and results on stdout cannot share it; give --summary "
                 "FILE\nRun with --help for usage.\n");
    return static_cast<int>(ExitCode::kUsage);
  }
  if (options.out_dir.empty() && !options.results_to_stdout) options.out_dir = kDefaultOutDir;
  if (*max_bad_records_opt) cli.policy.max_records = max_bad_records;
  if (*max_bad_fraction_opt) cli.policy.max_fraction = max_bad_fraction;
  cli.progress = no_progress                 ? ffb::ProgressMode::kNever
                 : progress_mode == "always" ? ffb::ProgressMode::kAlways
                 : progress_mode == "never"  ? ffb::ProgressMode::kNever
                                             : ffb::ProgressMode::kAuto;
  InstallSignalHandlers();
  try {
    return RunMain(options, cli);
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
