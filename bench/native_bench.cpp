// Native code benchmark (issue 5), side by side in one run:
//   <Kernel>/ffbatch      - ffbatch object-mode code (what OUT/obj holds), run from memory
//   <Kernel>/ffbatch_test - the same words in test mode (fuel, depth checks), via NativeMachine
//   <Kernel>/gcc_O1       - the same functions in C, built here with `gcc -O1` and dlopen'ed
//   <Kernel>/gforth_fast  - `gforth-fast` running the same Forth (startup subtracted)
// Kernels: recursive fib 38; a 10^9-iteration `do i + loop`; gcd over 10^7
// pairs; iterative factorial 20, 10^7 times. Plus compile throughput (tokens
// -> bytes, one core) and a 1M-word object set written and linked with cc.
// Usage: ./build/bench/native_bench  (bench/native_bench.sh runs it)
#include <benchmark/benchmark.h>
#include <dlfcn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/check/checker.h"
#include "engine/forth/lexer.h"
#include "engine/native/codegen.h"
#include "engine/native/jit_runner.h"
#include "io/objects/c_header_writer.h"
#include "io/objects/elf_writer.h"
#include "io/objects/symbol_mangling.h"

namespace {

using namespace ffb;
using Word = int64_t* (*)(int64_t*);

struct Def {
  const char* name;
  const char* body;
  int ins, outs;
};
// The Forth of every kernel, used by ffbatch and gforth-fast alike.
const Def kDefs[] = {
    {"fib", "dup 2 < if exit then dup 1- recurse swap 2 - recurse +", 1, 1},
    {"sumloop", "0 swap 0 ?do i + loop", 1, 1},
    {"gcd", "begin dup while tuck mod repeat drop", 2, 1},
    {"gcdsum", "0 swap 1 ?do i 1000003 * 65535 and 1+ i gcd + loop", 1, 1},
    {"ifact", "1 swap 1+ 1 ?do i * loop", 1, 1},
    {"factsum", "0 swap 0 ?do 20 ifact + loop", 1, 1},
};
const char* kC = R"(#include <stdint.h>
int64_t fib(int64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int64_t sumloop(int64_t n) { int64_t s = 0; for (int64_t i = 0; i < n; i++) s += i; return s; }
static int64_t fmod_(int64_t a, int64_t b) { int64_t r = a % b; return (r != 0 && ((r ^ b) < 0)) ? r + b : r; }
static int64_t gcd(int64_t a, int64_t b) { while (b) { int64_t t = fmod_(a, b); a = b; b = t; } return a; }
int64_t gcdsum(int64_t n) { int64_t s = 0; for (int64_t i = 1; i < n; i++) s += gcd(((i * 1000003) & 65535) + 1, i); return s; }
static int64_t ifact(int64_t n) { int64_t p = 1; for (int64_t i = 1; i < n + 1; i++) p *= i; return p; }
int64_t factsum(int64_t n) { int64_t s = 0; for (int64_t i = 0; i < n; i++) s += ifact(20); return s; }
)";

struct Kernel {
  const char* word;
  int64_t arg;
};
const Kernel kFib{"fib", 38}, kLoop{"sumloop", 1000000000}, kGcd{"gcdsum", 10000000},
    kFact{"factsum", 10000000};

// Compiles kDefs in one mode into `jit`.
class Words : public WordResolver {
 public:
  explicit Words(NativeMode mode) : gen_(mode) {
    NativeCode code;
    for (const Def& d : kDefs) {
      std::vector<Diagnostic> diags;
      size_t row = cols_.body_count();
      LexBody(d.body, cols_, diags);
      WordEffect self;
      self.inputs = static_cast<uint8_t>(d.ins);
      self.outputs = static_cast<uint8_t>(d.outs);
      const InferResult& r = inf_.Infer(cols_.Body(row), cols_, this, &self);
      if (!r.ok) std::abort();
      uint32_t id = static_cast<uint32_t>(effects_.size());
      NativeWordInfo info{id, static_cast<uint32_t>(d.ins), static_cast<uint32_t>(d.outs),
                          r.max_depth};
      Diagnostic err;
      NativeCalleeResolver resolve = [this](std::string_view n) -> std::optional<NativeCallee> {
        auto it = ids_.find(std::string(n));
        if (it == ids_.end()) return std::nullopt;
        const WordEffect& e = effects_[it->second];
        return NativeCallee{it->second, e.inputs, e.outputs};
      };
      if (!gen_.Compile(cols_.Body(row), cols_, resolve, info, code, &err)) {
        std::fprintf(stderr, "%s: %s\n", d.name, err.message.c_str());
        std::abort();
      }
      ids_[d.name] = id;
      effects_.push_back(self);
    }
    std::string error;
    if (!jit.Publish(code, &error)) std::abort();
  }
  const WordEffect* Lookup(std::string_view n) const override {
    auto it = ids_.find(std::string(n));
    if (it == ids_.end()) return nullptr;
    return &effects_[it->second];
  }
  uint32_t Id(const char* n) const { return ids_.at(n); }
  JitCode jit{size_t{1} << 24};

 private:
  TokenColumns cols_;
  EffectChecker inf_;
  NativeCodegen gen_;
  std::map<std::string, uint32_t> ids_;
  std::vector<WordEffect> effects_;
};

Words& ObjectWords() {
  static Words w(NativeMode::kObject);
  return w;
}
Words& TestWords() {
  static Words w(NativeMode::kTest);
  return w;
}

std::string TempDir() {
  static std::string dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("ffbatch-native-bench-" + std::to_string(getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

void* CLibrary() {
  static void* lib = [] {
    std::string dir = TempDir();
    std::ofstream(dir + "/kernels.c") << kC;
    std::string cmd = "gcc -O1 -shared -fPIC -o " + dir + "/kernels.so " + dir + "/kernels.c";
    if (std::system(cmd.c_str()) != 0) std::abort();
    void* h = dlopen((dir + "/kernels.so").c_str(), RTLD_NOW);
    if (h == nullptr) std::abort();
    return h;
  }();
  return lib;
}

void RunFfbatch(benchmark::State& state, const Kernel& k) {
  Words& w = ObjectWords();
  auto fn = reinterpret_cast<Word>(const_cast<void*>(w.jit.Find(w.Id(k.word))));
  alignas(64) int64_t stack[64];
  for (auto _ : state) {
    stack[0] = k.arg;
    int64_t* sp = fn(stack + 1);
    benchmark::DoNotOptimize(sp);
    benchmark::DoNotOptimize(stack[0]);
  }
  state.counters["result"] = static_cast<double>(stack[0]);
}

void RunFfbatchTest(benchmark::State& state, const Kernel& k) {
  Words& w = TestWords();
  NativeLimits limits;
  limits.fuel = ~uint64_t{0};
  limits.call_depth = 100000;
  NativeMachine m(w.jit, limits);
  int64_t result = 0;
  for (auto _ : state) {
    NativeRun r = m.Run(w.Id(k.word), {&k.arg, 1});
    if (r.code != Code::kNone || r.stack.size() != 1)
      state.SkipWithError("trap");
    else
      result = r.stack[0];
  }
  state.counters["result"] = static_cast<double>(result);
}

void RunC(benchmark::State& state, const Kernel& k) {
  auto fn = reinterpret_cast<int64_t (*)(int64_t)>(dlsym(CLibrary(), k.word));
  int64_t r = 0;
  for (auto _ : state) {
    r = fn(k.arg);
    benchmark::DoNotOptimize(r);
  }
  state.counters["result"] = static_cast<double>(r);
}

double RunSeconds(const std::string& cmd) {
  auto t0 = std::chrono::steady_clock::now();
  int rc = std::system(cmd.c_str());
  auto t1 = std::chrono::steady_clock::now();
  if (rc != 0) return -1;
  return std::chrono::duration<double>(t1 - t0).count();
}

void RunGforth(benchmark::State& state, const Kernel& k) {
  std::string defs;
  for (const Def& d : kDefs) defs += std::string(": ") + d.name + " " + d.body + " ; ";
  std::string base = "gforth-fast -e '" + defs;
  std::string run = base + std::to_string(k.arg) + " " + k.word + " drop bye' > /dev/null";
  std::string empty = base + "bye' > /dev/null";
  for (auto _ : state) {
    double startup = RunSeconds(empty);
    double total = RunSeconds(run);
    if (startup < 0 || total < 0) {
      state.SkipWithError("gforth-fast failed");
      break;
    }
    state.SetIterationTime(std::max(total - startup, 1e-9));
  }
}

#define KERNEL(K, NAME)                                                                           \
  BENCHMARK_CAPTURE(RunFfbatch, NAME##_ffbatch, K)->Unit(benchmark::kMillisecond)->Iterations(3); \
  BENCHMARK_CAPTURE(RunFfbatchTest, NAME##_ffbatch_test, K)                                       \
      ->Unit(benchmark::kMillisecond)                                                             \
      ->Iterations(3);                                                                            \
  BENCHMARK_CAPTURE(RunC, NAME##_gcc_O1, K)->Unit(benchmark::kMillisecond)->Iterations(3);        \
  BENCHMARK_CAPTURE(RunGforth, NAME##_gforth_fast, K)                                             \
      ->Unit(benchmark::kMillisecond)                                                             \
      ->UseManualTime()                                                                           \
      ->Iterations(1);

KERNEL(kFib, fib38)
KERNEL(kLoop, loop1e9)
KERNEL(kGcd, gcd1e7)
KERNEL(kFact, fact20x1e7)

// ---- compile throughput -----------------------------------------------------

// 1M small verified words (a dozen shapes, different literals), lexed and
// inferred once; the benchmark times the code generator only.
struct Corpus {
  TokenColumns cols;
  std::vector<NativeWordInfo> info;
  std::vector<std::string> names, effects;
};
const char* kShapes[] = {
    "dup * {} +",
    "over over + swap - {} xor",
    "{} + 2* 1-",
    "swap {} * +",
    "dup 0< if negate then {} +",
    "{} 0 do 1+ loop",
    "2dup < if swap then drop {} max",
    "dup {} and swap {} or xor",
    "begin dup {} > while 2/ repeat",
    "rot rot + * {} -",
    "{} / {} mod",
    "dup dup * * {} lshift",
};
const int kShapeIns[] = {1, 2, 1, 2, 1, 1, 2, 1, 1, 3, 1, 1};
Corpus& SmallWords() {
  static Corpus c = [] {
    Corpus c;
    EffectChecker inf;
    std::vector<Diagnostic> diags;
    const size_t n = 1000000;
    c.cols.Reserve(n, n * 8);
    std::string body;
    for (size_t i = 0; i < n; ++i) {
      size_t s = i % std::size(kShapes);
      body.clear();
      std::string lit = std::to_string(static_cast<int64_t>(i % 1000) + 3);
      for (const char* p = kShapes[s]; *p; ++p) {
        if (p[0] == '{' && p[1] == '}')
          body += lit, ++p;
        else
          body += *p;
      }
      LexBody(body, c.cols, diags);
      const InferResult& r = inf.Infer(c.cols.Body(i), c.cols, nullptr, nullptr);
      if (!r.ok || r.inputs.size() != static_cast<size_t>(kShapeIns[s])) {
        std::fprintf(stderr, "bad shape %s\n", body.c_str());
        std::abort();
      }
      c.info.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(r.inputs.size()),
                        static_cast<uint32_t>(r.outputs.size()), r.max_depth});
      c.names.push_back(std::to_string(i));
      c.names.back().insert(0, 1, 'w');
      c.effects.push_back(FormatInferred(r));
    }
    return c;
  }();
  return c;
}

void CompileThroughput(benchmark::State& state) {
  Corpus& c = SmallWords();
  NativeCodegen gen(state.range(0) ? NativeMode::kTest : NativeMode::kObject);
  NativeCalleeResolver none = [](std::string_view) { return std::optional<NativeCallee>{}; };
  NativeCode code;
  size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (size_t i = 0; i < c.info.size(); ++i) {
      if (code.words.size() == 4096) bytes += code.bytes.size(), code.Clear();
      Diagnostic err;
      if (!gen.Compile(c.cols.Body(i), c.cols, none, c.info[i], code, &err)) {
        state.SkipWithError(err.message.c_str());
        return;
      }
    }
    bytes += code.bytes.size();
    code.Clear();
  }
  state.counters["words/s"] = benchmark::Counter(
      static_cast<double>(c.info.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["bytes/word"] = static_cast<double>(bytes) / c.info.size();
}
BENCHMARK(CompileThroughput)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(2);

// 1M words: compile (object mode), write 100 parts + ffrt.o + header, link an
// executable that calls one word with cc. Reports seconds per phase.
void ObjectsWriteAndLink(benchmark::State& state) {
  Corpus& c = SmallWords();
  NativeCodegen gen(NativeMode::kObject);
  NativeCalleeResolver none = [](std::string_view) { return std::optional<NativeCallee>{}; };
  std::string dir = TempDir() + "/out";
  OutputDir out_dir = OutputDir::Open(dir);
  OutputDir obj_dir = out_dir.Subdir("obj"), include_dir = out_dir.Subdir("include");
  const size_t per_part = 10000;
  double write_s = 0, link_s = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    NativeCode code;
    ElfPart part;
    CHeaderWriter header;
    std::string objects;
    auto symbol_of = [&](uint32_t id, std::string& out) {
      AppendMangledWordName(out, c.names[id]);
    };
    int part_no = 0;
    for (size_t i = 0; i < c.info.size(); ++i) {
      Diagnostic err;
      gen.Compile(c.cols.Body(i), c.cols, none, c.info[i], code, &err);
      header.Add(c.names[i], c.effects[i]);
      if (code.words.size() == per_part || i + 1 == c.info.size()) {
        for (const NativeWord& w : code.words) part.AddWord(code, w, symbol_of);
        char name[40];
        std::snprintf(name, sizeof name, "part-%05d.o", part_no++);
        part.Write(obj_dir, name);
        objects += " " + dir + "/obj/" + name;
        part.Clear();
        code.Clear();
      }
    }
    WriteRuntimeObject(obj_dir);
    header.Write(include_dir, "ffbatch_words.h");
    auto t1 = std::chrono::steady_clock::now();
    std::ofstream(dir + "/main.c")
        << "#include \"ffbatch_words.h\"\nint main(void) { int64_t s[8] = {5};\n"
           "  return ffw_w0(s + 1) == s + 1 && s[0] == 25 + 3 ? 0 : 1; }\n";
    std::string cc = "cc -O1 -I" + dir + "/include -o " + dir + "/main " + dir + "/main.c" +
                     objects + " " + dir + "/obj/ffrt.o && " + dir + "/main";
    if (std::system(cc.c_str()) != 0) state.SkipWithError("link or run failed");
    auto t2 = std::chrono::steady_clock::now();
    write_s = std::chrono::duration<double>(t1 - t0).count();
    link_s = std::chrono::duration<double>(t2 - t1).count();
  }
  state.counters["compile+write_s"] = write_s;
  state.counters["cc_link_s"] = link_s;
  state.counters["words"] = static_cast<double>(c.info.size());
}
BENCHMARK(ObjectsWriteAndLink)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
