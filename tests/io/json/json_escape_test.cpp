#include "io/json/json_escape.h"

#include <catch2/catch.hpp>

#include "io/json/utf8.h"

TEST_CASE("AppendJsonString escapes quotes, backslashes and control bytes", "[json]") {
  std::string out;
  ffb::AppendJsonString(out, std::string("a\"b\\c\n\t\x01\x1f") + '\0' + "é)");
  CHECK(out == "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\\u0000é)\"");
}

TEST_CASE("base64", "[json]") {
  std::string out;
  ffb::AppendBase64(out, "");
  CHECK(out.empty());
  ffb::AppendBase64(out, "f");
  CHECK(out == "Zg==");
  out.clear();
  ffb::AppendBase64(out, "fo");
  CHECK(out == "Zm8=");
  out.clear();
  ffb::AppendBase64(out, "foobar");
  CHECK(out == "Zm9vYmFy");
  out.clear();
  ffb::AppendBase64(out, std::string_view("\xff\x00\xfe", 3));
  CHECK(out == "/wD+");
}

TEST_CASE("UTF-8 checks", "[utf8]") {
  CHECK(ffb::FirstInvalidUtf8("plain ascii") == 11);
  CHECK(ffb::FirstInvalidUtf8("é€𝄞") == std::string("é€𝄞").size());
  CHECK(ffb::FirstInvalidUtf8("ab\xc3\x28") == 2);
  CHECK(ffb::FirstInvalidUtf8("\xed\xa0\x80") == 0);        // surrogate
  CHECK(ffb::FirstInvalidUtf8("x\xc0\xaf") == 1);           // overlong
  CHECK(ffb::FirstInvalidUtf8("xy\xf4\x90\x80\x80") == 2);  // above U+10FFFF
  CHECK(ffb::SingleCodePoint("A") == 65);
  CHECK(ffb::SingleCodePoint("é") == 0xE9);
  CHECK(ffb::SingleCodePoint("𝄞") == 0x1D11E);
  CHECK(ffb::SingleCodePoint("ab") == -1);
  CHECK(ffb::SingleCodePoint("") == -1);
}
