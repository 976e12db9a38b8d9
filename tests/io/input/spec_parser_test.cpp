// Strings reach the spec table unescaped whether the parser uses them in
// place (no escapes) or copies them through simdjson's unescaper; keys too.
// A line rejected mid-way is abandoned at the cause.
#include "io/input/spec_parser.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/table/chunk.h"
#include "io/input/line_reader.h"
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

// A rejection deep inside a line, after other fields were read, abandons the
// line there: the row keeps only its word and the errors met up to the cause,
// and the next line parses normally with the same simdjson parser.
TEST_CASE("a rejection mid-line keeps the word and nothing read after") {
  std::string dir = test::TempDir("parser-reject");
  std::string path = dir + "/in.jsonl";
  std::string deep = std::string(70, '[') + std::string(70, ']');
  test::WriteFile(
      path,
      R"J({"word":"a","stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[]},"test_cases":[{"input":[1,2],"output":[3]},{"input":[99999999999999999999]}],"x":1})J"
      "\n"
      R"J({"word":"b","stack_effect":{"inputs":[],"outputs":[{"name":"r","type":"int"}]},"test_cases":[{"input":[],"output":[7]}]})J"
      "\n"
      R"J({"word":"c","properties":["p"],"metadata":{"tags":["t"],"x":{"k":1,"k":2}},"description":"late"})J"
      "\n"
      R"J({"word":"d","description":5,"implementation":{"params":{"a":"1","b":)J" +
          deep +
          R"J(}}})J"
          "\n"
          R"J({"word":"e"})J"
          "\n");
  LineReader reader({path}, ReaderOptions{});
  auto chunk = reader.Next();
  REQUIRE(chunk);
  ParseChunk(*chunk, ParseLimits{});
  const SpecTable& t = chunk->table;
  REQUIRE(t.rows() == 5);

  std::vector<std::vector<Code>> codes(5);
  for (const ErrorRow& e : chunk->errors.rows) codes[e.row].push_back(e.code);
  CHECK(codes[0] == std::vector<Code>{Code::kNumberOutOfRange});
  CHECK(codes[1].empty());
  CHECK(codes[2] == std::vector<Code>{Code::kDuplicateKey});
  CHECK(codes[3] ==
        std::vector<Code>{Code::kWrongJsonType, Code::kWrongJsonType, Code::kJsonSyntax});
  CHECK(codes[4].empty());

  const char* words[] = {"a", "b", "c", "d", "e"};
  for (uint32_t r = 0; r < 5; ++r) {
    CAPTURE(r);
    CHECK(chunk->Str(t.word[r]) == words[r]);
    bool rejected = r == 0 || r == 2 || r == 3;
    CHECK((t.status[r] == Status::kRejected) == rejected);
    if (!rejected) continue;
    CHECK(t.fields[r] == kHasWord);
    CHECK(t.input_begin[r + 1] == t.input_begin[r]);
    CHECK(t.output_begin[r + 1] == t.output_begin[r]);
    CHECK(t.test_begin[r + 1] == t.test_begin[r]);
    CHECK(t.property_begin[r + 1] == t.property_begin[r]);
    CHECK(t.tag_begin[r + 1] == t.tag_begin[r]);
    CHECK(t.param_begin[r + 1] == t.param_begin[r]);
    CHECK(t.unknown_begin[r + 1] == t.unknown_begin[r]);
  }
  CHECK(chunk->Str(t.description[2]).empty());  // came after the cause
  // Only row 1's one output value is stored.
  REQUIRE(t.values.size() == 1);
  CHECK(t.values[0].cell == 7);
  REQUIRE(t.test_begin[2] - t.test_begin[1] == 1);
  CHECK(t.tests[t.test_begin[1]].output_count == 1);
  CHECK(t.output_begin[2] - t.output_begin[1] == 1);
}

}  // namespace
}  // namespace ffb
