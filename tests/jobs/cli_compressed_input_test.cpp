// Compressed inputs (.jsonl.gz, .jsonl.zst, and either on stdin): recognised
// by their magic bytes and read through zlib/libzstd, with the same results
// as the plain text; a truncated or corrupt one is exit 74 naming the input
// and the compressed byte offset.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

std::string Bin() { return std::string(FFBATCH_BINARY) + " "; }
std::string Examples() {
  return std::string(FFBATCH_SOURCE_DIR) + "/datasets/examples/examples.jsonl";
}

}  // namespace

TEST_CASE("gzip and zstd inputs give the plain run's results", "[cli]") {
  std::string dir = ffb::test::TempDir("compressed");
  std::string x = dir + "/x.jsonl";
  REQUIRE(RunCommand("cp " + Quote(Examples()) + " " + x) == 0);
  REQUIRE(RunCommand("gzip -c " + x + " > " + x + ".gz") == 0);
  REQUIRE(RunCommand("zstd -q -c " + x + " > " + x + ".zst") == 0);
  // Two concatenated gzip members read as one stream.
  REQUIRE(RunCommand("head -n 20 " + x + " | gzip -c > " + dir + "/two.jsonl.gz && tail -n +21 " +
                     x + " | gzip -c >> " + dir + "/two.jsonl.gz") == 0);
  REQUIRE(RunCommand(Bin() + x + " -o " + dir + "/plain -q") == 0);
  std::string plain = ReadFile(dir + "/plain/results.jsonl");
  REQUIRE(!plain.empty());

  REQUIRE(RunCommand(Bin() + x + ".gz -o " + dir + "/gz -q") == 0);
  CHECK(ReadFile(dir + "/gz/results.jsonl") == plain);
  REQUIRE(RunCommand(Bin() + x + ".zst -o " + dir + "/zst -q") == 0);
  CHECK(ReadFile(dir + "/zst/results.jsonl") == plain);
  REQUIRE(RunCommand("cat " + x + ".zst | " + Bin() + "- -o " + dir + "/stdin -q") == 0);
  CHECK(ReadFile(dir + "/stdin/results.jsonl") == plain);
  REQUIRE(RunCommand("cat " + x + ".gz | " + Bin() + "- -o " + dir + "/stdin_gz -q") == 0);
  CHECK(ReadFile(dir + "/stdin_gz/results.jsonl") == plain);
  REQUIRE(RunCommand(Bin() + dir + "/two.jsonl.gz -o " + dir + "/two -q") == 0);
  CHECK(ReadFile(dir + "/two/results.jsonl") == plain);
  // lines_in counts decompressed lines, as for the plain input.
  CHECK(ReadFile(dir + "/zst/summary.json").find("\"lines_in\": 60") != std::string::npos);
}

TEST_CASE("a truncated or corrupt compressed input is exit 74", "[cli]") {
  std::string dir = ffb::test::TempDir("compressed_bad");
  std::string x = dir + "/x.jsonl";
  REQUIRE(RunCommand("cp " + Quote(Examples()) + " " + x) == 0);
  REQUIRE(RunCommand("gzip -c " + x + " > " + x + ".gz") == 0);
  size_t size = std::filesystem::file_size(x + ".gz");
  REQUIRE(size > 100);
  std::string cut = std::to_string(size - 20);
  REQUIRE(RunCommand("head -c " + cut + " " + x + ".gz > " + dir + "/cut.jsonl.gz") == 0);
  CHECK(RunCommand(Bin() + dir + "/cut.jsonl.gz -o " + dir + "/cut -q 2> " + dir + "/cut.err") ==
        74);
  std::string err = ReadFile(dir + "/cut.err");
  CHECK(err.find("truncated gzip data in input '" + dir + "/cut.jsonl.gz'") != std::string::npos);
  CHECK(err.find("compressed byte offset " + cut) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/cut/summary.json"));

  // Truncated zstd on stdin.
  REQUIRE(RunCommand("zstd -q -c " + x + " | head -c 300 > " + dir + "/cut.zst") == 0);
  CHECK(RunCommand("cat " + dir + "/cut.zst | " + Bin() + "- -o " + dir + "/cutz -q 2> " + dir +
                   "/cutz.err") == 74);
  CHECK(ReadFile(dir + "/cutz.err").find("truncated zstd data in input '-'") != std::string::npos);

  // Corrupt: garbage after a valid gzip member. The offset is where the
  // decoder stopped: zlib takes the two bytes of a would-be header first.
  REQUIRE(RunCommand("cp " + x + ".gz " + dir + "/junk.jsonl.gz && printf 'JUNKJUNK' >> " + dir +
                     "/junk.jsonl.gz") == 0);
  CHECK(RunCommand(Bin() + dir + "/junk.jsonl.gz -o " + dir + "/junk -q 2> " + dir + "/junk.err") ==
        74);
  CHECK(ReadFile(dir + "/junk.err")
            .find("corrupt gzip data in input '" + dir +
                  "/junk.jsonl.gz' at compressed byte offset " + std::to_string(size + 2) +
                  ": incorrect header check") != std::string::npos);
}
