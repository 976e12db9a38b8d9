// The fix-suggestion search (engine/fixes) on bodies that need its whole work
// budget, and on a typical small one. Counters: `candidates` checked and
// `steps` charged per search; the time per search is the bound the budget buys.
//
//   ninja -C build fixes_bench && ./build/bench/fixes_bench
//
// "overflow/N": `1 `×N `+ `×(N-1), which overflows the 1024-cell stack, so
// every candidate fails early (cheap per charged step). "mismatch/N": `dup
// drop `×N `dup` against ( a -- a ): every candidate is checked to the end.
// "deep-if/N": 1000 literals then `0 if then `×N: each `if` saves and merges a
// 1000-cell stack (the costliest step per token there is).
#include <benchmark/benchmark.h>

#include <string>

#include "engine/check/fixes.h"
#include "engine/forth/stack_effect.h"

namespace {

using namespace ffb;

std::string Times(std::string_view word, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.append(word);
  return s;
}

void Run(benchmark::State& state, const std::string& body, std::string_view effect) {
  Diagnostic d;
  StackEffect declared = *ParseEffectText(effect, &d);
  FixSearch last;
  for (auto _ : state) {
    last = SearchFixes(body, &declared, nullptr);
    benchmark::DoNotOptimize(last.fixes.data());
  }
  state.counters["candidates"] = last.candidates;
  state.counters["steps"] = static_cast<double>(last.steps);
  state.counters["truncated"] = last.truncated;
}

void Overflow(benchmark::State& state) {
  auto n = static_cast<size_t>(state.range(0));
  Run(state, Times("1 ", n) + Times("+ ", n - 1), "( -- n )");
}
void Mismatch(benchmark::State& state) {
  Run(state, Times("dup drop ", static_cast<size_t>(state.range(0))) + "dup", "( a -- a )");
}
void DeepIf(benchmark::State& state) {
  Run(state, Times("1 ", 1000) + Times("0 if then ", static_cast<size_t>(state.range(0))),
      "( -- n )");
}
void Small(benchmark::State& state) { Run(state, "dup dup *", "( n -- n² )"); }

}  // namespace

BENCHMARK(Small)->Name("small/dup dup *")->Unit(benchmark::kMicrosecond);
BENCHMARK(Overflow)->Name("overflow")->Arg(2048)->Arg(51200)->Unit(benchmark::kMillisecond);
BENCHMARK(Mismatch)
    ->Name("mismatch")
    ->Arg(100)
    ->Arg(235)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(DeepIf)->Name("deep-if")->Arg(10)->Arg(300)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
