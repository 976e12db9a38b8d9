// Differential test of the reference interpreter against gforth 0.7.3: a
// deterministic generator writes a few thousand bodies over the whole dialect
// (straight-line code, branches, do/?do/+loop with i j leave unloop exit,
// begin loops, recursion on small inputs, calls to earlier bodies), runs each
// on several inputs in both, and requires every final stack to agree. Traps
// are compared too: gforth's -10/-11 from `catch` must meet E4002.
#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/builtins.h"
#include "engine/lexer.h"
#include "tests/engine/interp_fixture.h"

namespace {

namespace fs = std::filesystem;
using ffb::Builtin;
using ffb::Code;

const char* kGforth = "/usr/bin/gforth";

// splitmix64: the same sequence on every platform and standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Range(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }

  int64_t Value() {
    switch (Below(6)) {
      case 0:
        return Range(-10, 10);
      case 1:
        return Range(-1000, 1000);
      case 2: {
        static const int64_t kEdges[] = {
            0, 1, -1, 2, INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1, 63, 64, 65, 3, -3, 7};
        return kEdges[Below(sizeof kEdges / sizeof kEdges[0])];
      }
      case 3:
        return static_cast<int64_t>(Next());
      default:
        return Range(0, 20);
    }
  }

 private:
  uint64_t s_;
};

struct GenWord {
  std::string name;
  int in = 0, out = 0;
  bool recursive = false;  // called as `15 and name` so recursion stays shallow
  int height = 0;          // longest chain of calls below it
};

// Where generated code sits. `loops`: do loops whose frames are on top of
// the return stack (usable by i/j/leave). `rclean`: nothing but do-loop
// frames on this word's return stack, so `unloop exit` / `exit` are legal.
// `calls`: calls allowed (not inside loops, which would multiply run time).
struct Ctx {
  int loops = 0;
  bool rclean = true;
  bool calls = true;
};

constexpr int kMaxCallHeight = 3;

constexpr int kMaxDepth = 8;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  Rng& rng() { return rng_; }

  // A body taking `in` cells; returns its text and its final depth.
  std::string Body(int in, int* out, bool* callable, int* height) {
    callable_ = true;
    height_ = 0;
    int depth = in;
    std::string s;
    int blocks = rng_.Range(1, 4);
    for (int b = 0; b < blocks; ++b) s += Block(depth, Ctx{}, 2);
    *out = depth;
    *callable = callable_;
    *height = height_;
    return s;
  }

  std::string Recursive(int* in, int* out) {
    *in = 1;
    *out = 1;
    static const char* kOps[] = {"+", "*", "xor", "max", "-", "min", "or", "2* +", "swap -"};
    switch (rng_.Below(5)) {
      case 0:
        return fmt::format("dup 1 < if drop {} else dup 1- recurse {} then", rng_.Range(-3, 3),
                           kOps[rng_.Below(9)]);
      case 1:
        return "dup 2 < if exit then dup 1- recurse swap 2 - recurse +";
      case 2:
        *in = 2;
        return "dup 0= if drop else tuck mod recurse then";
      case 3:
        *in = 2;
        *out = 1;
        return "dup 0> if tuck + swap 1- recurse else drop then";
      default: {
        int depth = 1;
        std::string base = Seg(depth, Ctx{0, true, false}, 4);
        base += Fix(depth, 1);
        return fmt::format("dup {} < if {} else dup 1- recurse {} then", rng_.Range(0, 3), base,
                           kOps[rng_.Below(9)]);
      }
    }
  }

  void AddWord(GenWord w) { words_.push_back(std::move(w)); }

 private:
  // Leaves the stack at `want` cells: drops or literals.
  std::string Fix(int& depth, int want) {
    std::string s;
    while (depth > want) s += " drop", --depth;
    while (depth < want) s += fmt::format(" {}", rng_.Value()), ++depth;
    return s;
  }

  std::string Lit(int& depth) {
    ++depth;
    return fmt::format(" {}", rng_.Value());
  }

  // One straight-line step; depth tracked so nothing underflows.
  std::string Op(int& depth, const Ctx& ctx, int nest) {
    static const Builtin kOps[] = {
        Builtin::kAdd,     Builtin::kSub,      Builtin::kMul,       Builtin::kDiv,
        Builtin::kMod,     Builtin::kDivMod,   Builtin::kStarSlash, Builtin::kStarSlashMod,
        Builtin::kNegate,  Builtin::kAbs,      Builtin::kMin,       Builtin::kMax,
        Builtin::kOnePlus, Builtin::kOneMinus, Builtin::kTwoStar,   Builtin::kTwoSlash,
        Builtin::kLshift,  Builtin::kRshift,   Builtin::kAnd,       Builtin::kOr,
        Builtin::kXor,     Builtin::kInvert,   Builtin::kEq,        Builtin::kNe,
        Builtin::kLt,      Builtin::kGt,       Builtin::kLe,        Builtin::kGe,
        Builtin::kZeroEq,  Builtin::kZeroNe,   Builtin::kZeroLt,    Builtin::kZeroGt,
        Builtin::kULt,     Builtin::kUGt,      Builtin::kWithin,    Builtin::kTrue,
        Builtin::kFalse,   Builtin::kDup,      Builtin::kDrop,      Builtin::kSwap,
        Builtin::kOver,    Builtin::kRot,      Builtin::kMinusRot,  Builtin::kNip,
        Builtin::kTuck,    Builtin::kTwoDup,   Builtin::kTwoDrop,   Builtin::kTwoSwap,
        Builtin::kTwoOver};
    for (int attempt = 0; attempt < 20; ++attempt) {
      int pick = rng_.Below(100);
      if (pick < 12 || depth == 0) {
        if (depth < kMaxDepth) return Lit(depth);
        continue;
      }
      if (pick < 16) {  // shift by a literal count, including >= 64
        static const int kCounts[] = {0, 1, 3, 31, 62, 63, 64, 65, 100, 127, 128, -1};
        return fmt::format(" {} {}", kCounts[rng_.Below(12)],
                           rng_.Chance(50) ? "lshift" : "rshift");
      }
      if (pick < 19) {  // a guarded divisor: 0 becomes 1
        if (depth < 2) continue;
        static const char* kDivs[] = {"/", "mod", "/mod"};
        int k = rng_.Below(3);
        if (k == 2) ++depth;
        --depth;
        return fmt::format(" dup 0= - {}", kDivs[k]);
      }
      if (pick < 23) {
        int n = rng_.Below(depth);
        if (rng_.Chance(50)) {
          if (depth >= kMaxDepth) continue;
          ++depth;
          return fmt::format(" {} pick", n);
        }
        return fmt::format(" {} roll", n);
      }
      if (pick < 27 && ctx.loops > 0 && depth < kMaxDepth) {
        ++depth;
        return ctx.loops > 1 && rng_.Chance(50) ? " j" : " i";
      }
      if (pick < 31 && nest > 0) {  // >r … r> around a segment, r@ inside
        --depth;
        std::string inner = Seg(depth, Ctx{0, false, ctx.calls}, nest - 1);
        if (depth < kMaxDepth && rng_.Chance(30)) {
          inner += depth == 0 ? " r@" : " r@ +";
          if (depth == 0) depth = 1;
        }
        ++depth;
        return fmt::format(" >r{} r>", inner);
      }
      if (pick < 36 && ctx.calls && !words_.empty()) {
        const GenWord& w = words_[rng_.Below(static_cast<int>(words_.size()))];
        if (depth < w.in || depth - w.in + w.out > kMaxDepth || w.height >= kMaxCallHeight)
          continue;
        depth += w.out - w.in;
        height_ = std::max(height_, w.height + 1);
        return w.recursive ? fmt::format(" 15 and {}", w.name) : fmt::format(" {}", w.name);
      }
      const ffb::BuiltinInfo& info = ffb::Info(kOps[rng_.Below(sizeof kOps / sizeof kOps[0])]);
      if (depth < info.inputs || depth - info.inputs + info.outputs > kMaxDepth) continue;
      depth += info.outputs - info.inputs;
      return fmt::format(" {}", info.name);
    }
    if (depth > 0) {
      --depth;
      return " drop";
    }
    return Lit(depth);
  }

  std::string Seg(int& depth, const Ctx& ctx, int nest) {
    std::string s;
    int n = rng_.Range(1, 6);
    for (int k = 0; k < n; ++k) s += Op(depth, ctx, nest);
    return s;
  }

  std::string Block(int& depth, const Ctx& ctx, int nest) {
    int kind = nest > 0 ? rng_.Below(10) : 0;
    switch (kind) {
      case 1:
      case 2: {  // if [else] then, arms with equal effect
        std::string s;
        if (depth == 0) s += Lit(depth);
        if (rng_.Chance(50) && depth >= 2)
          s += rng_.Chance(50) ? " 2dup <" : " over 0<", depth += 1;
        --depth;
        int start = depth;
        int a = start;
        s += " if" + Block(a, ctx, nest - 1);
        if (ctx.loops == 0 && ctx.rclean && rng_.Chance(10)) {
          s += " exit";
          callable_ = false;
        }
        if (rng_.Chance(60)) {
          int b = start;
          s += " else" + Block(b, ctx, nest - 1);
          s += Fix(b, a);
        } else {
          s += Fix(a, start);
        }
        depth = a;
        return s + " then";
      }
      case 3:
      case 4:
      case 5:
        return DoLoop(depth, ctx, nest);
      case 6: {  // counted begin … until, the counter on the return stack
        int n = rng_.Range(0, 5);
        int d = depth;
        std::string body = Block(d, Ctx{0, false, false}, nest - 1);
        body += Fix(d, depth);
        return fmt::format(" {} >r begin{} r> 1- dup >r 0< until r> drop", n, body);
      }
      case 7: {  // begin … while … repeat, same counter
        int n = rng_.Range(0, 5);
        int d = depth;
        std::string body = Block(d, Ctx{0, false, false}, nest - 1);
        body += Fix(d, depth);
        return fmt::format(" {} >r begin r@ 0> while{} r> 1- >r repeat r> drop", n, body);
      }
      case 8:
        if (ctx.loops == 0 && ctx.rclean) {  // begin … again, left by exit
          int n = rng_.Range(0, 4);
          int d = depth;
          std::string body = Block(d, Ctx{0, false, false}, nest - 1);
          body += Fix(d, depth);
          callable_ = false;
          return fmt::format(" {} >r begin{} r> 1- dup >r 0< if r> drop exit then again", n, body);
        }
        return Seg(depth, ctx, nest);
      default:
        return Seg(depth, ctx, nest);
    }
  }

  std::string DoLoop(int& depth, const Ctx& ctx, int nest) {
    std::string head, tail = " loop";
    switch (rng_.Below(5)) {
      case 0: {
        int lim = rng_.Range(-3, 5);
        head = fmt::format(" {} {} do", lim, lim - rng_.Range(1, 5));
        break;
      }
      case 1: {
        int lim = rng_.Range(-3, 5);
        head = fmt::format(" {} {} ?do", lim, lim - rng_.Range(0, 4));
        break;
      }
      case 2: {  // +loop with a step of either sign, bounds that end
        int step = rng_.Range(1, 4);
        int lim = rng_.Range(-6, 6);
        if (rng_.Chance(50)) {
          head =
              fmt::format(" {} {} {}", lim, lim - rng_.Range(1, 9), rng_.Chance(50) ? "do" : "?do");
          tail = fmt::format(" {} +loop", step);
        } else {
          head =
              fmt::format(" {} {} {}", lim, lim + rng_.Range(0, 9), rng_.Chance(50) ? "do" : "?do");
          tail = fmt::format(" {} +loop", -step);
        }
        break;
      }
      case 3: {  // bound taken from the data: 0 .. 7 iterations
        if (depth == 0) head += Lit(depth);
        head += " dup 7 and 0 ?do";
        break;
      }
      default: {
        int lim = rng_.Range(0, 4);
        head = fmt::format(" {} 0 ?do", lim);
        break;
      }
    }
    Ctx inner{ctx.loops + 1, ctx.rclean, false};
    int d = depth;
    std::string body = Block(d, inner, nest - 1);
    if (d < kMaxDepth && rng_.Chance(40)) {
      body += d == 0 ? " i" : " i +";
      if (d == 0) d = 1;
    }
    body += Fix(d, depth);
    int escape = rng_.Below(10);
    if (escape == 0) {
      body = fmt::format(" i {} = if leave then", rng_.Range(0, 3)) + body;
    } else if (escape == 1 && ctx.loops == 0 && ctx.rclean) {
      // Fix(d, depth) keeps the depth; exit leaves what is there.
      body += fmt::format(" i {} = if unloop exit then", rng_.Range(0, 3));
      callable_ = false;
    } else if (escape == 2 && ctx.loops == 1 && ctx.rclean) {
      body += fmt::format(" i j + {} = if unloop unloop exit then", rng_.Range(0, 4));
      callable_ = false;
    }
    return head + body + tail;
  }

  Rng rng_;
  std::vector<GenWord> words_;
  bool callable_ = true;
  int height_ = 0;
};

struct Case {
  size_t body;
  std::vector<int64_t> input;
};

std::string RunCommand(const std::string& cmd, int* status) {
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, got);
  *status = pclose(pipe);
  return out;
}

struct GforthResult {
  bool seen = false;
  bool trapped = false;
  long code = 0;
  std::vector<int64_t> stack;
};

}  // namespace

TEST_CASE("interpreter agrees with gforth 0.7.3 on generated bodies", "[interp][gforth]") {
  REQUIRE(fs::exists(kGforth));
  constexpr int kBodies = 3000;
  constexpr int kInputsPerBody = 4;

  Generator gen(20260611);
  ffb::testing::InterpFixture fx;
  std::vector<std::string> names, bodies;
  std::vector<Case> cases;

  std::string src =
      "warnings off\n"
      ": report ( i*x code id -- ) .\" R \" . ?dup if .\" X \" . clearstack cr exit then\n"
      "  .\" S \" depth dup . 0 ?do depth 1- i - pick . loop clearstack cr ;\n"
      ": t ( addr u -- ) ['] evaluate catch if 2drop clearstack then ;\n"
      ": def ( addr u -- ) ['] evaluate catch if 2drop postpone [ then ;\n";

  for (int b = 0; b < kBodies; ++b) {
    std::string name = fmt::format("gw{}", b);
    int in = 0, out = 0;
    bool callable = true;
    int height = 0;
    bool recursive = gen.rng().Chance(8);
    std::string body;
    if (recursive) {
      body = gen.Recursive(&in, &out);
    } else {
      in = gen.rng().Range(0, 3);
      body = gen.Body(in, &out, &callable, &height);
    }
    INFO("body " << name << ": " << body);
    REQUIRE(fx.Define(name, body) == Code::kNone);
    if (callable && (!recursive || in == 1)) gen.AddWord({name, in, out, recursive, height});
    src += fmt::format("s\" : {} {} ;\" def\n", name, body);
    names.push_back(name);
    bodies.push_back(body);
    for (int k = 0; k < kInputsPerBody; ++k) {
      Case c{static_cast<size_t>(b), {}};
      for (int i = 0; i < in; ++i) {
        int64_t v = gen.rng().Value();
        if (recursive) v = gen.rng().Range(-3, 14);
        c.input.push_back(v);
      }
      std::string line = "clearstack";
      for (int64_t v : c.input) line += fmt::format(" {}", v);
      src += fmt::format("s\" {} ' {} catch {} report\" t\n", line, name, cases.size());
      cases.push_back(std::move(c));
    }
  }

  // Edge bodies: every word whose result depends on sign, width or wrap, run
  // on every combination of edge values (2 inputs) or a subset (3 inputs).
  // The +loop bodies step by +-2^60 from any bounds, so they end within 17
  // rounds whatever the inputs.
  const int64_t kEdges[] = {
      0, 1, -1, 2, -2, 3, -3, 7, 63, 64, INT64_MIN, INT64_MIN + 1, INT64_MAX, INT64_MAX - 1};
  const int64_t kEdges3[] = {0, 1, -1, 3, -7, INT64_MIN, INT64_MAX};
  const char* kEdge2[] = {"+",
                          "-",
                          "*",
                          "/",
                          "mod",
                          "/mod",
                          "min",
                          "max",
                          "lshift",
                          "rshift",
                          "2dup = -rot <>",
                          "<",
                          ">",
                          "<=",
                          ">=",
                          "u<",
                          "u>",
                          "2dup and -rot or",
                          "xor",
                          "swap negate abs 2/ 2* 1+ 1- invert 0= 0<> 0< 0>",
                          "?do i 1152921504606846976 +loop",
                          "?do i -1152921504606846976 +loop",
                          "do i 1152921504606846976 +loop",
                          "do i -1152921504606846976 +loop"};
  const char* kEdge3[] = {"*/", "*/mod", "within", "rot rot -rot 2 roll 1 pick 2 pick 2drop"};
  size_t edge_bodies = 0;
  auto add_edge = [&](const std::string& body, int in) {
    std::string name = fmt::format("ge{}", edge_bodies++);
    INFO("edge body " << name << ": " << body);
    REQUIRE(fx.Define(name, body) == Code::kNone);
    src += fmt::format("s\" : {} {} ;\" def\n", name, body);
    size_t index = names.size();
    names.push_back(name);
    bodies.push_back(body);
    std::vector<std::vector<int64_t>> inputs;
    if (in == 2) {
      for (int64_t a : kEdges)
        for (int64_t b : kEdges) inputs.push_back({a, b});
    } else {
      for (int64_t a : kEdges3)
        for (int64_t b : kEdges3)
          for (int64_t c : kEdges3) inputs.push_back({a, b, c});
    }
    for (auto& input : inputs) {
      std::string line = "clearstack";
      for (int64_t v : input) line += fmt::format(" {}", v);
      src += fmt::format("s\" {} ' {} catch {} report\" t\n", line, name, cases.size());
      cases.push_back({index, std::move(input)});
    }
  };
  for (const char* body : kEdge2) add_edge(body, 2);
  for (const char* body : kEdge3) add_edge(body, 3);
  src += ".( GFORTH-DONE) cr bye\n";

  // The generator covers the whole dialect: every word with a static effect
  // appears in some body.
  {
    ffb::TokenColumns cols;
    std::vector<ffb::Diagnostic> diags;
    std::vector<int> seen(ffb::kBuiltinCount, 0);
    for (const auto& body : bodies) {
      REQUIRE(ffb::LexBody(body, cols, diags));
      for (const ffb::Token& t : cols.Body(cols.body_count() - 1))
        if (t.kind == ffb::TokenKind::kBuiltin) ++seen[static_cast<size_t>(t.builtin())];
    }
    for (const ffb::BuiltinInfo& info : ffb::AllBuiltins()) {
      INFO("builtin " << info.name);
      if (info.static_effect()) CHECK(seen[static_cast<size_t>(info.id)] > 0);
    }
  }

  fs::path file = fs::temp_directory_path() / fmt::format("ffbatch_interp_diff_{}.fs", getpid());
  {
    std::ofstream f(file);
    f << src;
  }
  int status = 0;
  std::string output = RunCommand(
      fmt::format("timeout 600 {} -m 256M {} </dev/null 2>&1", kGforth, file.string()), &status);
  REQUIRE(output.find("GFORTH-DONE") != std::string::npos);

  std::vector<GforthResult> expected(cases.size());
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream in(line);
    std::string tag, kind;
    size_t id = 0;
    if (!(in >> tag) || tag != "R" || !(in >> id >> kind) || id >= cases.size()) continue;
    GforthResult& g = expected[id];
    g.seen = true;
    if (kind == "X") {
      g.trapped = true;
      in >> g.code;
    } else {
      size_t n = 0;
      in >> n;
      for (size_t k = 0; k < n; ++k) {
        int64_t v;
        in >> v;
        g.stack.push_back(v);
      }
    }
  }

  size_t agree = 0, traps = 0, disagree = 0, missing = 0;
  std::string report;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    const GforthResult& g = expected[k];
    ffb::testing::RunOutcome r = fx.Call(names[c.body], c.input);
    bool same;
    if (!g.seen) {
      ++missing;
      same = false;
    } else if (g.trapped) {
      same = r.code == Code::kDivisionByZero && (g.code == -10 || g.code == -11);
      traps += same;
    } else {
      same = r.code == Code::kNone && r.stack == g.stack;
    }
    if (same) {
      ++agree;
      continue;
    }
    ++disagree;
    if (disagree <= 20) {
      std::string in, ours, theirs;
      for (int64_t v : c.input) in += fmt::format(" {}", v);
      for (int64_t v : r.stack) ours += fmt::format(" {}", v);
      for (int64_t v : g.stack) theirs += fmt::format(" {}", v);
      report +=
          fmt::format("case {} `{}` on [{}]: ours {} [{}], gforth {} [{}]\n", k, bodies[c.body], in,
                      ffb::Describe(r.code).id, ours,
                      g.seen ? (g.trapped ? std::to_string(g.code) : "ok") : "missing", theirs);
    }
  }
  INFO("generated Forth: " << file.string());
  INFO(report);
  WARN(
      fmt::format("gforth differential: {} generated + {} edge bodies, {} cases, {} agree ({} both "
                  "trapped), {} disagree, {} missing",
                  kBodies, edge_bodies, cases.size(), agree, traps, disagree, missing));
  CHECK(status == 0);
  CHECK(missing == 0);
  CHECK(disagree == 0);
  CHECK(traps < cases.size() / 5);  // the guard keeps most runs trap-free
  if (disagree == 0) fs::remove(file);
}
