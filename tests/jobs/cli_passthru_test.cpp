// End to end for Factor's effect<= and empty bodies: the passthru fixture's
// words run with their declared effects everywhere. gforth loads the
// generated Forth (`: same ( a -- a ) ;`) and passes every test; a C program
// calls the native words with the declared stack (the pass-through cells
// stay where they were, `( -- )` returns sp unchanged).
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support/test_util.h"

namespace {

constexpr const char* kProgram = R"(
#include <stdio.h>
#include "ffbatch_words.h"

static int64_t s[8];

int main(void) {
  s[0] = 1; s[1] = 2; s[2] = 3;
  int64_t *sp = ffw_add_2dunder(s + 3);
  printf("%d %lld %lld\n", (int)(sp - s), (long long)s[0], (long long)s[1]);
  s[0] = 4; s[1] = 9;
  sp = ffw_dup_2dtop(s + 2);
  printf("%d %lld %lld %lld\n", (int)(sp - s), (long long)s[0], (long long)s[1], (long long)s[2]);
  sp = ffw_drop_2dtop(s + 2);
  printf("%d %lld\n", (int)(sp - s), (long long)s[0]);
  s[0] = -5;
  sp = ffw_same(s + 1);
  printf("%d %lld\n", (int)(sp - s), (long long)s[0]);
  sp = ffw_nothing(s + 3);
  printf("%d\n", (int)(sp - s));
  s[0] = 7; s[1] = 1; s[2] = 2; s[3] = -1;
  sp = ffw_pick_2dop(s + 4);
  printf("%d %lld %lld\n", (int)(sp - s), (long long)s[0], (long long)s[1]);
  s[0] = 10; s[1] = 20; s[2] = 30;
  sp = ffw_sum3(s + 3);
  printf("%d %lld\n", (int)(sp - s), (long long)s[0]);
  return 0;
}
)";

}  // namespace

TEST_CASE("cli: pass-through and empty words load in gforth and link from C",
          "[cli][native][link][passthru]") {
  std::string out = ffb::test::TempDir("passthru");
  REQUIRE(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                                "/tests/fixtures/passthru/specs.jsonl -o " + out + " -q") == 65);
  std::string forth = ffb::test::ReadFile(out + "/forth/part-00000.fth");
  CHECK(forth.find(": same ( a -- a ) ;\n") != std::string::npos);
  CHECK(forth.find(": nothing ( -- ) ;\nT{ nothing -> }T\n") != std::string::npos);
  CHECK(forth.find(": add-under ( x a b -- x c ) + ;\nT{ 1 2 3 add-under -> 1 5 }T\n") !=
        std::string::npos);
  std::string header = ffb::test::ReadFile(out + "/include/ffbatch_part-00000.h");
  CHECK(header.find("/* add-under ( x a b -- x c ) */\nint64_t *ffw_add_2dunder(int64_t *sp);") !=
        std::string::npos);
  CHECK(header.find("/* nothing ( -- ) */\nint64_t *ffw_nothing(int64_t *sp);") !=
        std::string::npos);
  if (std::filesystem::exists("/usr/bin/gforth")) {
    REQUIRE(ffb::test::RunCommand("cd " + out +
                                  "/forth && /usr/bin/gforth -m 256M all.fth -e bye "
                                  "> gforth.out 2>&1") == 0);
    std::string g = ffb::test::ReadFile(out + "/forth/gforth.out");
    INFO(g);
    CHECK(g.find("INCORRECT") == std::string::npos);
    CHECK(g.find("WRONG") == std::string::npos);
    CHECK(g.find("rror") == std::string::npos);
  }
  ffb::test::WriteFile(out + "/main.c", kProgram);
  std::string cc = "cd " + out + " && cc -std=c11 -Wall -Werror -Iinclude main.c obj/*.o -o prog";
  INFO(cc);
  REQUIRE(ffb::test::RunCommand(cc + " 2> cc.log") == 0);
  REQUIRE(ffb::test::RunCommand("cd " + out + " && ./prog > prog.out") == 0);
  CHECK(ffb::test::ReadFile(out + "/prog.out") ==
        "2 1 5\n"
        "3 4 9 9\n"
        "1 4\n"
        "1 -5\n"
        "3\n"
        "2 7 3\n"
        "1 60\n");
  std::filesystem::remove_all(out);
}
