// Reference interpreter throughput: test executions per second on small
// words (straight-line, loop, recursion) and on a mix of 100k executions
// through RunSpecTests, the call the pipeline makes per spec.
//
//   ninja -C build interp_bench && ./build/bench/interp_bench
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/cases/case_runner.h"
#include "engine/forth/lexer.h"
#include "engine/interp/bytecode.h"
#include "engine/interp/interpreter.h"
#include "engine/interp/word_table.h"

namespace {

struct Word {
  const char* name;
  const char* body;
  std::vector<int64_t> input;
  std::vector<int64_t> expected;
};

const Word kWords[] = {
    {"sumsq", "dup * swap dup * +", {3, 4}, {25}},
    {"clamp", "rot min max", {15, 0, 10}, {10}},
    {"sign", "dup 0< if drop -1 else 0> if 1 else 0 then then", {-7}, {-1}},
    {"poly", "dup dup * 3 * swap 2 * + 1 + 7 mod", {12}, {2}},
    {"sum-to", "0 swap 1+ 1 ?do i + loop", {10}, {55}},
    {"pow2", "1 swap 0 max 0 ?do 2* loop", {16}, {65536}},
    {"gcd", "begin dup while tuck mod repeat drop", {1071, 462}, {21}},
    {"fact", "dup 1 < if drop 1 else dup 1- recurse * then", {10}, {3628800}},
    {"fib", "dup 2 < if exit then dup 1- recurse swap 2 - recurse +", {10}, {55}},
};
constexpr size_t kWordCount = sizeof kWords / sizeof kWords[0];

struct Compiled {
  ffb::WordTable table;
  std::vector<std::span<const ffb::Instr>> code;

  Compiled() {
    for (size_t w = 0; w < kWordCount; ++w) {
      ffb::TokenColumns cols;
      std::vector<ffb::Diagnostic> diags;
      ffb::LexBody(kWords[w].body, cols, diags);
      ffb::BytecodeColumns out;
      ffb::CompileBody(cols.Body(0), cols, nullptr, out, diags, static_cast<ffb::WordId>(w));
      table.Publish(static_cast<ffb::WordId>(w), out.Body(0));
    }
    for (size_t w = 0; w < kWordCount; ++w) code.push_back(table.Find(static_cast<ffb::WordId>(w)));
  }
};

Compiled& Words() {
  static Compiled c;
  return c;
}

// One word, one test per iteration.
void BM_RunWord(benchmark::State& state) {
  Compiled& c = Words();
  const Word& w = kWords[state.range(0)];
  ffb::Machine m(c.table);
  uint64_t steps = 0;
  for (auto _ : state) {
    ffb::ExecResult r = m.Run(c.code[state.range(0)], w.input);
    if (r.code != ffb::Code::kNone || r.stack.size() != w.expected.size() ||
        r.stack[0] != w.expected[0])
      state.SkipWithError("wrong result");
    steps += r.steps;
    benchmark::DoNotOptimize(r.stack.data());
  }
  state.SetLabel(w.name);
  state.SetItemsProcessed(state.iterations());
  state.counters["steps/s"] =
      benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunWord)->DenseRange(0, kWordCount - 1);

// 100k test executions per iteration: every word in turn, each as one spec
// with 10 identical cases run through RunSpecTests (10k specs).
void BM_Mix100k(benchmark::State& state) {
  Compiled& c = Words();
  ffb::Machine m(c.table);
  std::vector<std::vector<ffb::TestCaseCells>> cases(kWordCount);
  for (size_t w = 0; w < kWordCount; ++w)
    cases[w].assign(10, ffb::TestCaseCells{kWords[w].input, kWords[w].expected});
  constexpr int kSpecs = 10'000;
  for (auto _ : state) {
    uint64_t passed = 0;
    for (int s = 0; s < kSpecs; ++s) {
      size_t w = static_cast<size_t>(s) % kWordCount;
      passed += ffb::RunSpecTests(m, c.code[w], cases[w]).passed;
    }
    if (passed != kSpecs * 10) state.SkipWithError("a test failed");
  }
  state.SetItemsProcessed(state.iterations() * kSpecs * 10);
}
BENCHMARK(BM_Mix100k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
