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
  explicit Matched(std::string_view body) {
    std::vector<Diagnostic> d;
    REQUIRE(LexBody(body, cols, d));
    MatchControl(cols.Body(0), flow);
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

TEST_CASE("control flow: the ANS orig/dest structures and their branch targets", "[control_flow]") {
  // An orig's maker -> the token that resolves it; then -> the chain's head.
  struct Case {
    const char* body;
    std::vector<uint32_t> partners;
    bool nested;
  };
  const Case cases[] = {
      // The forms the nested walk knows.
      {"1 if 2 else 3 then", {kNone, 3, kNone, 5, kNone, 1}, true},
      {"begin dup while 1- repeat", {4, kNone, 4, kNone, 0}, true},
      {"begin 1 again", {2, kNone, 0}, true},
      {"begin while begin while repeat repeat", {5, 5, 4, 4, 2, 0}, true},
      // Several elses: each else's AHEAD is resolved by the next else.
      {"1 if 2 else 3 else 4 then", {kNone, 3, kNone, 5, kNone, 7, kNone, 1}, false},
      {"if else else else then", {1, 2, 3, 4, 0}, false},
      // Two whiles: the inner one closed by repeat, the outer one by else, then then.
      {"begin dup while dup while 1+ repeat 100 else 200 then",
       {6, kNone, 8, kNone, 6, kNone, 0, kNone, 10, kNone, 2},
       false},
      {"begin dup while dup while 1+ repeat 100 + then",
       {6, kNone, 9, kNone, 6, kNone, 0, kNone, kNone, 2},
       false},
      // while with until / again, its orig resolved by then.
      {"begin dup while 1- dup until 100 then", {5, kNone, 7, kNone, kNone, 0, kNone, 2}, false},
      {"begin dup while 1- again then", {4, kNone, 5, kNone, 0, 2}, false},
      // repeat's THEN resolves the if's orig.
      {"if begin 1 repeat", {3, 3, kNone, 1}, false},
      {"if begin while repeat then", {4, 3, 3, 1, 0}, true},
      // exit anywhere.
      {"dup if exit else exit else exit then", {kNone, 3, kNone, 5, kNone, 7, kNone, 1}, false},
      {"begin exit while exit repeat", {4, kNone, 4, kNone, 0}, true},
      // do-sys on the same stack.
      {"begin 3 0 do leave loop dup while 1 0 ?do i loop repeat",
       {13, kNone, kNone, 5, 5, 3, kNone, 13, kNone, kNone, 12, 10, 10, 0},
       true},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    Matched m(c.body);
    CHECK(m.Error() == "ok");
    CHECK(m.Partners() == c.partners);
    CHECK(m.flow.nested() == c.nested);
  }
}

TEST_CASE("control flow: E30xx codes, positions and where they are raised", "[control_flow]") {
  struct Case {
    const char* body;
    uint32_t fail_at;
    const char* error;
  };
  const Case cases[] = {
      {"dup", kNone, "ok"},
      {"then", 0, "E3001@0:1 `then` without a matching `if`"},
      {"else", 0, "E3002@0:1 `else` without a matching `if`"},
      {"if then else", 2, "E3002@2:9 `else` without a matching `if`"},
      {"1 if 2", 3, "E3000@1:3 `if` without a matching `then`"},
      {"1 if 2 else 3", 5, "E3000@1:3 `if` without a matching `then`"},
      {"1 if 2 else 3 else 4", 7, "E3000@1:3 `if` without a matching `then`"},
      {"begin", 1, "E3020@0:1 `begin` without `until`, `repeat` or `again`"},
      {"begin 1 while", 3, "E3020@0:1 `begin … while` without `repeat`"},
      {"begin 1 while again", 4, "E3020@2:9 `while` without a matching `repeat` or `then`"},
      {"begin while while repeat", 4, "E3020@1:7 `while` without a matching `repeat` or `then`"},
      {"until", 0, "E3021@0:1 `until` without a matching `begin`"},
      {"while", 0, "E3021@0:1 `while` without a matching `begin`"},
      {"if while then", 1, "E3021@1:4 `while` without a matching `begin`"},
      {"begin if until then", 2, "E3021@2:10 `until` without a matching `begin`"},
      {"begin then", 1, "E3001@1:7 `then` without a matching `if`"},
      {"if again", 1, "E3021@1:4 `again` without a matching `begin`"},
      // repeat's THEN needs an orig under the dest (gforth: "expected orig").
      {"begin while begin repeat again", 3,
       "E3021@3:19 `repeat` without a matching `begin … while`"},
      {"begin repeat", 1, "E3021@1:7 `repeat` without a matching `begin … while`"},
      {"begin 1 while repeat then", 4, "E3001@4:22 `then` without a matching `if`"},
      {"if 1 else 2 then then", 5, "E3001@5:18 `then` without a matching `if`"},
      {"1 0 do", 3, "E3010@2:5 `do` without a matching `loop` or `+loop`"},
      {"1 0 ?do", 3, "E3010@2:5 `do` without a matching `loop` or `+loop`"},
      {"+loop", 0, "E3011@0:1 `+loop` without a matching `do`"},
      {"if do then loop", 2, "E3001@2:7 `then` without a matching `if`"},
      {"0 0 do if loop then", 4, "E3011@4:11 `loop` without a matching `do`"},
      {"0 0 do while loop then", 3, "E3021@3:8 `while` without a matching `begin`"},
      {"i", 0, "E3012@0:1 `i` outside a DO loop"},
      {"1 0 do j loop", 3, "E3012@3:8 `j` outside two nested DO loops"},
      {"leave", 0, "E3012@0:1 `leave` outside a DO loop"},
      {"begin do until loop", 2, "E3021@2:10 `until` without a matching `begin`"},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    Matched m(c.body);
    CHECK(m.flow.fail_at() == c.fail_at);
    CHECK(m.Error() == c.error);
  }
}
