#include "engine/forth/control_flow.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/forth/lexer.h"

using namespace ffb;

namespace {

constexpr uint32_t kNone = ControlFlow::kNone;

struct Matched {
  TokenColumns cols;
  ControlFlow flow;
  Matched(std::string_view body, ControlRules rules = ControlRules::kChecked) {
    std::vector<Diagnostic> d;
    REQUIRE(LexBody(body, cols, d));
    MatchControl(cols.Body(0), rules, flow);
  }
  // kNone stands for "no entry" (data words, exit, recurse have none).
  std::vector<uint32_t> Partners() const {
    std::vector<uint32_t> p;
    for (uint32_t i = 0; i < cols.Body(0).size(); ++i) {
      const Token& t = cols.Body(0)[i];
      const bool linked = t.kind == TokenKind::kBuiltin && Info(t.builtin()).role >= Role::kIf &&
                          Info(t.builtin()).role <= Role::kUnloop;
      p.push_back(linked ? flow.partner(i) : kNone);
    }
    return p;
  }
  std::string Error() const {
    if (flow.ok()) return "ok";
    const Diagnostic& e = flow.error();
    return std::string(Describe(e.code).id) + "@" + std::to_string(e.token) + ":" +
           std::to_string(e.column) + " " + e.message;
  }
};

}  // namespace

TEST_CASE("control flow: each control token's partner", "[control_flow]") {
  // if else then: if -> else -> then -> if.
  CHECK(Matched("1 if 2 else 3 then").Partners() ==
        std::vector<uint32_t>{kNone, 3, kNone, 5, kNone, 1});
  CHECK(Matched("if then").Partners() == std::vector<uint32_t>{1, 0});
  // begin while repeat: begin -> repeat, while -> repeat, repeat -> begin.
  CHECK(Matched("begin dup while 1- repeat").Partners() ==
        std::vector<uint32_t>{4, kNone, 4, kNone, 0});
  CHECK(Matched("begin 0 until").Partners() == std::vector<uint32_t>{2, kNone, 0});
  // do: do -> loop, loop -> do, i -> its do, j -> the outer do, leave -> its loop.
  CHECK(Matched("3 0 do 2 0 ?do j i leave +loop leave loop").Partners() ==
        std::vector<uint32_t>{kNone, kNone, 11, kNone, kNone, 9, 2, 5, 9, 5, 11, 2});
  CHECK(Matched("dup exit recurse").Partners() == std::vector<uint32_t>{kNone, kNone, kNone});
}

TEST_CASE("control flow: ANS nesting is accepted only under kAns", "[control_flow]") {
  const char* two_whiles = "begin dup while dup while 1+ repeat 100 + then";
  Matched ans(two_whiles, ControlRules::kAns);
  CHECK(ans.flow.ok());
  // The inner while is resolved by repeat, the outer one by then.
  CHECK(ans.Partners() == std::vector<uint32_t>{6, kNone, 9, kNone, 6, kNone, 0, kNone, kNone, 2});
  Matched checked(two_whiles);
  CHECK(checked.flow.fail_at() == 4);
  CHECK(checked.Error() == "E3021@4:21 `while` after `while`: use `repeat` to close begin … while");

  CHECK(Matched("begin while again then", ControlRules::kAns).flow.ok());
  CHECK(Matched("begin while again then").Error() ==
        "E3021@2:13 `again` after `while`: use `repeat` to close begin … while");
  // The while's origin is left open once its begin closed.
  CHECK(Matched("begin while again", ControlRules::kAns).Error() ==
        "E3020@1:7 `begin` is not closed by `until`, `again` or `repeat`");
}

TEST_CASE("control flow: E30xx codes, positions and where they are raised", "[control_flow]") {
  // The checker's texts (kChecked) and the interpreter's (kAns) are both kept.
  struct Case {
    const char* body;
    uint32_t fail_at;
    const char* checked;
    const char* ans;
  };
  const Case cases[] = {
      {"dup", kNone, "ok", "ok"},
      {"then", 0, "E3001@0:1 `then` without a matching `if`",
       "E3001@0:1 `then` without an open `if`"},
      {"else", 0, "E3002@0:1 `else` without a matching `if`",
       "E3002@0:1 `else` without an open `if`"},
      {"if else else then", 2, "E3002@2:9 `else` without a matching `if`",
       "E3002@2:9 `else` without an open `if`"},
      {"1 if 2", 3, "E3000@1:3 `if` without a matching `then`",
       "E3000@1:3 `if` has no matching `then`"},
      {"1 if 2 else 3", 5, "E3000@1:3 `if` without a matching `then`",
       "E3000@3:8 `if` has no matching `then`"},
      {"begin", 1, "E3020@0:1 `begin` without `until`, `repeat` or `again`",
       "E3020@0:1 `begin` is not closed by `until`, `again` or `repeat`"},
      {"begin 1 while", 3, "E3020@0:1 `begin … while` without `repeat`",
       "E3020@0:1 `begin` is not closed by `until`, `again` or `repeat`"},
      {"until", 0, "E3021@0:1 `until` without a matching `begin`",
       "E3021@0:1 `until` without an open `begin`"},
      {"begin if until then", 2, "E3021@2:10 `until` without a matching `begin`",
       "E3021@2:10 `until` without an open `begin`"},
      {"begin repeat", 1, "E3021@1:7 `repeat` without a matching `begin … while`",
       "E3021@1:7 `repeat` without `begin … while`"},
      {"1 0 do", 3, "E3010@2:5 `do` without a matching `loop` or `+loop`",
       "E3010@2:5 `do` has no matching `loop` or `+loop`"},
      {"1 0 ?do", 3, "E3010@2:5 `do` without a matching `loop` or `+loop`",
       "E3010@2:5 `do` has no matching `loop` or `+loop`"},
      {"+loop", 0, "E3011@0:1 `+loop` without a matching `do`",
       "E3011@0:1 `+loop` without an open `do`"},
      {"i", 0, "E3012@0:1 `i` outside a DO loop", "E3012@0:1 `i` outside a `do` loop"},
      {"1 0 do j loop", 3, "E3012@3:8 `j` outside two nested DO loops",
       "E3012@3:8 `j` outside two nested `do` loops"},
      {"leave", 0, "E3012@0:1 `leave` outside a DO loop", "E3012@0:1 `leave` outside a `do` loop"},
      {"begin do until loop", 2, "E3021@2:10 `until` without a matching `begin`",
       "E3021@2:10 `until` without an open `begin`"},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    Matched checked(c.body, ControlRules::kChecked);
    CHECK(checked.flow.fail_at() == c.fail_at);
    CHECK(checked.Error() == c.checked);
    Matched ans(c.body, ControlRules::kAns);
    CHECK(ans.flow.fail_at() == c.fail_at);
    CHECK(ans.Error() == c.ans);
  }
}
