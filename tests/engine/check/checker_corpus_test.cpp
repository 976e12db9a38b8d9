// The stack-checker case corpus, in the spirit of Factor's stack-checker
// tests: every dialect word, every control structure, nesting, unbalanced
// arms and loops, return-stack misuse, recursion, calls to earlier words and
// lexical errors. Each case states the exact effect text or the exact code.
#include <catch2/catch.hpp>

#include "tests/support/infer_test_support.h"

using ffb::testing::Check;

namespace {

struct Case {
  const char* body;
  const char* expect;     // "( a -- b )" or an error id like "E2235"
  const char* self = "";  // the word's declared effect, for recurse
};

const Case kCases[] = {
    // Arithmetic.
    {"+", "( a b -- c )"},
    {"-", "( a b -- c )"},
    {"*", "( a b -- c )"},
    {"/", "( a b -- c )"},
    {"mod", "( a b -- c )"},
    {"/mod", "( a b -- c d )"},
    {"*/", "( a b c -- d )"},
    {"*/mod", "( a b c -- d e )"},
    {"negate", "( a -- b )"},
    {"abs", "( a -- b )"},
    {"min", "( a b -- c )"},
    {"max", "( a b -- c )"},
    {"1+", "( a -- b )"},
    {"1-", "( a -- b )"},
    {"2*", "( a -- b )"},
    {"2/", "( a -- b )"},
    {"lshift", "( a b -- c )"},
    {"rshift", "( a b -- c )"},
    // Logic and comparisons.
    {"and", "( a b -- c )"},
    {"or", "( a b -- c )"},
    {"xor", "( a b -- c )"},
    {"invert", "( a -- b )"},
    {"=", "( a b -- c )"},
    {"<>", "( a b -- c )"},
    {"<", "( a b -- c )"},
    {">", "( a b -- c )"},
    {"<=", "( a b -- c )"},
    {">=", "( a b -- c )"},
    {"0=", "( a -- b )"},
    {"0<>", "( a -- b )"},
    {"0<", "( a -- b )"},
    {"0>", "( a -- b )"},
    {"u<", "( a b -- c )"},
    {"u>", "( a b -- c )"},
    {"within", "( a b c -- d )"},
    {"true", "( -- a )"},
    {"false", "( -- a )"},
    // Shuffles keep identity.
    {"dup", "( a -- a a )"},
    {"drop", "( a -- )"},
    {"swap", "( a b -- b a )"},
    {"over", "( a b -- a b a )"},
    {"rot", "( a b c -- b c a )"},
    {"-rot", "( a b c -- c a b )"},
    {"nip", "( a b -- b )"},
    {"tuck", "( a b -- b a b )"},
    {"2dup", "( a b -- a b a b )"},
    {"2drop", "( a b -- )"},
    {"2swap", "( a b c d -- c d a b )"},
    {"2over", "( a b c d -- a b c d a b )"},
    {"0 pick", "( a -- a a )"},
    {"1 pick", "( a b -- a b a )"},
    {"2 pick", "( a b c -- a b c a )"},
    {"0 roll", "( a -- a )"},
    {"1 roll", "( a b -- b a )"},
    {"2 roll", "( a b c -- b c a )"},
    {"3 roll", "( a b c d -- b c d a )"},
    {"swap swap", "( a b -- a b )"},
    {"rot rot", "( a b c -- c a b )"},
    {"-rot rot", "( a b c -- a b c )"},
    {"dup drop", "( a -- a )"},
    {"drop drop", "( a b -- )"},
    {"over over", "( a b -- a b a b )"},
    {"tuck drop", "( a b -- b a )"},
    {"nip nip", "( a b c -- c )"},
    {"2swap 2swap", "( a b c d -- a b c d )"},
    {"DUP SWAP", "( a -- a a )"},
    {"Dup Drop", "( a -- a )"},
    // Literals and compositions.
    {"", "( -- )"},
    {"42", "( -- a )"},
    {"$ff %101 #12 'a'", "( -- a b c d )"},
    {"-5 +", "( a -- b )"},
    {"42 13 +", "( -- a )"},
    {"dup *", "( a -- b )"},
    {"dup * swap +", "( a b -- c )"},
    {"dup dup * swap dup * +", "( a -- b )"},
    {"2dup + rot rot + +", "( a b -- c )"},
    {"over over * swap dup * + swap dup *", "( a b -- c d )"},
    {"swap drop", "( a b -- b )"},
    {"over +", "( a b -- a c )"},
    {"dup ( a comment ) *", "( a -- b )"},
    {"dup \\ a line comment\n *", "( a -- b )"},
    // Return stack.
    {">r r>", "( a -- a )"},
    {">r dup r>", "( a b -- a a b )"},
    {">r r@ r> +", "( a -- b )"},
    {"swap >r + r>", "( a b c -- d b )"},
    {">r >r r> r>", "( a b -- a b )"},
    {">r swap r>", "( a b c -- b a c )"},
    {">r", "E2501"},
    {"r>", "E2501"},
    {"r@", "E2501"},
    {">r >r r>", "E2501"},
    {"if >r then", "E2235"},
    {"if >r 0 then", "E2501"},
    {"if >r else >r then r>", "( a b -- a )"},
    {"if >r else drop 0 >r then r>", "( a b -- c )"},
    // if / else / then.
    {"if 1 else 2 then", "( a -- b )"},
    {"if then", "( a -- )"},
    {"if else then", "( a -- )"},
    {"dup 0< if negate then", "( a -- b )"},
    {"dup if drop 0 then", "( a -- b )"},
    {"if dup then", "E2235"},
    {"if dup else drop then", "E2235"},
    {"if drop else 2drop then", "E2235"},
    {"if 1 then", "E2235"},
    {"dup 0= if drop 1 else dup 1- then", "E2235"},
    {"if swap else swap then", "( a b c -- b a )"},
    {"if swap then", "( a b c -- d e )"},
    {"if drop else nip then", "( a b c -- d )"},
    {"if if 1 else 2 then else 3 then", "E2235"},
    {"if if 1 else 2 then else drop 3 then", "( a b -- c )"},
    {"dup if dup if drop then then", "E2235"},
    {"if 1 if 2 else 3 then + else 4 then", "E2235"},
    {"if 1 if 2 else 3 then + else 4 + then", "( a b -- c )"},
    {"0< if -1 else 1 then", "( a -- b )"},
    {"2dup < if swap then drop", "( a b -- c )"},
    // exit makes an arm bottom.
    {"exit", "( -- )"},
    {"exit 1 2", "( -- )"},
    {"1 exit 2", "( -- a )"},
    {"if 1 else exit then", "E2235"},
    {"if 1 exit then 2", "( a -- b )"},
    {"if exit then", "( a -- )"},
    {"if exit else exit then", "( a -- )"},
    {"if 1 2 exit then 3", "E2235"},
    {"dup 0= if drop 0 exit then 1-", "( a -- b )"},
    {"dup 0< if negate exit then", "( a -- b )"},
    // Control-flow structure errors.
    {"then", "E3001"},
    {"else", "E3002"},
    {"if", "E3000"},
    {"1 if 2", "E3000"},
    {"if else else then", "E3002"},
    {"if begin then", "E3001"},
    {"begin", "E3020"},
    {"until", "E3021"},
    {"while", "E3021"},
    {"repeat", "E3021"},
    {"again", "E3021"},
    {"begin if until then", "E3021"},
    {"begin while until", "E3021"},
    {"begin repeat", "E3021"},
    {"begin 1 while", "E3020"},
    {"do", "E3010"},
    {"1 0 do", "E3010"},
    {"loop", "E3011"},
    {"+loop", "E3011"},
    {"i", "E3012"},
    {"j", "E3012"},
    {"leave", "E3012"},
    {"unloop", "E3012"},
    {"1 0 do j loop", "E3012"},
    {"begin do until loop", "E3021"},
    // begin loops.
    {"begin dup 0= until", "( a -- a )"},
    {"begin 1- dup 0= until", "( a -- b )"},
    {"begin 1 until", "( -- )"},
    {"begin dup until", "( a -- a )"},
    {"begin 1 2 until", "E2236"},
    {"begin drop 0 until", "E2236"},
    {"begin dup while 1- repeat", "( a -- b )"},
    {"begin dup while repeat", "( a -- a )"},
    {"begin dup while dup repeat", "E2236"},
    {"begin 1 while repeat", "( -- )"},
    {"begin 1 while drop repeat", "E2236"},
    {"begin again", "( -- )"},
    {"begin 1 again", "E2236"},
    {"begin dup 0= if drop exit then 1- again", "( a -- )"},
    {"begin swap 1- dup 0= until", "( a b -- c d )"},
    {"begin >r r> dup until", "( a -- a )"},
    {"begin >r 1 until", "E2236"},
    {"begin >r 0 0 until", "E2501"},
    // do loops.
    {"10 0 do loop", "( -- )"},
    {"10 0 do i drop loop", "( -- )"},
    {"0 10 0 do i + loop", "( -- a )"},
    {"10 0 do i loop", "E2236"},
    {"do loop", "( a b -- )"},
    {"do i + loop", "( a b c -- d )"},
    {"?do loop", "( a b -- )"},
    {"0 swap 0 ?do i + loop", "( a -- b )"},
    {"10 0 do 2 +loop", "( -- )"},
    {"10 0 do i +loop", "( -- )"},
    {"10 0 do +loop", "E2236"},
    {"10 0 do 10 0 do i j + drop loop loop", "( -- )"},
    {"10 0 do leave loop", "( -- )"},
    {"10 0 do 1 leave loop", "E2236"},
    {"10 0 do i 5 = if leave then loop", "( -- )"},
    {"10 0 do i 5 = if unloop exit then loop", "( -- )"},
    {"10 0 do exit loop", "E2501"},
    {"10 0 do >r loop", "E2501"},
    {"10 0 do r> loop", "E2502"},
    {"10 0 do r@ drop loop", "E2502"},
    {"10 0 do i >r r> drop loop", "( -- )"},
    {">r 10 0 do loop r>", "( a -- a )"},
    {"10 0 do 1 >r i r> 2drop loop", "E2502"},
    {"10 0 do 1 >r leave loop", "E2502"},
    {"10 0 do unloop loop", "E2501"},
    {"0 0 do 0 0 do j drop loop loop", "( -- )"},
    {"0 0 do 0 0 do 1 >r j r> 2drop loop loop", "E2502"},
    {"swap 0 do dup + loop", "( a b -- c )"},
    {"10 0 do i 3 > if leave else i drop then loop", "( -- )"},
    // recurse uses the declared effect.
    {"dup 0> if 1- recurse then", "( a -- b )", "( n -- n' )"},
    {"recurse", "( a -- )", "( n -- )"},
    {"dup if recurse else drop then", "( a b -- c )", "( a b -- c )"},
    {"recurse", "E2500"},
    {"dup 1 > if dup 1- recurse * then", "( a -- b )", "( n -- n! )"},
    // Calls to earlier words (declared effects).
    {"square", "( a -- b )"},
    {"square square", "( a -- b )"},
    {"swap square +", "( a b -- c )"},
    {"sum3", "( a b c -- d )"},
    {"pair", "( -- a b )"},
    {"pair +", "( -- a )"},
    {"is-even if 1 else 0 then", "( a -- b )"},
    {"0 10 clamp", "( a -- b )"},
    {"noop", "( -- )"},
    {"SQUARE", "( a -- b )"},
    {"sqaure", "E1000"},
    {"foo", "E1000"},
    {"dup foo", "E1000"},
    // No static effect.
    {"?dup", "E2500"},
    {"depth", "E2500"},
    {"execute", "E2500"},
    {"pick", "E2500"},
    {"dup pick", "E2500"},
    {"roll", "E2500"},
    {"-1 pick", "E2500"},
    {"64 roll", "E2500"},
    // Lexical errors.
    {"( unclosed", "E0002"},
    {"$zz", "E0003"},
    {"dup )", "E0001"},
    {"'ab'", "E0003"},
};

}  // namespace

TEST_CASE("stack-checker corpus", "[infer][corpus]") {
  size_t n = 0;
  for (const Case& c : kCases) {
    INFO("body: `" << c.body << "` self: " << c.self);
    auto r = Check(c.body, c.self);
    std::string msg;
    if (r.result.FirstError()) msg = r.result.FirstError()->message;
    INFO("message: " << msg);
    CHECK(r.outcome == c.expect);
    ++n;
  }
  CHECK(n >= 150);
}

TEST_CASE("arm effects are named in E2235", "[infer]") {
  auto r = Check("if dup else drop then");
  REQUIRE(r.result.FirstError());
  CHECK(r.result.FirstError()->message ==
        "if arms leave different depths: then-arm ( a -- a a ), else-arm ( a -- )");
  CHECK(r.result.FirstError()->token == 0);
  CHECK(r.result.FirstError()->column == 1);
  auto e = Check("if dup then");
  CHECK(e.result.FirstError()->message ==
        "if arms leave different depths: then-arm ( a -- a a ), else-arm ( a -- a )");
}

TEST_CASE("loop and exit messages", "[infer]") {
  auto r = Check("begin 1 2 until");
  CHECK(r.result.FirstError()->message ==
        "begin … until body ( -- a ) is not stack-neutral: each iteration changes the depth by +1 "
        "(the "
        "flag counted)");
  CHECK(r.result.FirstError()->token == 3);
  CHECK(r.result.FirstError()->column == 11);
  auto x = Check("if 1 2 exit then 3");
  CHECK(x.result.FirstError()->message ==
        "`exit` leaves ( a -- b c ) but the word ends with ( a -- b )");
  auto u = Check("sqaure");
  CHECK(u.result.FirstError()->message == "undefined word `sqaure`; did you mean `square`?");
  // A transposition is one edit, so a three-letter word with two letters
  // swapped is within the one-edit limit for short names.
  auto t = Check("dpu");
  CHECK(t.result.FirstError()->message == "undefined word `dpu`; did you mean `dup`?");
  CHECK(t.result.FirstError()->code == ffb::Code::kUndefinedWord);
  auto q = Check("dup ?dup");
  CHECK(q.result.FirstError()->token == 1);
  CHECK(q.result.FirstError()->column == 5);
}

TEST_CASE("max depth counts inputs", "[infer]") {
  CHECK(Check("dup").result.max_depth == 2);
  CHECK(Check("1 2 3 + +").result.max_depth == 3);
  CHECK(Check("2over").result.max_depth == 6);
  CHECK(Check("dup *").result.max_depth == 2);
  CHECK(Check("drop").result.max_depth == 1);
  CHECK(Check("").result.max_depth == 0);
  CHECK(Check("if 1 2 3 drop drop else 4 then").result.max_depth == 3);
}

TEST_CASE("value kinds and warnings", "[infer]") {
  auto r = Check("0< 1+");
  REQUIRE(r.result.ok);
  REQUIRE(r.result.diagnostics.size() == 1);
  CHECK(r.result.diagnostics[0].code == ffb::Code::kArithmeticOnFlag);
  CHECK(r.result.diagnostics[0].token == 1);
  CHECK(Check("true 1+").result.diagnostics.size() == 1);
  CHECK(Check("1 2 < negate").result.diagnostics.size() == 1);
  CHECK(Check("dup 0< swap 0> or").result.diagnostics.empty());
  CHECK(Check("is-even 1+").result.diagnostics.size() == 1);
  auto f = Check("0= 0= dup and");
  CHECK(f.result.diagnostics.empty());
  CHECK(f.result.outputs[0].kind == ffb::CellKind::kFlag);
  CHECK(Check("0= swap 0= and").result.outputs[0].kind == ffb::CellKind::kFlag);
  CHECK(Check("0= 1 and").result.outputs[0].kind == ffb::CellKind::kInt);
  CHECK(Check("if true else false then").result.outputs[0].kind == ffb::CellKind::kFlag);
  CHECK(Check("if true else 0 then").result.outputs[0].kind == ffb::CellKind::kInt);
  CHECK(Check("swap").result.outputs[0].input == 1);
  CHECK(Check("+").result.outputs[0].input == -1);
  CHECK(!Check("begin again").result.returns);
}

// The checker has a lean path for straight-line bodies and a general one.
// Appending `exit` changes no effect but forces the general path, so both
// must agree on every corpus body and on random straight-line bodies.
TEST_CASE("fast and general paths agree", "[infer]") {
  auto same = [](const std::string& body, const char* self) {
    INFO("body: " << body << " self: " << self);
    auto a = Check(body, self);
    auto b = Check(body + " exit", self);
    REQUIRE(a.outcome == b.outcome);
    if (!a.result.ok) return;
    CHECK(a.result.max_depth == b.result.max_depth);
    REQUIRE(a.result.outputs.size() == b.result.outputs.size());
    for (size_t k = 0; k < a.result.outputs.size(); ++k) {
      CHECK(a.result.outputs[k].kind == b.result.outputs[k].kind);
      CHECK(a.result.outputs[k].input == b.result.outputs[k].input);
    }
    for (size_t k = 0; k < a.result.inputs.size(); ++k)
      CHECK(a.result.inputs[k].kind == b.result.inputs[k].kind);
    CHECK(a.result.diagnostics.size() == b.result.diagnostics.size());
  };
  for (const Case& c : kCases)
    if (c.expect[0] == '(') same(c.body, c.self);
  const char* words[] = {"dup",    "drop",   "swap",    "over",   "rot",    "-rot",   "nip",
                         "tuck",   "2dup",   "2drop",   "2swap",  "2over",  "+",      "*",
                         "0=",     "<",      "and",     "or",     "invert", "true",   "1",
                         "negate", "square", "is-even", "2 pick", "1 roll", "within", "/mod"};
  uint64_t x = 12345;
  for (int n = 0; n < 2000; ++n) {
    std::string body;
    int len = 1 + static_cast<int>(x % 9);
    for (int k = 0; k < len; ++k) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      body += std::string(k ? " " : "") + words[(x >> 33) % std::size(words)];
    }
    same(body, n % 3 == 0 ? "( a:bool b:int c -- d )" : "");
  }
}
