// Differential test: native code (test mode) against the reference
// interpreter on thousands of generated bodies, several inputs each. Final
// stacks must be equal; a trap must be the same code, except that the
// resource limits (fuel, stack and call depth: E4003-E4006) are counted
// differently by the two engines, so a limit on one side must meet a limit
// on the other.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "tests/engine/forth_body_generator.h"
#include "tests/engine/interp_fixture.h"
#include "tests/engine/native_test_support.h"

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
      for (int i = 0; i < in; ++i) input.push_back(recursive ? gen.rng().Range(-3, 14) : gen.rng().Value());
      testing::RunOutcome want = interp.Call(name, input);
      NativeRun got = native.Run(name, input);
      INFO("inputs " << ::Catch::Detail::stringify(input));
      std::vector<int64_t> got_stack(got.stack.begin(), got.stack.end());
      if (want.code == Code::kNone) {
        CHECK(got.code == Code::kNone);
        CHECK(got_stack == want.stack);
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
