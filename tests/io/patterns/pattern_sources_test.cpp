#include "io/patterns/pattern_sources.h"

#include <catch2/catch.hpp>

#include "tests/support/test_util.h"

TEST_CASE("the embedded pattern library is byte-identical to datasets/patterns", "[patlib]") {
  CHECK(ffb::BuiltinPatternsText() ==
        ffb::test::ReadFile(std::string(FFBATCH_SOURCE_DIR) + "/datasets/patterns/patterns.jsonl"));
  ffb::PatternLoad run = ffb::LoadRunPatterns({});
  CHECK(run.ok());
  CHECK(run.library.Find("DUP_TRANSFORM_001") != nullptr);
}

TEST_CASE("extra pattern files add and override, errors name file and line", "[patlib]") {
  std::string dir = ffb::test::TempDir("run-patterns");
  std::string bad = dir + "/bad.jsonl";
  ffb::test::WriteFile(bad, "{\"id\": 5}\n");
  ffb::PatternLoad run = ffb::LoadRunPatterns({bad});
  REQUIRE_FALSE(run.ok());
  CHECK(run.errors.front().Format().find("bad.jsonl:1") != std::string::npos);
  ffb::PatternLoad missing = ffb::LoadRunPatterns({dir + "/none.jsonl"});
  CHECK_FALSE(missing.ok());
}
