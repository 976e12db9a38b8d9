#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "native_test_support.h"

using namespace ffb;
using test::NativeFixture;
using V = std::vector<int64_t>;

namespace {
constexpr int64_t kMin = INT64_MIN, kMax = INT64_MAX;

struct Case {
  const char* body;
  int ins, outs;
  V in, out;
};

void RunCases(const std::vector<Case>& cases) {
  NativeFixture f;
  int n = 0;
  for (const Case& c : cases) {
    std::string name = "w" + std::to_string(n++);
    INFO(c.body);
    REQUIRE(f.Define(name, c.body, c.ins, c.outs) == "");
    CHECK(f.Stack(name, c.in) == c.out);
  }
}
}  // namespace

TEST_CASE("native: smoke", "[native]") {
  NativeFixture f;
  REQUIRE(f.Define("sq", "dup *", 1, 1) == "");
  CHECK(f.Stack("sq", {7}) == V{49});
  REQUIRE(f.Define("noop", "", 0, 0) == "");
  CHECK(f.Stack("noop", {}) == V{});
}
