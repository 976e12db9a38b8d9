// The run as a user types it (issue 11 items 1, 5, 7): the default output
// directory, nothing created when the run cannot start, the bad-record
// limits and --fail-fast, --summary, and the progress line under a pty.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::Examples;

using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

// 47 records: ok 2, invalid 44, failed 1.
std::string Rules() {
  return std::string(FFBATCH_SOURCE_DIR) + "/tests/fixtures/validate/rules.jsonl";
}
bool Empty(const std::string& dir) { return std::filesystem::is_empty(dir); }

}  // namespace

TEST_CASE("a run without -o writes into ffbatch-out and names it", "[cli]") {
  std::string dir = ffb::test::TempDir("defaultout");
  REQUIRE(RunCommand("cd " + dir + " && " + Bin() + Examples() + " 2>" + dir + "/err") == 0);
  CHECK(std::filesystem::exists(dir + "/ffbatch-out/results.jsonl"));
  CHECK(std::filesystem::exists(dir + "/ffbatch-out/obj/part-00000.o"));
  CHECK(ReadFile(dir + "/err").find("-> ffbatch-out\n") != std::string::npos);
}

TEST_CASE("a run that cannot start creates nothing", "[cli]") {
  std::string dir = ffb::test::TempDir("nocreate");
  CHECK(RunCommand("cd " + dir + " && " + Bin() + "/nonexistent.jsonl 2>/dev/null") == 66);
  CHECK(RunCommand("cd " + dir + " && " + Bin() + "/nonexistent.jsonl -o out 2>/dev/null") == 66);
  // A missing second input: the first is fine, still nothing is created.
  CHECK(RunCommand("cd " + dir + " && " + Bin() + Examples() +
                   " /nonexistent -o out 2>/dev/null") == 66);
  CHECK(RunCommand("cd " + dir + " && " + Bin() + dir + " -o out 2>/dev/null") == 66);  // a dir
  CHECK(RunCommand("cd " + dir + " && " + Bin() + Examples() + " --bogus -o out 2>/dev/null") ==
        64);
  CHECK(RunCommand("cd " + dir + " && " + Bin() + Examples() + " --progress maybe 2>/dev/null") ==
        64);
  CHECK(RunCommand("cd " + dir + " && " + Bin() + Examples() +
                   " --max-bad-fraction 2 -o out 2>/dev/null") == 64);
  CHECK(Empty(dir));
}

TEST_CASE("bad-record limits decide the exit status", "[cli]") {
  std::string dir = ffb::test::TempDir("badlimit");
  std::string run = Bin() + Rules() + " -o " + dir + "/o -q";
  CHECK(RunCommand(run) == 65);  // default: any bad record
  CHECK(RunCommand(run + " --max-bad-records 45") == 0);
  CHECK(RunCommand(run + " --max-bad-records 44") == 65);
  CHECK(RunCommand(run + " --max-bad-fraction 0.96") == 0);  // 45/47 = 0.957
  CHECK(RunCommand(run + " --max-bad-fraction 0.95") == 65);
  CHECK(RunCommand(run + " --max-bad-records 100 --max-bad-fraction 0.5") == 65);  // both hold
  CHECK(RunCommand(Bin() + Examples() + " -o " + dir + "/e -q --max-bad-records 0") == 0);
  // Within the limit every bad record is still reported.
  REQUIRE(RunCommand(run + " --max-bad-records 45") == 0);
  std::string summary = ReadFile(dir + "/o/summary.json");
  CHECK(summary.find("\"records_out\": 47") != std::string::npos);
  CHECK(summary.find("\"invalid\": 44") != std::string::npos);
  std::string rejects = ReadFile(dir + "/o/rejects.jsonl");
  CHECK(std::count(rejects.begin(), rejects.end(), '\n') == 44);
}

TEST_CASE("fail-fast stops reading and leaves consistent outputs", "[cli]") {
  std::string dir = ffb::test::TempDir("failfast");
  // One chunk in flight, 2 lines per chunk: the first chunk (lines 1-2) is
  // over a limit of 1; reading stops, with at most the one chunk the reader
  // had already read ahead also finished and written.
  CHECK(RunCommand(Bin() + Rules() + " -o " + dir +
                   "/o -q --threads 1 --max-in-flight 1 --chunk-lines 2 --max-bad-records 1 "
                   "--fail-fast") == 65);
  std::string results = ReadFile(dir + "/o/results.jsonl");
  size_t records = static_cast<size_t>(std::count(results.begin(), results.end(), '\n'));
  CHECK(records >= 2);
  CHECK(records <= 4);
  std::string summary = ReadFile(dir + "/o/summary.json");
  CHECK(summary.find("\"lines_in\": " + std::to_string(records) + ",") != std::string::npos);
  CHECK(summary.find("\"records_out\": " + std::to_string(records) + ",") != std::string::npos);
  CHECK(summary.find("\"accounted\": true") != std::string::npos);
  // Within the limit --fail-fast reads everything.
  CHECK(RunCommand(Bin() + Rules() + " -o " + dir +
                   "/all -q --chunk-lines 2 --max-bad-records 45 --fail-fast") == 0);
  CHECK(ReadFile(dir + "/all/summary.json").find("\"records_out\": 47,") != std::string::npos);
}

TEST_CASE("summary option writes the summary JSON where asked", "[cli]") {
  std::string dir = ffb::test::TempDir("summaryto");
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + dir + "/o -q --summary " + dir + "/s.json") ==
          0);
  CHECK(ReadFile(dir + "/s.json") == ReadFile(dir + "/o/summary.json"));
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + dir + "/o --summary - >" + dir + "/stdout 2>" +
                     dir + "/stderr") == 0);
  CHECK(ReadFile(dir + "/stdout") == ReadFile(dir + "/o/summary.json"));
  CHECK(ReadFile(dir + "/stderr").find("ffbatch: 60 lines") == 0);
}

TEST_CASE("the progress line under a pseudo-terminal", "[cli]") {
  std::string dir = ffb::test::TempDir("progress");
  auto under_pty = [&](const std::string& args, const std::string& name) {
    std::string inner =
        Bin() + Examples() + " -o " + dir + "/" + name + " --threads 1 --chunk-lines 5 " + args;
    REQUIRE(RunCommand("script -qec " + Quote(inner) + " /dev/null >" + dir + "/" + name +
                       ".tty") == 0);
    return ReadFile(dir + "/" + name + ".tty");
  };
  std::string tty = under_pty("", "auto");
  // The first chunk is drawn at once: 5 of 60 specs, with percent and ETA.
  CHECK(tty.find("\r\033[K  8.") != std::string::npos);
  CHECK(tty.find("% 5 specs") == std::string::npos);
  CHECK(tty.find("5 specs  ") != std::string::npos);
  CHECK(tty.find("specs/s  ok 5  failed 0  rejected 0  elapsed 0:00  ETA ") != std::string::npos);
  // Cleared at the end, then the summary line.
  CHECK(tty.find("\r\033[Kffbatch: 60 lines (0 blank), 60 records: ok 60;") != std::string::npos);
  std::string no_progress = under_pty("--no-progress", "np");
  CHECK(no_progress.find("specs/s") == std::string::npos);
  CHECK(no_progress.find("ffbatch: 60 lines") == 0);
  CHECK(under_pty("-q", "q").empty());
  CHECK(under_pty("--progress never", "never").find("specs/s") == std::string::npos);
  // Not a terminal: auto draws nothing, always draws.
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + dir + "/pipe 2>" + dir + "/pipe.err") == 0);
  CHECK(ReadFile(dir + "/pipe.err").find("specs/s") == std::string::npos);
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + dir + "/always --progress always 2>" + dir +
                     "/always.err") == 0);
  CHECK(ReadFile(dir + "/always.err").find("specs/s") != std::string::npos);
  // stdin has no known size: no percent, no ETA.
  REQUIRE(RunCommand("cat " + Quote(Examples()) + " | " + Bin() + "- -o " + dir +
                     "/stdin --progress always 2>" + dir + "/stdin.err") == 0);
  std::string from_stdin = ReadFile(dir + "/stdin.err");
  CHECK(from_stdin.find("specs/s") != std::string::npos);
  CHECK(from_stdin.find('%') == std::string::npos);
  CHECK(from_stdin.find("ETA") == std::string::npos);
}
