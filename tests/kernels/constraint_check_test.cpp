#include "kernels/constraint_check.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tests/support/for_each_target.h"

namespace {

using ffb::ConstraintOp;
using K = ffb::ConstraintOpKind;

ConstraintOp In(uint16_t slot) { return {K::kInput, slot, 0}; }
ConstraintOp Lit(int64_t v) { return {K::kLiteral, 0, v}; }
ConstraintOp Op(K k) { return {k, 0, 0}; }

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

int64_t RandomCell(std::mt19937_64& rng) {
  static const int64_t kEdges[] = {kMin, kMin + 1, -101, -1, 0, 1, 7, 100, 101, kMax - 1, kMax};
  if (rng() % 2) return kEdges[rng() % std::size(kEdges)];
  return static_cast<int64_t>(rng() % 300) - 150;
}

// Random valid program: pushes and binary ops in a legal order, depth ≤ 16.
std::vector<ConstraintOp> RandomProgram(std::mt19937_64& rng, size_t n_inputs) {
  std::vector<ConstraintOp> p;
  const size_t len = rng() % 24;
  int depth = 0;
  for (size_t i = 0; i < len; ++i) {
    const bool push = depth < 2 || (depth < ffb::kMaxConstraintStack && rng() % 2);
    if (push) {
      p.push_back(rng() % 2 ? In(static_cast<uint16_t>(rng() % n_inputs)) : Lit(RandomCell(rng)));
      ++depth;
    } else {
      p.push_back(Op(static_cast<K>(2 + rng() % 8)));
      --depth;
    }
  }
  return p;
}

}  // namespace

TEST_CASE("constraint check: 0 <= x <= 100 and x != 7", "[kernels]") {
  const std::vector<ConstraintOp> prog = {Lit(0),   In(0),      Op(K::kLe),  In(0),
                                          Lit(100), Op(K::kLe), Op(K::kAnd), In(0),
                                          Lit(7),   Op(K::kNe), Op(K::kAnd)};
  const std::vector<int64_t> x = {-1, 0, 1, 7, 8, 100, 101, kMin, kMax, 50};
  const std::vector<uint8_t> expect = {0, 1, 1, 0, 1, 1, 0, 0, 0, 1};
  std::vector<uint8_t> ok(x.size(), 9);
  REQUIRE(ffb::CheckConstraintsScalar(prog, x.data(), x.size(), 1, ok.data()));
  CHECK(ok == expect);
  ffb::testing::ForEachTarget([&](const char* target) {
    INFO(target);
    std::vector<uint8_t> got(x.size(), 9);
    REQUIRE(ffb::CheckConstraints(prog, x.data(), x.size(), 1, got.data()));
    CHECK(got == expect);
  });
}

TEST_CASE("constraint check: empty program, several results, truthiness", "[kernels]") {
  const std::vector<int64_t> v = {0, 5, 3, 0, -2, 2};  // 3 tests x 2 inputs
  std::vector<uint8_t> ok(3, 9);
  REQUIRE(ffb::CheckConstraints({}, v.data(), 3, 2, ok.data()));
  CHECK(ok == std::vector<uint8_t>{1, 1, 1});
  // Leaves both inputs on the stack: every value must be nonzero.
  const std::vector<ConstraintOp> both = {In(0), In(1)};
  REQUIRE(ffb::CheckConstraints(both, v.data(), 3, 2, ok.data()));
  CHECK(ok == std::vector<uint8_t>{0, 0, 1});
  // Or of raw cells, then compared as 0/1 against a literal.
  const std::vector<ConstraintOp> or_then_eq = {In(0), In(1), Op(K::kOr), Lit(1), Op(K::kEq)};
  REQUIRE(ffb::CheckConstraints(or_then_eq, v.data(), 3, 2, ok.data()));
  CHECK(ok == std::vector<uint8_t>{1, 1, 1});
}

TEST_CASE("constraint check rejects malformed programs and writes nothing", "[kernels]") {
  const std::vector<int64_t> v = {1, 2};
  const std::vector<std::vector<ConstraintOp>> bad = {
      {Op(K::kLt)},          // underflow
      {In(0), Op(K::kAnd)},  // underflow
      {In(2)},               // slot out of range for 2 inputs
      {ConstraintOp{static_cast<K>(42), 0, 0}},
      std::vector<ConstraintOp>(ffb::kMaxConstraintStack + 1, Lit(1)),  // overflow
  };
  for (const auto& p : bad) {
    std::vector<uint8_t> ok(1, 9);
    CHECK_FALSE(ffb::ConstraintProgramIsValid(p, 2));
    CHECK_FALSE(ffb::CheckConstraints(p, v.data(), 1, 2, ok.data()));
    CHECK_FALSE(ffb::CheckConstraintsScalar(p, v.data(), 1, 2, ok.data()));
    CHECK(ok[0] == 9);
  }
  CHECK(ffb::ConstraintProgramIsValid(std::vector<ConstraintOp>(ffb::kMaxConstraintStack, Lit(1)),
                                      0));
}

TEST_CASE("SIMD constraint check equals scalar on every target, random programs", "[kernels]") {
  const std::vector<size_t> sizes = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 1000};
  std::mt19937_64 rng(2024);
  int targets_run = 0;
  ffb::testing::ForEachTarget([&](const char* target) {
    ++targets_run;
    REQUIRE(std::string(ffb::CheckConstraintsTargetName()) == target);
    for (int round = 0; round < 60; ++round) {
      const size_t n_inputs = 1 + rng() % 5;
      const auto prog = RandomProgram(rng, n_inputs);
      for (size_t n : sizes) {
        // One spare row in front so the kernel sees an unaligned `values`.
        std::vector<int64_t> values((n + 1) * n_inputs);
        for (auto& x : values) x = RandomCell(rng);
        const int64_t* rows = values.data() + n_inputs;
        std::vector<uint8_t> want(n + 1, 9), got(n + 1, 9);
        REQUIRE(ffb::CheckConstraintsScalar(prog, rows, n, n_inputs, want.data() + 1));
        REQUIRE(ffb::CheckConstraints(prog, rows, n, n_inputs, got.data() + 1));
        INFO(target << " round " << round << " n=" << n << " inputs=" << n_inputs
                    << " ops=" << prog.size());
        REQUIRE(got == want);
      }
    }
  });
  CHECK(targets_run >= 1);
}
