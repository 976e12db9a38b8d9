// The reference interpreter word by word: exact stacks, floored division,
// wrap-around, loops, calls and every trap code. Expected values were checked
// against gforth 0.7.3 (see interp_gforth_test.cpp for the differential run).
#include <atomic>
#include <catch2/catch.hpp>
#include <climits>
#include <thread>

#include "engine/cases/case_runner.h"
#include "tests/support/interp_fixture.h"

using ffb::Code;
using ffb::testing::InterpFixture;
using Stack = std::vector<int64_t>;

namespace {

constexpr int64_t kMin = INT64_MIN;
constexpr int64_t kMax = INT64_MAX;

Stack Ok(InterpFixture& f, std::string_view body, Stack in = {}) {
  auto r = f.Run(body, in);
  INFO("body: " << body);
  REQUIRE(r.code == Code::kNone);
  return r.stack;
}

Code Trap(InterpFixture& f, std::string_view body, Stack in = {}) { return f.Run(body, in).code; }

}  // namespace

TEST_CASE("arithmetic words", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "+", {2, 3}) == Stack{5});
  CHECK(Ok(f, "-", {2, 3}) == Stack{-1});
  CHECK(Ok(f, "*", {-4, 3}) == Stack{-12});
  CHECK(Ok(f, "negate", {7}) == Stack{-7});
  CHECK(Ok(f, "abs", {-7}) == Stack{7});
  CHECK(Ok(f, "abs", {7}) == Stack{7});
  CHECK(Ok(f, "min", {3, -2}) == Stack{-2});
  CHECK(Ok(f, "max", {3, -2}) == Stack{3});
  CHECK(Ok(f, "1+ 1-", {5}) == Stack{5});
  CHECK(Ok(f, "1+", {5}) == Stack{6});
  CHECK(Ok(f, "1-", {5}) == Stack{4});
  CHECK(Ok(f, "2*", {-5}) == Stack{-10});
  CHECK(Ok(f, "2/", {-5}) == Stack{-3});  // arithmetic shift floors
  CHECK(Ok(f, "2/", {-1}) == Stack{-1});
  CHECK(Ok(f, "2/", {7}) == Stack{3});
  CHECK(Ok(f, "lshift", {3, 4}) == Stack{48});
  CHECK(Ok(f, "rshift", {-8, 1}) == Stack{kMax - 3});  // logical
  CHECK(Ok(f, "rshift", {-1, 1}) == Stack{kMax});
  CHECK(Ok(f, "$ff %101 #10 'a'") == Stack{255, 5, 10, 97});
}

TEST_CASE("shift counts are taken mod 64 as on x86-64 gforth", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "1 64 lshift") == Stack{1});
  CHECK(Ok(f, "1 65 lshift") == Stack{2});
  CHECK(Ok(f, "1 63 lshift") == Stack{kMin});
  CHECK(Ok(f, "-1 64 rshift") == Stack{-1});
  CHECK(Ok(f, "-1 65 rshift") == Stack{kMax});
  CHECK(Ok(f, "1 -1 lshift") == Stack{kMin});
  CHECK(Ok(f, "5 128 lshift") == Stack{5});
}

TEST_CASE("wrap-around arithmetic", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "1+", {kMax}) == Stack{kMin});
  CHECK(Ok(f, "1-", {kMin}) == Stack{kMax});
  CHECK(Ok(f, "+", {kMax, kMax}) == Stack{-2});
  CHECK(Ok(f, "-", {kMin, 1}) == Stack{kMax});
  CHECK(Ok(f, "*", {3, kMin}) == Stack{kMin});
  CHECK(Ok(f, "*", {kMax, kMax}) == Stack{1});
  CHECK(Ok(f, "negate", {kMin}) == Stack{kMin});
  CHECK(Ok(f, "abs", {kMin}) == Stack{kMin});
  CHECK(Ok(f, "2*", {kMax}) == Stack{-2});
  CHECK(Ok(f, "2/", {kMin}) == Stack{kMin / 2});
}

TEST_CASE("floored division: every sign combination", "[interp]") {
  InterpFixture f;
  struct Row {
    int64_t a, b, q, r;
  };
  const Row rows[] = {
      {7, 2, 3, 1},
      {-7, 2, -4, 1},
      {7, -2, -4, -1},
      {-7, -2, 3, -1},
      {6, 2, 3, 0},
      {-6, 2, -3, 0},
      {6, -2, -3, 0},
      {-6, -2, 3, 0},
      {0, 5, 0, 0},
      {0, -5, 0, 0},
      {1, 5, 0, 1},
      {-1, 5, -1, 4},
      {1, -5, -1, -4},
      {-1, -5, 0, -1},
      {5, kMin, -1, 5 + kMin},
      {-5, kMin, 0, -5},
      {kMin, 1, kMin, 0},
      {kMin, 2, kMin / 2, 0},
      {kMin, -2, -(kMin / 2), 0},
      {kMax, -1, -kMax, 0},
  };
  for (const Row& row : rows) {
    INFO(row.a << " " << row.b);
    CHECK(Ok(f, "/", {row.a, row.b}) == Stack{row.q});
    CHECK(Ok(f, "mod", {row.a, row.b}) == Stack{row.r});
    CHECK(Ok(f, "/mod", {row.a, row.b}) == Stack{row.r, row.q});
  }
}

TEST_CASE("*/ and */mod use a 128-bit product and floor", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "*/", {kMax, 2, 4}) == Stack{4611686018427387903});
  CHECK(Ok(f, "*/", {kMax, kMax, kMax}) == Stack{kMax});
  CHECK(Ok(f, "*/", {kMin, -1, 2}) == Stack{4611686018427387904});
  CHECK(Ok(f, "*/", {kMin, -1, -1}) == Stack{kMin});
  CHECK(Ok(f, "*/", {-1, 3, -2}) == Stack{1});
  CHECK(Ok(f, "*/mod", {7, 2, -3}) == Stack{-1, -5});
  CHECK(Ok(f, "*/mod", {-7, 1, 2}) == Stack{1, -4});
  CHECK(Ok(f, "*/mod", {kMin, 9223372036854775807, kMin}) == Stack{0, kMax});
  CHECK(Ok(f, "*/mod", {kMin, kMax, kMax}) == Stack{0, kMin});
}

TEST_CASE("division traps: zero divisor and quotients that do not fit", "[interp]") {
  InterpFixture f;
  for (const char* w : {"/", "mod", "/mod"}) {
    INFO(w);
    CHECK(Trap(f, w, {5, 0}) == Code::kDivisionByZero);
    CHECK(Trap(f, w, {kMin, -1}) == Code::kDivisionByZero);  // gforth: -11
  }
  for (const char* w : {"*/", "*/mod"}) {
    INFO(w);
    CHECK(Trap(f, w, {5, 3, 0}) == Code::kDivisionByZero);
    CHECK(Trap(f, w, {kMin, 1, -1}) == Code::kDivisionByZero);
    CHECK(Trap(f, w, {kMax, kMax, 1}) == Code::kDivisionByZero);
    CHECK(Trap(f, w, {-274177, 67280421310721, 2}) == Code::kDivisionByZero);  // floor: -2^63-1
  }
  auto r = f.Run("1 2 3 0 /");
  CHECK(r.code == Code::kDivisionByZero);
  CHECK(r.stack == Stack{1, 2, 3, 0});  // stack as it was at the trap
}

TEST_CASE("logic and comparisons give -1 / 0 flags", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "and or xor", {12, 10, 6, 3}) == Stack{12 ^ (10 | (6 & 3))});
  CHECK(Ok(f, "invert", {0}) == Stack{-1});
  CHECK(Ok(f, "3 3 = 3 4 = 3 4 <> 3 3 <>") == Stack{-1, 0, -1, 0});
  CHECK(Ok(f, "-1 0 < 0 -1 < -1 0 > 0 -1 >") == Stack{-1, 0, 0, -1});
  CHECK(Ok(f, "2 2 <= 3 2 <= 2 2 >= 2 3 >=") == Stack{-1, 0, -1, 0});
  CHECK(Ok(f, "0 0= 5 0= 0 0<> 5 0<>") == Stack{-1, 0, 0, -1});
  CHECK(Ok(f, "-5 0< 0 0< 5 0> 0 0>") == Stack{-1, 0, -1, 0});
  CHECK(Ok(f, "-1 0 u< 0 -1 u< -1 0 u> 1 2 u>") == Stack{0, -1, -1, 0});
  CHECK(Ok(f, "true false") == Stack{-1, 0});
}

TEST_CASE("within is (n-lo) u< (hi-lo)", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "5 3 10 within") == Stack{-1});
  CHECK(Ok(f, "3 3 10 within") == Stack{-1});
  CHECK(Ok(f, "10 3 10 within") == Stack{0});
  CHECK(Ok(f, "1 3 0 within") == Stack{0});
  CHECK(Ok(f, "3 3 3 within") == Stack{0});
  CHECK(Ok(f, "-1 10 0 within") == Stack{-1});  // wrapped range lo > hi
}

TEST_CASE("stack shuffles", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "dup", {1}) == Stack{1, 1});
  CHECK(Ok(f, "drop", {1, 2}) == Stack{1});
  CHECK(Ok(f, "swap", {1, 2}) == Stack{2, 1});
  CHECK(Ok(f, "over", {1, 2}) == Stack{1, 2, 1});
  CHECK(Ok(f, "rot", {1, 2, 3}) == Stack{2, 3, 1});
  CHECK(Ok(f, "-rot", {1, 2, 3}) == Stack{3, 1, 2});
  CHECK(Ok(f, "nip", {1, 2}) == Stack{2});
  CHECK(Ok(f, "tuck", {1, 2}) == Stack{2, 1, 2});
  CHECK(Ok(f, "2dup", {1, 2}) == Stack{1, 2, 1, 2});
  CHECK(Ok(f, "2drop", {1, 2, 3}) == Stack{1});
  CHECK(Ok(f, "2swap", {1, 2, 3, 4}) == Stack{3, 4, 1, 2});
  CHECK(Ok(f, "2over", {1, 2, 3, 4}) == Stack{1, 2, 3, 4, 1, 2});
  CHECK(Ok(f, "0 pick", {1, 2}) == Stack{1, 2, 2});
  CHECK(Ok(f, "2 pick", {1, 2, 3}) == Stack{1, 2, 3, 1});
  CHECK(Ok(f, "0 roll", {1, 2, 3}) == Stack{1, 2, 3});
  CHECK(Ok(f, "1 roll", {1, 2, 3}) == Stack{1, 3, 2});
  CHECK(Ok(f, "2 roll", {1, 2, 3, 4, 5}) == Stack{1, 2, 4, 5, 3});
  CHECK(Ok(f, "4 roll", {1, 2, 3, 4, 5}) == Stack{2, 3, 4, 5, 1});
}

TEST_CASE("return stack words", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, ">r 10 r@ r> +", {5}) == Stack{10, 10});
  CHECK(Ok(f, ">r >r r> r>", {1, 2}) == Stack{1, 2});
}

TEST_CASE("if else then, begin loops", "[interp]") {
  InterpFixture f;
  const char* abs_body = "dup 0< if negate then";
  CHECK(Ok(f, abs_body, {-4}) == Stack{4});
  CHECK(Ok(f, abs_body, {4}) == Stack{4});
  const char* sign = "dup 0< if drop -1 else 0> if 1 else 0 then then";
  CHECK(Ok(f, sign, {-9}) == Stack{-1});
  CHECK(Ok(f, sign, {9}) == Stack{1});
  CHECK(Ok(f, sign, {0}) == Stack{0});
  // sum 1..n with begin/until, begin/while/repeat
  CHECK(Ok(f, "0 swap begin dup while tuck + swap 1- repeat drop", {10}) == Stack{55});
  CHECK(Ok(f, "0 swap begin tuck + swap 1- dup 0= until drop", {10}) == Stack{55});
  // ANS: begin … while … while … repeat … then
  const char* two_whiles = "begin dup 10 < while dup 5 <> while 1+ repeat 100 + then";
  CHECK(Ok(f, two_whiles, {0}) == Stack{105});
  CHECK(Ok(f, two_whiles, {6}) == Stack{10});
  // again with exit
  CHECK(Ok(f, "begin 1+ dup 7 = if exit then again", {0}) == Stack{7});
}

TEST_CASE("do loops: i j leave unloop +loop ?do", "[interp]") {
  InterpFixture f;
  CHECK(Ok(f, "0 5 0 do i + loop") == Stack{10});
  CHECK(Ok(f, "3 0 do i loop") == Stack{0, 1, 2});
  CHECK(Ok(f, "0 0 ?do i loop") == Stack{});
  CHECK(Ok(f, "3 0 ?do i loop") == Stack{0, 1, 2});
  CHECK(Ok(f, "3 0 do 2 0 do j i loop loop") == Stack{0, 0, 0, 1, 1, 0, 1, 1, 2, 0, 2, 1});
  CHECK(Ok(f, "5 0 do i 3 = if leave then i loop") == Stack{0, 1, 2});
  CHECK(Ok(f, "0 10 do i -3 +loop") == Stack{10, 7, 4, 1});
  CHECK(Ok(f, "0 -5 do i 2 +loop") == Stack{-5, -3, -1});
  CHECK(Ok(f, "10 0 do i 3 +loop") == Stack{0, 3, 6, 9});
  CHECK(Ok(f, "0 0 do i -1 +loop") == Stack{0});  // crosses limit-1/limit at once
  CHECK(Ok(f, "-1 0 do i -1 +loop") == Stack{0, -1});
  CHECK(Ok(f, "-9223372036854775808 9223372036854775807 do i 1 +loop") == Stack{kMax});
  // leave inside nested control flow, inner loop leave only leaves the inner
  CHECK(Ok(f, "3 0 do 10 0 do i 1 = if leave then i loop 100 loop") ==
        Stack{0, 100, 0, 100, 0, 100});
  // exit inside a loop after unloop; nested loops need two unloops
  CHECK(Ok(f, "10 0 do i 4 = if i unloop exit then loop 99") == Stack{4});
  CHECK(Ok(f, "5 0 do 5 0 do i j + 6 = if i j unloop unloop exit then loop loop 99") ==
        Stack{4, 2});
  // >r inside a loop: r@ sees the pushed value, i the loop index after r>
  CHECK(Ok(f, "3 0 do i 10 * >r r@ r> drop i + loop") == Stack{0, 11, 22});
}

TEST_CASE("calls and recursion", "[interp]") {
  InterpFixture f;
  REQUIRE(f.Define("sq", "dup *") == Code::kNone);
  REQUIRE(f.Define("sumsq", "sq swap sq +") == Code::kNone);
  REQUIRE(f.Define("fact", "dup 1 < if drop 1 else dup 1- recurse * then") == Code::kNone);
  REQUIRE(f.Define("fib", "dup 2 < if exit then dup 1- fib swap 2 - fib +") == Code::kNone);
  CHECK(f.Call("sumsq", {3, 4}).stack == Stack{25});
  CHECK(f.Call("fact", {10}).stack == Stack{3628800});
  CHECK(f.Call("fact", {0}).stack == Stack{1});
  CHECK(f.Call("fib", {20}).stack == Stack{6765});  // self name = recurse
  CHECK(Ok(f, "5 fact sq") == Stack{14400});
  // a loop in the caller survives calls inside its body
  REQUIRE(f.Define("inner", "3 0 do i + loop") == Code::kNone);
  CHECK(Ok(f, "0 3 0 do i inner + loop") == Stack{3 + 4 + 5});
}

TEST_CASE("trap codes", "[interp]") {
  ffb::MachineLimits small;
  small.fuel_steps = 100'000;
  InterpFixture f(small);
  CHECK(Trap(f, "begin 0 until") == Code::kFuelExhausted);
  CHECK(Trap(f, "begin again") == Code::kFuelExhausted);
  CHECK(Trap(f, "1 0 do -1 +loop") == Code::kFuelExhausted);
  CHECK(Trap(f, "begin 1 0 until") == Code::kDataStackOverflow);
  CHECK(Trap(f, "begin 1 >r 0 until") == Code::kReturnStackOverflow);
  CHECK(Trap(f, "recurse") == Code::kCallDepthExceeded);
  REQUIRE(f.Define("deep", "1+ deep") == Code::kNone);
  CHECK(f.Call("deep", {0}).code == Code::kCallDepthExceeded);
  CHECK(Trap(f, "drop") == Code::kStackUnderflow);
  CHECK(Trap(f, "r>") == Code::kStackUnderflow);
  CHECK(Trap(f, "5 >r") == Code::kReturnStackImbalance);
  CHECK(Trap(f, "10 0 do i 4 = if exit then loop") == Code::kReturnStackImbalance);
  CHECK(Trap(f, "3 pick", {1, 2}) == Code::kStackUnderflow);

  auto r = f.Run("begin 0 until");
  CHECK(r.steps == small.fuel_steps);
  auto ok = f.Run("1 2 +");
  CHECK(ok.steps == 4);  // lit lit + exit
  CHECK(ok.code == Code::kNone);

  std::vector<int64_t> too_many(2000, 1);
  CHECK(f.Run("drop", too_many).code == Code::kDataStackOverflow);
}

TEST_CASE("a trap does not poison the next run on the same machine", "[interp]") {
  InterpFixture f;
  CHECK(Trap(f, "begin 1 >r 1 0 until") != Code::kNone);
  CHECK(Trap(f, "recurse") == Code::kCallDepthExceeded);
  CHECK(Ok(f, "3 0 do i loop") == Stack{0, 1, 2});
  CHECK(Ok(f, "1 2 +") == Stack{3});
}

TEST_CASE("compile errors are data", "[interp]") {
  InterpFixture f;
  CHECK(f.Define("a", "1 if 2") == Code::kUnmatchedIf);
  CHECK(f.Define("b", "then") == Code::kUnmatchedThen);
  CHECK(f.Define("c", "else") == Code::kUnmatchedElse);
  CHECK(f.Define("d", "1 0 do") == Code::kUnmatchedDo);
  CHECK(f.Define("e", "loop") == Code::kUnmatchedLoop);
  CHECK(f.Define("g", "begin") == Code::kUnmatchedBegin);
  CHECK(f.Define("h", "0 until") == Code::kUnmatchedUntil);
  CHECK(f.Define("k", "1 while") == Code::kUnmatchedUntil);
  CHECK(f.Define("l", "i") == Code::kLoopWordOutside);
  CHECK(f.Define("m", "3 0 do j loop") == Code::kLoopWordOutside);
  CHECK(f.Define("n", "leave") == Code::kLoopWordOutside);
  CHECK(f.Define("o", "pick") == Code::kNoStaticEffect);
  CHECK(f.Define("p", "dup roll") == Code::kNoStaticEffect);
  CHECK(f.Define("q", "-1 pick") == Code::kNoStaticEffect);
  CHECK(f.Define("r", "?dup") == Code::kNoStaticEffect);
  CHECK(f.Define("s", "depth") == Code::kNoStaticEffect);
  CHECK(f.Define("t", "nosuchword") == Code::kUndefinedWord);
  CHECK(f.Define("u", "1 if 2 else 3 then 0 until") == Code::kUnmatchedUntil);
  REQUIRE(!f.diagnostics().empty());
  CHECK(f.diagnostics().back().column == 22);  // the `until`
}

TEST_CASE("bytecode shape: fused pick, resolved branches", "[interp]") {
  ffb::TokenColumns cols;
  std::vector<ffb::Diagnostic> diags;
  REQUIRE(ffb::LexBody("2 pick if 1 else 2 then", cols, diags));
  ffb::BytecodeColumns code;
  REQUIRE(ffb::CompileBody(cols.Body(0), cols, nullptr, code, diags));
  auto b = code.Body(0);
  REQUIRE(b.size() == 6);
  CHECK(b[0].op == ffb::Op::kPick);
  CHECK(b[0].arg == 2);
  CHECK(b[1].op == ffb::Op::kBranch0);
  CHECK(b[1].arg == 4);
  CHECK(b[3].op == ffb::Op::kBranch);
  CHECK(b[3].arg == 5);
  CHECK(b[5].op == ffb::Op::kExit);
  CHECK(ffb::OpName(b[0].op) == "pick");
}

TEST_CASE("RunSpecTests reports run, passed and each failure", "[interp]") {
  InterpFixture f;
  REQUIRE(f.Define("sq", "dup *") == Code::kNone);
  REQUIRE(f.Define("half", "2 /") == Code::kNone);
  std::span<const ffb::Instr> sq = f.table().Find(0);
  std::vector<ffb::TestCaseCells> cases = {
      {{3}, {9}}, {{-2}, {4}}, {{5}, {24}}, {{5}, {25, 0}}, {{}, {0}}};
  ffb::SpecTestResult r = ffb::RunSpecTests(f.machine(), sq, cases);
  CHECK(r.run == 5);
  CHECK(r.passed == 2);
  REQUIRE(r.failures.size() == 3);
  CHECK(r.failures[0].index == 2);
  CHECK(r.failures[0].code == Code::kTestWrongValue);
  CHECK(r.failures[0].input == Stack{5});
  CHECK(r.failures[0].expected == Stack{24});
  CHECK(r.failures[0].actual == Stack{25});
  CHECK(r.failures[1].index == 3);
  CHECK(r.failures[1].code == Code::kTestWrongDepth);
  CHECK(r.failures[2].index == 4);
  CHECK(r.failures[2].code == Code::kStackUnderflow);

  int64_t cells[] = {7, 3, 0, 0};
  std::vector<ffb::TestCaseView> views = {{{cells, 1}, {cells + 1, 1}},
                                          {{cells + 2, 1}, {cells + 3, 1}}};
  ffb::SpecTestResult h = ffb::RunSpecTests(f.machine(), f.table().Find(1), views);
  CHECK(h.run == 2);
  CHECK(h.passed == 2);
}

TEST_CASE("default limits: begin 0 until runs out of fuel at 10M steps", "[interp]") {
  InterpFixture f;
  auto r = f.Run("begin 0 until");
  CHECK(r.code == Code::kFuelExhausted);
  CHECK(r.steps == 10'000'000);
  CHECK(f.Run(": f recurse ;").code == Code::kUndefinedWord);  // `:` is not a dialect word
  CHECK(f.Run("recurse").code == Code::kCallDepthExceeded);
}

TEST_CASE("word table: publish while other threads call published words", "[interp]") {
  ffb::WordTable table;
  ffb::TokenColumns cols;
  std::vector<ffb::Diagnostic> diags;
  REQUIRE(ffb::LexBody("1+", cols, diags));
  ffb::BytecodeColumns inc;
  REQUIRE(ffb::CompileBody(cols.Body(0), cols, nullptr, inc, diags));
  table.Publish(0, inc.Body(0));
  // Word k calls word k-1 and adds one: word k on 0 gives k+1.
  constexpr ffb::WordId kWords = 2000;
  std::atomic<ffb::WordId> published{1};
  auto reader = [&](int* bad) {
    ffb::Machine m(table, ffb::MachineLimits{64, 64, 4096, 1'000'000});
    for (int round = 0; round < 200; ++round) {
      ffb::WordId top = published.load(std::memory_order_acquire) - 1;
      int64_t in[] = {0};
      auto r = m.Run(table.Find(top), in);
      if (r.code != Code::kNone || r.stack.size() != 1 || r.stack[0] != int64_t(top) + 1) ++*bad;
    }
  };
  int bad1 = 0, bad2 = 0;
  std::thread t1(reader, &bad1), t2(reader, &bad2);
  for (ffb::WordId k = 1; k < kWords; ++k) {
    ffb::Instr body[] = {{ffb::Op::kCall, k - 1}, {ffb::Op::kOnePlus, 0}, {ffb::Op::kExit, 0}};
    table.Publish(k, body);
    published.store(k + 1, std::memory_order_release);
  }
  t1.join();
  t2.join();
  CHECK(bad1 == 0);
  CHECK(bad2 == 0);
  ffb::Machine m(table, ffb::MachineLimits{64, 64, 4096, 1'000'000});
  int64_t in[] = {0};
  auto r = m.Run(table.Find(kWords - 1), in);
  REQUIRE(r.code == Code::kNone);
  CHECK(r.stack[0] == kWords);
}
