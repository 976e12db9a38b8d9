#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/support/native_test_support.h"

using namespace ffb;
using test::NativeFixture;
using V = std::vector<int64_t>;

namespace {
constexpr int64_t kMin = INT64_MIN, kMax = INT64_MAX;

struct Case {
  const char* body;
  int ins, outs;
  V in, out;
};

void RunCases(const std::vector<Case>& cases) {
  NativeFixture f;
  int n = 0;
  for (const Case& c : cases) {
    std::string name = std::to_string(n++);
    name.insert(0, 1, 'w');
    INFO(c.body);
    REQUIRE(f.Define(name, c.body, c.ins, c.outs) == "");
    CHECK(f.Stack(name, c.in) == c.out);
  }
}
}  // namespace

TEST_CASE("native: smoke", "[native]") {
  NativeFixture f;
  REQUIRE(f.Define("sq", "dup *", 1, 1) == "");
  CHECK(f.Stack("sq", {7}) == V{49});
  REQUIRE(f.Define("noop", "", 0, 0) == "");
  CHECK(f.Stack("noop", {}) == V{});
}

TEST_CASE("native: every primitive, shuffles, control flow vs gforth 0.7.3", "[native]") {
  // Expected stacks checked with gforth 0.7.3 (`: w <body> ; <inputs> w .s`).
  RunCases({
      {"+", 2, 1, {3, 4}, {7}},
      {"+", 2, 1, {kMax, 1}, {kMin}},
      {"-", 2, 1, {3, 10}, {-7}},
      {"*", 2, 1, {-6, 7}, {-42}},
      {"*", 2, 1, {4611686018427387904, 4}, {0}},
      {"/", 2, 1, {7, 2}, {3}},
      {"/", 2, 1, {-7, 2}, {-4}},
      {"/", 2, 1, {7, -2}, {-4}},
      {"/", 2, 1, {-7, -2}, {3}},
      {"mod", 2, 1, {7, 2}, {1}},
      {"mod", 2, 1, {-7, 2}, {1}},
      {"mod", 2, 1, {7, -2}, {-1}},
      {"mod", 2, 1, {-7, -2}, {-1}},
      {"/mod", 2, 2, {-7, 2}, {1, -4}},
      {"/mod", 2, 2, {13, 5}, {3, 2}},
      {"*/", 3, 1, {1000000000000, 1000000000000, 1000000}, {1000000000000000000}},
      {"*/", 3, 1, {-7, 3, 2}, {-11}},
      {"*/", 3, 1, {7, -3, 2}, {-11}},
      {"*/", 3, 1, {7, 3, -2}, {-11}},
      {"*/", 3, 1, {kMin, 1, 1}, {kMin}},
      {"*/mod", 3, 2, {5, 3, 2}, {1, 7}},
      {"*/mod", 3, 2, {-5, 3, 2}, {1, -8}},
      {"*/mod", 3, 2, {5, 3, -2}, {-1, -8}},
      {"*/mod", 3, 2, {-5, -3, -2}, {-1, -8}},
      {"negate", 1, 1, {5}, {-5}},
      {"negate", 1, 1, {kMin}, {kMin}},
      {"abs", 1, 1, {-5}, {5}},
      {"abs", 1, 1, {5}, {5}},
      {"abs", 1, 1, {kMin}, {kMin}},
      {"min", 2, 1, {3, -4}, {-4}},
      {"max", 2, 1, {3, -4}, {3}},
      {"1+", 1, 1, {41}, {42}},
      {"1-", 1, 1, {0}, {-1}},
      {"2*", 1, 1, {-3}, {-6}},
      {"2/", 1, 1, {-7}, {-4}},
      {"2/", 1, 1, {7}, {3}},
      {"lshift", 2, 1, {1, 3}, {8}},
      {"lshift", 2, 1, {1, 64}, {1}},
      {"lshift", 2, 1, {1, 65}, {2}},
      {"rshift", 2, 1, {-1, 60}, {15}},
      {"rshift", 2, 1, {-1, 100}, {268435455}},
      {"and", 2, 1, {12, 10}, {8}},
      {"or", 2, 1, {12, 10}, {14}},
      {"xor", 2, 1, {12, 10}, {6}},
      {"invert", 1, 1, {0}, {-1}},
      {"=", 2, 1, {3, 3}, {-1}},
      {"=", 2, 1, {3, 4}, {0}},
      {"<>", 2, 1, {3, 4}, {-1}},
      {"<", 2, 1, {-1, 0}, {-1}},
      {"<", 2, 1, {0, -1}, {0}},
      {">", 2, 1, {0, -1}, {-1}},
      {"<=", 2, 1, {3, 3}, {-1}},
      {">=", 2, 1, {2, 3}, {0}},
      {"0=", 1, 1, {0}, {-1}},
      {"0=", 1, 1, {5}, {0}},
      {"0<>", 1, 1, {5}, {-1}},
      {"0<", 1, 1, {-5}, {-1}},
      {"0<", 1, 1, {5}, {0}},
      {"0>", 1, 1, {5}, {-1}},
      {"0>", 1, 1, {0}, {0}},
      {"u<", 2, 1, {-1, 0}, {0}},
      {"u<", 2, 1, {0, -1}, {-1}},
      {"u>", 2, 1, {-1, 0}, {-1}},
      {"within", 3, 1, {5, 1, 10}, {-1}},
      {"within", 3, 1, {10, 1, 10}, {0}},
      {"within", 3, 1, {0, 1, 10}, {0}},
      {"within", 3, 1, {-5, -10, -1}, {-1}},
      {"within", 3, 1, {5, 10, 1}, {0}},
      {"true", 0, 1, {}, {-1}},
      {"false", 0, 1, {}, {0}},
      {"dup", 1, 2, {7}, {7, 7}},
      {"drop", 1, 0, {1}, {}},
      {"swap", 2, 2, {1, 2}, {2, 1}},
      {"over", 2, 3, {1, 2}, {1, 2, 1}},
      {"rot", 3, 3, {1, 2, 3}, {2, 3, 1}},
      {"-rot", 3, 3, {1, 2, 3}, {3, 1, 2}},
      {"nip", 2, 1, {1, 2}, {2}},
      {"tuck", 2, 3, {1, 2}, {2, 1, 2}},
      {"2dup", 2, 4, {1, 2}, {1, 2, 1, 2}},
      {"2drop", 2, 0, {1, 2}, {}},
      {"2swap", 4, 4, {1, 2, 3, 4}, {3, 4, 1, 2}},
      {"2over", 4, 6, {1, 2, 3, 4}, {1, 2, 3, 4, 1, 2}},
      {"3 pick", 4, 5, {1, 2, 3, 4}, {1, 2, 3, 4, 1}},
      {"0 pick", 1, 2, {5}, {5, 5}},
      {"3 roll", 4, 4, {1, 2, 3, 4}, {2, 3, 4, 1}},
      {"5 roll", 6, 6, {1, 2, 3, 4, 5, 6}, {2, 3, 4, 5, 6, 1}},
      {"2 roll", 3, 3, {1, 2, 3}, {2, 3, 1}},
      {"1 roll", 2, 2, {1, 2}, {2, 1}},
      {">r 1+ r>", 2, 2, {1, 2}, {2, 2}},
      {">r r@ r> +", 1, 1, {5}, {10}},
      {"3 4 + 2 *", 0, 1, {}, {14}},
      {"-1 9223372036854775807 +", 0, 1, {}, {9223372036854775806}},
      {"$10000000000 3 *", 0, 1, {}, {3298534883328}},
      {"dup 1 + swap 1 - *", 1, 1, {5}, {24}},
      {"swap - 7 and", 2, 1, {3, 20}, {1}},
      {"2dup < if swap then drop", 2, 1, {3, 9}, {9}},
      {"2dup < if swap then drop", 2, 1, {9, 3}, {9}},
      {"dup 0< if negate else 1+ then", 1, 1, {-5}, {5}},
      {"dup 0< if negate else 1+ then", 1, 1, {5}, {6}},
      {"0= if 10 else 20 then", 1, 1, {0}, {10}},
      {"0= if 10 else 20 then", 1, 1, {1}, {20}},
      {"dup 5 > if drop 5 exit then 2*", 1, 1, {9}, {5}},
      {"dup 5 > if drop 5 exit then 2*", 1, 1, {2}, {4}},
      {"1 swap 0 ?do 2* loop", 1, 1, {10}, {1024}},
      {"0 swap 0 ?do i + loop", 1, 1, {0}, {0}},
      {"0 swap 0 ?do i + loop", 1, 1, {100}, {4950}},
      {"0 10 0 do i + 2 +loop", 0, 1, {}, {20}},
      {"0 0 10 do i + -1 +loop", 0, 1, {}, {55}},
      {"0 0 10 do i + -3 +loop", 0, 1, {}, {22}},
      {"0 3 0 do 3 0 do i j * + loop loop", 0, 1, {}, {9}},
      {"0 100 0 do i 5 = if leave then i + loop", 0, 1, {}, {10}},
      {"0 begin 1+ dup 10 = until", 0, 1, {}, {10}},
      {"1 begin dup 100 < while 2* repeat", 0, 1, {}, {128}},
      {"begin dup 1 > while 2/ swap 1+ swap repeat drop", 2, 1, {0, 1024}, {10}},
      {"0 swap begin dup while dup 1- swap rot + swap repeat drop", 1, 1, {10}, {55}},
      {"5 0 do i 3 = if i unloop exit then loop -1", 0, 1, {}, {3}},
      {"dup 10 0 do dup i = if drop i 100 + leave then loop nip", 1, 1, {4}, {104}},
      {"dup 10 0 do dup i = if drop i 100 + leave then loop nip", 1, 1, {40}, {40}},
      {"0 swap dup 0 do i over + rot + swap loop drop", 1, 1, {4}, {22}},
  });
}

TEST_CASE("native: calls, recursion, cross-word stacks", "[native]") {
  NativeFixture f;
  REQUIRE(f.Define("sq", "dup *", 1, 1) == "");
  REQUIRE(f.Define("sumsq", "sq swap sq +", 2, 1) == "");
  REQUIRE(f.Define("fib", "dup 2 < if exit then dup 1- recurse swap 2 - recurse +", 1, 1) == "");
  REQUIRE(f.Define("fact", "dup 2 < if drop 1 else dup 1- recurse * then", 1, 1) == "");
  REQUIRE(f.Define("gcd", "dup 0= if drop else tuck mod recurse then", 2, 1) == "");
  REQUIRE(f.Define("gcd-loop", "begin dup while tuck mod repeat drop", 2, 1) == "");
  REQUIRE(f.Define("ifact", "1 swap 1+ 1 ?do i * loop", 1, 1) == "");
  REQUIRE(f.Define("fibs", "0 swap 0 ?do i fib + loop", 1, 1) == "");
  REQUIRE(f.Define("deep", "1 2 3 4 5 6 7 8 9 10 + + + + + + + + +", 0, 1) == "");
  REQUIRE(f.Define("many",
                   "dup 1+ dup 1+ dup 1+ dup 1+ dup 1+ dup 1+ dup 1+ dup 1+ dup 1+ sumsq sumsq "
                   "sumsq sumsq sumsq sumsq sumsq sumsq sumsq",
                   1, 1) == "");
  REQUIRE(f.Define("ackermann",
                   "over 0= if nip 1+ exit then dup 0= if drop 1- 1 recurse exit then over 1- -rot "
                   "1- recurse recurse",
                   2, 1) == "");
  CHECK(f.Stack("sumsq", {3, 4}) == V{25});
  CHECK(f.Stack("fib", {20}) == V{6765});
  CHECK(f.Stack("fib", {1}) == V{1});
  CHECK(f.Stack("fact", {20}) == V{2432902008176640000});
  CHECK(f.Stack("fact", {0}) == V{1});
  CHECK(f.Stack("gcd", {1071, 462}) == V{21});
  CHECK(f.Stack("gcd-loop", {1071, 462}) == V{21});
  CHECK(f.Stack("gcd-loop", {-12, 18}) == V{6});  // gforth: 6
  CHECK(f.Stack("ifact", {10}) == V{3628800});
  CHECK(f.Stack("ifact", {0}) == V{1});
  CHECK(f.Stack("fibs", {10}) == V{88});
  CHECK(f.Stack("deep", {}) == V{55});
  CHECK(f.Stack("ackermann", {2, 3}) == V{9});
  // many: n..n+9 folded pairwise from the top: checked against a C model.
  auto model = [](int64_t n) {
    std::vector<uint64_t> s;
    for (int k = 0; k < 10; ++k) s.push_back(static_cast<uint64_t>(n + k));
    for (int k = 0; k < 9; ++k) {
      uint64_t b = s.back();
      s.pop_back();
      uint64_t a = s.back();
      s.pop_back();
      s.push_back(a * a + b * b);
    }
    return static_cast<int64_t>(s.back());
  };
  CHECK(f.Stack("many", {3}) == V{model(3)});
}

TEST_CASE("native: traps end the test with their code and the process goes on", "[native]") {
  NativeLimits limits;
  limits.fuel = 1'000'000;
  NativeFixture f(limits);
  REQUIRE(f.Define("div0", "/", 2, 1) == "");
  REQUIRE(f.Define("mod0", "mod", 2, 1) == "");
  REQUIRE(f.Define("sm0", "*/mod", 3, 2) == "");
  REQUIRE(f.Define("ss", "*/", 3, 1) == "");
  REQUIRE(f.Define("forever", "begin 0 until", 0, 0) == "");
  REQUIRE(f.Define("again", "begin again", 0, 0) == "");
  REQUIRE(f.Define("bigloop", "-1 0 do loop", 0, 0) == "");
  REQUIRE(f.Define("zero+loop", "10 0 do 0 +loop", 0, 0) == "");
  REQUIRE(f.Define("down", "recurse", 0, 0) == "");
  REQUIRE(f.Define("grow", "1 1 recurse 2drop", 0, 0) == "");
  REQUIRE(f.Define("rgrow", "dup >r recurse r> drop", 1, 1) == "");
  for (int round = 0; round < 3; ++round) {
    CHECK(f.Stack("div0", {1, 0}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("div0", {kMin, -1}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("div0", {kMin, 1}) == V{kMin});
    CHECK(f.Stack("div0", {kMax, -1}) == V{-kMax});
    CHECK(f.Stack("mod0", {5, 0}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("mod0", {kMin, -1}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("sm0", {5, 3, 0}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("ss", {kMax, 4, 2}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("ss", {kMin, 1, -1}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("ss", {kMin, -1, 1}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("ss", {kMin, 2, 2}) == V{kMin});
    CHECK(f.Stack("ss", {kMax, 2, 2}) == V{kMax});
    CHECK(f.Stack("ss", {kMin, 1, 1}) == V{kMin});
    CHECK(f.Stack("ss", {kMax, kMax, kMax}) == V{kMax});
    CHECK(f.Stack("ss", {kMin, kMin, kMin}) == V{kMin});
    CHECK(f.Stack("ss", {kMin, 3, -2}) == test::Trapped(Code::kDivisionByZero));
    CHECK(f.Stack("ss", {-7, 1, 2}) == V{-4});
    CHECK(f.Stack("forever", {}) == test::Trapped(Code::kFuelExhausted));
    CHECK(f.Stack("again", {}) == test::Trapped(Code::kFuelExhausted));
    CHECK(f.Stack("bigloop", {}) == test::Trapped(Code::kFuelExhausted));
    CHECK(f.Stack("zero+loop", {}) == test::Trapped(Code::kFuelExhausted));
    CHECK(f.Stack("down", {}) == test::Trapped(Code::kCallDepthExceeded));
    CHECK(f.Stack("grow", {}) == test::Trapped(Code::kDataStackOverflow));
    CHECK(f.Stack("rgrow", {1}) ==
          test::Trapped(Code::kReturnStackOverflow));  // 1025th >r, as the interpreter
  }
  // Fewer inputs than the word takes: reported, not a crash.
  REQUIRE(f.Define("take3", "+ +", 3, 1) == "");
  CHECK(f.Run("take3", {}).code == Code::kInternal);
  CHECK(f.Stack("take3", {1, 2, 3}) == V{6});
  // Too many inputs for the data stack.
  CHECK(f.Run("div0", V(2000, 1)).code == Code::kDataStackOverflow);
  // The machine still works.
  CHECK(f.Stack("div0", {7, 2}) == V{3});
}

TEST_CASE("native: register pressure, deep shuffles, nested loops vs gforth 0.7.3", "[native]") {
  RunCases({
      {"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 + + + + + "
       "+ + + + + + + + + + + + + + + + + + + + + + + +",
       0,
       1,
       {},
       {465}},
      {"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 20 roll - "
       "- - - - - - - - - - - - - - - - - - - - - - - - - - - -",
       0,
       1,
       {},
       {5}},
      {"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 25 pick 7 "
       "pick * xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor xor "
       "xor xor xor xor xor xor xor xor xor",
       0,
       1,
       {},
       {103}},
      {"dup dup dup dup dup dup dup dup dup dup * * * * * * * * * *", 1, 1, {3}, {177147}},
      {"0 3 0 do 3 0 do 3 0 do 3 0 do i j + + loop loop loop loop", 0, 1, {}, {162}},
      {"begin dup 100 < while dup 3 * 1+ swap drop repeat", 1, 1, {1}, {121}},
      {"dup 1 and if 3 * 1+ else 2/ then", 1, 1, {7}, {22}},
      {"0 -10 10 do i + -3 +loop", 0, 1, {}, {7}},
      {"0 -9223372036854775808 9223372036854775807 do 1+ 4611686018427387904 +loop", 0, 1, {}, {1}},
      {"0 10 0 do 1+ dup 3 > if leave then loop", 0, 1, {}, {4}},
      {"over over > if swap then 2dup - -rot *", 2, 2, {9, 4}, {-5, 36}},
  });
}

TEST_CASE("native: >r across nested loops and shuffles", "[native]") {
  RunCases({
      {"1 2 3 4 5 6 7 8 >r >r >r >r 2swap 2over r> r> r> r> + + + + + + + + +", 0, 1, {}, {43}},
      {"0 swap 0 ?do i 2 0 do j + loop + loop", 1, 1, {5}, {30}},
      {"0 4 0 do 4 0 do i j * >r r@ + r> drop loop loop", 0, 1, {}, {36}},
  });
}

TEST_CASE("native: a callee that breaks its effect traps E9000 in test mode", "[native]") {
  // The resolver lies: `two` really is ( -- a b ) but callers are told ( -- a ).
  test::NativeFixture f;
  REQUIRE(f.Define("two", "1 2", 0, 2) == "");
  NativeCodegen gen(NativeMode::kTest);
  TokenColumns cols;
  std::vector<Diagnostic> diags;
  REQUIRE(LexBody("two 5 +", cols, diags));
  NativeCalleeResolver lie = [&](std::string_view) -> std::optional<NativeCallee> {
    return NativeCallee{f.word("two").id, 0, 1};
  };
  NativeCode code;
  Diagnostic err;
  REQUIRE(gen.Compile(cols.Body(0), cols, lie, {77, 0, 1, 2}, code, &err));
  // A fresh JitCode holding `two` (under its id) and the lying caller.
  JitCode jit(size_t{1} << 20);
  std::string error;
  NativeCodegen gen2(NativeMode::kTest);
  NativeCode two;
  TokenColumns cols2;
  REQUIRE(LexBody("1 2", cols2, diags));
  REQUIRE(gen2.Compile(cols2.Body(0), cols2, lie, {f.word("two").id, 0, 2, 2}, two, &err));
  REQUIRE(jit.Publish(two, &error));
  REQUIRE(jit.Publish(code, &error));
  NativeMachine m(jit);
  CHECK(m.Run(77, {}).code == Code::kInternal);
}
