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

#include "engine/forth/builtins.h"
#include "engine/forth/lexer.h"
#include "tests/support/forth_body_generator.h"
#include "tests/support/interp_fixture.h"

namespace {

namespace fs = std::filesystem;
using ffb::Builtin;
using ffb::Code;

const char* kGforth = "/usr/bin/gforth";

using forthgen::Generator;
using forthgen::GenWord;
using forthgen::Rng;

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
                          "do i -1152921504606846976 +loop",
                          "m*",
                          "um*",
                          "s>d rot s>d"};
  const char* kEdge3[] = {"*/",     "*/mod",  "within", "rot rot -rot 2 roll 1 pick 2 pick 2drop",
                          "fm/mod", "sm/rem", "um/mod"};
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

TEST_CASE("interpreter agrees with gforth 0.7.3 on the ANS control-flow forms",
          "[interp][gforth]") {
  REQUIRE(fs::exists(kGforth));
  constexpr int kBodies = 1500;
  constexpr int kInputsPerBody = 3;
  Generator gen(20261202);
  gen.EnableAnsForms();
  ffb::testing::InterpFixture fx;
  std::vector<std::string> names, bodies;
  std::vector<Case> cases;
  std::string src =
      "warnings off\n"
      ": report ( i*x code id -- ) .\" R \" . ?dup if .\" X \" . clearstack cr exit then\n"
      "  .\" S \" depth dup . 0 ?do depth 1- i - pick . loop clearstack cr ;\n"
      ": t ( addr u -- ) ['] evaluate catch if 2drop clearstack then ;\n"
      ": def ( addr u -- ) ['] evaluate catch if 2drop postpone [ then ;\n";
  // How many bodies hold each wider form.
  size_t multi_else = 0, multi_while = 0, while_until = 0, while_again = 0, if_repeat = 0;
  for (int b = 0; b < kBodies; ++b) {
    std::string name = fmt::format("aw{}", b);
    int in = gen.rng().Range(0, 3), out = 0, height = 0;
    bool callable = true;
    std::string body = gen.Body(in, &out, &callable, &height);
    INFO("body " << name << ": " << body);
    REQUIRE(fx.Define(name, body) == Code::kNone);
    if (callable) gen.AddWord({name, in, out, false, height});
    multi_else += body.find(" else") != std::string::npos &&
                  body.find(" else", body.find(" else") + 1) != std::string::npos;
    multi_while += body.find("while r@") != std::string::npos;
    while_until += body.find("= until") != std::string::npos;
    while_again += body.find(">r again then") != std::string::npos;
    if_repeat += body.find("exit then r> 1- >r") != std::string::npos;
    src += fmt::format("s\" : {} {} ;\" def\n", name, body);
    names.push_back(name);
    bodies.push_back(body);
    for (int k = 0; k < kInputsPerBody; ++k) {
      Case c{static_cast<size_t>(b), {}};
      for (int i = 0; i < in; ++i) c.input.push_back(gen.rng().Value());
      std::string line = "clearstack";
      for (int64_t v : c.input) line += fmt::format(" {}", v);
      src += fmt::format("s\" {} ' {} catch {} report\" t\n", line, name, cases.size());
      cases.push_back(std::move(c));
    }
  }
  src += ".( GFORTH-DONE) cr bye\n";
  CHECK(multi_else > 100);
  CHECK(multi_while > 100);
  CHECK(while_until > 100);
  CHECK(while_again > 100);
  CHECK(if_repeat > 50);

  fs::path file = fs::temp_directory_path() / fmt::format("ffbatch_interp_ans_{}.fs", getpid());
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
  size_t agree = 0, disagree = 0;
  std::string report;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    const GforthResult& g = expected[k];
    ffb::testing::RunOutcome r = fx.Call(names[c.body], c.input);
    bool same =
        g.seen && (g.trapped ? r.code == Code::kDivisionByZero && (g.code == -10 || g.code == -11)
                             : r.code == Code::kNone && r.stack == g.stack);
    if (same) {
      ++agree;
      continue;
    }
    if (++disagree <= 20) {
      std::string ins, ours, theirs;
      for (int64_t v : c.input) ins += fmt::format(" {}", v);
      for (int64_t v : r.stack) ours += fmt::format(" {}", v);
      for (int64_t v : g.stack) theirs += fmt::format(" {}", v);
      report += fmt::format("case {} `{}` on [{}]: ours {} [{}], gforth [{}]\n", k, bodies[c.body],
                            ins, ffb::Describe(r.code).id, ours, theirs);
    }
  }
  INFO(report);
  WARN(
      fmt::format("gforth ANS-forms differential: {} bodies ({} multi-else, {} multi-while, {} "
                  "while+until, {} while+again, {} if-begin-repeat), {} cases, {} agree, {} "
                  "disagree",
                  kBodies, multi_else, multi_while, while_until, while_again, if_repeat,
                  cases.size(), agree, disagree));
  CHECK(status == 0);
  CHECK(disagree == 0);
  if (disagree == 0) fs::remove(file);
}
