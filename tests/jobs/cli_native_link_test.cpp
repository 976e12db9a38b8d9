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

namespace {

// Includes two part headers only (lcm, gcd and factorial are in part 1,
// sum-of-squares in part 4, square in part 0) and calls two words, each of
// which calls another word: lcm -> gcd in its own object, sum-of-squares ->
// square in another.
constexpr const char* kTwoWords = R"(
#include <stdio.h>
#include "ffbatch_part-00001.h"
#include "ffbatch_part-00004.h"

static int64_t stack[64];

static int64_t call2(int64_t *(*w)(int64_t *), int64_t a, int64_t b) {
  stack[0] = a; stack[1] = b;
  int64_t *sp = w(stack + 2);
  return sp == stack + 1 ? stack[0] : -999;
}

int main(void) {
  printf("%lld %lld\n", (long long)call2(ffw_lcm, 4, 6),
         (long long)call2(ffw_sum_2dof_2dsquares, 3, 4));
  return 0;
}
)";

std::string Output(const std::string& dir, const std::string& command) {
  std::string file = dir + "/cmd.out";
  REQUIRE(ffb::test::RunCommand("cd " + dir + " && " + command + " > " + file) == 0);
  return ffb::test::ReadFile(file);
}

bool Defines(const std::string& nm, const std::string& symbol) {
  return nm.find(" T " + symbol + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("words link from libffwords.a, a part header suffices, --gc-sections drops the rest",
          "[native][link]") {
  std::string out = ffb::test::TempDir("archive");
  REQUIRE(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                                "/datasets/examples/examples.jsonl -o " + out +
                                " -q --words-per-object 7") == 0);
  // The record names the part holding a word: its header has the same number.
  std::string results = ffb::test::ReadFile(out + "/results.jsonl");
  CHECK(results.find("\"symbol\":\"ffw_lcm\",\"object\":\"obj/part-00001.o\"") !=
        std::string::npos);
  CHECK(results.find("\"symbol\":\"ffw_sum_2dof_2dsquares\",\"object\":\"obj/part-00004.o\"") !=
        std::string::npos);
  // The archive holds every part and the runtime, in order, with an index.
  CHECK(Output(out, "ar t obj/libffwords.a") ==
        "part-00000.o\npart-00001.o\npart-00002.o\npart-00003.o\npart-00004.o\npart-00005.o\n"
        "part-00006.o\npart-00007.o\npart-00008.o\nffrt.o\n");
  std::string armap = Output(out, "nm --print-armap obj/libffwords.a");
  CHECK(armap.find("ffw_lcm in part-00001.o\n") != std::string::npos);
  CHECK(armap.find("ffrt_div_by_zero in ffrt.o\n") != std::string::npos);
  // Each word has its own section, with its own relocations.
  std::string sections = Output(out, "readelf -SW obj/part-00001.o");
  CHECK(sections.find(" .text.ffw_lcm ") != std::string::npos);
  CHECK(sections.find(" .rela.text.ffw_lcm ") != std::string::npos);
  CHECK(sections.find(" .text ") == std::string::npos);
  CHECK(Output(out, "readelf -rW obj/part-00001.o").find("ffw_gcd - 4") != std::string::npos);

  ffb::test::WriteFile(out + "/main.c", kTwoWords);
  std::string cc = "cc -std=c11 -Wall -Werror -Iinclude main.c -Lobj -lffwords";
  REQUIRE(ffb::test::RunCommand("cd " + out + " && " + cc + " -o prog") == 0);
  REQUIRE(ffb::test::RunCommand("cd " + out + " && " + cc + " -Wl,--gc-sections -o prog_gc") == 0);
  CHECK(Output(out, "./prog") == "12 25\n");
  CHECK(Output(out, "./prog_gc") == "12 25\n");
  std::string all = Output(out, "nm prog");
  std::string gc = Output(out, "nm prog_gc");
  // Called words and their callees stay; the rest of the pulled parts goes.
  for (const char* kept : {"ffw_lcm", "ffw_gcd", "ffw_sum_2dof_2dsquares", "ffw_square"}) {
    INFO(kept);
    CHECK(Defines(all, kept));
    CHECK(Defines(gc, kept));
  }
  for (const char* dropped : {"ffw_factorial", "ffw_max3", "ffw_larger"}) {
    INFO(dropped);
    CHECK(Defines(all, dropped));
    CHECK_FALSE(Defines(gc, dropped));
  }
  // Part 2 is never pulled from the archive at all.
  CHECK(all.find("ffw_fibonacci_2drec") == std::string::npos);
  // A part header declares only its own part's words.
  ffb::test::WriteFile(out + "/other.c",
                       "#include \"ffbatch_part-00001.h\"\n"
                       "int main(void) { int64_t s[4]; return ffw_square(s) == s; }\n");
  CHECK(ffb::test::RunCommand("cd " + out +
                              " && cc -std=c11 -Werror -Iinclude -c other.c 2>/dev/null") != 0);
  // The umbrella includes every part header.
  std::string umbrella = ffb::test::ReadFile(out + "/include/ffbatch_words.h");
  CHECK(umbrella.find("#include \"ffbatch_part-00000.h\"\n") != std::string::npos);
  CHECK(umbrella.find("#include \"ffbatch_part-00008.h\"\n\n#endif") != std::string::npos);
  CHECK(umbrella.find("ffbatch_part-00009.h") == std::string::npos);
}

TEST_CASE("more words per object than sections allow is a usage error", "[native][cli]") {
  std::string out = ffb::test::TempDir("too-many-sections");
  CHECK(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                              "/datasets/examples/examples.jsonl -o " + out +
                              "/o -q --words-per-object 32001 2>/dev/null") == 64);
  CHECK_FALSE(std::filesystem::exists(out + "/o"));
}
