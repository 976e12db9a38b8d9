// ScanWordName: the top-level "word" string of a raw line, even when the
// line is not valid JSON after it.
#include "engine/core/word_name_scan.h"

#include <catch2/catch.hpp>

using ffb::ScanWordName;

TEST_CASE("ScanWordName reads the top-level word of a raw line", "[core][names]") {
  CHECK(ScanWordName(R"({"word":"sq","stack_effect":{)") == "sq");
  CHECK(ScanWordName(R"({ "description": "a \"word\": x", "word" : "dbl" })") == "dbl");
  CHECK(ScanWordName(R"({"stack_effect":{"word":"inner"},"word":"outer"})") == "outer");
  CHECK(ScanWordName(R"({"x":["word"],"word":"w"})") == "w");
  CHECK_FALSE(ScanWordName(R"({"x":{"word":"no"}})").has_value());
  CHECK_FALSE(ScanWordName(R"({"word":5})").has_value());
  CHECK_FALSE(ScanWordName(R"({"word":"a\"b"})").has_value());  // escapes: never a valid name
  CHECK_FALSE(ScanWordName(R"({"word":"cut)").has_value());
  CHECK_FALSE(ScanWordName(R"({} {"word":"after"})").has_value());
  CHECK_FALSE(ScanWordName("").has_value());
}
