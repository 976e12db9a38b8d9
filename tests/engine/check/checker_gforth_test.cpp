// Differential test of the stack-effect checker against gforth 0.7.3: a few
// thousand generated bodies (straight-line, if/else, do/?do loops with leave,
// begin/until, begin/while/repeat, >r/r>, early exit) are defined and run in
// ONE gforth process on concrete inputs; the observed depth change must equal
// the inferred outputs - inputs, every time. The generator tracks the concrete
// depth so no body underflows, guards divisors, and balances every construct
// (except a marked few it unbalances on purpose, which the checker must
// reject), so a mistake in one body cannot derail the rest of the run.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/support/infer_test_support.h"

namespace {

constexpr int kInputs = 10;  // cells pushed before each body runs
constexpr const char* kVectors[] = {"3 -7 0 12 1 -1 5 100 2 9", "0 0 1 -5 7 2 -1 0 64 3"};

struct Op {
  const char* text;
  int in, out;
};
constexpr Op kOps[] = {
    {"+", 2, 1},
    {"-", 2, 1},
    {"*", 2, 1},
    {"negate", 1, 1},
    {"abs", 1, 1},
    {"min", 2, 1},
    {"max", 2, 1},
    {"1+", 1, 1},
    {"1-", 1, 1},
    {"2*", 1, 1},
    {"2/", 1, 1},
    {"3 lshift", 1, 1},
    {"2 rshift", 1, 1},
    {"and", 2, 1},
    {"or", 2, 1},
    {"xor", 2, 1},
    {"invert", 1, 1},
    {"=", 2, 1},
    {"<>", 2, 1},
    {"<", 2, 1},
    {">", 2, 1},
    {"<=", 2, 1},
    {">=", 2, 1},
    {"0=", 1, 1},
    {"0<>", 1, 1},
    {"0<", 1, 1},
    {"0>", 1, 1},
    {"u<", 2, 1},
    {"u>", 2, 1},
    {"within", 3, 1},
    {"true", 0, 1},
    {"false", 0, 1},
    {"dup", 1, 2},
    {"drop", 1, 0},
    {"swap", 2, 2},
    {"over", 2, 3},
    {"rot", 3, 3},
    {"-rot", 3, 3},
    {"nip", 2, 1},
    {"tuck", 2, 3},
    {"2dup", 2, 4},
    {"2drop", 2, 0},
    {"2swap", 4, 4},
    {"2over", 4, 6},
    {"42", 0, 1},
    {"$1F", 0, 1},
    {"-3", 0, 1},
    {"%101", 0, 1},
    {"'a'", 0, 1},
    {"255 and 1+ /", 2, 1},
    {"255 and 1+ mod", 2, 1},
    {"255 and 1+ /mod", 2, 2},
    {"255 and 1+ */", 3, 1},
    {"255 and 1+ */mod", 3, 2},
    {"DUP", 1, 2},
    {"Swap", 2, 2},
    {"( c ) dup", 1, 2},
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : state_(seed) {}

  // One body; `balanced` is false when it was unbalanced on purpose.
  std::string Body(bool* balanced) {
    out_.clear();
    d_ = kInputs;
    unbalanced_ = false;
    Ops(1 + Next(6), 0, 0, true);
    if (Next(10) == 0 && d_ >= 1) {  // early exit at top level
      Emit("if");
      --d_;
      int s = d_;
      Ops(Next(3), 0, 1, false);
      int e = d_;
      Emit("exit then");
      d_ = s;
      Ops(Next(3), 0, 1, false);
      Pad(e);
    }
    *balanced = !unbalanced_;
    return out_;
  }

 private:
  uint64_t Next(uint64_t n) {  // splitmix64: identical on every platform
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (z ^ (z >> 31)) % n;
  }
  void Emit(const std::string& s) {
    if (!out_.empty()) out_ += ' ';
    out_ += s;
  }
  void Pad(int target) {
    if (Next(40) == 0 && d_ != target) {  // leave it unbalanced on purpose
      unbalanced_ = true;
      return;
    }
    while (d_ > target) Emit("drop"), --d_;
    while (d_ < target) Emit("7"), ++d_;
  }
  void Ops(uint64_t n, int loops, int nest, bool rfree) {
    for (uint64_t k = 0; k < n; ++k) One(loops, nest, rfree);
  }
  void One(int loops, int nest, bool rfree) {
    uint64_t r = Next(100);
    if (nest < 2 && r >= 70) {
      int s;
      if (r < 78 && d_ >= 1) {  // if [else] then
        Emit("if");
        --d_;
        s = d_;
        Ops(Next(4), loops, nest + 1, rfree);
        if (Next(2)) {
          int t = d_;
          Emit("else");
          d_ = s;
          Ops(Next(4), loops, nest + 1, rfree);
          Pad(t);
        } else {
          Pad(s);
        }
        Emit("then");
        return;
      }
      if (r < 84 && rfree) {  // do / ?do loop, maybe with leave
        // `0 0 do` would run 2^64 times: do gets a limit of 1..3, ?do 0..3.
        bool qdo = Next(2);
        Emit(fmt::format("{} 0 {}", qdo ? Next(4) : 1 + Next(3), qdo ? "?do" : "do"));
        s = d_;
        if (Next(3) == 0) Emit("i 1 = if leave then");
        Ops(1 + Next(3), loops + 1, nest + 1, true);
        Pad(s);
        Emit(Next(2) ? "loop" : "1 +loop");
        return;
      }
      if (r < 89 && rfree) {  // begin … until with a counter on the return stack
        Emit(fmt::format("{} begin >r", 1 + Next(3)));
        s = d_;
        Ops(1 + Next(3), 0, nest + 1, false);
        Pad(s);
        Emit("r> 1- dup 0= until drop");
        return;
      }
      if (r < 94 && d_ >= 1) {  // >r … r>
        Emit(">r");
        --d_;
        Ops(Next(4), 0, nest + 1, false);
        Emit("r>");
        ++d_;
        return;
      }
      if (rfree) {  // begin … while … repeat
        Emit(fmt::format("{} begin dup while 1- >r", Next(4)));
        s = d_;
        Ops(Next(3), 0, nest + 1, false);
        Pad(s);
        Emit("r> repeat drop");
        return;
      }
    }
    if (loops >= 1 && rfree && r < 6) {
      Emit(loops >= 2 && r < 3 ? "j" : "i");
      ++d_;
      return;
    }
    if (r < 10 && d_ >= 1) {  // literal-index pick / roll
      int n = static_cast<int>(Next(static_cast<uint64_t>(std::min(d_, 4))));
      bool pick = Next(2);
      Emit(fmt::format("{} {}", n, pick ? "pick" : "roll"));
      if (pick) ++d_;
      return;
    }
    while (true) {
      const Op& op = kOps[Next(std::size(kOps))];
      if (op.in > d_) continue;
      if (d_ > 16 && op.out > op.in) continue;
      Emit(op.text);
      d_ += op.out - op.in;
      return;
    }
  }

  uint64_t state_;
  std::string out_;
  int d_ = 0;
  bool unbalanced_ = false;
};

}  // namespace

TEST_CASE("stack checker agrees with gforth 0.7.3 on generated bodies", "[infer][gforth]") {
  const char* gforth = "/usr/bin/gforth";
  if (!std::filesystem::exists(gforth)) {
    WARN("gforth not installed; skipping");
    return;
  }
  constexpr int kBodies = 4000;
  Generator gen(20261129);
  struct Body {
    std::string text;
    int net;
  };
  std::map<int, Body> accepted;
  int rejected_on_purpose = 0;
  std::string script;
  for (int k = 0; k < kBodies; ++k) {
    bool balanced = true;
    std::string body = gen.Body(&balanced);
    auto c = ffb::testing::Check(body);
    INFO("body " << k << ": " << body);
    if (!c.result.ok) {
      // Only deliberately unbalanced bodies may be rejected, and only as unbalanced.
      REQUIRE(!balanced);
      auto code = c.result.FirstError()->code;
      CHECK((code == ffb::Code::kBranchMismatch || code == ffb::Code::kLoopNotNeutral));
      ++rejected_on_purpose;
      continue;
    }
    REQUIRE(c.result.inputs.size() <= static_cast<size_t>(kInputs));
    int net = static_cast<int>(c.result.outputs.size()) - static_cast<int>(c.result.inputs.size());
    accepted[k] = {body, net};
    script += fmt::format(": t{} {} ;\n", k, body);
    for (size_t v = 0; v < std::size(kVectors); ++v)
      script +=
          fmt::format("clearstack {} t{} .\" R\" {} . {} . depth . cr\n", kVectors[v], k, k, v);
  }
  script += "clearstack .\" DONE\" cr bye\n";
  auto path =
      std::filesystem::temp_directory_path() / fmt::format("ffb_gforth_diff_{}.fs", ::getpid());
  std::ofstream(path) << script;
  std::string cmd = fmt::format("{} -m 256M {} 2>&1", gforth, path.string());
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::map<std::pair<int, int>, int> observed;
  bool done = false;
  std::string unexpected;
  char line[4096];
  while (fgets(line, sizeof line, p)) {
    int k, v, depth;
    if (sscanf(line, "R%d %d %d", &k, &v, &depth) == 3)
      observed[{k, v}] = depth;
    else if (std::string(line).starts_with("DONE"))
      done = true;
    else if (unexpected.size() < 2000)
      unexpected += line;
  }
  pclose(p);
  std::filesystem::remove(path);
  INFO("unexpected gforth output: " << unexpected);
  REQUIRE(done);
  int disagreements = 0, compared = 0;
  for (const auto& [k, b] : accepted) {
    for (int v = 0; v < static_cast<int>(std::size(kVectors)); ++v) {
      auto it = observed.find({k, v});
      INFO("body t" << k << ": " << b.text);
      REQUIRE(it != observed.end());
      ++compared;
      if (it->second - kInputs != b.net) {
        ++disagreements;
        FAIL_CHECK("gforth depth change " << it->second - kInputs << ", inferred " << b.net);
      }
    }
  }
  CHECK(disagreements == 0);
  CHECK(accepted.size() >= 3000);
  CHECK(rejected_on_purpose > 0);
  CHECK(compared == static_cast<int>(accepted.size() * std::size(kVectors)));
}
