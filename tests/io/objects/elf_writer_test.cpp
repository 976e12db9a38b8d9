#include "io/objects/elf_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "io/objects/symbol_mangling.h"
#include "tests/support/test_util.h"

using namespace ffb;

namespace {
// Hand-assembled words: w0 = `1+` (lea rax,[rdi]; inc qword [rdi-8]; ret),
// w1 = `w0 w0` (two relocated calls).
NativeCode HandCode() {
  NativeCode c;
  const uint8_t w0[] = {0x48, 0xff, 0x47, 0xf8, 0x48, 0x89, 0xf8, 0xc3};
  c.words.push_back({0, 0, sizeof(w0), 0, 0});
  c.bytes.insert(c.bytes.end(), w0, w0 + sizeof(w0));
  while (c.bytes.size() % 16) c.bytes.push_back(0xcc);
  auto off = static_cast<uint32_t>(c.bytes.size());
  // call w0; mov rdi, rax; call w0; ret  (the 8 bytes of misalignment do not
  // matter: w0 does not call C)
  const uint8_t w1[] = {0xe8, 0, 0, 0, 0, 0x48, 0x89, 0xc7, 0xe8, 0, 0, 0, 0, 0xc3};
  c.bytes.insert(c.bytes.end(), w1, w1 + sizeof(w1));
  c.relocs.push_back({off + 1, 0, RelocKind::kWord});
  c.relocs.push_back({off + 9, 0, RelocKind::kWord});
  c.words.push_back({1, off, sizeof(w1), 0, 2});
  return c;
}
}  // namespace

TEST_CASE("elf writer: objects readelf accepts and cc links", "[native][elf]") {
  std::string dir = test::TempDir("ffb_elf");
  NativeCode code = HandCode();
  auto names = [](uint32_t id, std::string& out) {
    AppendMangledWordName(out, id == 0 ? "1+" : "twice-1+");
  };
  OutputDir out = OutputDir::Open(dir);
  ElfPart a, b;
  a.AddWord(code, code.words[0], names);
  b.AddWord(code, code.words[1], names);
  a.Write(out, "part-00000.o");
  b.Write(out, "part-00001.o");
  WriteRuntimeObject(out);
  for (const char* o : {"part-00000.o", "part-00001.o", "ffrt.o"}) {
    std::string obj = dir + "/" + o;
    REQUIRE(test::RunCommand("readelf -a -W " + obj + " > " + obj + ".txt 2>&1") == 0);
    std::string text = test::ReadFile(obj + ".txt");
    CHECK(text.find("Warning") == std::string::npos);
    CHECK(text.find("REL (Relocatable file)") != std::string::npos);
  }
  std::string sym = test::ReadFile(dir + "/part-00001.o.txt");
  CHECK(sym.find("R_X86_64_PLT32") != std::string::npos);
  CHECK(sym.find("FUNC    GLOBAL DEFAULT    1 ffw_twice_2d1_2b") != std::string::npos);
  CHECK(sym.find("ffw_1_2b") != std::string::npos);
  std::string rt = test::ReadFile(dir + "/ffrt.o.txt");
  CHECK(rt.find("FUNC    WEAK   DEFAULT    1 ffrt_div_by_zero") != std::string::npos);
  test::WriteFile(dir + "/main.c",
                  "#include <stdint.h>\nint64_t *ffw_twice_2d1_2b(int64_t *sp);\n"
                  "int main(void) { int64_t s[4] = {40}; int64_t *sp = ffw_twice_2d1_2b(s + 1);\n"
                  "  return (sp == s + 1 && s[0] == 42) ? 0 : 1; }\n");
  CHECK(test::RunCommand("cc -o " + dir + "/main " + dir + "/main.c " + dir + "/part-00000.o " +
                         dir + "/part-00001.o " + dir + "/ffrt.o") == 0);
  CHECK(test::RunCommand(dir + "/main") == 0);
  CHECK(test::RunCommand("objdump -d " + dir + "/part-00001.o | grep -q '<ffw_twice_2d1_2b>:'") ==
        0);
}
