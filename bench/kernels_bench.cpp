// Micro-benchmarks for the Highway kernels against their scalar references:
// stack-effect composition over ~100k ragged straight-line bodies, and
// constraint checking over many tests. Each SIMD benchmark is registered once
// per compiled-and-supported target (dispatch pinned to it), so the numbers
// show AVX2 and AVX-512 side by side. Figures live in bench/README.md.
//
//   ./build/bench/kernels_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <hwy/targets.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kernels/constraint_check.h"
#include "kernels/effect_compose.h"

namespace {

// Realistic straight-line bodies: 2..20 tokens (ragged), builtin effects
// 0..3 in / 0..3 out, one token in 20 a call with a larger effect.
struct BodyCorpus {
  std::vector<int32_t> body_begin{0};
  std::vector<uint8_t> needs, gives;
  std::vector<int32_t> out_needs, out_gives, out_max, out_min;

  explicit BodyCorpus(size_t n_bodies) {
    std::mt19937 rng(1);
    for (size_t b = 0; b < n_bodies; ++b) {
      const size_t len = 2 + rng() % 19;
      for (size_t t = 0; t < len; ++t) {
        const bool call = rng() % 20 == 0;
        needs.push_back(static_cast<uint8_t>(call ? rng() % 9 : rng() % 4));
        gives.push_back(static_cast<uint8_t>(call ? rng() % 9 : rng() % 4));
      }
      body_begin.push_back(static_cast<int32_t>(needs.size()));
    }
    out_needs.resize(n_bodies);
    out_gives.resize(n_bodies);
    out_max.resize(n_bodies);
    out_min.resize(n_bodies);
  }
  size_t Bodies() const { return body_begin.size() - 1; }
  ffb::TokenEffectsCsr In() const {
    return {body_begin.data(), Bodies(), needs.data(), gives.data()};
  }
  ffb::BodyEffectsOut Out() {
    return {out_needs.data(), out_gives.data(), out_max.data(), out_min.data()};
  }
};

constexpr size_t kBodies = 100000;

BodyCorpus& Corpus() {
  static BodyCorpus corpus(kBodies);
  return corpus;
}

void SetRates(benchmark::State& state, double items, const char* name) {
  state.counters[name] = benchmark::Counter(items, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ComposeEffectsScalar(benchmark::State& state) {
  BodyCorpus& c = Corpus();
  for (auto _ : state) {
    ffb::ComposeEffectsScalar(c.In(), c.Out());
    benchmark::DoNotOptimize(c.out_needs.data());
    benchmark::ClobberMemory();
  }
  SetRates(state, static_cast<double>(c.Bodies()), "bodies/s");
  SetRates(state, static_cast<double>(c.needs.size()), "tokens/s");
}

void BM_ComposeEffectsSimd(benchmark::State& state, int64_t target) {
  hwy::SetSupportedTargetsForTest(target);
  state.SetLabel(ffb::ComposeEffectsTargetName());
  BodyCorpus& c = Corpus();
  for (auto _ : state) {
    ffb::ComposeEffects(c.In(), c.Out());
    benchmark::DoNotOptimize(c.out_needs.data());
    benchmark::ClobberMemory();
  }
  hwy::SetSupportedTargetsForTest(0);
  SetRates(state, static_cast<double>(c.Bodies()), "bodies/s");
  SetRates(state, static_cast<double>(c.needs.size()), "tokens/s");
}

// `0 <= x <= 100 and x != 7 and y > x`: the shape validation emits.
std::vector<ffb::ConstraintOp> Program() {
  using K = ffb::ConstraintOpKind;
  return {{K::kLiteral, 0, 0},   {K::kInput, 0, 0}, {K::kLe},  {K::kInput, 0, 0},
          {K::kLiteral, 0, 100}, {K::kLe},          {K::kAnd}, {K::kInput, 0, 0},
          {K::kLiteral, 0, 7},   {K::kNe},          {K::kAnd}, {K::kInput, 1, 0},
          {K::kInput, 0, 0},     {K::kGt},          {K::kAnd}};
}

struct TestRows {
  std::vector<int64_t> values;
  std::vector<uint8_t> ok;
  explicit TestRows(size_t n_tests) : values(n_tests * 2), ok(n_tests) {
    std::mt19937_64 rng(3);
    for (auto& v : values) v = static_cast<int64_t>(rng() % 256) - 64;
  }
};

void BM_CheckConstraintsScalar(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  TestRows rows(n);
  const auto prog = Program();
  for (auto _ : state) {
    ffb::CheckConstraintsScalar(prog, rows.values.data(), n, 2, rows.ok.data());
    benchmark::ClobberMemory();
  }
  SetRates(state, static_cast<double>(n), "tests/s");
}

void BM_CheckConstraintsSimd(benchmark::State& state, int64_t target) {
  hwy::SetSupportedTargetsForTest(target);
  state.SetLabel(ffb::CheckConstraintsTargetName());
  const size_t n = static_cast<size_t>(state.range(0));
  TestRows rows(n);
  const auto prog = Program();
  for (auto _ : state) {
    ffb::CheckConstraints(prog, rows.values.data(), n, 2, rows.ok.data());
    benchmark::ClobberMemory();
  }
  hwy::SetSupportedTargetsForTest(0);
  SetRates(state, static_cast<double>(n), "tests/s");
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::RegisterBenchmark("ComposeEffects/scalar", BM_ComposeEffectsScalar);
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    benchmark::RegisterBenchmark((std::string("ComposeEffects/") + hwy::TargetName(target)).c_str(),
                                 BM_ComposeEffectsSimd, target);
  }
  benchmark::RegisterBenchmark("CheckConstraints/scalar", BM_CheckConstraintsScalar)
      ->Arg(16)
      ->Arg(100000);
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    benchmark::RegisterBenchmark(
        (std::string("CheckConstraints/") + hwy::TargetName(target)).c_str(),
        BM_CheckConstraintsSimd, target)
        ->Arg(16)
        ->Arg(100000);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
