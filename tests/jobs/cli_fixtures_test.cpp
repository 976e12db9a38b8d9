// Runs the ffbatch binary on each fixture corpus in tests/fixtures/ and
// compares results.jsonl, rejects.jsonl and summary.json byte for byte with
// the reviewed expectations in tests/fixtures/<dir>/expected/.
// FFBATCH_UPDATE_GOLDEN=1 rewrites the expectations (review the diff!).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

using ffb::test::ReadFile;

struct Fixture {
  const char* dir;    // under tests/fixtures/
  const char* input;  // file name inside dir
  const char* args;
  int exit_code;
  const char* expected = "expected";  // subdirectory with the expected files
};

void CheckFixture(const Fixture& f) {
  std::string src = FFBATCH_SOURCE_DIR;
  std::string fixture_dir = src + "/tests/fixtures/" + f.dir;
  std::string out = ffb::test::TempDir(std::string("fixture-") + f.input);
  // Run from the source dir with a relative input path, so the "inputs" in
  // summary.json do not depend on where the checkout lives.
  std::string cmd = "cd " + ffb::test::Quote(src) + " && " + FFBATCH_BINARY + " tests/fixtures/" +
                    f.dir + "/" + f.input + " -o " + out + " -q " + f.args;
  INFO(cmd);
  CHECK(ffb::test::RunCommand(cmd) == f.exit_code);
  bool update = std::getenv("FFBATCH_UPDATE_GOLDEN") != nullptr;
  for (const char* name : {"results.jsonl", "rejects.jsonl", "summary.json"}) {
    std::string expected_path = fixture_dir + "/" + f.expected + "/" + name;
    std::string actual = ReadFile(out + "/" + name);
    if (update) {
      std::filesystem::create_directories(fixture_dir + "/" + f.expected);
      ffb::test::WriteFile(expected_path, actual);
    }
    INFO(name);
    CHECK(actual == ReadFile(expected_path));
  }
  // No temporary file may survive a finished run.
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
  }
  std::filesystem::remove_all(out);
}

}  // namespace

TEST_CASE("fixture: every bad-input kind is rejected precisely", "[cli][fixtures]") {
  CheckFixture({"ingest", "bad_lines.jsonl", "--max-line-bytes 256", 65});
}

TEST_CASE("fixture: every validation rule", "[cli][fixtures]") {
  CheckFixture({"validate", "rules.jsonl", "", 65});
}

TEST_CASE("fixture: --strict rules", "[cli][fixtures]") {
  CheckFixture({"strict", "strict.jsonl", "--strict", 65});
}

TEST_CASE("fixture: bodies through the stack-effect checker", "[cli][fixtures]") {
  CheckFixture({"infer", "bodies.jsonl", "", 65});
}

TEST_CASE("fixture: test outcomes with native code (E4000-E4006, E9001 never)", "[cli][fixtures]") {
  CheckFixture({"tests", "run.jsonl", "", 65});
}

TEST_CASE("fixture: every test outcome code (E4000-E4006) from the interpreter alone",
          "[cli][fixtures]") {
  CheckFixture({"tests", "run.jsonl", "--no-native", 65, "expected-no-native"});
}

TEST_CASE("fixture: every body resolution path (code, pattern, params, heuristic, E1170-E1173)",
          "[cli][fixtures]") {
  CheckFixture({"resolve", "paths.jsonl", "", 65});
}

TEST_CASE("fixture: declared effects with pass-through items, empty bodies and ( -- )",
          "[cli][fixtures][passthru]") {
  CheckFixture({"passthru", "specs.jsonl", "", 65});
}
