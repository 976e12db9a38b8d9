// The validation rules one by one, through the real ParseChunk + Validate on
// an in-memory chunk: for every E11xx/W11xx code (and E0107 for big test
// values) one minimal spec line that raises exactly that problem, with its
// JSON path, column and the key part of its message, and a near miss that
// must not raise it. E1134-E1136 are checked through parse + validate
// together, so the tests hold whichever of the two raises them.
#include "engine/validate/validate.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "io/input/spec_parser.h"
#include "tests/support/spec_chunk.h"

namespace {

using ffb::Status;
using ffb::testing::Problem;

struct Outcome {
  std::vector<Problem> problems;
  Status status = Status::kOk;
};

Outcome Run(const std::string& line, bool strict = false) {
  auto chunk = ffb::testing::ChunkOf({line});
  ffb::ParseChunk(*chunk, {});
  ffb::ValidateOptions options;
  options.strict = strict;
  ffb::Validate(*chunk, options);
  return {ffb::testing::ProblemsOf(*chunk, 0), chunk->table.status[0]};
}

// The single problem the line has; fails the test when it has another count.
Problem Only(const std::string& line, bool strict = false) {
  Outcome o = Run(line, strict);
  INFO("line: " << line);
  for (const Problem& p : o.problems) INFO("problem: " << p);
  REQUIRE(o.problems.size() == 1);
  if (!o.problems[0].warning) CHECK(o.status == Status::kInvalid);
  return o.problems[0];
}

void Clean(const std::string& line, bool strict = false) {
  Outcome o = Run(line, strict);
  INFO("line: " << line);
  for (const Problem& p : o.problems) INFO("problem: " << p);
  CHECK(o.problems.empty());
  CHECK(o.status == Status::kOk);
}

bool Has(const Outcome& o, const std::string& id) {
  for (const Problem& p : o.problems) {
    if (p.id == id) return true;
  }
  return false;
}

const Problem* Find(const Outcome& o, const std::string& id) {
  for (const Problem& p : o.problems) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const std::string kEffect =
    R"("stack_effect":{"inputs":[{"name":"a","type":"int"}],"outputs":[{"name":"b","type":"int"}]})";

// A spec named `w` with kEffect and the given extra fields.
std::string Spec(const std::string& extra = "") {
  return R"({"word":"w",)" + kEffect + (extra.empty() ? "" : "," + extra) + "}";
}

std::string WithWord(const std::string& word_json) {
  return R"({"word":)" + word_json + "," + kEffect + "}";
}

// One input slot `a` and one output slot `b`, each given as JSON objects.
std::string WithSlots(const std::string& inputs, const std::string& outputs,
                      const std::string& extra = "") {
  return R"({"word":"w","stack_effect":{"inputs":[)" + inputs + R"(],"outputs":[)" + outputs +
         "]}" + (extra.empty() ? "" : "," + extra) + "}";
}

std::string Tests(const std::string& cases) { return R"("test_cases":[)" + cases + "]"; }

// Every --strict requirement met.
const std::string kStrictExtra =
    R"("description":"d","properties":["p"],)"
    R"("test_cases":[{"input":[1],"output":[1],"tags":["base_case"]}])";

}  // namespace

TEST_CASE("validate: a well-formed spec has no problems", "[validate]") {
  Clean(Spec());
  Clean(Spec(kStrictExtra), true);
}

TEST_CASE("validate E1100: required fields", "[validate]") {
  Problem p = Only("{" + kEffect + "}");
  CHECK(p.id == "E1100");
  CHECK(p.path == "$.word");
  CHECK(p.message == "required field \"word\" is missing");

  p = Only(R"({"word":"w"})");
  CHECK(p.id == "E1100");
  CHECK(p.path == "$.stack_effect");
  CHECK(p.message == "required field \"stack_effect\" is missing");

  p = Only(WithSlots(R"({"name":"a"})", R"({"name":"b","type":"int"})"));
  CHECK(p.id == "E1100");
  CHECK(p.path == "$.stack_effect.inputs[0].type");
  CHECK(p.message == "slot type is missing");

  p = Only(Spec(Tests(R"({"output":[1]})")));
  CHECK(p.id == "E1100");
  CHECK(p.path == "$.test_cases[0].input");
  CHECK(p.message == "test case has no \"input\"");

  p = Only(Spec(Tests(R"({"input":[1],"output":[1]},{"input":[1]})")));
  CHECK(p.id == "E1100");
  CHECK(p.path == "$.test_cases[1].output");
  CHECK(p.message == "test case has no \"output\"");
}

TEST_CASE("validate E1100 near misses: a field of the wrong JSON type is not also missing",
          "[validate]") {
  // The parser reports the type (E0108); validation must not add E1100/E1101.
  Problem p = Only(WithWord("5"));
  CHECK(p.id == "E0108");
  CHECK(p.path == "$.word");
  p = Only(R"({"word":"w","stack_effect":5})");
  CHECK(p.id == "E0108");
  CHECK(p.path == "$.stack_effect");
  Clean(Spec(Tests(R"({"input":[1],"output":[1]})")));
}

TEST_CASE("validate E1101: empty word name", "[validate]") {
  Problem p = Only(WithWord(R"("")"));
  CHECK(p.id == "E1101");
  CHECK(p.path == "$.word");
  CHECK(p.message == "word name is empty");
  Clean(WithWord(R"("x")"));
}

TEST_CASE("validate E1102: word name longer than 64 bytes", "[validate]") {
  Problem p = Only(WithWord("\"" + std::string(65, 'a') + "\""));
  CHECK(p.id == "E1102");
  CHECK(p.path == "$.word");
  CHECK(p.column == 65);
  CHECK(p.message == "word name is 65 bytes; at most 64");
  Clean(WithWord("\"" + std::string(64, 'a') + "\""));
}

TEST_CASE("validate E1103: character outside the name alphabet", "[validate]") {
  Problem p = Only(WithWord(R"("ab.c")"));
  CHECK(p.id == "E1103");
  CHECK(p.path == "$.word");
  CHECK(p.column == 3);
  CHECK(Contains(p.message, "word name has '.' at position 3; allowed: A-Z a-z 0-9"));
  // Unprintable and non-ASCII bytes are shown as hex.
  p = Only(WithWord(R"("a\u0001")"));
  CHECK(p.id == "E1103");
  CHECK(p.column == 2);
  CHECK(Contains(p.message, "word name has byte 0x01 at position 2"));
  p = Only(WithWord("\"\xc3\xa9\""));
  CHECK(p.id == "E1103");
  CHECK(Contains(p.message, "byte 0xc3 at position 1"));
  Clean(WithWord(R"("Az09_+*/<>=!?-")"));
}

TEST_CASE("validate E1104: reserved and number-like names", "[validate]") {
  Problem p = Only(WithWord(R"("DUP")"));
  CHECK(p.id == "E1104");
  CHECK(p.path == "$.word");
  CHECK(p.message == "\"DUP\" is reserved (a word of the dialect or the test harness)");
  p = Only(WithWord(R"("-12")"));
  CHECK(p.id == "E1104");
  CHECK(p.message == "\"-12\" reads as a number literal, so it cannot name a word");
  p = Only(WithWord(R"("7")"));
  CHECK(p.id == "E1104");
  Clean(WithWord(R"("dupe")"));
  Clean(WithWord(R"("12a")"));
  Clean(WithWord(R"("-1x")"));
}

TEST_CASE("validate E1110: unknown slot type", "[validate]") {
  Problem p = Only(WithSlots(R"({"name":"a","type":"int"})", R"({"name":"b","type":"float"})"));
  CHECK(p.id == "E1110");
  CHECK(p.path == "$.stack_effect.outputs[0].type");
  CHECK(p.message == "unknown type \"float\"; known: int uint bool char addr any");
  // Types are case-sensitive.
  p = Only(WithSlots(R"({"name":"a","type":"Int"})", R"({"name":"b","type":"int"})"));
  CHECK(p.id == "E1110");
  CHECK(p.path == "$.stack_effect.inputs[0].type");
  for (const char* type : {"int", "uint", "bool", "char", "addr", "any"}) {
    Clean(WithSlots(std::string(R"({"name":"a","type":")") + type + "\"}",
                    R"({"name":"b","type":"int"})"));
  }
}

TEST_CASE("validate W1111: ( -- ) is valid, with a warning", "[validate]") {
  Outcome o = Run(R"({"word":"w","stack_effect":{"inputs":[],"outputs":[]}})");
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].id == "W1111");
  CHECK(o.problems[0].warning);
  CHECK(o.problems[0].path == "$.stack_effect");
  CHECK(o.problems[0].message ==
        "stack effect ( -- ) has neither inputs nor outputs: the word takes and leaves nothing "
        "on the data stack");
  CHECK(o.status == Status::kOk);
  Problem p = Only(R"({"word":"w","stack_effect":{}})");
  CHECK(p.id == "W1111");
  CHECK(p.warning);
  Clean(R"({"word":"w","stack_effect":{"outputs":[{"name":"b","type":"int"}]}})");
  Clean(R"({"word":"w","stack_effect":{"inputs":[{"name":"a","type":"int"}]}})");
}

namespace {

std::string IntSlots(int n) {
  std::string out;
  for (int k = 0; k < n; ++k) {
    if (k > 0) out += ',';
    out += R"({"name":"s)";
    out += std::to_string(k);
    out += R"(","type":"int"})";
  }
  return out;
}

}  // namespace

TEST_CASE("validate E1112: more than 64 slots on one side", "[validate]") {
  Problem p = Only(WithSlots(IntSlots(65), R"({"name":"b","type":"int"})"));
  CHECK(p.id == "E1112");
  CHECK(p.path == "$.stack_effect.inputs");
  CHECK(p.message == "more than 64 input slots");
  p = Only(WithSlots(R"({"name":"a","type":"int"})", IntSlots(65)));
  CHECK(p.id == "E1112");
  CHECK(p.path == "$.stack_effect.outputs");
  CHECK(p.message == "more than 64 output slots");
  Clean(WithSlots(IntSlots(64), IntSlots(64)));
}

TEST_CASE("validate E1113: slot names", "[validate]") {
  Problem p = Only(WithSlots(R"({"type":"int"})", R"({"name":"b","type":"int"})"));
  CHECK(p.id == "E1113");
  CHECK(p.path == "$.stack_effect.inputs[0].name");
  CHECK(p.message == "slot name is missing or empty");
  p = Only(WithSlots(R"({"name":"a","type":"int"})", R"({"name":"","type":"int"})"));
  CHECK(p.id == "E1113");
  CHECK(p.path == "$.stack_effect.outputs[0].name");
  p = Only(WithSlots(R"({"name":"a","type":"int"})", R"({"name":"b c","type":"int"})"));
  CHECK(p.id == "E1113");
  CHECK(p.path == "$.stack_effect.outputs[0].name");
  CHECK(p.message == "slot name \"b c\" contains whitespace");
  p = Only(WithSlots(R"({"name":"a","type":"int"},{"name":"x","type":"int"},)"
                     R"({"name":"a","type":"int"})",
                     R"({"name":"b","type":"int"})"));
  CHECK(p.id == "E1113");
  CHECK(p.path == "$.stack_effect.inputs[2].name");
  CHECK(p.message == "slot name \"a\" repeats inputs[0]");
  // Output names may repeat, as in ( a -- a a ).
  Clean(WithSlots(R"({"name":"a","type":"int"})",
                  R"({"name":"a","type":"int"},{"name":"a","type":"int"})"));
}

namespace {

std::string Constrained(const std::string& constraint, const std::string& extra = "") {
  return WithSlots(R"({"name":"a","type":"int","constraint":")" + constraint + "\"}",
                   R"({"name":"b","type":"int"})", extra);
}

}  // namespace

TEST_CASE("validate E1120: constraint syntax", "[validate]") {
  Problem p = Only(Constrained("a >"));
  CHECK(p.id == "E1120");
  CHECK(p.path == "$.stack_effect.inputs[0].constraint");
  CHECK(p.column == 4);
  CHECK(p.message == "constraint \"a >\": expression ends where an operand is expected");
  p = Only(Constrained("a"));
  CHECK(p.id == "E1120");
  CHECK(p.column == 1);
  CHECK(Contains(p.message, "expected a comparison"));
  Clean(Constrained("0 <= a <= 10 and a != 7"));
}

TEST_CASE("validate E1121: constraint names no input", "[validate]") {
  Problem p = Only(Constrained("a < b"));  // b is an output, not an input
  CHECK(p.id == "E1121");
  CHECK(p.path == "$.stack_effect.inputs[0].constraint");
  CHECK(p.column == 5);
  CHECK(p.message == "constraint \"a < b\": \"b\" is not an input of this word");
  Clean(Constrained("a < 5"));
}

TEST_CASE("validate E1122: test input violates a constraint", "[validate]") {
  Problem p = Only(Constrained("a >= 0", Tests(R"({"input":[0],"output":[0]},)"
                                               R"({"input":[-1],"output":[0]})")));
  CHECK(p.id == "E1122");
  CHECK(p.path == "$.test_cases[1].input");
  CHECK(p.message == "test input violates constraint \"a >= 0\" of input a (a = -1)");
  // Constraints of several inputs are conjoined; the message names the one broken.
  p = Only(WithSlots(R"({"name":"a","type":"int","constraint":"a > 0"},)"
                     R"({"name":"c","type":"int","constraint":"c != a"})",
                     R"({"name":"b","type":"int"})", Tests(R"({"input":[3,3],"output":[0]})")));
  CHECK(p.id == "E1122");
  CHECK(p.path == "$.test_cases[0].input");
  CHECK(p.message == "test input violates constraint \"c != a\" of input c (a = 3, c = 3)");
  Clean(Constrained("a >= 0", Tests(R"({"input":[0],"output":[0]})")));
}

TEST_CASE("validate E1130 / E1131: test arity", "[validate]") {
  Problem p = Only(Spec(Tests(R"({"input":[1,2],"output":[1]})")));
  CHECK(p.id == "E1130");
  CHECK(p.path == "$.test_cases[0].input");
  CHECK(p.message == "test has 2 inputs; the effect takes 1");
  p = Only(Spec(Tests(R"({"input":[1],"output":[]})")));
  CHECK(p.id == "E1131");
  CHECK(p.path == "$.test_cases[0].output");
  CHECK(p.message == "test has 0 outputs; the effect gives 1");
  Clean(Spec(Tests(R"({"input":[1],"output":[1]})")));
}

namespace {

std::string Typed(const std::string& type, const std::string& value) {
  return WithSlots(R"({"name":"a","type":")" + type + "\"}", R"({"name":"b","type":"int"})",
                   Tests(R"({"input":[)" + value + R"(],"output":[0]})"));
}

}  // namespace

TEST_CASE("validate E1132: test value does not fit the slot type", "[validate]") {
  Problem p = Only(Typed("uint", "-1"));
  CHECK(p.id == "E1132");
  CHECK(p.path == "$.test_cases[0].input[0]");
  CHECK(p.message == "-1 does not fit type uint (expects a non-negative integer)");
  CHECK(Only(Typed("bool", "2")).message ==
        "2 does not fit type bool (expects true/false or -1/0)");
  CHECK(Only(Typed("int", R"("x")")).message ==
        "the string \"x\" (char U+0078) does not fit type int (expects an integer)");
  // "5" is a string, not the number 5: the message says so.
  CHECK(Only(Typed("int", R"("5")")).message ==
        "the string \"5\" (char U+0035) does not fit type int (expects an integer)");
  CHECK(Only(Typed("int", R"("\u00e9")")).message ==
        "a one-character string (char U+00E9) does not fit type int (expects an integer)");
  CHECK(Only(Typed("char", R"("abc")")).message ==
        "a 3-byte string does not fit type char (expects a one-character string or a code point)");
  CHECK(Only(Typed("char", "1114112")).message ==
        "1114112 does not fit type char (expects a one-character string or a code point "
        "0..0x10FFFF)");
  CHECK(Only(Typed("any", "[1]")).message ==
        "a non-scalar value does not fit type any (expects an integer)");
  // Outputs are checked against their slots too.
  p = Only(WithSlots(R"({"name":"a","type":"int"})", R"({"name":"b","type":"bool"})",
                     Tests(R"({"input":[1],"output":[5]})")));
  CHECK(p.id == "E1132");
  CHECK(p.path == "$.test_cases[0].output[0]");
  Clean(Typed("uint", "0"));
  Clean(Typed("bool", "true"));
  Clean(Typed("bool", "-1"));
  Clean(Typed("char", R"("x")"));
  Clean(Typed("char", "1114111"));
  Clean(Typed("any", "false"));
  Clean(Typed("uint", "18446744073709551615"));
}

TEST_CASE("validate E0107: a test value above int64 in a signed slot", "[validate]") {
  Problem p = Only(Typed("int", "9223372036854775808"));
  CHECK(p.id == "E0107");
  CHECK(p.path == "$.test_cases[0].input[0]");
  CHECK(p.message ==
        "9223372036854775808 is above the int64 maximum; only uint slots take values up to "
        "2^64-1");
  p = Only(Typed("any", "9223372036854775808"));
  CHECK(p.id == "E0107");
  CHECK(p.message == "9223372036854775808 is above the int64 maximum");
  Clean(Typed("int", "9223372036854775807"));
  Clean(Typed("uint", "9223372036854775808"));
}

TEST_CASE("validate E1133: addr values cannot be tested", "[validate]") {
  Problem p = Only(Typed("addr", "0"));
  CHECK(p.id == "E1133");
  CHECK(p.path == "$.test_cases[0].input[0]");
  CHECK(p.message == "addr values cannot be tested yet (no memory words)");
  p = Only(WithSlots(R"({"name":"a","type":"int"})", R"({"name":"p","type":"addr"})",
                     Tests(R"({"input":[1],"output":[0]})")));
  CHECK(p.id == "E1133");
  CHECK(p.path == "$.test_cases[0].output[0]");
  // An addr slot without tests is fine.
  Clean(WithSlots(R"({"name":"p","type":"addr"})", R"({"name":"b","type":"int"})"));
}

TEST_CASE("validate E1134: unknown test tag (parse + validate)", "[validate]") {
  Outcome o = Run(Spec(Tests(R"({"input":[1],"output":[1],"tags":["edge_case","frob"]})")));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].id == "E1134");
  CHECK(o.problems[0].path == "$.test_cases[0].tags[1]");
  CHECK(Contains(o.problems[0].message, "unknown tag \"frob\""));
  CHECK(o.status == Status::kInvalid);
  Clean(Spec(Tests(R"({"input":[1],"output":[1],)"
                   R"("tags":["base_case","edge_case","boundary","error","performance",)"
                   R"("property"]})")));
}

namespace {

std::string ManyTests(int n) {
  std::string cases;
  for (int k = 0; k < n; ++k) {
    if (k > 0) cases += ',';
    cases += R"({"input":[1],"output":[1]})";
  }
  return Spec(Tests(cases));
}

std::string Values(int n) {
  std::string out;
  for (int k = 0; k < n; ++k) out += (k ? ",0" : "0");
  return out;
}

}  // namespace

TEST_CASE("validate E1135: more than 10000 test cases (parse + validate)", "[validate]") {
  Outcome o = Run(ManyTests(10001));
  const Problem* p = Find(o, "E1135");
  REQUIRE(p != nullptr);
  CHECK(o.problems.size() == 1);
  CHECK(p->path == "$.test_cases");
  CHECK(Contains(p->message, "10001 test cases"));
  CHECK(o.status == Status::kInvalid);
  Clean(ManyTests(10000));
}

TEST_CASE("validate E1136: more values in a test than slots allow (parse + validate)",
          "[validate]") {
  Outcome o = Run(WithSlots(IntSlots(64), R"({"name":"b","type":"int"})",
                            Tests(R"({"input":[)" + Values(65) + R"(],"output":[0]})")));
  const Problem* p = Find(o, "E1136");
  REQUIRE(p != nullptr);
  CHECK(p->path == "$.test_cases[0].input");
  CHECK(Contains(p->message, "65 values"));
  CHECK(o.status == Status::kInvalid);
  // 64 values into one input slot: wrong arity, but not too many values.
  o = Run(Spec(Tests(R"({"input":[)" + Values(64) + R"(],"output":[0]})")));
  CHECK_FALSE(Has(o, "E1136"));
  CHECK(Has(o, "E1130"));
  Clean(WithSlots(IntSlots(64), R"({"name":"b","type":"int"})",
                  Tests(R"({"input":[)" + Values(64) + R"(],"output":[0]})")));
}

TEST_CASE("validate E1140 / E1141: metadata formats", "[validate]") {
  Problem p = Only(Spec(R"("metadata":{"version":"1.0"})"));
  CHECK(p.id == "E1140");
  CHECK(p.path == "$.metadata.version");
  CHECK(p.column == 4);
  CHECK(p.message == "version \"1.0\" is not semver (MAJOR.MINOR.PATCH[-pre][+build])");
  p = Only(Spec(R"("metadata":{"created":"2026-11-29"})"));
  CHECK(p.id == "E1141");
  CHECK(p.path == "$.metadata.created");
  CHECK(p.column == 11);
  CHECK(Contains(p.message, "created \"2026-11-29\" is not an RFC 3339 timestamp"));
  Clean(Spec(R"("metadata":{"version":"1.2.3-rc.1+b5","created":"2026-11-29T02:28:00Z"})"));
}

TEST_CASE("validate W1150: unknown fields warn, and are errors under --strict", "[validate]") {
  Outcome o = Run(Spec(R"("extra":1)"));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].id == "W1150");
  CHECK(o.problems[0].warning);
  CHECK(o.problems[0].path == "$.extra");
  CHECK(o.problems[0].message == "unknown field $.extra (kept, not used)");
  CHECK(o.status == Status::kOk);

  // A misnamed top-level field: a synonym, or a field within two edits.
  o = Run(Spec(R"("tests":[{"input":[1],"output":[1]}])"));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].id == "W1150");
  CHECK(o.problems[0].message ==
        "unknown field $.tests (kept, not used); did you mean `test_cases`?");
  o = Run(Spec(R"("descripton":"squares")"));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].message ==
        "unknown field $.descripton (kept, not used); did you mean `description`?");
  o = Run(Spec(R"("implmentation":{"code":"dup *"})"));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].message ==
        "unknown field $.implmentation (kept, not used); did you mean `implementation`?");

  o = Run(WithSlots(R"({"name":"a","type":"int","unit":"m"})", R"({"name":"b","type":"int"})"));
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].path == "$.stack_effect.inputs[0].unit");
  CHECK(o.problems[0].warning);

  Problem p = Only(Spec(kStrictExtra + R"(,"extra":1)"), true);
  CHECK(p.id == "W1150");
  CHECK_FALSE(p.warning);
  CHECK(p.path == "$.extra");
  CHECK(p.message == "unknown field $.extra (kept, not used); an error under --strict");
}

TEST_CASE("validate E1160-E1163: --strict requirements", "[validate]") {
  const std::string props = R"("properties":["p"])";
  const std::string desc = R"("description":"d")";
  const std::string base = Tests(R"({"input":[1],"output":[1],"tags":["base_case"]})");

  Problem p = Only(Spec(props + "," + base), true);
  CHECK(p.id == "E1160");
  CHECK(p.path == "$.description");
  CHECK(p.message == "--strict: description is required");
  CHECK(Only(Spec(R"("description":"",)" + props + "," + base), true).id == "E1160");

  p = Only(Spec(desc + "," + base), true);
  CHECK(p.id == "E1161");
  CHECK(p.path == "$.properties");
  CHECK(p.message == "--strict: at least one property is required");
  CHECK(Only(Spec(desc + R"(,"properties":[],)" + base), true).id == "E1161");

  // No tests at all is E1162 only, not also E1163.
  p = Only(Spec(desc + "," + props), true);
  CHECK(p.id == "E1162");
  CHECK(p.path == "$.test_cases");
  CHECK(p.message == "--strict: at least one test case is required");
  CHECK(Only(Spec(desc + "," + props + ",\"test_cases\":[]"), true).id == "E1162");

  p = Only(
      Spec(desc + "," + props + "," +
           Tests(R"({"input":[1],"output":[1],"tags":["edge_case"]},{"input":[2],"output":[2]})")),
      true);
  CHECK(p.id == "E1163");
  CHECK(p.path == "$.test_cases");
  CHECK(p.message == "--strict: at least one test case tagged base_case is required");

  // A base_case anywhere among the tests is enough; without --strict nothing is required.
  Clean(
      Spec(desc + "," + props + "," +
           Tests(R"({"input":[2],"output":[2]},{"input":[1],"output":[1],"tags":["base_case"]})")),
      true);
  Clean(Spec());
}

TEST_CASE("validate: rows the parser rejected are skipped", "[validate]") {
  // A duplicate key rejects the line (E0106); the missing stack_effect is not reported.
  Outcome o = Run(R"({"word":"w","word":"v"})");
  REQUIRE(o.problems.size() == 1);
  CHECK(o.problems[0].id == "E0106");
  CHECK(o.status == Status::kRejected);
}

TEST_CASE("validate: problems stay on their own row", "[validate]") {
  auto chunk = ffb::testing::ChunkOf({Spec(), R"({"word":"","stack-effect":{}})", Spec()});
  ffb::ParseChunk(*chunk, {});
  ffb::Validate(*chunk, {});
  CHECK(ffb::testing::ProblemsOf(*chunk, 0).empty());
  CHECK(ffb::testing::ProblemsOf(*chunk, 2).empty());
  std::vector<Problem> mid = ffb::testing::ProblemsOf(*chunk, 1);
  REQUIRE(mid.size() == 3);
  CHECK(mid[0].id == "E1101");
  CHECK(mid[1].id == "E1100");
  CHECK(mid[1].path == "$.stack_effect");
  CHECK(mid[2].id == "W1150");
  CHECK(mid[2].path == "$.stack-effect");
  CHECK(chunk->table.status[0] == Status::kOk);
  CHECK(chunk->table.status[1] == Status::kInvalid);
  CHECK(chunk->table.status[2] == Status::kOk);
}
