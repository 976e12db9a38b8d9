// The constraint cache gives exactly what the compiler gives, hit or miss,
// including when the same text names different slots.
#include "engine/validate/constraint_cache.h"

#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

namespace ffb {
namespace {

bool SameOps(const std::vector<ConstraintOp>& a, const std::vector<ConstraintOp>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].slot != b[i].slot || a[i].literal != b[i].literal) {
      return false;
    }
  }
  return true;
}

TEST_CASE("constraint cache matches the compiler on hits, misses and errors") {
  ConstraintCache cache;
  const std::vector<std::string_view> ab = {"a", "b"};
  const std::vector<std::string_view> ba = {"b", "a"};
  const std::vector<std::string_view> texts = {
      "a >= 0 and b <= 10", "0 <= a <= b", "a <", "c > 1", "", "(a = 1) or (b != 2)"};
  for (int round = 0; round < 3; ++round) {  // round 0 misses, later rounds hit
    for (const auto* names : {&ab, &ba}) {
      for (std::string_view text : texts) {
        std::vector<ConstraintOp> want = {{ConstraintOpKind::kLiteral, 0, 42}};
        std::vector<ConstraintOp> got = want;
        ConstraintError e1 = CompileConstraint(text, *names, want);
        ConstraintError e2 = cache.Compile(text, *names, got);
        CHECK(e1.code == e2.code);
        CHECK(e1.column == e2.column);
        CHECK(e1.message == e2.message);
        CHECK(SameOps(want, got));
      }
    }
  }
  // The same text over differently ordered names is a different program.
  std::vector<ConstraintOp> x, y;
  cache.Compile("a > b", ab, x);
  cache.Compile("a > b", ba, y);
  CHECK(!SameOps(x, y));
}

}  // namespace
}  // namespace ffb
