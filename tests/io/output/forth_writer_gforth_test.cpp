// The generated Forth loads in gforth 0.7.3 and every T{ }T test passes there,
// for the example corpus and for a fixture whose descriptions, properties,
// slot names and metadata try to break out of their comments. A shim counts
// ttester's failures (it never sets a failing exit status itself) and the
// }T lines that ran; the output must hold nothing else (no "redefined", no
// "undefined", no injected code's effects).
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "engine/define/dictionary.h"
#include "io/patterns/pattern_sources.h"
#include "tests/support/test_util.h"

namespace {

struct GforthRun {
  int run = -1, fails = -1;
  std::string output;
};

GforthRun RunForth(const std::string& forth_dir, const std::string& file) {
  std::string driver = forth_dir + "/check-driver.fs";
  ffb::test::WriteFile(driver,
                       "warnings off\n"
                       "require test/ttester.fs\n"
                       "variable #fails  0 #fails !\n"
                       "variable #run  0 #run !\n"
                       ":noname ( c-addr u -- ) 1 #fails +! error1 ; error-xt !\n"
                       ": }T  }T 1 #run +! ;\n"
                       "include " +
                           file +
                           "\n"
                           ".( FFCHECK run=) #run @ . .( fails=) #fails @ . cr bye\n");
  std::string log = forth_dir + "/check.log";
  ffb::test::RunCommand("cd " + ffb::test::Quote(forth_dir) +
                        " && timeout 300 gforth -m 256M check-driver.fs > check.log 2>&1");
  GforthRun r;
  r.output = ffb::test::ReadFile(log);
  std::smatch m;
  if (std::regex_search(r.output, m, std::regex("FFCHECK run=(-?\\d+) +fails=(-?\\d+)"))) {
    r.run = std::stoi(m[1]);
    r.fails = std::stoi(m[2]);
  }
  std::filesystem::remove(driver);
  std::filesystem::remove(log);
  return r;
}

GforthRun GenerateAndRun(const std::string& input, int expected_exit, const std::string& name,
                         const std::string& args = "") {
  std::string out = ffb::test::TempDir(name);
  std::string cmd = "cd " + ffb::test::Quote(FFBATCH_SOURCE_DIR) + " && " + FFBATCH_BINARY + " " +
                    input + " -o " + out + " -q " + args;
  CHECK(ffb::test::RunCommand(cmd) == expected_exit);
  REQUIRE(std::filesystem::exists(out + "/forth/all.fth"));
  return RunForth(out + "/forth", "all.fth");
}

}  // namespace

TEST_CASE("generated Forth of the example corpus passes every test in gforth", "[forth][gforth]") {
  GforthRun r = GenerateAndRun("datasets/examples/examples.jsonl", 0, "forth-examples");
  INFO(r.output);
  CHECK(r.fails == 0);
  CHECK(r.run == 233);  // every test case of the 60 example specs
  // Only the shim's line: no warnings, no errors, no other output.
  CHECK(std::regex_replace(r.output, std::regex("FFCHECK run=\\d+ +fails=\\d+ *\\n?"), "")
            .find_first_not_of(" \n") == std::string::npos);
}

TEST_CASE("hostile spec text never becomes Forth code", "[forth][gforth]") {
  GforthRun r = GenerateAndRun("tests/fixtures/forth/hostile.jsonl", 65, "forth-hostile");
  INFO(r.output);
  // Three words are written (the fourth smuggles a word through a comment and
  // is rejected); their 4 tests run, so no injected `bye` ended the load early
  // and no injected definition replaced hostile-square.
  CHECK(r.run == 4);
  CHECK(r.fails == 0);
  CHECK(r.output.find("redefined") == std::string::npos);
  CHECK(r.output.find("Undefined") == std::string::npos);
}

TEST_CASE("each Forth part loads on its own after the tester", "[forth][gforth]") {
  std::string out = ffb::test::TempDir("forth-parts");
  REQUIRE(ffb::test::RunCommand(std::string(FFBATCH_BINARY) + " " + FFBATCH_SOURCE_DIR +
                                "/datasets/examples/examples.jsonl -o " + out +
                                " -q --chunk-lines 10") == 0);
  int total = 0;
  for (int part = 0; part < 6; ++part) {
    std::string name = fmt::format("part-{:05}.fth", part);
    INFO(name);
    REQUIRE(std::filesystem::exists(out + "/forth/" + name));
    GforthRun r = RunForth(out + "/forth", name);
    INFO(r.output);
    CHECK(r.fails == 0);
    CHECK(r.run > 0);
    total = std::max(total, r.run);
  }
  // The last part pulls in every part it calls into, so it runs more than
  // its own tests; all six together run all 233.
  CHECK(RunForth(out + "/forth", "all.fth").run == 233);
}

TEST_CASE("every usable pattern, as a spec, passes its tests through ffbatch and gforth",
          "[forth][gforth][patterns]") {
  // One spec per usable pattern and distinct parameter binding, with the
  // pattern's own test cases; ffbatch resolves, checks and tests them, and
  // the generated all.fth must pass in gforth too.
  ffb::PatternLoad lib = ffb::LoadRunPatterns({});
  REQUIRE(lib.ok());
  std::string dir = ffb::test::TempDir("forth-patterns");
  std::string corpus;
  int specs = 0, tests = 0;
  for (const ffb::Pattern& p : lib.library.patterns()) {
    if (p.unsupported) continue;
    std::map<std::map<std::string, std::string>, std::vector<const ffb::PatternTest*>> by_params;
    for (const ffb::PatternTest& t : p.tests) {
      std::map<std::string, std::string> params(t.params.begin(), t.params.end());
      by_params[params].push_back(&t);
    }
    for (const auto& [params, cases] : by_params) {
      std::string spec = fmt::format("{{\"word\":\"pat-{}-{}\",\"stack_effect\":{{\"inputs\":[",
                                     specs, ffb::LowerName(p.id));
      for (size_t k = 0; k < p.inputs.size(); ++k) {
        spec += fmt::format("{}{{\"name\":\"i{}\",\"type\":\"{}\"}}", k ? "," : "", k,
                            ffb::SlotTypeName(p.inputs[k].type));
      }
      spec += "],\"outputs\":[";
      for (size_t k = 0; k < p.outputs.size(); ++k) {
        spec += fmt::format("{}{{\"name\":\"o{}\",\"type\":\"{}\"}}", k ? "," : "", k,
                            ffb::SlotTypeName(p.outputs[k].type));
      }
      spec += "]},\"test_cases\":[";
      for (size_t c = 0; c < cases.size(); ++c) {
        // uint slots take the cell's unsigned reading (the library writes
        // all-ones as -1).
        auto json = [](const std::vector<ffb::TestValue>& values,
                       const std::vector<ffb::PatternSlot>& slots) {
          std::string out;
          for (size_t i = 0; i < values.size(); ++i) {
            if (i) out += ",";
            const ffb::TestValue& v = values[i];
            bool uint_slot = i < slots.size() && slots[i].type == ffb::SlotType::kUint;
            if (v.kind == ffb::ValueKind::kBool) {
              out += v.cell ? "true" : "false";
            } else if (v.kind == ffb::ValueKind::kBigUint || uint_slot) {
              out += fmt::format("{}", static_cast<uint64_t>(v.cell));
            } else {
              out += fmt::format("{}", v.cell);
            }
          }
          return out;
        };
        spec += fmt::format("{}{{\"input\":[{}],\"output\":[{}]}}", c ? "," : "",
                            json(cases[c]->input, p.inputs), json(cases[c]->output, p.outputs));
        ++tests;
      }
      spec += fmt::format("],\"implementation\":{{\"pattern\":\"{}\",\"params\":{{", p.id);
      bool first = true;
      for (const auto& [k, v] : params) {
        spec += fmt::format("{}\"{}\":\"{}\"", first ? "" : ",", k, v);
        first = false;
      }
      spec += "}}}\n";
      corpus += spec;
      ++specs;
    }
  }
  ffb::test::WriteFile(dir + "/patterns.jsonl", corpus);
  GforthRun r = GenerateAndRun(dir + "/patterns.jsonl", 0, "forth-patterns-out");
  INFO(r.output);
  CHECK(specs >= 88);
  CHECK(r.run == tests);
  CHECK(r.fails == 0);
}
