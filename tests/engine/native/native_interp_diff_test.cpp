// Differential test: native code (test mode) against the reference
// interpreter on thousands of generated bodies, several inputs each. Final
// stacks must be equal; a trap must be the same code, except that the
// resource limits (fuel, stack and call depth: E4003-E4006) are counted
// differently by the two engines, so a limit on one side must meet a limit
// on the other. A second case draws the wider ANS control-flow forms.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "tests/support/forth_body_generator.h"
#include "tests/support/interp_fixture.h"
#include "tests/support/native_test_support.h"

using namespace ffb;

namespace {
bool IsLimit(Code c) {
  return c == Code::kFuelExhausted || c == Code::kDataStackOverflow ||
         c == Code::kReturnStackOverflow || c == Code::kCallDepthExceeded;
}
}  // namespace

TEST_CASE("native agrees with the interpreter on generated bodies", "[native][diff]") {
  // FFBATCH_NATIVE_DIFF_BODIES / _SEED widen the search locally.
  const char* env_bodies = std::getenv("FFBATCH_NATIVE_DIFF_BODIES");
  const char* env_seed = std::getenv("FFBATCH_NATIVE_DIFF_SEED");
  const int kBodies = env_bodies ? std::atoi(env_bodies) : 4000;
  constexpr int kInputsPerBody = 5;
  forthgen::Generator gen(env_seed ? std::strtoull(env_seed, nullptr, 10) : 20261129);
  testing::InterpFixture interp;
  test::NativeFixture native;
  int compared = 0, trapped = 0, skipped = 0;
  for (int b = 0; b < kBodies; ++b) {
    std::string name = "gw" + std::to_string(b);
    int in = 0, out = 0, height = 0;
    bool callable = true;
    bool recursive = gen.rng().Chance(8);
    std::string body;
    if (recursive) {
      body = gen.Recursive(&in, &out);
    } else {
      in = gen.rng().Range(0, 3);
      body = gen.Body(in, &out, &callable, &height);
    }
    INFO("body " << name << ": " << body);
    REQUIRE(interp.Define(name, body) == Code::kNone);
    std::string err = native.Define(name, body, recursive ? in : -1, out);
    if (err.rfind("infer:", 0) == 0 || err.rfind("effect differs", 0) == 0) {
      if (skipped < 5) WARN("skipped " << body << ": " << err);
      // Not verifiable as declared (the interpreter does not check effects).
      ++skipped;
      REQUIRE(interp.Define(name + "-unused", "") == Code::kNone);
      continue;
    }
    REQUIRE(err == "");
    if (callable && (!recursive || in == 1)) gen.AddWord({name, in, out, recursive, height});
    for (int k = 0; k < kInputsPerBody; ++k) {
      std::vector<int64_t> input;
      for (int i = 0; i < in; ++i)
        input.push_back(recursive ? gen.rng().Range(-3, 14) : gen.rng().Value());
      testing::RunOutcome want = interp.Call(name, input);
      NativeRun got = native.Run(name, input);
      INFO("inputs " << ::Catch::Detail::stringify(input));
      std::vector<int64_t> got_stack(got.stack.begin(), got.stack.end());
      if (want.code == Code::kNone) {
        CHECK(got.code == Code::kNone);
        CHECK(got_stack == want.stack);
        // Object-mode code (what OUT/obj holds) computes the same.
        if (got.code == Code::kNone) CHECK(native.RunObject(name, input) == want.stack);
      } else if (IsLimit(want.code)) {
        CHECK(IsLimit(got.code));
        ++trapped;
      } else {
        CHECK(static_cast<int>(got.code) == static_cast<int>(want.code));
        ++trapped;
      }
      ++compared;
    }
  }
  CHECK(skipped < kBodies / 10);
  CHECK(compared > kBodies * kInputsPerBody * 9 / 10);
  WARN("native vs interpreter: " << compared << " runs, " << trapped << " traps, " << skipped
                                 << " bodies not verifiable as declared");
}

TEST_CASE("native agrees with the interpreter on the ANS control-flow forms", "[native][diff]") {
  // The bodies of the interpreter-vs-gforth ANS test's generator (several
  // elses, two whiles closed by repeat and else … then, while with until and
  // again, if … begin … repeat left by exit), compiled natively in test and
  // object mode. Every body the checker accepts compiles; every run gives the
  // interpreter's stack, or its trap.
  const char* env_bodies = std::getenv("FFBATCH_NATIVE_DIFF_BODIES");
  const int kBodies = env_bodies ? std::atoi(env_bodies) : 3000;
  constexpr int kInputsPerBody = 5;
  forthgen::Generator gen(20261203);
  gen.EnableAnsForms();
  testing::InterpFixture interp;
  test::NativeFixture native;
  int compared = 0, trapped = 0, rejected = 0, disagree = 0;
  int multi_else = 0, multi_while = 0, while_until = 0, while_again = 0, if_repeat = 0;
  for (int b = 0; b < kBodies; ++b) {
    std::string name = "aw" + std::to_string(b);
    int in = gen.rng().Range(0, 3), out = 0, height = 0;
    bool callable = true;
    std::string body = gen.Body(in, &out, &callable, &height);
    INFO("body " << name << ": " << body);
    REQUIRE(interp.Define(name, body) == Code::kNone);
    std::string err = native.Define(name, body, -1, out);
    if (err.rfind("infer:", 0) == 0 || err.rfind("effect differs", 0) == 0) {
      if (rejected < 5) WARN("checker rejects " << body << ": " << err);
      ++rejected;
      REQUIRE(interp.Define(name + "-unused", "") == Code::kNone);
      continue;
    }
    REQUIRE(err == "");  // no E5000: every accepted structure compiles
    if (callable) gen.AddWord({name, in, out, false, height});
    const auto twice = [&](std::string_view w) {
      size_t at = body.find(w);
      return at != std::string::npos && body.find(w, at + 1) != std::string::npos;
    };
    multi_else += twice(" else");
    multi_while += body.find("while r@") != std::string::npos;
    while_until += body.find("= until") != std::string::npos;
    while_again += body.find(">r again then") != std::string::npos;
    if_repeat += body.find("exit then r> 1- >r") != std::string::npos;
    for (int k = 0; k < kInputsPerBody; ++k) {
      std::vector<int64_t> input;
      for (int i = 0; i < in; ++i) input.push_back(gen.rng().Value());
      testing::RunOutcome want = interp.Call(name, input);
      NativeRun got = native.Run(name, input);
      INFO("inputs " << ::Catch::Detail::stringify(input));
      std::vector<int64_t> got_stack(got.stack.begin(), got.stack.end());
      bool same;
      if (want.code == Code::kNone) {
        same = got.code == Code::kNone && got_stack == want.stack &&
               native.RunObject(name, input) == want.stack;
      } else {
        same = IsLimit(want.code) ? IsLimit(got.code)
                                  : static_cast<int>(got.code) == static_cast<int>(want.code);
        ++trapped;
      }
      CHECK(same);
      disagree += !same;
      ++compared;
    }
  }
  // The checker rejects bodies whose exit leaves another depth than the end
  // (the interpreter runs them as written); those have no native code.
  CHECK(rejected < kBodies / 5);
  CHECK(disagree == 0);
  CHECK(compared == (kBodies - rejected) * kInputsPerBody);
  CHECK(multi_else > 100);
  CHECK(multi_while > 100);
  CHECK(while_until > 100);
  CHECK(while_again > 100);
  CHECK(if_repeat > 50);
  CHECK(trapped > 0);
  WARN("native vs interpreter, ANS forms: "
       << kBodies << " bodies (" << multi_else << " multi-else, " << multi_while << " multi-while, "
       << while_until << " while+until, " << while_again << " while+again, " << if_repeat
       << " if-begin-repeat), " << rejected << " rejected by the checker, " << compared << " runs, "
       << trapped << " traps, " << disagree << " disagree");
}

TEST_CASE("native and interpreter give the same code for the hostile fixtures", "[native][diff]") {
  struct Hostile {
    const char* body;
    int in, out;
    std::vector<int64_t> input;
  };
  const Hostile cases[] = {
      {"/", 2, 1, {1, 0}},
      {"begin 0 until", 0, 0, {}},
      {"begin again", 0, 0, {}},
      {"-1 0 do loop", 0, 0, {}},
      {"recurse", 0, 0, {}},
      {"1 1 recurse 2drop", 0, 0, {}},
      {"dup >r recurse r> drop", 1, 1, {1}},
      {"dup 0> if 1- recurse 1+ then", 1, 1, {100000}},
      {"dup 0> if 1- recurse 1+ then", 1, 1, {1000}},
      {"1 0 do recurse loop", 0, 0, {}},
      {"5 0 do 3 0 do i j + drop loop loop recurse", 0, 0, {}},
      {"dup 7 * 0 do i 3 = if 0 0 / drop then loop", 1, 1, {1}},
  };
  testing::InterpFixture interp;
  test::NativeFixture native;
  int n = 0;
  for (const Hostile& h : cases) {
    std::string name = std::to_string(n++);
    name.insert(0, 1, 'h');
    INFO(h.body);
    REQUIRE(interp.Define(name, h.body) == Code::kNone);
    REQUIRE(native.Define(name, h.body, h.in, h.out) == "");
    testing::RunOutcome want = interp.Call(name, h.input);
    NativeRun got = native.Run(name, h.input);
    CHECK(Describe(got.code).id == Describe(want.code).id);
  }
}
