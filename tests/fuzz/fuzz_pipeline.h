// Shared by the libFuzzer targets in tests/fuzz/: runs JSON Lines bytes through
// the per-chunk stages of RunBatch (read, parse, validate, generate, define,
// infer, compile, publish, test) serially, in process, renders the records
// the writer would write, and aborts when an invariant every run must keep
// is broken:
//   - every result and reject record is valid UTF-8 JSON (simdjson parses it);
//   - accounting: input lines (counted here, independently of the reader)
//     == result records + blank lines, and rows == result records;
//   - no record carries E9000 (internal error) or E9001 (native and
//     interpreter disagree).
//
//   const ffb::PatternLibrary& lib = ffb::fuzz::BuiltinLibrary();
//   ffb::fuzz::CheckRun(ffb::fuzz::RunInProcess(bytes, lib));
#pragma once

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/output/result_writer.h"
#include "tests/support/staged_run.h"

namespace ffb::fuzz {

[[noreturn]] inline void Fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "\nFUZZ INVARIANT FAILED: %.*s\n%.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// The built-in library, loaded once per process (it is immutable).
inline const PatternLibrary& BuiltinLibrary() { return test::BuiltinPatterns(); }

struct InProcessRun {
  std::string results, rejects;  // the two record files' bytes
  uint64_t lines_in = 0;         // counted from the input bytes
  uint64_t rows = 0, blank_lines = 0;
};

// Input lines as the reader must see them: '\n'-terminated, plus a last line
// without a newline.
inline uint64_t CountLines(std::string_view bytes) {
  uint64_t n = 0;
  for (char c : bytes) n += c == '\n';
  if (!bytes.empty() && bytes.back() != '\n') ++n;
  return n;
}

// Small chunks and a small line limit, so a fuzz input of a few KiB spans
// several chunks (words defined in one chunk, called from a later one) and
// can reach the overlong-line path.
inline ReaderOptions FuzzReaderOptions() {
  ReaderOptions o;
  o.chunk_lines = 3;
  o.max_line_bytes = 2048;
  o.overlong_prefix_bytes = 64;
  return o;
}

constexpr uint64_t kFuzzFuel = 20'000;

inline InProcessRun RunInProcess(std::string_view bytes, const PatternLibrary& patterns,
                                 ReaderOptions reader_options = FuzzReaderOptions()) {
  InProcessRun run;
  run.lines_in = CountLines(bytes);
  test::StagedRunOptions options;
  options.reader = reader_options;
  options.patterns = &patterns;
  // Far less fuel than a real run: a looping body would otherwise spend
  // 10M interpreter steps per test case under the sanitizers. Both engines
  // get the same budget, and running out is never compared (cases_stage).
  options.fuel_steps = kFuzzFuel;
  test::RunStages(bytes, options, [&](Chunk& c) {
    ResultWriter::FormatResults(c, false, {}, run.results);
    ResultWriter::FormatRejects(c, false, {}, run.rejects);
    run.rows += c.table.rows();
    run.blank_lines += c.blank_lines;
  });
  return run;
}

inline void CheckProblems(simdjson::dom::element record, const char* key, std::string_view line) {
  simdjson::dom::array problems;
  if (record[key].get_array().get(problems) != simdjson::SUCCESS) return;
  for (simdjson::dom::element p : problems) {
    std::string_view code;
    if (p["code"].get_string().get(code) != simdjson::SUCCESS) Fail("problem without a code", line);
    if (code == "E9000") Fail("record carries E9000 (internal error)", line);
    if (code == "E9001") Fail("record carries E9001 (native/interpreter disagreement)", line);
  }
}

// Every line of `records` is one JSON object; returns how many there are.
inline uint64_t CheckRecords(std::string_view records, std::string_view file) {
  simdjson::dom::parser parser;
  uint64_t count = 0;
  size_t pos = 0;
  while (pos < records.size()) {
    size_t nl = records.find('\n', pos);
    if (nl == std::string_view::npos) Fail("record without a trailing newline", file);
    std::string_view line = records.substr(pos, nl - pos);
    pos = nl + 1;
    ++count;
    simdjson::dom::element record;
    simdjson::padded_string padded(line);
    if (auto error = parser.parse(padded).get(record)) {
      Fail(std::string(file) + " record is not valid JSON: " + simdjson::error_message(error),
           line);
    }
    if (!record.is_object()) Fail(std::string(file) + " record is not an object", line);
    CheckProblems(record, "errors", line);
    CheckProblems(record, "warnings", line);
  }
  return count;
}

inline void CheckRun(const InProcessRun& run) {
  uint64_t results = CheckRecords(run.results, "results.jsonl");
  CheckRecords(run.rejects, "rejects.jsonl");
  if (results != run.rows) Fail("result records != rows", run.results);
  if (run.lines_in != results + run.blank_lines) {
    Fail("not accounted: lines in != records + blank lines",
         "lines_in=" + std::to_string(run.lines_in) + " records=" + std::to_string(results) +
             " blank=" + std::to_string(run.blank_lines));
  }
}

}  // namespace ffb::fuzz
