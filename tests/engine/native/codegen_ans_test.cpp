// Native code for the ANS control-flow forms (Forth 2012 §3.2.3.2): several
// elses in one if, several whiles in one begin closed by repeat and then/else,
// while with until and with again, if … begin … repeat, exit inside each,
// code made dead by an exit and revived at a join, leave and i inside them,
// deep stacks across joins, and traps inside them. Each case runs in test
// mode, in the reference interpreter and (when it does not trap) as
// object-mode code through the C ABI; all three must give gforth 0.7.3's
// stack (`: w <body> ; <inputs> w .s`) or its trap.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/interp_fixture.h"
#include "tests/support/native_test_support.h"

using namespace ffb;
using test::NativeFixture;
using test::Trapped;
using V = std::vector<int64_t>;

namespace {

struct Case {
  const char* body;
  int ins, outs;
  V in, out;  // out: the stack, or Trapped(code)
};

void RunCases(const std::vector<Case>& cases) {
  NativeFixture native;
  testing::InterpFixture interp;
  int n = 0;
  for (const Case& c : cases) {
    std::string name = std::to_string(n++);
    name.insert(0, 1, 'w');  // not "w" + …: GCC 12 warns -Wrestrict on it
    INFO(c.body << " on " << ::Catch::Detail::stringify(c.in));
    REQUIRE(native.Define(name, c.body, c.ins, c.outs) == "");
    REQUIRE(interp.Define(name, c.body) == Code::kNone);
    CHECK(native.Stack(name, c.in) == c.out);
    testing::RunOutcome want = interp.Call(name, c.in);
    if (want.code == Code::kNone) {
      CHECK(want.stack == c.out);
      CHECK(native.RunObject(name, c.in) == c.out);
    } else {
      CHECK(Trapped(want.code) == c.out);
    }
  }
}

}  // namespace

TEST_CASE("native: the ANS control-flow forms vs gforth 0.7.3", "[native]") {
  RunCases({
      {"if 1 else 2 else 3 + then", 1, 1, {-1}, V{4}},
      {"if 1 else 2 else 3 + then", 1, 1, {0}, V{2}},
      {"if 1 else 2 3 else 4 5 else 6 then", 1, 3, {-1}, V{1, 4, 5}},
      {"if 1 else 2 3 else 4 5 else 6 then", 1, 3, {0}, V{2, 3, 6}},
      {"if 1+ else 10 * else 2* then", 2, 1, {3, -1}, V{8}},
      {"if 1+ else 10 * else 2* then", 2, 1, {3, 0}, V{30}},
      {"if exit else 1+ else 2* then", 2, 1, {3, -1}, V{3}},
      {"if exit else 1+ else 2* then", 2, 1, {3, 0}, V{4}},
      {"if 1+ dup 5 > if exit then else 10 * dup 100 > if exit then else 2* then 1-",
       2,
       1,
       {3, -1},
       V{7}},
      {"if 1+ dup 5 > if exit then else 10 * dup 100 > if exit then else 2* then 1-",
       2,
       1,
       {7, -1},
       V{8}},
      {"if 1+ dup 5 > if exit then else 10 * dup 100 > if exit then else 2* then 1-",
       2,
       1,
       {3, 0},
       V{29}},
      {"if 1+ dup 5 > if exit then else 10 * dup 100 > if exit then else 2* then 1-",
       2,
       1,
       {20, 0},
       V{200}},
      {"begin dup 0> while dup 5 < while 1- repeat 100 + else 200 + then", 1, 1, {3}, V{200}},
      {"begin dup 0> while dup 5 < while 1- repeat 100 + else 200 + then", 1, 1, {7}, V{107}},
      {"begin dup 0> while dup 5 < while 1- repeat 100 + else 200 + then", 1, 1, {-1}, V{199}},
      {"begin dup 0> while dup 5 < while dup 2 = if exit then 1- repeat 100 + else 200 + then",
       1,
       1,
       {3},
       V{2}},
      {"begin dup 0> while dup 5 < while dup 2 = if exit then 1- repeat 100 + else 200 + then",
       1,
       1,
       {7},
       V{107}},
      {"begin dup 0> while dup 5 < while dup 2 = if exit then 1- repeat 100 + else 200 + then",
       1,
       1,
       {-1},
       V{199}},
      {"begin dup 0> while dup 5 < while dup 2 = if exit then 1- repeat 100 + else 200 + then",
       1,
       1,
       {1},
       V{200}},
      {"begin dup 0> while dup 10 < while dup 1 and while 2 + repeat 1000 + else 2000 + then else "
       "3000 + then",
       1,
       1,
       {1},
       V{2011}},
      {"begin dup 0> while dup 10 < while dup 1 and while 2 + repeat 1000 + else 2000 + then else "
       "3000 + then",
       1,
       1,
       {4},
       V{1004}},
      {"begin dup 0> while dup 10 < while dup 1 and while 2 + repeat 1000 + else 2000 + then else "
       "3000 + then",
       1,
       1,
       {-5},
       V{2995}},
      {"begin dup 0> while dup 10 < while dup 1 and while 2 + repeat 1000 + else 2000 + then else "
       "3000 + then",
       1,
       1,
       {12},
       V{2012}},
      {"begin 1- dup 0> while dup 3 = until 100 + then", 1, 1, {5}, V{103}},
      {"begin 1- dup 0> while dup 3 = until 100 + then", 1, 1, {2}, V{0}},
      {"begin 1- dup 0> while dup 7 = if exit then dup 3 = until 100 + then", 1, 1, {9}, V{7}},
      {"begin 1- dup 0> while dup 7 = if exit then dup 3 = until 100 + then", 1, 1, {5}, V{103}},
      {"begin 1- dup 0> while dup 7 = if exit then dup 3 = until 100 + then", 1, 1, {2}, V{0}},
      {"begin dup 0> while 1- again then 7 +", 1, 1, {3}, V{7}},
      {"begin dup 0> while 1- again then 7 +", 1, 1, {-2}, V{5}},
      {"begin dup 0> while dup 5 = if exit then 1- again then 7 +", 1, 1, {8}, V{5}},
      {"begin dup 0> while dup 5 = if exit then 1- again then 7 +", 1, 1, {3}, V{7}},
      {"begin dup 0> while dup 5 = if exit then 1- again then 7 +", 1, 1, {-4}, V{3}},
      {"if begin dup 10 > if exit then 2* repeat 1+", 2, 1, {3, -1}, V{12}},
      {"if begin dup 10 > if exit then 2* repeat 1+", 2, 1, {3, 0}, V{4}},
      {"if begin dup 10 > if exit then dup 0= if exit then 2* repeat 1+ exit",
       2,
       1,
       {3, -1},
       V{12}},
      {"if begin dup 10 > if exit then dup 0= if exit then 2* repeat 1+ exit", 2, 1, {0, -1}, V{0}},
      {"if begin dup 10 > if exit then dup 0= if exit then 2* repeat 1+ exit", 2, 1, {3, 0}, V{4}},
      {"begin dup 0> while exit repeat 1-", 1, 1, {4}, V{4}},
      {"begin dup 0> while exit repeat 1-", 1, 1, {-4}, V{-5}},
      {"0 5 0 do i begin dup 0> while dup 3 < while 1- repeat + else drop then loop",
       0,
       1,
       {},
       V{7}},
      {"0 10 0 do i begin dup 5 > if drop leave then dup 0> while 1- dup 2 = until + else drop "
       "then loop",
       0,
       1,
       {},
       V{6}},
      {"0 swap 0 ?do i 3 = if leave else i 1 and if i + else i 10 * + else 100 + then then loop",
       1,
       1,
       {6},
       V{121}},
      {"0 swap 0 ?do i 3 = if leave else i 1 and if i + else i 10 * + else 100 + then then loop",
       1,
       1,
       {2},
       V{101}},
      {"0 swap 0 ?do i 3 = if leave else i 1 and if i + else i 10 * + else 100 + then then loop",
       1,
       1,
       {0},
       V{0}},
      {"begin dup 0> while dup 5 < while 1- repeat 0 / else 200 + then", 1, 1, {3}, V{200}},
      {"begin dup 0> while dup 5 < while 1- repeat 0 / else 200 + then",
       1,
       1,
       {7},
       Trapped(Code::kDivisionByZero)},
      {"if 1+ else 0 / else 2* then", 2, 1, {3, -1}, V{8}},
      {"if 1+ else 0 / else 2* then", 2, 1, {3, 0}, Trapped(Code::kDivisionByZero)},
      {"2swap begin dup 0> while rot 1+ -rot 1- over 3 > until 2swap + 0 then + + +",
       4,
       1,
       {1, 2, 3, 10},
       V{16}},
      {"2swap begin dup 0> while rot 1+ -rot 1- over 3 > until 2swap + 0 then + + +",
       4,
       1,
       {1, 2, 3, 0},
       V{6}},
      {"2swap begin dup 0> while rot 1+ -rot 1- over 3 > until 2swap + 0 then + + +",
       4,
       1,
       {5, 6, 0, 4},
       V{15}},
      {"if 2over + nip else rot rot else swap then + + +", 5, 1, {1, 2, 3, 4, -1}, V{9}},
      {"if 2over + nip else rot rot else swap then + + +", 5, 1, {1, 2, 3, 4, 0}, V{10}},
      {">r begin r@ 0> while r@ 3 <> while dup + r> 1- >r repeat r> drop 1+ exit else r> drop 1- "
       "then",
       2,
       1,
       {1, 5},
       V{5}},
      {">r begin r@ 0> while r@ 3 <> while dup + r> 1- >r repeat r> drop 1+ exit else r> drop 1- "
       "then",
       2,
       1,
       {1, 0},
       V{0}},
      {">r begin r@ 0> while r@ 3 <> while dup + r> 1- >r repeat r> drop 1+ exit else r> drop 1- "
       "then",
       2,
       1,
       {7, 3},
       V{8}},
      {"begin dup while again then", 1, 1, {0}, V{0}},
  });
}

TEST_CASE("native: a while … again loop that never ends runs out of fuel, as interpreted",
          "[native]") {
  NativeFixture native;
  testing::InterpFixture interp;
  REQUIRE(native.Define("spin", "begin dup while again then", 1, 1) == "");
  REQUIRE(interp.Define("spin", "begin dup while again then") == Code::kNone);
  CHECK(native.Stack("spin", {0}) == V{0});
  CHECK(native.Stack("spin", {1}) == Trapped(Code::kFuelExhausted));
  CHECK(interp.Call("spin", {1}).code == Code::kFuelExhausted);
}
