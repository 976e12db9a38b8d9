// The interpreter half of the pattern library proof (patterns_gforth_test.cpp
// is the gforth half): every usable pattern in datasets/patterns/patterns.jsonl
// is instantiated with its variables, lexed, compiled and run through its test
// cases by RunSpecTests; every case must pass.
#include <fmt/format.h>
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/cases/case_runner.h"
#include "tests/support/interp_fixture.h"

namespace {

namespace fs = std::filesystem;
using simdjson::ondemand::json_type;

const fs::path kLibrary = fs::path(FFBATCH_SOURCE_DIR) / "datasets/patterns/patterns.jsonl";

struct PatternCase {
  std::vector<int64_t> input, output;
  std::map<std::string, std::string> params;
};

struct Pattern {
  std::string id, tmpl;
  bool unsupported = false;
  std::map<std::string, std::string> defaults;
  std::vector<PatternCase> tests;
};

std::string Str(simdjson::ondemand::value v) {
  return std::string(std::string_view(v.get_string()));
}

int64_t Cell(simdjson::ondemand::value v) {
  if (v.type() == json_type::boolean) return bool(v.get_bool()) ? -1 : 0;
  return int64_t(v.get_int64());
}

std::vector<int64_t> Cells(simdjson::ondemand::value v) {
  std::vector<int64_t> out;
  for (auto x : v.get_array()) out.push_back(Cell(x.value()));
  return out;
}

Pattern Parse(simdjson::ondemand::parser& parser, const std::string& line) {
  simdjson::padded_string json(line);
  auto doc = parser.iterate(json);
  Pattern p;
  for (auto kv : doc.get_object()) {
    std::string_view key = kv.unescaped_key();
    simdjson::ondemand::value v = kv.value();
    if (key == "id")
      p.id = Str(v);
    else if (key == "template")
      p.tmpl = Str(v);
    else if (key == "unsupported")
      p.unsupported = true;
    else if (key == "variables") {
      for (auto item : v.get_array()) {
        std::string name, value;
        for (auto f : item.get_object()) {
          std::string_view k = f.unescaped_key();
          if (k == "name")
            name = Str(f.value());
          else if (k == "default")
            value = Str(f.value());
        }
        p.defaults[name] = value;
      }
    } else if (key == "test_cases") {
      for (auto item : v.get_array()) {
        PatternCase tc;
        for (auto f : item.get_object()) {
          std::string_view k = f.unescaped_key();
          if (k == "input")
            tc.input = Cells(f.value());
          else if (k == "output")
            tc.output = Cells(f.value());
          else if (k == "params")
            for (auto pv : f.value().get_object())
              tc.params[std::string(std::string_view(pv.unescaped_key()))] = Str(pv.value());
        }
        p.tests.push_back(std::move(tc));
      }
    }
  }
  return p;
}

// Token-level substitution as in patterns_gforth_test.cpp: a whole token
// equal to a variable becomes its value; NAME becomes the word's own name.
std::string Instantiate(const std::string& tmpl, const std::map<std::string, std::string>& values,
                        const std::string& word) {
  std::istringstream in(tmpl);
  std::string body;
  for (std::string t; in >> t;) {
    if (t == "NAME")
      t = word;
    else if (auto it = values.find(t); it != values.end())
      t = it->second;
    if (!body.empty()) body += ' ';
    body += t;
  }
  return body;
}

std::string Lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

TEST_CASE("every usable pattern passes its tests in the interpreter", "[patterns][interp]") {
  std::ifstream in(kLibrary);
  REQUIRE(in.good());
  simdjson::ondemand::parser parser;
  ffb::testing::InterpFixture fx;

  size_t usable = 0, words = 0, run = 0, passed = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Pattern p;
    REQUIRE_NOTHROW(p = Parse(parser, line));
    if (p.unsupported) continue;
    ++usable;
    // One word per distinct variable binding, its cases run together.
    std::map<std::map<std::string, std::string>, std::vector<ffb::TestCaseCells>> by_binding;
    for (const PatternCase& tc : p.tests) {
      auto values = p.defaults;
      for (const auto& [k, v] : tc.params) values[k] = v;
      by_binding[values].push_back({tc.input, tc.output});
    }
    for (const auto& [values, cases] : by_binding) {
      std::string word = fmt::format("pat-{}-{}", Lower(p.id), words++);
      std::string body = Instantiate(p.tmpl, values, word);
      INFO("pattern " << p.id << ": " << body);
      REQUIRE(fx.Define(word, body) == ffb::Code::kNone);
      ffb::SpecTestResult r = ffb::RunSpecTests(
          fx.machine(), fx.table().Find(static_cast<ffb::WordId>(words - 1)), cases);
      run += r.run;
      passed += r.passed;
      for (const ffb::TestFailure& f : r.failures) {
        std::string msg = fmt::format("case {} code {} input [{}] expected [{}] actual [{}]",
                                      f.index, ffb::Describe(f.code).id, fmt::join(f.input, " "),
                                      fmt::join(f.expected, " "), fmt::join(f.actual, " "));
        FAIL_CHECK(msg);
      }
    }
  }
  CHECK(usable == 88);
  CHECK(run == 315);
  CHECK(passed == run);
}
