#include "engine/validate/constraint_compiler.h"

#include <array>
#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

#include "kernels/constraint_check.h"

namespace {

const std::array<std::string_view, 2> kNames = {"a", "b"};

bool Holds(std::string_view text, int64_t a, int64_t b) {
  std::vector<ffb::ConstraintOp> ops;
  auto err = ffb::CompileConstraint(text, kNames, ops);
  REQUIRE(err.code == ffb::Code::kNone);
  int64_t in[2] = {a, b};
  uint8_t ok = 0;
  REQUIRE(ffb::CheckConstraintsScalar(ops, in, 1, 2, &ok));
  return ok != 0;
}

ffb::ConstraintError Fails(std::string_view text) {
  std::vector<ffb::ConstraintOp> ops;
  auto err = ffb::CompileConstraint(text, kNames, ops);
  CHECK(ops.empty());
  return err;
}

}  // namespace

TEST_CASE("constraints: comparisons, chains, and/or, parentheses", "[constraints]") {
  CHECK(Holds("a >= 0", 0, 0));
  CHECK_FALSE(Holds("a >= 0", -1, 0));
  CHECK(Holds("0 <= a <= 100", 100, 0));
  CHECK_FALSE(Holds("0 <= a <= 100", 101, 0));
  CHECK_FALSE(Holds("0 <= a <= 100", -1, 0));
  CHECK(Holds("a != b", 1, 2));
  CHECK_FALSE(Holds("a <> b", 2, 2));
  CHECK(Holds("a = 3 or b = 4", 0, 4));
  CHECK_FALSE(Holds("a = 3 and b = 4", 3, 5));
  CHECK(Holds("a < 0 || (b > 1 && b < 3)", 5, 2));
  CHECK(Holds("a == -9223372036854775808", INT64_MIN, 0));
  CHECK(Holds("a>b", 2, 1));  // no spaces needed
  // and binds tighter than or
  CHECK(Holds("a = 1 or a = 2 and b = 9", 1, 0));
}

TEST_CASE("constraints: errors carry code and column", "[constraints]") {
  auto e = Fails("a >= >= 0");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  CHECK(e.column == 6);
  e = Fails("c > 0");
  CHECK(e.code == ffb::Code::kConstraintUnknownName);
  CHECK(e.column == 1);
  e = Fails("a > 0 and");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  CHECK(e.column == 10);
  e = Fails("a");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  e = Fails("(a > 0");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  e = Fails("a => 0");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  CHECK(e.column == 3);
  e = Fails("");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  e = Fails("a > 99999999999999999999");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  e = Fails("a > 0 b < 1");
  CHECK(e.code == ffb::Code::kConstraintSyntax);
  CHECK(e.column == 7);
}
