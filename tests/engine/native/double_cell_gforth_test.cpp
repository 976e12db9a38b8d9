// The double-cell words s>d m* um* fm/mod sm/rem um/mod against gforth
// 0.7.3 at edge values: every pair (two-input words) and every triple
// (divisions) of 0, +-1, +-2, +-7, INT64_MIN, INT64_MIN+1 and INT64_MAX
// (-1 is MAX-UINT to um* and um/mod), as inputs and as literals in the body
// (the native code's constant operands), in the interpreter and natively.
// A trap must meet gforth's -10 (division by zero) or -11 (result out of
// range) from `catch` with E4002.
#include <fmt/format.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/interp_fixture.h"
#include "tests/support/native_test_support.h"

namespace {

namespace fs = std::filesystem;
using ffb::Code;

struct Case {
  std::string name, body;
  std::vector<int64_t> input;
};

struct GforthResult {
  bool seen = false, trapped = false;
  long code = 0;
  std::vector<int64_t> stack;
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

}  // namespace

TEST_CASE("double-cell words agree with gforth 0.7.3 at edge values, interpreted and native",
          "[native][interp][gforth]") {
  REQUIRE(fs::exists("/usr/bin/gforth"));
  const int64_t kEdges[] = {0, 1, -1, 2, -2, 7, -7, INT64_MIN, INT64_MIN + 1, INT64_MAX};
  const char* kWords3[] = {"fm/mod", "sm/rem", "um/mod"};
  const char* kWords2[] = {"m*", "um*", "s>d rot s>d"};
  ffb::testing::InterpFixture interp;
  ffb::test::NativeFixture native;
  std::vector<Case> cases;
  std::string src =
      "warnings off\n"
      ": report ( i*x code id -- ) .\" R \" . ?dup if .\" X \" . clearstack cr exit then\n"
      "  .\" S \" depth dup . 0 ?do depth 1- i - pick . loop clearstack cr ;\n"
      ": t ( addr u -- ) ['] evaluate catch if 2drop clearstack then ;\n";
  auto add = [&](const std::string& body, std::vector<int64_t> input) {
    std::string name = fmt::format("dc{}", cases.size());
    INFO("body " << name << ": " << body);
    REQUIRE(interp.Define(name, body) == Code::kNone);
    REQUIRE(native.Define(name, body, -1, 0) == "");
    src += fmt::format(": {} {} ;\n", name, body);
    std::string line = "clearstack";
    for (int64_t v : input) line += fmt::format(" {}", v);
    src += fmt::format("s\" {} ' {} catch {} report\" t\n", line, name, cases.size());
    cases.push_back({name, body, std::move(input)});
  };
  for (const char* w : kWords3)
    for (int64_t a : kEdges)
      for (int64_t b : kEdges)
        for (int64_t c : kEdges) {
          add(w, {a, b, c});
          add(fmt::format("{} {} {} {}", a, b, c, w), {});
        }
  for (const char* w : kWords2)
    for (int64_t a : kEdges)
      for (int64_t b : kEdges) {
        add(w, {a, b});
        add(fmt::format("{} {} {}", a, b, w), {});
      }
  src += ".( GFORTH-DONE) cr bye\n";

  fs::path file = fs::temp_directory_path() / fmt::format("ffbatch_dcell_{}.fs", getpid());
  {
    std::ofstream f(file);
    f << src;
  }
  int status = 0;
  std::string output = RunCommand(
      fmt::format("timeout 600 /usr/bin/gforth {} </dev/null 2>&1", file.string()), &status);
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

  size_t traps = 0, interp_disagree = 0, native_disagree = 0, missing = 0;
  std::string report;
  for (size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    const GforthResult& g = expected[k];
    if (!g.seen) {
      ++missing;
      continue;
    }
    ffb::testing::RunOutcome r = interp.Call(c.name, c.input);
    ffb::NativeRun n = native.Run(c.name, c.input);
    std::vector<int64_t> n_stack(n.stack.begin(), n.stack.end());
    bool trap_ok = g.code == -10 || g.code == -11;
    bool interp_same = g.trapped ? r.code == Code::kDivisionByZero && trap_ok
                                 : r.code == Code::kNone && r.stack == g.stack;
    bool native_same = g.trapped ? n.code == Code::kDivisionByZero && trap_ok
                                 : n.code == Code::kNone && n_stack == g.stack &&
                                       native.RunObject(c.name, c.input) == g.stack;
    traps += g.trapped;
    interp_disagree += !interp_same;
    native_disagree += !native_same;
    if ((!interp_same || !native_same) && report.size() < 4000) {
      std::string in, ours, theirs;
      for (int64_t v : c.input) in += fmt::format(" {}", v);
      for (int64_t v : n_stack) ours += fmt::format(" {}", v);
      for (int64_t v : g.stack) theirs += fmt::format(" {}", v);
      report += fmt::format("`{}` on [{}]: interp {} native {} [{}], gforth {} [{}]\n", c.body, in,
                            ffb::Describe(r.code).id, ffb::Describe(n.code).id, ours,
                            g.trapped ? std::to_string(g.code) : "ok", theirs);
    }
  }
  INFO("generated Forth: " << file.string());
  INFO(report);
  WARN(
      fmt::format("double-cell gforth edges: {} cases, {} trapped in gforth, {} interpreter and "
                  "{} native disagreements, {} missing",
                  cases.size(), traps, interp_disagree, native_disagree, missing));
  CHECK(cases.size() == 2 * (3 * 1000 + 3 * 100));
  CHECK(status == 0);
  CHECK(missing == 0);
  CHECK(interp_disagree == 0);
  CHECK(native_disagree == 0);
  CHECK(traps > 0);
  if (interp_disagree == 0 && native_disagree == 0) fs::remove(file);
}
