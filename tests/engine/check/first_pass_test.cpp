// The SIMD first pass must settle bodies exactly as the full checker would:
// run the infer stage with and without it over the example corpus and a
// generated corpus and compare every row's record fields.
#include "engine/check/first_pass.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/check/check_stage.h"
#include "engine/define/define_stage.h"
#include "engine/resolve/resolve_stage.h"
#include "engine/validate/validate.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"
#include "tests/support/test_util.h"

namespace {

size_t CompareOn(const std::string& path) {
  ffb::LineReader reader({path}, {});
  ffb::Dictionary dict;
  std::vector<std::string> names{path};
  size_t settled = 0;
  while (auto chunk = reader.Next()) {
    ffb::ParseChunk(*chunk, {});
    ffb::Validate(*chunk, {});
    ffb::Generate(*chunk, {});
    ffb::Define(*chunk, dict, names);
    ffb::Chunk slow = *chunk;
    ffb::InferOptions fast_opt, slow_opt;
    slow_opt.first_pass = false;
    ffb::InferStage(*chunk, dict, fast_opt);
    ffb::InferStage(slow, dict, slow_opt);
    ffb::FirstPass fp;
    ffb::RunFirstPass(slow, dict, fp);
    for (uint32_t row = 0; row < chunk->table.rows(); ++row) {
      INFO("line " << chunk->table.line[row] << " body " << chunk->Str(chunk->table.body[row]));
      settled += fp.settled[row];
      CHECK(chunk->table.status[row] == slow.table.status[row]);
      CHECK(chunk->Str(chunk->table.inferred[row]) == slow.Str(slow.table.inferred[row]));
      CHECK(chunk->table.max_depth[row] == slow.table.max_depth[row]);
    }
    CHECK(chunk->errors.rows.size() == slow.errors.rows.size());
  }
  return settled;
}

}  // namespace

TEST_CASE("first pass settles bodies exactly as the checker does", "[infer][first-pass]") {
  size_t settled = CompareOn(std::string(FFBATCH_SOURCE_DIR) + "/datasets/examples/examples.jsonl");
  std::string dir = ffb::test::TempDir("first-pass");
  REQUIRE(ffb::test::RunCommand(std::string(FFGEN_BINARY) + " --count 4000 --seed 5 -o " + dir +
                                "/c.jsonl") == 0);
  settled += CompareOn(dir + "/c.jsonl");
  // The first pass must actually take a share of the bodies, or it is dead code.
  CHECK(settled > 400);
}

TEST_CASE("first pass: which bodies it settles", "[infer][first-pass]") {
  std::string dir = ffb::test::TempDir("first-pass-cases");
  std::string path = dir + "/c.jsonl";
  ffb::test::WriteFile(
      path,
      "{\"word\":\"sq\",\"stack_effect\":{\"inputs\":[{\"name\":\"n\",\"type\":\"int\"}],"
      "\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},\"implementation\":{\"code\":\"dup *\"}}\n"
      "{\"word\":\"flag\",\"stack_effect\":{\"inputs\":[{\"name\":\"n\",\"type\":\"int\"}],"
      "\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},\"implementation\":{\"code\":\"0< 1+\"}}\n"
      "{\"word\":\"ident\",\"stack_effect\":{\"inputs\":[{\"name\":\"a\",\"type\":\"int\"},{"
      "\"name\":\"b\",\"type\":\"int\"}],\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},"
      "\"implementation\":{\"code\":\"drop\"}}\n"
      "{\"word\":\"boolout\",\"stack_effect\":{\"inputs\":[{\"name\":\"n\",\"type\":\"int\"}],"
      "\"outputs\":[{\"name\":\"r\",\"type\":\"bool\"}]},\"implementation\":{\"code\":\"1 and\"}}\n"
      "{\"word\":\"calls\",\"stack_effect\":{\"inputs\":[{\"name\":\"a\",\"type\":\"int\"},{"
      "\"name\":\"b\",\"type\":\"int\"}],\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},"
      "\"implementation\":{\"code\":\"sq swap sq +\"}}\n"
      "{\"word\":\"short\",\"stack_effect\":{\"inputs\":[{\"name\":\"a\",\"type\":\"int\"},{"
      "\"name\":\"b\",\"type\":\"int\"}],\"outputs\":[{\"name\":\"r\",\"type\":\"int\"}]},"
      "\"implementation\":{\"code\":\"1+\"}}\n");
  ffb::LineReader reader({path}, {});
  auto chunk = reader.Next();
  ffb::ParseChunk(*chunk, {});
  ffb::Validate(*chunk, {});
  ffb::Generate(*chunk, {});
  ffb::Dictionary dict;
  ffb::Define(*chunk, dict, {path});
  ffb::FirstPass fp;
  ffb::RunFirstPass(*chunk, dict, fp);
  CHECK(fp.settled == std::vector<uint8_t>{1, 0, 0, 0, 1,
                                           0});  // flag / identity / bool / short go to the checker
  CHECK(fp.max_depth[0] == 2);
  CHECK(fp.max_depth[4] == 2);  // sq works in place: a b -> a b² -> b² a -> b² a² -> r
  CHECK(fp.needs[5] == 1);      // needs 1 but declares 2: the checker explains the mismatch
}
