// Issue 10 item 7: `cd OUT/forth && gforth all.fth -e bye` gates CI. all.fth
// counts ttester's failures and exits 1 when any T{ }T failed; a corpus whose
// tests all pass exits 0.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/test_util.h"

namespace {

int Gforth(const std::string& forth_dir, std::string* log) {
  int rc = ffb::test::RunCommand("cd " + ffb::test::Quote(forth_dir) +
                                 " && timeout 300 gforth -m 256M all.fth -e bye > gate.log 2>&1");
  *log = ffb::test::ReadFile(forth_dir + "/gate.log");
  return rc;
}

}  // namespace

TEST_CASE("all.fth exits 0 when every test passes and 1 when one fails", "[forth][gforth]") {
  if (!std::filesystem::exists("/usr/bin/gforth")) {
    WARN("gforth not installed");
    return;
  }
  std::string out = ffb::test::TempDir("forthgate");
  REQUIRE(ffb::test::RunCommand("cd " + ffb::test::Quote(FFBATCH_SOURCE_DIR) + " && " +
                                FFBATCH_BINARY + " datasets/examples/examples.jsonl -o " + out +
                                " -q") == 0);
  const std::string forth = out + "/forth";
  std::string log;
  CHECK(Gforth(forth, &log) == 0);
  CHECK(log.find("INCORRECT") == std::string::npos);
  CHECK(log.find("failed") == std::string::npos);

  // Make two generated expected values wrong: gforth reports both lines and
  // all.fth exits 1 with the count.
  const std::string part = forth + "/part-00000.fth";
  std::string text = ffb::test::ReadFile(part);
  REQUIRE(text.find("T{ 0 square -> 0 }T\n") != std::string::npos);
  text.replace(text.find("T{ 0 square -> 0 }T\n"), 20, "T{ 0 square -> 7 }T\n");
  const size_t second = text.find("}T\n", text.find("T{ 0 square -> 7 }T\n") + 20);
  REQUIRE(second != std::string::npos);
  text.replace(second, 2, "99 }T");
  ffb::test::WriteFile(part, text);
  CHECK(Gforth(forth, &log) == 1);
  CHECK(log.find("T{ 0 square -> 7 }T") != std::string::npos);
  CHECK(log.find("2 test(s) failed") != std::string::npos);
}
