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
        "declared ( a b -- c ), inferred ( a -- b ): the body takes 1 input but 2 are declared");
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
