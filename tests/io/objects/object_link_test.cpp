#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "io/objects/c_header_writer.h"
#include "io/objects/elf_writer.h"
#include "io/objects/symbol_mangling.h"
#include "tests/support/native_test_support.h"
#include "tests/support/test_util.h"

using namespace ffb;

TEST_CASE("native link: objects across parts, header and ffrt.o link with cc", "[native][link]") {
  test::NativeFixture f;
  REQUIRE(f.Define("sq", "dup *", 1, 1) == "");
  REQUIRE(f.Define("sum-sq", "sq swap sq +", 2, 1) == "");
  REQUIRE(f.Define("fib", "dup 2 < if exit then dup 1- recurse swap 2 - recurse +", 1, 1) == "");
  REQUIRE(f.Define("gcd", "begin dup while tuck mod repeat drop", 2, 1) == "");
  REQUIRE(f.Define("fib-sum", "0 swap 0 ?do i fib + loop", 1, 1) == "");
  REQUIRE(f.Define("2*/", "*/", 3, 1) == "");
  REQUIRE(f.Define("my_word", "sum-sq gcd", 3, 1) == "");
  REQUIRE(f.Define("divmod", "/mod", 2, 2) == "");
  std::string out = test::TempDir("ffb_link");
  OutputDir out_dir = OutputDir::Open(out);
  OutputDir obj_dir = out_dir.Subdir("obj"), include_dir = out_dir.Subdir("include");
  const NativeCode& code = f.object_code();
  REQUIRE(code.words.size() == 8);
  auto symbol_of = [&](uint32_t id, std::string& s) { AppendMangledWordName(s, f.names().at(id)); };
  // Three words per part: calls cross parts (fib-sum -> fib, my_word -> sum-sq, gcd).
  ElfPart part;
  std::string objects;
  int part_no = 0;
  for (size_t w = 0; w < code.words.size(); ++w) {
    part.AddWord(code, code.words[w], symbol_of);
    if (part.word_count() == 3 || w + 1 == code.words.size()) {
      char name[32];
      std::snprintf(name, sizeof name, "part-%05d.o", part_no++);
      part.Write(obj_dir, name);
      objects += " " + out + "/obj/" + name;
      part.Clear();
    }
  }
  REQUIRE(part_no == 3);
  WriteRuntimeObject(obj_dir);
  CHeaderWriter header;
  for (const std::string& n : f.names()) header.Add(n, FormatInferred(f.word(n).inferred));
  header.Write(include_dir, "ffbatch_words.h");

  for (const char* p : {"part-00000.o", "part-00001.o", "part-00002.o", "ffrt.o"}) {
    std::string obj = out + "/obj/" + p;
    REQUIRE(test::RunCommand("readelf -a -W " + obj + " > " + obj + ".readelf 2>&1") == 0);
    CHECK(test::ReadFile(obj + ".readelf").find("Warning") == std::string::npos);
  }
  REQUIRE(test::RunCommand("objdump -d" + objects + " > " + out + "/dis.txt 2>&1") == 0);
  std::string dis = test::ReadFile(out + "/dis.txt");
  for (const std::string& n : f.names()) {
    std::string label = MangleWordName(n);
    label.insert(0, 1, '<');
    label.append(">:");
    CHECK(dis.find(label) != std::string::npos);
  }
  CHECK(dis.find("(bad)") == std::string::npos);

  test::WriteFile(out + "/main.c", R"(#include <stdio.h>
#include "ffbatch_words.h"
static int64_t s[64];
static int fails;
#define CHECK1(call, in0, want) do { int64_t *sp = s; *sp++ = in0; sp = call(sp); \
  if (sp != s + 1 || s[0] != (want)) { printf("FAIL %s\n", #call); fails++; } } while (0)
int main(void) {
  int64_t *sp;
  CHECK1(ffw_sq, 12, 144);
  CHECK1(ffw_fib, 25, 75025);
  CHECK1(ffw_fib_2dsum, 10, 88);
  sp = s; *sp++ = 3; *sp++ = 4; sp = ffw_sum_2dsq(sp);
  if (sp != s + 1 || s[0] != 25) { puts("FAIL sum-sq"); fails++; }
  sp = s; *sp++ = 1071; *sp++ = 462; sp = ffw_gcd(sp);
  if (sp != s + 1 || s[0] != 21) { puts("FAIL gcd"); fails++; }
  sp = s; *sp++ = 15; *sp++ = 3; *sp++ = 4; sp = ffw_my__word(sp);   /* gcd(15, 25) */
  if (sp != s + 1 || s[0] != 5) { puts("FAIL my_word"); fails++; }
  sp = s; *sp++ = 1000000000000; *sp++ = 1000000000000; *sp++ = 1000000; sp = ffw_2_2a_2f(sp);
  if (sp != s + 1 || s[0] != 1000000000000000000) { puts("FAIL 2*/"); fails++; }
  sp = s; *sp++ = -7; *sp++ = 2; sp = ffw_divmod(sp);
  if (sp != s + 2 || s[0] != 1 || s[1] != -4) { puts("FAIL divmod"); fails++; }
  if (fails == 0) puts("ok");
  fflush(stdout);
  sp = s; *sp++ = 1; *sp++ = 0;
  ffw_divmod(sp);   /* traps: the handler never returns */
  return 3;
}
)");
  test::WriteFile(out + "/handler.c",
                  "#include <stdlib.h>\nvoid ffrt_div_by_zero(void) { exit(42); }\n");
  std::string cc = "cc -std=c11 -Wall -Wextra -Werror -I" + out + "/include -o ";
  // Default handler (weak, abort): fails with SIGABRT after printing ok.
  REQUIRE(test::RunCommand(cc + out + "/main " + out + "/main.c" + objects + " " + out +
                           "/obj/ffrt.o") == 0);
  CHECK(test::RunCommand(out + "/main > " + out + "/run.txt 2>/dev/null") != 0);
  CHECK(test::ReadFile(out + "/run.txt") == "ok\n");
  // The user's strong handler overrides the weak default.
  REQUIRE(test::RunCommand(cc + out + "/main2 " + out + "/main.c " + out + "/handler.c" + objects +
                           " " + out + "/obj/ffrt.o") == 0);
  CHECK(test::RunCommand(out + "/main2 > " + out + "/run2.txt") == 42);
  CHECK(test::ReadFile(out + "/run2.txt") == "ok\n");
}
