// --compress zstd (issue 11 item 3): results.jsonl.zst and rejects.jsonl.zst
// hold exactly the bytes of a plain run, the manifest names them and the
// option, and a later plain run into the same OUT removes the .zst files.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

std::string Rules() {
  return std::string(FFBATCH_SOURCE_DIR) + "/tests/fixtures/validate/rules.jsonl";
}

}  // namespace

TEST_CASE("compress zstd: results and rejects are zstd frames of the plain bytes", "[cli]") {
  std::string dir = ffb::test::TempDir("compress");
  REQUIRE(RunCommand(Bin() + Rules() + " -o " + dir + "/plain -q") == 65);
  REQUIRE(RunCommand(Bin() + Rules() + " -o " + dir + "/z -q --compress zstd") == 65);
  CHECK_FALSE(std::filesystem::exists(dir + "/z/results.jsonl"));
  CHECK_FALSE(std::filesystem::exists(dir + "/z/rejects.jsonl"));
  REQUIRE(RunCommand("zstd -q -d -c " + dir + "/z/results.jsonl.zst > " + dir + "/r") == 0);
  REQUIRE(RunCommand("zstd -q -d -c " + dir + "/z/rejects.jsonl.zst > " + dir + "/j") == 0);
  const std::string results = ReadFile(dir + "/plain/results.jsonl");
  CHECK(results.size() > 1000);
  CHECK(ReadFile(dir + "/r") == results);
  CHECK(ReadFile(dir + "/j") == ReadFile(dir + "/plain/rejects.jsonl"));
  CHECK(ReadFile(dir + "/z/results.jsonl.zst").size() < results.size() / 3);
  std::string manifest = ReadFile(dir + "/z/manifest.json");
  CHECK(manifest.find("\"results.jsonl.zst\"") != std::string::npos);
  CHECK(manifest.find("\"compress\": \"zstd\"") != std::string::npos);
  // A plain run into the same OUT: the .zst files were the earlier run's.
  REQUIRE(RunCommand(Bin() + Rules() + " -o " + dir + "/z -q") == 65);
  CHECK_FALSE(std::filesystem::exists(dir + "/z/results.jsonl.zst"));
  CHECK(ReadFile(dir + "/z/results.jsonl") == results);
  CHECK(RunCommand(Bin() + Rules() + " -o " + dir + "/bad -q --compress gzip 2>/dev/null") == 64);
}
