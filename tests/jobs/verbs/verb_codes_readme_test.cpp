#include <catch2/catch.hpp>

#include "jobs/verbs/verb_codes.h"
#include "tests/support/test_util.h"

TEST_CASE("README error code table matches engine/core/error_codes.cpp", "[codes]") {
  std::string readme = ffb::test::ReadFile(std::string(FFBATCH_SOURCE_DIR) + "/README.md");
  auto begin = readme.find("<!-- codes:begin -->\n");
  auto end = readme.find("<!-- codes:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  begin += std::string("<!-- codes:begin -->\n").size();
  CHECK(readme.substr(begin, end - begin) == ffb::FormatCodeTable(true));
}
