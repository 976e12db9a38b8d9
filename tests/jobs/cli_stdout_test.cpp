// `-o -` and `--results -`: results.jsonl records on stdout as a pipeline
// stage (issue 11 item 2), and the exit status of a failing output (item 6).
#include <sys/mount.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <vector>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::Examples;

using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int RunBash(const std::string& script) { return RunCommand("bash -c " + Quote(script)); }

// A generated corpus whose results are far larger than a pipe buffer.
std::string Corpus(const std::string& dir) {
  std::string path = dir + "/corpus.jsonl";
  REQUIRE(RunCommand(std::string(FFGEN_BINARY) + " --count 3000 --seed 7 > " + path) == 0);
  return path;
}

}  // namespace

TEST_CASE("ffbatch -o - streams results.jsonl to stdout and nothing else", "[cli]") {
  std::string dir = ffb::test::TempDir("stdout");
  REQUIRE(RunCommand(Bin() + Examples() + " -o " + dir + "/ref -q") == 0);
  std::string ref = ReadFile(dir + "/ref/results.jsonl");
  REQUIRE(RunCommand("cd " + dir + " && " + Bin() + Examples() + " -o - > out 2> err") == 0);
  CHECK(ReadFile(dir + "/out") == ref);
  CHECK(ReadFile(dir + "/err").find("60 records: ok 60;") != std::string::npos);
  CHECK(ReadFile(dir + "/err").find("-> stdout\n") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/-"));  // no directory named '-'

  // --results - with -o DIR: records on stdout, every other output in DIR.
  REQUIRE(RunCommand(Bin() + Examples() + " --results - -o " + dir + "/d -q > " + dir + "/out2") ==
          0);
  CHECK(ReadFile(dir + "/out2") == ref);
  CHECK_FALSE(std::filesystem::exists(dir + "/d/results.jsonl"));
  CHECK(ReadFile(dir + "/d/forth/all.fth") == ReadFile(dir + "/ref/forth/all.fth"));
  CHECK(std::filesystem::exists(dir + "/d/summary.json"));
  CHECK(std::filesystem::exists(dir + "/d/rejects.jsonl"));
  CHECK(RunCommand(Bin() + Examples() + " --results x -o " + dir + "/e 2>/dev/null") == 64);
  // The manifest of DIR lists what was written there, and no results.jsonl.
  std::string manifest = ReadFile(dir + "/d/manifest.json");
  CHECK(manifest.find("\"forth/all.fth\"") != std::string::npos);
  CHECK(manifest.find("results.jsonl") == std::string::npos);
  // --summary FILE works without a directory; --summary - would share stdout.
  REQUIRE(RunCommand("cd " + dir + " && " + Bin() + Examples() +
                     " -o - --summary s.json -q > out3") == 0);
  CHECK(ReadFile(dir + "/out3") == ref);
  CHECK(ReadFile(dir + "/s.json") == ReadFile(dir + "/ref/summary.json"));
  CHECK(RunCommand("cd " + dir + " && " + Bin() + Examples() +
                   " -o - --summary - > out4 2> err4") == 64);
  CHECK(ReadFile(dir + "/out4").empty());
  CHECK(ReadFile(dir + "/err4").find("--summary - and results on stdout") != std::string::npos);
}

TEST_CASE("ffbatch -o - | head -n 5 ends the run quietly with status 0", "[cli]") {
  std::string dir = ffb::test::TempDir("stdout-head");
  std::string corpus = Corpus(dir);
  REQUIRE(RunCommand(Bin() + corpus + " -o " + dir + "/ref -q") == 65);
  std::vector<std::string> ref = Lines(ReadFile(dir + "/ref/results.jsonl"));
  REQUIRE(ref.size() > 2900);  // blank lines of the corpus have no record
  REQUIRE(RunBash("set -o pipefail; " + Bin() + corpus + " -o - --chunk-lines 16 2> " + dir +
                  "/err | head -n 5 > " + dir + "/h") == 0);
  CHECK(ReadFile(dir + "/err").empty());  // no "Broken pipe", no summary of a cut run
  std::vector<std::string> got = Lines(ReadFile(dir + "/h"));
  REQUIRE(got.size() == 5);
  for (size_t i = 0; i < 5; ++i) CHECK(got[i] == ref[i]);
  // With a directory: the cut run commits nothing there, and leaves no temporary.
  REQUIRE(RunBash("set -o pipefail; " + Bin() + corpus + " --results - -o " + dir +
                  "/cut --chunk-lines 16 -q | head -n 1 > /dev/null") == 0);
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/cut")) {
    std::string name = e.path().filename().string();
    CHECK(name.find(".tmp-") == std::string::npos);
    CHECK(name != "summary.json");
  }
}

TEST_CASE("a slow reader of stdout: records arrive while the run is blocked, memory bounded",
          "[cli]") {
  std::string dir = ffb::test::TempDir("stdout-slow");
  std::string corpus = Corpus(dir);
  std::string common = " --chunk-lines 16 --max-in-flight 4 --threads 2 -q";
  REQUIRE(RunCommand(Bin() + corpus + " -o " + dir + "/ref -q") == 65);
  REQUIRE(RunCommand(Bin() + corpus + " --results - -o " + dir + "/fast" + common +
                     " > /dev/null") == 65);
  // The reader takes one byte, sleeps, then checks that the run has not
  // finished (no summary.json: it is blocked on the full pipe) and reads the rest.
  REQUIRE(RunBash(Bin() + corpus + " --results - -o " + dir + "/slow" + common +
                  " | { dd bs=1 count=1 of=" + dir + "/first 2>/dev/null; sleep 2; test -e " + dir +
                  "/slow/summary.json && echo finished-early > " + dir + "/flag; cat > " + dir +
                  "/rest; }") == 0);
  CHECK_FALSE(std::filesystem::exists(dir + "/flag"));
  CHECK(ReadFile(dir + "/first") + ReadFile(dir + "/rest") == ReadFile(dir + "/ref/results.jsonl"));
  auto peak = [](const std::string& summary) {
    auto at = summary.find("\"peak_rss_bytes\": ");
    REQUIRE(at != std::string::npos);
    return std::stoull(summary.substr(at + 18));
  };
  uint64_t fast = peak(ReadFile(dir + "/fast/profile.json") + ReadFile(dir + "/fast/summary.json"));
  uint64_t slow = peak(ReadFile(dir + "/slow/profile.json") + ReadFile(dir + "/slow/summary.json"));
  // VmHWM of the slow run is that of the fast one, give or take allocator noise.
  CHECK(slow < fast + (32u << 20));
}

TEST_CASE("ffbatch -o - as an RDD.pipe subprocess: one record per input line, in order", "[cli]") {
  std::string dir = ffb::test::TempDir("stdout-zip");
  std::string corpus = Corpus(dir);
  // Blank lines are not records (README); a caller zipping lines sends none.
  std::vector<std::string> inputs;
  for (const std::string& l : Lines(ReadFile(corpus))) {
    if (l.find_first_not_of(" \t\r") != std::string::npos) inputs.push_back(l);
  }
  inputs.push_back("{not json");
  inputs.push_back("[1,2]");
  std::string text;
  for (const std::string& l : inputs) text += l + "\n";
  ffb::test::WriteFile(dir + "/in.jsonl", text);
  REQUIRE(RunCommand("cat " + dir + "/in.jsonl | " + Bin() + "- -o - -q --chunk-lines 100 > " +
                     dir + "/out") == 65);
  std::vector<std::string> outputs = Lines(ReadFile(dir + "/out"));
  REQUIRE(outputs.size() == inputs.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    INFO(i);
    REQUIRE(outputs[i].rfind("{\"line\":" + std::to_string(i + 1) + ",", 0) == 0);
  }
  CHECK(outputs.back().find("\"status\":\"rejected\"") != std::string::npos);
}

TEST_CASE("a failing output exits 74 naming the file", "[cli]") {
  std::string dir = ffb::test::TempDir("stdout-fail");
  CHECK(RunCommand(Bin() + Examples() + " -o - > /dev/full 2> " + dir + "/err") == 74);
  CHECK(ReadFile(dir + "/err") ==
        "ffbatch: cannot write results to stdout: No space left on device\n");
  CHECK(RunCommand(Bin() + Examples() + " -o - -q >&- 2> " + dir + "/err") == 74);
  CHECK(ReadFile(dir + "/err") == "ffbatch: cannot write results to stdout: Bad file descriptor\n");
  // Disk full on a 1 MiB tmpfs (needs CAP_SYS_ADMIN; skipped without it).
  std::string mnt = dir + "/mnt";
  std::filesystem::create_directories(mnt);
  if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") != 0) {
    WARN("cannot mount a tmpfs here; the ENOSPC-on-a-file case is not run");
    return;
  }
  std::string corpus = Corpus(dir);
  int rc = RunCommand(Bin() + corpus + " -o " + mnt + "/o -q 2> " + dir + "/err");
  std::string err = ReadFile(dir + "/err");
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::recursive_directory_iterator(mnt + "/o")) {
    if (e.is_regular_file()) left.push_back(e.path().filename().string());
  }
  ::umount(mnt.c_str());
  CHECK(rc == 74);
  CHECK(err.rfind("ffbatch: cannot write '" + mnt + "/o/", 0) == 0);
  CHECK(err.find("No space left on device\n") != std::string::npos);
  CHECK(left == std::vector<std::string>{".ffbatch.lock"});
}
