// Strings reach the spec table unescaped whether the parser uses them in
// place (no escapes) or copies them through simdjson's unescaper; keys too.
#include <catch2/catch.hpp>

#include "engine/table/chunk.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"
#include "tests/support/test_util.h"

namespace ffb {
namespace {

TEST_CASE("parsed strings are the same with and without escapes") {
  std::string dir = test::TempDir("parser-strings");
  std::string path = dir + "/in.jsonl";
  test::WriteFile(
      path,
      R"J({"word":"plain","description":"no escapes here","stack_effect":{"inputs":[{"name":"n","type":"int","constraint":"n >= 0"}],"outputs":[]}})J"
      "\n"
      R"J({"word":"esc\u0061ped","description":"tab\there \"quoted\" back\\slash","stack_effect":{"inp\u0075ts":[{"name":"\u006e","type":"int"}],"outputs":[]}})J"
      "\n"
      R"J({"word":"","description":"\u00e9t\u00e9","metadata":{"author":"a\/b"}})J"
      "\n");
  LineReader reader({path}, ReaderOptions{});
  auto chunk = reader.Next();
  REQUIRE(chunk);
  ParseChunk(*chunk, ParseLimits{});
  const SpecTable& t = chunk->table;
  REQUIRE(t.rows() == 3);
  CHECK(chunk->errors.rows.empty());

  CHECK(chunk->Str(t.word[0]) == "plain");
  CHECK(chunk->Str(t.description[0]) == "no escapes here");
  REQUIRE(t.input_begin[1] - t.input_begin[0] == 1);
  CHECK(chunk->Str(t.inputs[t.input_begin[0]].name) == "n");
  CHECK(chunk->Str(t.inputs[t.input_begin[0]].constraint) == "n >= 0");

  CHECK(chunk->Str(t.word[1]) == "escaped");
  CHECK(chunk->Str(t.description[1]) == "tab\there \"quoted\" back\\slash");
  // The escaped key "inp\u0075ts" is still the known key "inputs".
  CHECK((t.fields[1] & kHasInputs) != 0);
  REQUIRE(t.input_begin[2] - t.input_begin[1] == 1);
  CHECK(chunk->Str(t.inputs[t.input_begin[1]].name) == "n");

  CHECK((t.fields[2] & kHasWord) != 0);
  CHECK(chunk->Str(t.word[2]).empty());
  CHECK(chunk->Str(t.description[2]) == "\xC3\xA9t\xC3\xA9");
  CHECK(chunk->Str(t.author[2]) == "a/b");
}

}  // namespace
}  // namespace ffb
