// The pattern library: the shipped file loads whole; merging overrides by id;
// lookup, filters and search. (Load errors: tests/io/patterns/pattern_reader_test.cpp.)
#include "engine/resolve/pattern_library.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "io/patterns/pattern_reader.h"
#include "tests/support/pattern_test_support.h"
#include "tests/support/test_util.h"

namespace {

using namespace ffb;

const std::string kLibraryPath =
    std::string(FFBATCH_SOURCE_DIR) + "/datasets/patterns/patterns.jsonl";

const PatternLibrary& Shipped() {
  static const PatternLibrary lib = LoadPatternFile(kLibraryPath).library;
  return lib;
}

using ffb::test::Ids;

std::string Line(const std::string& id, const std::string& extra = "",
                 const std::string& tmpl = "dup *") {
  return ffb::test::PatternLine(id, extra, tmpl);
}

}  // namespace

TEST_CASE("The shipped library loads whole", "[patlib]") {
  PatternLoad load = LoadPatternFile(kLibraryPath);
  std::string errors;
  for (const auto& e : load.errors) errors += e.Format() + "\n";
  INFO(errors);
  REQUIRE(load.ok());
  const PatternLibrary& lib = load.library;
  CHECK(lib.size() == 94);
  CHECK(std::count_if(lib.patterns().begin(), lib.patterns().end(),
                      [](const Pattern& p) { return p.usable(); }) == 88);
  size_t tests = 0;
  for (const Pattern& p : lib.patterns()) tests += p.tests.size();
  CHECK(tests == 315);

  const Pattern* p = lib.Find("RECURSIVE_004");
  REQUIRE(p);
  CHECK(p->category == "recursive");
  CHECK(p->effect == "( n -- f(n) )");
  CHECK(p->line == 27);
  CHECK(p->origin == kLibraryPath);
  REQUIRE(p->variables.size() == 2);
  CHECK(p->variables[0].name == "BASE_VALUE");
  CHECK(p->variables[0].default_value == std::optional<std::string>("1"));
  REQUIRE(p->inputs.size() == 1);
  CHECK(p->inputs[0].type == SlotType::kInt);
  // Pre-lexed: variables are marked, literal words are tokens at template columns.
  REQUIRE(p->words.size() == 12);
  CHECK(p->words[5].text == "BASE_VALUE");
  CHECK(p->words[5].column == 17);
  CHECK(p->words[5].variable == 0);
  CHECK(p->words[10].variable == 1);  // OP
  CHECK(p->words[0].variable == TemplateWord::kLiteral);
  auto body = p->tokens.Body(0);
  REQUIRE(body.size() == 10);
  CHECK(body[0].Is(Builtin::kDup));
  CHECK(body[0].column == 1);
  CHECK(body[p->words[9].token].Is(Builtin::kRecurse));
  CHECK(body[p->words[9].token].column == p->words[9].column);

  const Pattern* bad = lib.Find("DATA_STRUCTURE_001");
  REQUIRE(bad);
  CHECK_FALSE(bad->usable());
  CHECK(bad->unsupported->find("!") != std::string::npos);
  // Test values: booleans are flags.
  const Pattern* even = lib.Find("OPTIMIZATION_002");
  REQUIRE(even);
  CHECK(even->tests[0].output[0].cell == -1);
  CHECK(even->tests[0].output[0].kind == ValueKind::kBool);
}

TEST_CASE("Lookup is by exact, case-sensitive id", "[patlib]") {
  const PatternLibrary& lib = Shipped();
  CHECK(lib.Find("DUP_TRANSFORM_001"));
  CHECK_FALSE(lib.Find("dup_transform_001"));
  CHECK_FALSE(lib.Find("DUP_TRANSFORM_00"));
  auto near = lib.Similar("dup_transform_001", 3);
  REQUIRE_FALSE(near.empty());
  CHECK(near[0]->id == "DUP_TRANSFORM_001");
  near = lib.Similar("RECURSIVE_01", 3);
  REQUIRE_FALSE(near.empty());
  CHECK(near[0]->id.rfind("RECURSIVE_0", 0) == 0);
  CHECK(lib.Similar("ZZZZZZZZZZZZZZZZ", 3).empty());
}

TEST_CASE("A user file adds to and overrides the library by id", "[patlib]") {
  PatternLibrary lib = Shipped();
  const size_t before = lib.size();
  const std::string dir = test::TempDir("patlib-merge");
  const std::string path = dir + "/mine.jsonl";
  test::WriteFile(path,
                  Line("DUP_TRANSFORM_001", R"J(,"description":"square, my way","tags":["mine"])J",
                       "dup dup * nip") +
                      "\n" + Line("MY_001", R"J(,"tags":["mine"])J", "1+") + "\n");
  PatternLoad user = LoadPatternFile(path);
  REQUIRE(user.ok());
  CHECK(lib.Merge(user.library) == 1);
  CHECK(lib.size() == before + 1);
  const Pattern* sq = lib.Find("DUP_TRANSFORM_001");
  REQUIRE(sq);
  CHECK(sq->template_text == "dup dup * nip");
  CHECK(sq->origin == path);
  CHECK(sq->line == 1);
  CHECK(&lib.patterns()[0] == sq);  // replaced in place
  CHECK(lib.patterns().back().id == "MY_001");
  CHECK(Ids(lib.List({.category = "", .tag = "mine", .effect = std::nullopt})) ==
        std::vector<std::string>{"DUP_TRANSFORM_001", "MY_001"});
  // The built-in copy is untouched.
  CHECK(Shipped().Find("DUP_TRANSFORM_001")->template_text == "dup *");
  std::filesystem::remove_all(dir);
}

TEST_CASE("Filters by category, tag and effect, and text search", "[patlib]") {
  const PatternLibrary& lib = Shipped();
  CHECK(Ids(lib.List({.category = "recursive", .tag = "", .effect = std::nullopt})) ==
        std::vector<std::string>{"RECURSIVE_001", "RECURSIVE_002", "RECURSIVE_003", "RECURSIVE_004",
                                 "RECURSIVE_005", "RECURSIVE_006"});
  CHECK(Ids(lib.List({.category = "", .tag = "gcd", .effect = std::nullopt})) ==
        std::vector<std::string>{"RECURSIVE_006", "TAIL_RECURSIVE_008", "BINARY_OP_003",
                                 "BINARY_OP_005"});
  CHECK(lib.List({.category = "Recursive", .tag = "", .effect = std::nullopt}).empty());

  auto effect = [](const char* text) {
    PatternFilter f;
    Diagnostic d;
    f.effect = ParseEffectText(text, &d);
    REQUIRE(f.effect);
    return f;
  };
  // Untyped slots match any type: every 1 -> 1 pattern.
  auto one_one = lib.List(effect("( n -- n )"));
  size_t expected = 0;
  for (const Pattern& p : lib.patterns()) expected += p.inputs.size() == 1 && p.outputs.size() == 1;
  CHECK(one_one.size() == expected);
  CHECK(expected > 30);
  // Types narrow: 1 int -> 1 bool.
  CHECK(Ids(lib.List(effect("( n:int -- f:bool )"))) ==
        std::vector<std::string>{"OPTIMIZATION_002", "PREDICATE_001", "PREDICATE_002",
                                 "PREDICATE_006", "PREDICATE_007"});
  CHECK(Ids(lib.List(effect("( a b c d -- a b c d )"))) ==
        std::vector<std::string>{"STACK_MANIP_004", "STACK_MANIP_008"});
  PatternFilter both = effect("( a b -- c )");
  both.category = "conditional";
  CHECK(Ids(lib.List(both)) == std::vector<std::string>{"CONDITIONAL_002", "CONDITIONAL_003",
                                                        "CONDITIONAL_008", "CONDITIONAL_009"});

  CHECK(Ids(lib.Search("euclid")) ==
        std::vector<std::string>{"RECURSIVE_006", "TAIL_RECURSIVE_008", "BINARY_OP_003"});
  CHECK(Ids(lib.Search("POPCOUNT")) == std::vector<std::string>{"BIT_OP_001", "BIT_OP_002"});
  CHECK(Ids(lib.Search("factorial loop")) ==
        std::vector<std::string>{"ACCUMULATOR_LOOP_002", "ACCUMULATOR_LOOP_007"});
  CHECK(Ids(lib.Search("recursive_00")).size() == 10);  // ids too (TAIL_RECURSIVE_...)
  CHECK(lib.Search("no-such-thing").empty());
  CHECK(lib.Search("   ").empty());
}
