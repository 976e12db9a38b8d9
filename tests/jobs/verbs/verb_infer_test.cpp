// jobs/*.cpp is compiled into the ffbatch executable only, not into ffcore, so
// the verb code is compiled into the test binary here.
#include "jobs/verbs/verb_infer.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "io/json/json_escape.h"

using namespace ffb;

namespace {
std::pair<int, std::string> Infer(std::string_view code, bool json = true) {
  std::ostringstream o;
  int rc = RunInferVerb(code, json, o);
  return {rc, o.str()};
}
std::pair<int, std::string> Verify(std::string_view code, std::string_view effect,
                                   bool json = true) {
  std::ostringstream o;
  int rc = RunVerifyVerb(code, effect, json, o);
  return {rc, o.str()};
}
}  // namespace

TEST_CASE("infer verb JSON", "[verbs][infer]") {
  auto [rc, s] = Infer("dup *");
  CHECK(rc == 0);
  CHECK(
      s ==
      R"J({"valid":true,"inferred":"( a -- b )","inferred_effect":"( a -- b )","inputs":1,"outputs":1,)J"
      R"J("stack_depth_delta":0,"max_depth":2,"returns":true,"errors":[],"warnings":[],"fixes":[]})J"
      "\n");
  auto [rc2, s2] = Infer("if dup");
  CHECK(rc2 == 65);
  CHECK(s2.find(R"J("valid":false)J") != std::string::npos);
  CHECK(
      s2.find(
          R"J({"code":"E3000","message":"`if` without a matching `then`","at":{"token":0,"column":1}})J") !=
      std::string::npos);
  CHECK(s2.find(R"J("inferred":null)J") != std::string::npos);
  // `if dup then` still fails (E2235), `dup` removed passes: only verified fixes.
  CHECK(s2.find(R"J("verified":true)J") != std::string::npos);
  CHECK(s2.find(R"J("verified":false)J") == std::string::npos);
  auto [rc3, s3] = Infer("0< 1+");
  CHECK(rc3 == 0);
  CHECK(s3.find(R"J("warnings":[{"code":"W2302")J") != std::string::npos);
}

TEST_CASE("infer verb text", "[verbs][infer]") {
  CHECK(Infer("swap", false).second == "ok ( a b -- b a )\n");
  auto [rc, s] = Infer("foo", false);
  CHECK(rc == 65);
  CHECK(s == "error E1000 at token 0 (column 1): undefined word `foo`\n");
}

TEST_CASE("verify verb", "[verbs][infer]") {
  auto [rc, s] = Verify("dup *", "( n -- n² )");
  CHECK(rc == 0);
  CHECK(s.find(R"J("valid":true,"declared":"( n -- n² )","inferred":"( n -- a )")J") !=
        std::string::npos);
  auto [rc2, s2] = Verify("dup dup *", "( n -- n² )");
  CHECK(rc2 == 65);
  CHECK(
      s2.find(
          R"J("code":"E2234","message":"declared ( n -- n² ), inferred ( n -- n a ): the body leaves 2 outputs but 1 is declared")J") !=
      std::string::npos);
  CHECK(
      s2.find(
          R"J({"id":"DROP_EXCESS_001","description":"drop the 1 extra cell left on top","body":"dup dup * drop","diff":"-dup dup *\n+dup dup * drop","verified":true})J") !=
      std::string::npos);
  auto [rc3, s3] = Verify("dup *", "( n -- n²");
  CHECK(rc3 == 64);
  CHECK(s3.find(R"J("code":"E1174")J") != std::string::npos);
  CHECK(Verify("swap", "( a b -- b a )", false).second == "ok ( a b -- b a )\n");
  CHECK(Verify("2dup +", "( a b -- a b a+b )").first == 0);
}

TEST_CASE("verify verb: effect<= pass-through is valid, with W2238 and no fixes",
          "[verbs][infer][passthru]") {
  auto [rc, s] = Verify("+", "( x a b -- x c )");
  CHECK(rc == 0);
  CHECK(s ==
        R"J({"valid":true,"declared":"( x a b -- x c )","inferred":"( a b -- c )",)J"
        R"J("inferred_effect":"( a b -- c )","inputs":2,"outputs":1,"stack_depth_delta":-1,)J"
        R"J("max_depth":2,"returns":true,"errors":[],)J"
        R"J("warnings":[{"code":"W2238","message":"the body's own effect ( a b -- c ) takes 2 of )J"
        R"J(the 3 declared inputs; `x` passes through unchanged (the word is ( x a b -- x c ))",)J"
        R"J("at":{"token":0,"column":0}}],"fixes":[]})J"
        "\n");
  CHECK(Verify("dup", "( a b -- a b b )").first == 0);
  CHECK(Verify("drop", "( a b -- a )").first == 0);
  CHECK(Verify("", "( a -- a )").first == 0);
  CHECK(Verify("", "( -- )", false).second == "ok ( -- )\n");
  auto [rc2, s2] = Verify("+", "( a b c -- d )");
  CHECK(rc2 == 65);
  CHECK(s2.find(R"J("message":"declared ( a b c -- d ), inferred ( a b -- c ): the body changes )J"
                R"J(the depth by -1 but the declared effect by -2")J") != std::string::npos);
  CHECK(s2.find(R"J("body":"+ nip")J") != std::string::npos);
}

TEST_CASE("verb JsonString escaping", "[verbs]") {
  CHECK(JsonQuoted("a\"b\\c\n\t\x01") == R"J("a\"b\\c\n\t\u0001")J");
  CHECK(JsonQuoted("n²") == "\"n²\"");
}
