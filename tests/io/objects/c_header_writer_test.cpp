#include "io/objects/c_header_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "io/output/safe_text.h"
#include "tests/support/test_util.h"

using namespace ffb;

TEST_CASE("c header: comment text cannot end the comment or become code", "[native][header]") {
  std::string s;
  AppendCCommentText(s,
                     "a */ b /* c \n d \\ e ?"
                     "?/ f \x01\xff");
  CHECK(s.find("*/") == std::string::npos);
  CHECK(s.find("/*") == std::string::npos);
  CHECK(s.find('\n') == std::string::npos);
  CHECK(s.find("??") == std::string::npos);
  CHECK(s == "a *\\x2f b \\x2f* c \\x0a d \\x5c e \\x3f?/ f \\x01\\xff");
}

TEST_CASE("c header: hostile spec text compiles as exactly the declarations", "[native][header]") {
  CHeaderWriter h;
  h.Add("sq", "( n -- n*n )");
  h.Add("2*", "( a -- b ) */ int evil(void); /*");
  h.Add("my-word", "( -- )\n#error injected\n*/ }");
  h.Add("x*/", "( -- ) \\\nint evil2;");
  std::string text = h.Text();
  CHECK(text.find("int64_t *ffw_sq(int64_t *sp);") != std::string::npos);
  CHECK(text.find("int64_t *ffw_2_2a(int64_t *sp);") != std::string::npos);
  CHECK(text.find("int64_t *ffw_my_2dword(int64_t *sp);") != std::string::npos);
  CHECK(text.find("int64_t *ffw_x_2a_2f(int64_t *sp);") != std::string::npos);
  std::string dir = test::TempDir("ffb_header");
  h.Write(OutputDir::Open(dir), "ffbatch_words.h");
  // The header compiles as C and as C++, trigraphs on, and declares nothing else:
  // `evil` is not declared, so using it fails; the words are declared.
  test::WriteFile(dir + "/ok.c",
                  "#include \"ffbatch_words.h\"\nint64_t *(*p[])(int64_t *) = {ffw_sq, ffw_2_2a, "
                  "ffw_my_2dword, ffw_x_2a_2f};\nint main(void) { return p[0] == 0; }\n");
  test::WriteFile(dir + "/evil.c",
                  "#include \"ffbatch_words.h\"\nint main(void) { return evil(); }\n");
  test::WriteFile(dir + "/evil2.c",
                  "#include \"ffbatch_words.h\"\nint main(void) { return evil2; }\n");
  CHECK(test::RunCommand("cc -std=c11 -trigraphs -Wall -Wextra -Werror -fsyntax-only -I" + dir +
                         " " + dir + "/ok.c 2>/dev/null") == 0);
  CHECK(test::RunCommand("c++ -x c++ -Wall -Werror -fsyntax-only -I" + dir + " " + dir +
                         "/ok.c 2>/dev/null") == 0);
  CHECK(test::RunCommand("cc -std=c11 -Werror -fsyntax-only -I" + dir + " " + dir +
                         "/evil.c 2>/dev/null") != 0);
  CHECK(test::RunCommand("cc -std=c11 -fsyntax-only -I" + dir + " " + dir +
                         "/evil2.c 2>/dev/null") != 0);
}
