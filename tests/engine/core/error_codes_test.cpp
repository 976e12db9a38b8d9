#include "engine/core/error_codes.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

TEST_CASE("error code table is ordered by enum and ids are unique", "[codes]") {
  std::set<std::string> ids;
  auto all = ffb::AllCodes();
  REQUIRE(all.size() == static_cast<size_t>(ffb::Code::kCount));
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(static_cast<size_t>(all[i].code) == i);
    CHECK(ids.insert(std::string(all[i].id)).second);
    CHECK(all[i].id.size() == 5);
  }
  CHECK(ffb::Describe(ffb::Code::kRedefinedWord).id == "E1001");
  CHECK(ffb::Describe(ffb::Code::kDepthMismatch).id == "E2234");
  CHECK(ffb::Describe(ffb::Code::kUnmatchedIf).id == "E3000");
  CHECK(ffb::Describe(ffb::Code::kUndefinedWord).id == "E1000");
}
