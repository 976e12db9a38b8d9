// FastForth's 16 stack-effect workloads, by name, on ffbatch's checker.
//
//   ninja -C build infer_bench && ./build/bench/infer_bench
//
// "infer/<body>" measures inference over pre-lexed tokens with a reused
// EffectChecker and InferResult (the pipeline's hot path: a chunk is lexed once,
// then inferred); "lex+infer/<body>" adds lexing the text into a reused
// TokenColumns. "verify/..." is inference plus the allocation-free effect check
// against a pre-parsed declared effect. "compose/[...]" composes the declared
// effects of dictionary words (each element is a user word resolved through a
// WordResolver, as calls to earlier specs are).
#include <benchmark/benchmark.h>

#include <string>
#include <unordered_map>

#include "engine/check/checker.h"
#include "engine/check/verify.h"
#include "engine/forth/lexer.h"
#include "engine/forth/stack_effect.h"

namespace {

using namespace ffb;

struct Lexed {
  TokenColumns cols;
  explicit Lexed(std::string_view body) {
    std::vector<Diagnostic> d;
    LexBody(body, cols, d);
  }
};

void Infer(benchmark::State& state, const char* body) {
  Lexed l(body);
  EffectChecker inf;
  InferResult r;
  for (auto _ : state) {
    inf.Infer(l.cols.Body(0), l.cols, nullptr, nullptr, r);
    benchmark::DoNotOptimize(r.outputs.data());
  }
  if (!r.ok) state.SkipWithError("inference failed");
}

void LexInfer(benchmark::State& state, const char* body) {
  TokenColumns cols;
  std::vector<Diagnostic> d;
  EffectChecker inf;
  InferResult r;
  for (auto _ : state) {
    cols.Clear();
    LexBody(body, cols, d);
    inf.Infer(cols.Body(0), cols, nullptr, nullptr, r);
    benchmark::DoNotOptimize(r.outputs.data());
  }
  if (!r.ok) state.SkipWithError("inference failed");
}

void Verify(benchmark::State& state, const char* body, const char* effect) {
  Lexed l(body);
  Diagnostic err;
  WordEffect declared = ToWordEffect(*ParseEffectText(effect, &err));
  EffectChecker inf;
  InferResult r;
  EffectCheck c = EffectCheck::kDepthMismatch;
  for (auto _ : state) {
    inf.Infer(l.cols.Body(0), l.cols, nullptr, &declared, r);
    c = CheckEffect(r, declared);
    benchmark::DoNotOptimize(c);
  }
  if (c != EffectCheck::kOk) state.SkipWithError("verification failed");
}

struct Dictionary : WordResolver {
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, WordEffect, Hash, std::equal_to<>> words;
  void Add(std::string name, const char* effect) {
    Diagnostic d;
    words.emplace(std::move(name), ToWordEffect(*ParseEffectText(effect, &d)));
  }
  const WordEffect* Lookup(std::string_view n) const override {
    auto it = words.find(n);
    if (it == words.end()) return nullptr;
    return &it->second;
  }
};

const Dictionary& Words() {
  static const Dictionary d = [] {
    Dictionary w;
    w.Add("w-dup", "( a -- a a )");
    w.Add("w-mul", "( a b -- c )");
    w.Add("w-add", "( a b -- c )");
    w.Add("w-swap", "( a b -- b a )");
    w.Add("w-rot", "( a b c -- b c a )");
    w.Add("w-2dup", "( a b -- a b a b )");
    return w;
  }();
  return d;
}

void Compose(benchmark::State& state, const char* words) {
  Lexed l(words);
  EffectChecker inf;
  InferResult r;
  for (auto _ : state) {
    inf.Infer(l.cols.Body(0), l.cols, &Words(), nullptr, r);
    benchmark::DoNotOptimize(r.outputs.data());
  }
  if (!r.ok) state.SkipWithError("inference failed");
}

void Infer1000(benchmark::State& state) {
  Lexed l("dup * swap +");
  EffectChecker inf;
  InferResult r;
  for (auto _ : state) {
    for (int k = 0; k < 1000; ++k) {
      inf.Infer(l.cols.Body(0), l.cols, nullptr, nullptr, r);
      benchmark::DoNotOptimize(r.outputs.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}

void LexInfer1000(benchmark::State& state) {
  TokenColumns cols;
  std::vector<Diagnostic> d;
  EffectChecker inf;
  InferResult r;
  for (auto _ : state) {
    for (int k = 0; k < 1000; ++k) {
      cols.Clear();
      LexBody("dup * swap +", cols, d);
      inf.Infer(cols.Body(0), cols, nullptr, nullptr, r);
      benchmark::DoNotOptimize(r.outputs.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}

constexpr const char* kInferBodies[] = {
    "dup",
    "dup *",
    "swap",
    "+ -",
    "42 13 +",
    "dup * swap +",
    "dup dup * swap dup * +",
    "2dup + rot rot + +",
    "over over * swap dup * + swap dup *",
};

int Register() {
  for (const char* b : kInferBodies)
    benchmark::RegisterBenchmark(("infer/" + std::string(b)).c_str(), Infer, b);
  benchmark::RegisterBenchmark("verify/dup * vs ( n -- n² )", Verify, "dup *", "( n -- n² )");
  benchmark::RegisterBenchmark("verify/swap vs ( a b -- b a )", Verify, "swap", "( a b -- b a )");
  benchmark::RegisterBenchmark("verify/2dup + vs ( a b -- a b a+b )", Verify, "2dup +",
                               "( a b -- a b a+b )");
  benchmark::RegisterBenchmark("compose/[dup *]", Compose, "w-dup w-mul");
  benchmark::RegisterBenchmark("compose/[dup dup * swap *]", Compose,
                               "w-dup w-dup w-mul w-swap w-mul");
  benchmark::RegisterBenchmark("compose/[2dup + rot +]", Compose, "w-2dup w-add w-rot w-add");
  benchmark::RegisterBenchmark("infer_1000/dup * swap +", Infer1000);
  for (const char* b : kInferBodies)
    benchmark::RegisterBenchmark(("lex+infer/" + std::string(b)).c_str(), LexInfer, b);
  benchmark::RegisterBenchmark("lex+infer_1000/dup * swap +", LexInfer1000);
  return 0;
}
const int kRegistered = Register();

}  // namespace

BENCHMARK_MAIN();
