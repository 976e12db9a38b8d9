// Exit codes (sysexits, DESIGN.md §6) and the ways in: several inputs, stdin.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::Examples;

using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

}  // namespace

TEST_CASE("exit codes", "[cli]") {
  std::string dir = ffb::test::TempDir("exit");
  CHECK(RunCommand(Bin() + Examples() + " -o " + dir + "/ok -q") == 0);
  CHECK(RunCommand(Bin() + "2>/dev/null") == 64);  // no input
  CHECK(RunCommand(Bin() + "--threads 0 x -o y 2>/dev/null") == 64);
  CHECK(RunCommand(Bin() + "--no-such-flag 2>/dev/null") == 64);
  CHECK(RunCommand(Bin() + "/nonexistent.jsonl -o " + dir + "/m -q 2>/dev/null") == 66);
  CHECK(RunCommand(Bin() + dir + " -o " + dir + "/d -q 2>/dev/null") == 66);  // a directory
  ffb::test::WriteFile(dir + "/file", "x");
  CHECK(RunCommand(Bin() + Examples() + " -o " + dir + "/file -q 2>/dev/null") == 73);
  CHECK(RunCommand(Bin() + std::string(FFBATCH_SOURCE_DIR) +
                   "/tests/fixtures/validate/rules.jsonl -o " + dir + "/bad -q") == 65);
  // A missing second input fails the run and leaves no finished-looking file.
  CHECK(RunCommand(Bin() + Examples() + " /nonexistent -o " + dir + "/partial -q 2>/dev/null") ==
        66);
  CHECK_FALSE(std::filesystem::exists(dir + "/partial/results.jsonl"));
  CHECK_FALSE(std::filesystem::exists(dir + "/partial/summary.json"));
}

TEST_CASE("stdin and several inputs", "[cli]") {
  std::string dir = ffb::test::TempDir("inputs");
  REQUIRE(RunCommand("cat " + Quote(Examples()) + " | " + Bin() + "- -o " + dir + "/stdin -q") ==
          0);
  std::string from_file = dir + "/file";
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + from_file + " -q") == 0);
  CHECK(ReadFile(dir + "/stdin/results.jsonl") == ReadFile(from_file + "/results.jsonl"));

  // Two inputs: records name their input; a word of the first input is
  // visible to the second, and redefining it there is E1001.
  ffb::test::WriteFile(
      dir + "/b.jsonl",
      "{\"word\":\"quad\",\"stack_effect\":{\"inputs\":[{\"name\":\"n\",\"type\":"
      "\"int\"}],\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},\"test_cases\":"
      "[{\"input\":[3],\"output\":[81]}],\"implementation\":{\"code\":\"square "
      "square\"}}\n"
      "{\"word\":\"SQUARE\",\"stack_effect\":{\"inputs\":[{\"name\":\"n\",\"type\":"
      "\"int\"}],\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]}}\n");
  REQUIRE(RunCommand(Bin() + Examples() + " " + dir + "/b.jsonl -o " + dir + "/two -q") == 65);
  std::string results = ReadFile(dir + "/two/results.jsonl");
  CHECK(results.find("\"line\":1,\"input\":\"" + dir +
                     "/b.jsonl\",\"word\":\"quad\",\"status\":\"ok\"") != std::string::npos);
  CHECK(results.find("is already defined on " + Examples() + " line 1") != std::string::npos);
  std::string summary = ReadFile(dir + "/two/summary.json");
  CHECK(summary.find("\"lines_in\": 62") != std::string::npos);
}
