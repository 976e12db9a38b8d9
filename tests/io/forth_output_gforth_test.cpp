// The generated Forth loads in gforth 0.7.3 and every T{ }T test passes there,
// for the example corpus and for a fixture whose descriptions, properties,
// slot names and metadata try to break out of their comments. A shim counts
// ttester's failures (it never sets a failing exit status itself) and the
// }T lines that ran; the output must hold nothing else (no "redefined", no
// "undefined", no injected code's effects).
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/test_util.h"

namespace {

struct GforthRun {
  int run = -1, fails = -1;
  std::string output;
};

GforthRun RunAllFth(const std::string& forth_dir) {
  std::string driver = forth_dir + "/check-driver.fs";
  ffb::test::WriteFile(driver,
                       "warnings off\n"
                       "require test/ttester.fs\n"
                       "variable #fails  0 #fails !\n"
                       "variable #run  0 #run !\n"
                       ":noname ( c-addr u -- ) 1 #fails +! error1 ; error-xt !\n"
                       ": }T  }T 1 #run +! ;\n"
                       "include all.fth\n"
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

GforthRun GenerateAndRun(const std::string& input, int expected_exit, const std::string& name) {
  std::string out = ffb::test::TempDir(name);
  std::string cmd = "cd " + ffb::test::Quote(FFBATCH_SOURCE_DIR) + " && " + FFBATCH_BINARY + " " +
                    input + " -o " + out + " -q";
  CHECK(ffb::test::RunCommand(cmd) == expected_exit);
  REQUIRE(std::filesystem::exists(out + "/forth/all.fth"));
  return RunAllFth(out + "/forth");
}

}  // namespace

TEST_CASE("generated Forth of the example corpus passes every test in gforth",
          "[forth][gforth]") {
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
