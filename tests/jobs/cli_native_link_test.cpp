// End to end: ffbatch compiles the example corpus into several ELF objects
// (7 words each, so calls cross parts), a C program built with `cc` against
// OUT/include and OUT/obj calls words across parts, and the objects pass
// readelf without warnings. Also: --no-native writes no objects.
#include <catch2/catch.hpp>
#include <filesystem>

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
static int64_t call3(int64_t *(*w)(int64_t *), int64_t a, int64_t b, int64_t c) {
  stack[0] = a; stack[1] = b; stack[2] = c;
  int64_t *sp = w(stack + 3);
  return sp == stack + 1 ? stack[0] : -999;
}

int main(void) {
  printf("%lld %lld %lld %lld %lld %lld %lld %lld %lld\n",
         (long long)call1(ffw_square, 7),             /* part 0 */
         (long long)call3(ffw_max3, 3, 9, 4),         /* calls larger */
         (long long)call1(ffw_factorial, 10),
         (long long)call2(ffw_gcd, 84, 36),
         (long long)call2(ffw_lcm, 4, 6),              /* calls gcd */
         (long long)call1(ffw_fibonacci_2drec, 20),   /* recursion */
         (long long)call2(ffw_sum_2dof_2dsquares, 3, 4), /* calls square, 4 parts away */
         (long long)call2(ffw_floor_2ddiv, -7, 2),    /* floored */
         (long long)call1(ffw_is_2dprime, 97));       /* calls least-divisor */
  return 0;
}
)";

}  // namespace

TEST_CASE("objects link with cc and words call across parts", "[native][link]") {
  std::string out = ffb::test::TempDir("link");
  REQUIRE(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                                "/datasets/examples/examples.jsonl -o " + out +
                                " -q --words-per-object 7") == 0);
  REQUIRE(std::filesystem::exists(out + "/obj/part-00008.o"));  // 60 words / 7 = 9 parts
  REQUIRE(std::filesystem::exists(out + "/obj/ffrt.o"));
  ffb::test::WriteFile(out + "/main.c", kProgram);
  std::string cc = "cd " + out + " && cc -std=c11 -Wall -Werror -Iinclude main.c obj/*.o -o prog";
  INFO(cc);
  REQUIRE(ffb::test::RunCommand(cc + " 2> cc.log") == 0);
  REQUIRE(ffb::test::RunCommand("cd " + out + " && ./prog > prog.out") == 0);
  CHECK(ffb::test::ReadFile(out + "/prog.out") == "49 9 3628800 12 12 6765 25 -4 -1\n");
  // readelf: no warnings on any object; objdump disassembles every symbol.
  REQUIRE(ffb::test::RunCommand("cd " + out + " && readelf -a obj/*.o > readelf.txt 2>&1") == 0);
  std::string readelf = ffb::test::ReadFile(out + "/readelf.txt");
  CHECK(readelf.find("Warning") == std::string::npos);
  CHECK(readelf.find("R_X86_64_PLT32") != std::string::npos);
  CHECK(readelf.find(".note.GNU-stack") != std::string::npos);
  REQUIRE(ffb::test::RunCommand("cd " + out + " && objdump -d obj/part-00000.o > objdump.txt") ==
          0);
  CHECK(ffb::test::ReadFile(out + "/objdump.txt").find("<ffw_square>:") != std::string::npos);
}

TEST_CASE("no-native mode runs tests in the interpreter only and writes no objects", "[native]") {
  std::string out = ffb::test::TempDir("no-native");
  REQUIRE(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                                "/datasets/examples/examples.jsonl -o " + out +
                                " -q --no-native") == 0);
  CHECK_FALSE(std::filesystem::exists(out + "/obj"));
  std::string results = ffb::test::ReadFile(out + "/results.jsonl");
  CHECK(results.find("\"symbol\"") == std::string::npos);
  CHECK(results.find("\"tests\":{\"run\":4,\"passed\":4") != std::string::npos);
}
