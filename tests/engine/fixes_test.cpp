#include <catch2/catch.hpp>

#include "engine/fixes.h"
#include "engine/verify.h"
#include "tests/engine/infer_test_support.h"

using namespace ffb;

namespace {
StackEffect Eff(std::string_view t) {
  Diagnostic d;
  return *ParseEffectText(t, &d);
}
bool Has(const std::vector<Fix>& fs, std::string_view id, std::string_view body) {
  for (const Fix& f : fs)
    if (f.id == id && f.body == body) return true;
  return false;
}
}  // namespace

TEST_CASE("fixes: named FastForth repairs", "[fixes][infer]") {
  auto e = Eff("( n -- n² )");
  auto f = SuggestFixes("dup dup *", &e, nullptr);
  REQUIRE(!f.empty());
  CHECK(f[0].id == "DROP_EXCESS_001");
  CHECK(f[0].body == "dup dup * drop");
  CHECK(f[0].diff == "-dup dup *\n+dup dup * drop");
  CHECK(Has(f, "REMOVE_WORD_008", "dup *"));

  auto two = Eff("( a b -- c )");
  auto g = SuggestFixes("dup *", &two, nullptr);
  CHECK(Has(g, "ADD_INPUTS_002", "nip dup *"));
  CHECK(Has(g, "ADD_INPUTS_002", "drop dup *"));

  auto t = SuggestFixes("dup 0< if negate", nullptr, nullptr);
  REQUIRE(!t.empty());
  CHECK(t[0].id == "ADD_THEN_003");
  CHECK(t[0].body == "dup 0< if negate then");
  CHECK(SuggestFixes("10 0 do i drop", nullptr, nullptr)[0].id == "ADD_LOOP_004");
  CHECK(SuggestFixes("begin 1- dup 0=", nullptr, nullptr)[0].body == "begin 1- dup 0= until");

  auto over = Eff("( a b -- a c )");
  CHECK(Has(SuggestFixes("+", &over, nullptr), "OVER_BEFORE_OP_007", "over +"));
}

TEST_CASE("fixes: every reported fix verifies, passing bodies get none", "[fixes][infer]") {
  const char* bodies[] = {"dup dup *", "swap", "+ +", "if dup then", "1 2", "drop drop drop", "\\ c\ndup"};
  const char* effects[] = {"( n -- m )", "( a b -- b a )", "( a b -- c )", "( a b -- c )"};
  Inferrer inf;
  for (const char* b : bodies) {
    for (const char* e : effects) {
      auto eff = Eff(e);
      for (const Fix& f : SuggestFixes(b, &eff, nullptr)) {
        INFO(b << " vs " << e << " -> " << f.body);
        auto c = ffb::testing::Check(f.body, e);
        REQUIRE(c.result.ok);
        std::vector<Diagnostic> d;
        CHECK(VerifyEffect(c.result, eff, d));
        CHECK(f.verified);
      }
    }
  }
  auto sw = Eff("( a b -- b a )");
  CHECK(SuggestFixes("swap", &sw, nullptr).empty());
  auto one = Eff("( a -- a a a )");
  auto cm = SuggestFixes("dup \\ comment", &one, nullptr);
  REQUIRE(!cm.empty());
  CHECK(cm[0].body == "dup \\ comment\ndup");
}
