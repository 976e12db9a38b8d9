// The pattern reader: a malformed library file (--patterns FILE) fails with
// the line, column and JSON field of each problem; good lines still load.
#include "io/patterns/pattern_reader.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/support/pattern_test_support.h"

namespace {

using namespace ffb;

using ffb::test::Ids;

std::string Line(const std::string& id, const std::string& extra = "",
                 const std::string& tmpl = "dup *") {
  return ffb::test::PatternLine(id, extra, tmpl);
}

std::string FirstError(const std::string& text) {
  PatternLoad load = LoadPatternText(text, "user.jsonl");
  REQUIRE_FALSE(load.ok());
  return load.errors.front().Format();
}

}  // namespace

TEST_CASE("A malformed library file fails with line, column and field", "[patlib]") {
  const std::string good = Line("A_001");
  CHECK(FirstError(good + "\n{\"id\": \"B\",\n").rfind("user.jsonl:2:1: not JSON: ", 0) == 0);
  CHECK(FirstError(good + "\n[1,2]\n") == "user.jsonl:2:1: a pattern line must be a JSON object");
  CHECK(FirstError(good + "\n\n" + Line("B_001", "") + " x\n")
            .rfind("user.jsonl:3:1: not JSON: ", 0) == 0);
  CHECK(FirstError(R"J({"id":"X","category":"c","effect":"( -- )","inputs":[],"outputs":[]})J") ==
        "user.jsonl:1: template: missing required field");
  CHECK(FirstError(Line("A_001", R"J(,"colour":"red")J")) ==
        "user.jsonl:1:149: colour: unknown field (expected id, category, description, effect, "
        "inputs, outputs, "
        "template, variables, performance, tags, test_cases, unsupported, notes)");
  CHECK(FirstError(Line("A_001", R"J(,"id":"B")J")) == "user.jsonl:1:149: id: duplicate key");
  CHECK(
      FirstError(
          R"J({"id":"X","category":"c","effect":"( n -- )","inputs":[{"name":"n","type":"integer"}],"outputs":[],"template":"drop"})J") ==
      "user.jsonl:1:75: inputs[0].type: unknown type `integer` (int, uint, bool, char, addr, any)");
  CHECK(
      FirstError(
          R"J({"id":"X","category":"c","effect":"( n -- )","inputs":[{"type":"int"}],"outputs":[],"template":"drop"})J") ==
      "user.jsonl:1: inputs[0].name: missing required field");
  CHECK(FirstError(Line("A_001", R"J(,"tags":["a",3])J")) ==
        "user.jsonl:1:161: tags[1]: expected a string");
  CHECK(FirstError(Line("A_001", R"J(,"variables":[{"name":"op","default":"+"}])J")) ==
        "user.jsonl:1:170: variables[0].name: `op` is not a variable name ([A-Z][A-Z0-9_]*, not "
        "NAME)");
  CHECK(FirstError(Line("A_001", R"J(,"variables":[{"name":"OP","default":"( +"}])J", "OP")) ==
        "user.jsonl:1:182: variables[0].default: E0002 at column 1: comment `(` is not closed by "
        "`)`");
  CHECK(FirstError(Line("A_001", R"J(,"test_cases":[{"input":[1,2],"output":[1]}])J")) ==
        "user.jsonl:1: test_cases[0].input: 2 values for 1 inputs");
  CHECK(FirstError(Line("A_001", R"J(,"test_cases":[{"input":[1],"output":[1.5]}])J")) ==
        "user.jsonl:1:186: test_cases[0].output[0]: expected a 64-bit integer");
  CHECK(FirstError(Line("A_001", R"J(,"test_cases":[{"input":[1],"output":["x"]}])J")) ==
        "user.jsonl:1:186: test_cases[0].output[0]: expected an integer or a boolean");
  CHECK(FirstError(
            Line("A_001", R"J(,"test_cases":[{"input":[1],"output":[1],"params":{"OP":"+"}}])J")) ==
        "user.jsonl:1: test_cases[0].params.OP: not a declared variable");
  CHECK(FirstError(Line("A_001", "", "dup ( square")) ==
        "user.jsonl:1: template: E0002 at column 5: comment `(` is not closed by `)`");
  CHECK(FirstError(Line("A_001", "", "dup $zz *")) ==
        "user.jsonl:1: template: E0003 at column 5: `$zz` is not a valid number");
  CHECK(FirstError(Line("A_001", R"J(,"unsupported":"")J")) ==
        "user.jsonl:1:163: unsupported: the reason must not be empty");
  CHECK(FirstError(Line(
            "A_001", R"J(,"unsupported":"prints","test_cases":[{"input":[1],"output":[1]}])J")) ==
        "user.jsonl:1: test_cases: an unsupported pattern cannot have test cases");
  CHECK(FirstError(Line("A 1")) == "user.jsonl:1: id: must be non-empty and contain no whitespace");
  CHECK(FirstError(good + "\n" + Line("C_001") + "\n" + good + "\n") ==
        "user.jsonl:3: id: duplicate id `A_001` (first on line 1)");

  // Every bad line is reported; good lines still load; CRLF and blank lines are fine.
  PatternLoad load =
      LoadPatternText(good + "\r\n\r\n" + "{oops}\r\n" + Line("B_001", R"J(,"x":1)J") + "\r\n" +
                          Line("C_001") + "\r\n",
                      "f");
  REQUIRE(load.errors.size() == 2);
  CHECK(load.errors[0].line == 3);
  CHECK(load.errors[1].line == 4);
  CHECK(load.errors[1].field == "x");
  CHECK(Ids(load.library.List({})) == std::vector<std::string>{"A_001", "C_001"});

  PatternLoad missing = LoadPatternFile("/nonexistent/patterns.jsonl");
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].Format() ==
        "/nonexistent/patterns.jsonl: cannot open the pattern library file");
}
