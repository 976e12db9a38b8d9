// End to end: the ANS control-flow forms (several elses, two whiles closed by
// repeat and else … then, while with until and with again, if … begin …
// repeat, `exit` inside each, and an if/else/else chain with leave in a ?do)
// go through the whole pipeline with native code on: every spec `ok`, the
// same as in the interpreter, gforth 0.7.3 passes OUT/forth, and a C program
// linked against OUT/obj calls them. Expected values are gforth's.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "tests/support/test_util.h"

namespace {

constexpr const char* kProgram = R"(
#include <stdio.h>
#include "ffbatch_words.h"

static int64_t stack[64];

static int64_t call1(int64_t *(*w)(int64_t *), int64_t a) {
  stack[0] = a;
  int64_t *sp = w(stack + 1);
  return sp == stack + 1 ? stack[0] : -999;
}
static int64_t call2(int64_t *(*w)(int64_t *), int64_t a, int64_t b) {
  stack[0] = a; stack[1] = b;
  int64_t *sp = w(stack + 2);
  return sp == stack + 1 ? stack[0] : -999;
}

int main(void) {
  printf("%lld %lld %lld %lld %lld %lld\n", (long long)call2(ffw_else3, 3, -1),
         (long long)call2(ffw_else3, 3, 0), (long long)call2(ffw_else3x, 7, -1),
         (long long)call2(ffw_else3x, 20, 0), (long long)call2(ffw_else3x, 3, -1),
         (long long)call2(ffw_else3x, 3, 0));
  printf("%lld %lld %lld %lld %lld\n", (long long)call1(ffw_while2, 3),
         (long long)call1(ffw_while2, 7), (long long)call1(ffw_while2x, 4),
         (long long)call1(ffw_while2x, -1), (long long)call1(ffw_while2x, 1));
  printf("%lld %lld %lld %lld\n", (long long)call1(ffw_wuntil, 5),
         (long long)call1(ffw_wuntilx, 9), (long long)call1(ffw_wuntilx, 5),
         (long long)call1(ffw_wuntilx, 2));
  printf("%lld %lld %lld\n", (long long)call1(ffw_wagain, 3), (long long)call1(ffw_wagainx, 8),
         (long long)call1(ffw_wagainx, -4));
  printf("%lld %lld %lld %lld\n", (long long)call2(ffw_ifrepeat, 3, -1),
         (long long)call2(ffw_ifrepeatx, 3, -1), (long long)call2(ffw_ifrepeatx, 0, -1),
         (long long)call2(ffw_ifrepeatx, 3, 0));
  printf("%lld %lld\n", (long long)call1(ffw_ansloop, 6), (long long)call1(ffw_ansloop, 2));
  return 0;
}
)";

}  // namespace

TEST_CASE("ANS control-flow forms compile natively, pass, and link into a C program",
          "[cli][native][link][gforth]") {
  using ffb::test::ReadFile;
  using ffb::test::RunCommand;
  std::string dir = ffb::test::TempDir("ans-native");
  std::string fixture = std::string(FFBATCH_SOURCE_DIR) + "/tests/fixtures/forth/ans_native.jsonl";
  const std::string ok =
      "\"status\": {\"ok\": 11, \"rejected\": 0, \"invalid\": 0, \"mismatch\": 0, \"failed\": 0}";
  // The interpreter alone, then native code (the default): the same outcome.
  REQUIRE(RunCommand(std::string(FFBATCH_BINARY) + " " + fixture + " -o " + dir +
                     "/interp -q --no-native") == 0);
  CHECK(ReadFile(dir + "/interp/summary.json").find(ok) != std::string::npos);
  REQUIRE(RunCommand(std::string(FFBATCH_BINARY) + " " + fixture + " -o " + dir + "/out -q") == 0);
  std::string summary = ReadFile(dir + "/out/summary.json");
  CHECK(summary.find(ok) != std::string::npos);
  CHECK(summary.find("\"tests\": {\"run\": 31, \"passed\": 31}") != std::string::npos);
  std::string results = ReadFile(dir + "/out/results.jsonl");
  for (const char* word : {"else3", "else3x", "while2", "while2x", "wuntil", "wuntilx", "wagain",
                           "wagainx", "ifrepeat", "ifrepeatx", "ansloop"}) {
    INFO(word);
    CHECK(results.find(std::string("\"symbol\":\"ffw_") + word +
                       "\",\"object\":\"obj/part-00000.o\"") != std::string::npos);
  }
  // gforth 0.7.3 runs the same tests on the generated Forth: all pass.
  CHECK(RunCommand("cd " + dir + "/out/forth && timeout 60 gforth all.fth -e bye > " + dir +
                   "/gforth.log 2>&1 < /dev/null") == 0);
  CHECK(ReadFile(dir + "/gforth.log") == "");
  // Object mode: a C caller gets gforth's values.
  ffb::test::WriteFile(dir + "/out/main.c", kProgram);
  REQUIRE(RunCommand("cd " + dir +
                     "/out && cc -std=c11 -Wall -Werror -Iinclude main.c obj/*.o -o prog "
                     "2> cc.log") == 0);
  REQUIRE(RunCommand("cd " + dir + "/out && ./prog > prog.out") == 0);
  CHECK(ReadFile(dir + "/out/prog.out") ==
        "8 30 8 200 7 29\n"
        "200 107 2 199 200\n"
        "103 7 103 0\n"
        "7 5 3\n"
        "12 12 0 4\n"
        "121 101\n");
}
