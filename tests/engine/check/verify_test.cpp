#include "engine/check/verify.h"

#include <catch2/catch.hpp>

#include "tests/support/infer_test_support.h"

using namespace ffb;
using ffb::testing::Check;

namespace {
StackEffect Eff(std::string_view text) {
  Diagnostic d;
  auto e = ParseEffectText(text, &d);
  REQUIRE(e);
  return *e;
}
std::vector<Diagnostic> Verify(std::string_view body, std::string_view effect) {
  auto c = Check(body, effect);
  REQUIRE(c.result.ok);
  std::vector<Diagnostic> d;
  VerifyEffect(c.result, Eff(effect), d);
  return d;
}
}  // namespace

TEST_CASE("effect text parses and prints", "[effect]") {
  auto e = Eff("( a b -- c )");
  CHECK(e.inputs.size() == 2);
  CHECK(e.outputs.size() == 1);
  CHECK(e.outputs[0].name == "c");
  CHECK(FormatEffect(e) == "( a b -- c )");
  CHECK(FormatEffect(Eff("( -- )")) == "( -- )");
  CHECK(FormatEffect(Eff("(a -- b)")) == "( a -- b )");
  CHECK(FormatEffect(Eff("( n -- n² )")) == "( n -- n² )");
  auto t = Eff("( n:int f:bool -- x:addr y )");
  CHECK(t.inputs[0].type == SlotType::kInt);
  CHECK(t.inputs[1].type == SlotType::kBool);
  CHECK(t.outputs[0].type == SlotType::kAddr);
  CHECK(t.outputs[1].type == SlotType::kAny);
  CHECK(FormatEffect(t) == "( n:int f:bool -- x:addr y )");
}

TEST_CASE("effect text errors", "[effect]") {
  struct Bad {
    const char* text;
    Code code;
    uint32_t column;
  };
  const Bad cases[] = {
      {"a -- b", Code::kEffectSyntax, 1},  {"( a -- b", Code::kEffectSyntax, 8},
      {"( a b )", Code::kEffectSyntax, 7}, {"( a -- b -- c )", Code::kEffectSyntax, 10},
      {"", Code::kEffectSyntax, 1},        {"( a ( -- b )", Code::kEffectSyntax, 5},
  };
  for (const Bad& b : cases) {
    INFO(b.text);
    Diagnostic d;
    CHECK(!ParseEffectText(b.text, &d));
    CHECK(d.code == b.code);
    CHECK(d.column == b.column);
  }
}

TEST_CASE("verify: counts", "[verify][infer]") {
  auto d = Verify("dup dup *", "( n -- n² )");
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == Code::kDepthMismatch);
  CHECK(d[0].message ==
        "declared ( n -- n² ), inferred ( n -- n a ): the body leaves 2 outputs but 1 is declared");
  CHECK(Verify("dup *", "( n -- n² )").empty());
  CHECK(Verify("swap", "( a b -- b a )").empty());
  CHECK(Verify("2dup +", "( a b -- a b a+b )").empty());
  auto in = Verify("dup *", "( a b -- c )");
  REQUIRE(in.size() == 1);
  CHECK(in[0].message ==
        "declared ( a b -- c ), inferred ( a -- b ): the body changes the depth by 0 but the "
        "declared effect by -1");
  auto more = Verify("+", "( a -- c )");
  REQUIRE(more.size() == 1);
  CHECK(more[0].message ==
        "declared ( a -- c ), inferred ( a b -- c ): the body takes 2 inputs but 1 is declared");
  CHECK(Verify("begin again", "( -- x )").empty());  // never returns: outputs unconstrained
}

TEST_CASE("verify: kinds", "[verify][infer]") {
  auto w = Verify("1+", "( n:int -- f:bool )");
  REQUIRE(w.size() == 1);
  CHECK(w[0].code == Code::kBoolFromNonFlag);
  CHECK(Verify("0=", "( n:int -- f:bool )").empty());
  CHECK(Verify("dup drop", "( f:bool -- f:bool )").empty());
  CHECK(Verify("dup drop", "( f -- f:bool )").empty());
  auto p = Verify("dup drop", "( n:int -- f:bool )");
  REQUIRE(p.size() == 1);
  CHECK(p[0].code == Code::kBoolFromNonFlag);
  auto e = Verify("dup drop", "( p:addr -- n:int )");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == Code::kKindMismatch);
  CHECK(e[0].message == "output `n` is declared int but is input `p` (addr)");
  CHECK(Verify("0=", "( n -- p:addr )")[0].code == Code::kKindMismatch);
  CHECK(Verify("1 +", "( p:addr -- p:addr )").empty());
  auto c = Check("dup drop", "( p:addr -- n:int )");
  CHECK(CheckEffect(c.result, ToWordEffect(Eff("( p:addr -- n:int )"))) ==
        EffectCheck::kKindMismatch);
  auto ok = Check("dup *");
  CHECK(CheckEffect(ok.result, ToWordEffect(Eff("( n -- m )"))) == EffectCheck::kOk);
  CHECK(CheckEffect(ok.result, ToWordEffect(Eff("( n -- m m )"))) == EffectCheck::kDepthMismatch);
}

namespace {
// The one W2238 a pass-through body gets, and nothing else.
std::string PassThrough(std::string_view body, std::string_view effect) {
  auto d = Verify(body, effect);
  INFO(body << " vs " << effect);
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == Code::kPassThrough);
  CHECK(Describe(d[0].code).id == "W2238");
  CHECK(d[0].is_warning());
  return d[0].message;
}
}  // namespace

TEST_CASE("verify: effect<= accepts bodies whose deepest declared inputs pass through",
          "[verify][infer][passthru]") {
  CHECK(PassThrough("+", "( x a b -- x c )") ==
        "the body's own effect ( a b -- c ) takes 2 of the 3 declared inputs; `x` passes through "
        "unchanged (the word is ( x a b -- x c ))");
  CHECK(PassThrough("dup", "( a b -- a b b )") ==
        "the body's own effect ( a -- a a ) takes 1 of the 2 declared inputs; `a` passes through "
        "unchanged (the word is ( a b -- a b b ))");
  CHECK(PassThrough("drop", "( a b -- a )") ==
        "the body's own effect ( a -- ) takes 1 of the 2 declared inputs; `a` passes through "
        "unchanged (the word is ( a b -- a ))");
  CHECK(PassThrough("", "( a -- a )") ==
        "the body's own effect ( -- ) takes 0 of the 1 declared inputs; `a` passes through "
        "unchanged (the word is ( a -- a ))");
  // Depth -1 both: `a` lands in `d` (Factor does not look at names; the
  // message does, and says where it lands).
  CHECK(PassThrough("+", "( a b c -- d e )") ==
        "the body's own effect ( a b -- c ) takes 2 of the 3 declared inputs; `a` passes through "
        "unchanged as output `d` (the word is ( a b c -- a d ))");
  CHECK(PassThrough("swap", "( x y a b -- x y b a )") ==
        "the body's own effect ( a b -- b a ) takes 2 of the 4 declared inputs; `x`, `y` pass "
        "through unchanged (the word is ( x y a b -- x y b a ))");
  CHECK(PassThrough("1+", "( p:addr n:int -- p:addr m:int )").find("`p` passes through") !=
        std::string::npos);
  // Every path of a branch: each arm is effect<= the whole body's effect.
  CHECK(PassThrough("if + else drop then", "( x a b f -- x c )") ==
        "the body's own effect ( a b c -- d ) takes 3 of the 4 declared inputs; `x` passes through "
        "unchanged (the word is ( x a b f -- x c ))");
  CHECK(PassThrough("dup 0< if drop 0 then", "( x n -- x m )").find("`x` passes") !=
        std::string::npos);
  // A body that never returns may take fewer inputs; no output passes through.
  CHECK(Verify("begin again", "( a -- )").empty());
  // Exact matches get no warning.
  CHECK(Verify("+", "( a b -- c )").empty());
}

TEST_CASE("verify: effect<= rejects every depth change other than the declared one",
          "[verify][infer][passthru]") {
  struct Bad {
    const char* body;
    const char* effect;
    const char* message;
  };
  const Bad cases[] = {
      {"+", "( a b c -- d )",
       "declared ( a b c -- d ), inferred ( a b -- c ): the body changes the depth by -1 but the "
       "declared effect by -2"},
      {"+", "( a b c d -- e )",
       "declared ( a b c d -- e ), inferred ( a b -- c ): the body changes the depth by -1 but the "
       "declared effect by -3"},
      {"dup", "( a b -- a b )",
       "declared ( a b -- a b ), inferred ( a -- a a ): the body changes the depth by +1 but the "
       "declared effect by 0"},
      {"drop", "( a b -- )",
       "declared ( a b -- ), inferred ( a -- ): the body changes the depth by -1 but the declared "
       "effect by -2"},
      {"", "( a -- )",
       "declared ( a -- ), inferred ( -- ): the body changes the depth by 0 but the declared "
       "effect by -1"},
      {"", "( a b -- c d e )",
       "declared ( a b -- c d e ), inferred ( -- ): the body changes the depth by 0 but the "
       "declared effect by +1"},
      {"rot", "( a b -- c d )",
       "declared ( a b -- c d ), inferred ( a b c -- b c a ): the body takes 3 inputs but 2 are "
       "declared"},
  };
  for (const Bad& b : cases) {
    INFO(b.body << " vs " << b.effect);
    auto d = Verify(b.body, b.effect);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == Code::kDepthMismatch);
    CHECK(d[0].message == b.message);
    auto c = Check(b.body, b.effect);
    CHECK(CheckEffect(c.result, ToWordEffect(Eff(b.effect))) == EffectCheck::kDepthMismatch);
  }
  CHECK(PassThroughCount(Check("+").result, 3, 2) == 1);
  CHECK(PassThroughCount(Check("+").result, 2, 1) == 0);
  CHECK(PassThroughCount(Check("+").result, 3, 1) == -1);
  CHECK(PassThroughCount(Check("+").result, 1, 0) == -1);
}

TEST_CASE("verify: declared kinds hold for the slots that pass through",
          "[verify][infer][passthru]") {
  // An addr that passes through cannot land in an int output (E2300, the
  // same rule as for a shuffled input), nor an int in an addr output.
  auto d = Verify("+", "( p:addr a b -- n:int c )");
  REQUIRE(d.size() == 2);
  CHECK(d[0].code == Code::kPassThrough);
  CHECK(d[1].code == Code::kKindMismatch);
  CHECK(d[1].message ==
        "output `n` is declared int but is input `p` (addr), passed through unchanged");
  auto e = Verify("drop", "( n:int x -- p:addr )");
  REQUIRE(e.size() == 2);
  CHECK(e[1].code == Code::kKindMismatch);
  CHECK(e[1].message ==
        "output `p` is declared addr but is input `n` (int), passed through unchanged");
  // A bool output that is an int input passed through: W2301.
  auto f = Verify("+", "( n:int a b -- f:bool c )");
  REQUIRE(f.size() == 2);
  CHECK(f[1].code == Code::kBoolFromNonFlag);
  // Same kinds (or `any`) pass; the body's own outputs keep their checks,
  // with input numbers past the pass-through ones.
  CHECK(Verify("+", "( p:addr a b -- p:addr c )").size() == 1);
  CHECK(Verify("+", "( p:bool a b -- p:bool c )").size() == 1);
  CHECK(Verify("+", "( p a b -- q:addr c )").size() == 1);
  auto s = Verify("swap", "( x q:addr n:int -- x m:addr r:int )");
  REQUIRE(s.size() == 3);
  CHECK(s[1].message == "output `m` is declared addr but is input `n` (int)");
  CHECK(s[2].message == "output `r` is declared int but is input `q` (addr)");
  CHECK(Verify("swap", "( x q:addr n:int -- x n:int q:addr )").size() == 1);
  auto c = Check("+", "( p:addr a b -- n:int c )");
  CHECK(CheckEffect(c.result, ToWordEffect(Eff("( p:addr a b -- n:int c )"))) ==
        EffectCheck::kKindMismatch);
  CHECK(CheckEffect(c.result, ToWordEffect(Eff("( p:addr a b -- p:addr c )"))) == EffectCheck::kOk);
}
