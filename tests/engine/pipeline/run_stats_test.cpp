// CountChunk: the run's counts (summary.json, the exit code) come from the
// finished chunks, not from any writer.
#include "engine/pipeline/run_stats.h"

#include <catch2/catch.hpp>
#include <string>

#include "tests/support/staged_run.h"

namespace {

const char* kEffect =
    R"("stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}]})";

std::string Spec(const std::string& word, const std::string& code, const std::string& rest = "") {
  return "{\"word\":\"" + word + "\"," + kEffect + ",\"implementation\":{\"code\":\"" + code +
         "\"}" + rest + "}\n";
}

const std::string kTwoTests =
    R"(,"test_cases":[{"input":[3],"output":[9]},{"input":[2],"output":[4]}])";

}  // namespace

TEST_CASE("run stats: every line, status, test and code counted once", "[pipeline]") {
  std::string corpus = "\xEF\xBB\xBF" + Spec("sq", "dup *", kTwoTests)  // ok, 2 tests pass
                       + "\n"                                           // blank
                       + "{\"word\":\"bad\n"                            // rejected: E0100
                       + Spec("dup", "dup *")                           // invalid: reserved
                       + Spec("twice", "dup +", kTwoTests)              // failed: 1 of 2
                       + Spec("one", "dup", "")                         // mismatch: E2234
                       + Spec("w2", "dup *", R"(,"x":1,"y":2)")         // ok, W1150 twice
                       + Spec("w3", "dup *", R"(,"z":1)");              // ok, W1150 once
  ffb::test::StagedRunOptions options;
  options.reader.chunk_lines = 3;
  ffb::RunStats stats;
  uint64_t chunks = 0;
  ffb::test::RunStages(corpus, options, [&](ffb::Chunk& c) {
    ffb::CountChunk(c, stats);
    ++chunks;
  });
  CHECK(stats.lines_in == 8);
  CHECK(stats.blank_lines == 1);
  CHECK(stats.records_out == 7);
  CHECK(stats.rejects_out == 2);  // rejected + invalid
  CHECK(stats.boms_stripped == 1);
  CHECK(stats.input_bytes == corpus.size());
  CHECK(stats.chunks == chunks);
  CHECK(chunks == 3);
  CHECK(stats.per_status[static_cast<size_t>(ffb::Status::kOk)] == 3);
  CHECK(stats.per_status[static_cast<size_t>(ffb::Status::kRejected)] == 1);
  CHECK(stats.per_status[static_cast<size_t>(ffb::Status::kInvalid)] == 1);
  CHECK(stats.per_status[static_cast<size_t>(ffb::Status::kMismatch)] == 1);
  CHECK(stats.per_status[static_cast<size_t>(ffb::Status::kFailed)] == 1);
  CHECK(stats.tests_run == 4);
  CHECK(stats.tests_passed == 3);
  // Rows, not hits; w2 and w3 are ok without tests (W4007).
  CHECK(stats.warning_codes == std::map<std::string, uint64_t>{{"W1150", 2}, {"W4007", 2}});
  CHECK(stats.error_codes.at("E0100") == 1);
  CHECK(stats.error_codes.at("E2234") == 1);
  CHECK(stats.error_codes.at("E4000") == 1);
  CHECK(stats.Accounted());
  CHECK_FALSE(stats.AllOk());
}

TEST_CASE("run stats: an all-ok run is AllOk and accounted", "[pipeline]") {
  ffb::RunStats stats;
  ffb::test::RunStages(Spec("sq", "dup *", kTwoTests) + "\n\n" + Spec("cube", "dup dup * *"), {},
                       [&](ffb::Chunk& c) { ffb::CountChunk(c, stats); });
  CHECK(stats.lines_in == 4);
  CHECK(stats.records_out == 2);
  CHECK(stats.blank_lines == 2);
  CHECK(stats.rejects_out == 0);
  CHECK(stats.error_codes.empty());
  CHECK(stats.Accounted());
  CHECK(stats.AllOk());
}
