// The name keyword table is data (datasets/patterns/keywords.jsonl): embedded
// verbatim, read line by line, and checked against the pattern library so an
// id that names no pattern fails the load instead of silently never matching.
#include "io/patterns/keyword_reader.h"

#include <catch2/catch.hpp>

#include "engine/resolve/heuristics.h"
#include "io/patterns/pattern_sources.h"
#include "tests/support/test_util.h"

namespace ffb {
namespace {

const PatternLibrary& Builtin() {
  static const PatternLibrary lib = LoadPatternText(BuiltinPatternsText(), "built-in").library;
  return lib;
}

std::vector<std::string> Words(const std::vector<const NameKeyword*>& hits) {
  std::vector<std::string> out;
  for (const NameKeyword* k : hits) out.push_back(k->word);
  return out;
}

TEST_CASE("keywords: the embedded table is datasets/patterns/keywords.jsonl and loads clean",
          "[patlib]") {
  CHECK(BuiltinKeywordsText() ==
        test::ReadFile(std::string(FFBATCH_SOURCE_DIR) + "/datasets/patterns/keywords.jsonl"));
  PatternLoad run = LoadRunPatterns({});
  REQUIRE(run.ok());
  REQUIRE(run.library.keywords() != nullptr);
  CHECK(run.library.keywords()->keywords().size() == 139);
  const NameKeyword* fact = run.library.keywords()->Exact("fact");
  REQUIRE(fact != nullptr);
  CHECK(fact->pattern_ids.front() == "ACCUMULATOR_LOOP_002");
}

TEST_CASE("keywords: a load error names an unknown pattern id", "[patlib]") {
  KeywordLoad load = LoadKeywordText(
      "{\"keyword\": \"square\", \"patterns\": [\"DUP_TRANSFORM_001\", \"NO_SUCH_ID\"]}\n"
      "{\"keyword\": \"cube\", \"patterns\": [\"DUP_TRANSFORM_003\"]}\n",
      "kw.jsonl", Builtin());
  REQUIRE(load.errors.size() == 1);
  const PatternLoadError& e = load.errors[0];
  CHECK(e.line == 1);
  CHECK(e.field == "patterns[1]");
  CHECK(e.message == "unknown pattern id `NO_SUCH_ID`");
  CHECK(e.Format() == "kw.jsonl:1:57: patterns[1]: unknown pattern id `NO_SUCH_ID`");
  // The good line still loads (the run fails on any error regardless).
  REQUIRE(load.table != nullptr);
  CHECK(load.table->keywords().size() == 1);
}

TEST_CASE("keywords: malformed lines are errors with line and field", "[patlib]") {
  KeywordLoad load = LoadKeywordText(
      "{\"keyword\": \"Sum-Of\", \"patterns\": [\"BINARY_OP_001\"]}\n"
      "{\"keyword\": \"add\"}\n"
      "{\"keyword\": \"add\", \"patterns\": []}\n"
      "{\"keyword\": \"add\", \"patterns\": [\"BINARY_OP_001\"], \"x\": 1}\n"
      "\n"
      "{\"keyword\": \"plus\", \"patterns\": [\"BINARY_OP_001\"]}\n"
      "{\"keyword\": \"plus\", \"patterns\": [\"BINARY_OP_001\"]}\n"
      "[1]\n",
      "kw.jsonl", Builtin());
  std::vector<std::string> got;
  for (const auto& e : load.errors) got.push_back(e.Format());
  CHECK(got == std::vector<std::string>{
                   "kw.jsonl:1:13: keyword: `Sum-Of` is not a keyword (lower-case letters and "
                   "digits)",
                   "kw.jsonl:2: patterns: missing required field",
                   "kw.jsonl:3:32: patterns: must name at least one pattern",
                   "kw.jsonl:4:51: x: unknown field (expected keyword, patterns)",
                   "kw.jsonl:7: keyword: duplicate keyword `plus` (first on line 6)",
                   "kw.jsonl:8:1: a keyword line must be a JSON object",
               });
}

TEST_CASE("keywords: longer keywords consume their letters first", "[patlib]") {
  std::vector<NameKeyword> list = {
      {"sum", {"A"}}, {"square", {"B"}}, {"sumofsquares", {"C"}}, {"sqr", {"D"}}, {"sqrt", {"E"}}};
  KeywordTable table(std::move(list));
  CHECK(Words(table.FindIn("sumofsquares")) == std::vector<std::string>{"sumofsquares"});
  CHECK(Words(table.FindIn("isqrt")) == std::vector<std::string>{"sqrt"});
  CHECK(Words(table.FindIn("sumsquare")) == std::vector<std::string>{"square", "sum"});
  CHECK(table.Exact("sqr") != nullptr);
  CHECK(table.Exact("sq") == nullptr);
}

}  // namespace
}  // namespace ffb
