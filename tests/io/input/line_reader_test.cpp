#include "io/input/line_reader.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "engine/core/run_error.h"
#include "tests/support/test_util.h"

namespace {

struct Line {
  uint64_t line, offset;
  std::string raw;
  uint32_t full;
};

// Reads a whole file through LineReader and flattens the rows.
std::vector<Line> ReadAll(const std::string& bytes, ffb::ReaderOptions opt, uint64_t* blanks,
                          uint64_t* chunks = nullptr) {
  std::string dir = ffb::test::TempDir("reader");
  std::string path = dir + "/in.jsonl";
  ffb::test::WriteFile(path, bytes);
  ffb::LineReader reader({path}, opt);
  std::vector<Line> out;
  *blanks = 0;
  uint64_t n = 0, expect_seq = 0;
  while (auto c = reader.Next()) {
    REQUIRE(c->seq == expect_seq++);
    ++n;
    *blanks += c->blank_lines;
    for (uint32_t r = 0; r < c->table.rows(); ++r) {
      out.push_back({c->table.line[r], c->table.byte_offset[r], std::string(c->Raw(r)),
                     c->table.raw_length[r]});
    }
  }
  if (chunks) *chunks = n;
  return out;
}

}  // namespace

TEST_CASE("reader: CRLF, BOM, blank lines, last line without newline", "[reader]") {
  uint64_t blanks = 0;
  auto lines = ReadAll("\xEF\xBB\xBF{\"a\":1}\r\n\n  \t\n{\"b\":2}\n{\"c\":3}", {}, &blanks);
  REQUIRE(lines.size() == 3);
  CHECK(blanks == 2);
  CHECK(lines[0].raw == "{\"a\":1}");
  CHECK(lines[0].line == 1);
  CHECK(lines[0].offset == 0);
  CHECK(lines[1].raw == "{\"b\":2}");
  CHECK(lines[1].line == 4);
  CHECK(lines[1].offset == 3 + 9 + 1 + 4);
  CHECK(lines[2].raw == "{\"c\":3}");
  CHECK(lines[2].line == 5);
}

TEST_CASE("reader: chunks cut at line boundaries whatever the chunk size", "[reader]") {
  std::string input;
  for (int i = 0; i < 1000; ++i) input += "{\"i\":" + std::to_string(i) + "}\n";
  for (size_t chunk_lines : {1, 2, 7, 999, 1000, 4096}) {
    ffb::ReaderOptions opt;
    opt.chunk_lines = chunk_lines;
    uint64_t blanks = 0, chunks = 0;
    auto lines = ReadAll(input, opt, &blanks, &chunks);
    REQUIRE(lines.size() == 1000);
    CHECK(chunks == (1000 + chunk_lines - 1) / chunk_lines);
    for (int i = 0; i < 1000; ++i) {
      CHECK(lines[i].raw == "{\"i\":" + std::to_string(i) + "}");
      CHECK(lines[i].line == static_cast<uint64_t>(i + 1));
    }
  }
}

TEST_CASE("reader: overlong lines keep a prefix and their true length", "[reader]") {
  ffb::ReaderOptions opt;
  opt.max_line_bytes = 100;
  opt.overlong_prefix_bytes = 16;
  // One overlong line far larger than a read block, then a normal line.
  std::string big(3u << 20, 'x');
  uint64_t blanks = 0;
  auto lines = ReadAll("{\"a\":1}\n" + big + "\n{\"b\":2}\n" + std::string(150, 'y'), opt, &blanks);
  REQUIRE(lines.size() == 4);
  CHECK(lines[1].raw == std::string(16, 'x'));
  CHECK(lines[1].full == big.size());
  CHECK(lines[1].line == 2);
  CHECK(lines[2].raw == "{\"b\":2}");
  CHECK(lines[2].offset == 8 + big.size() + 1);
  CHECK(lines[3].raw == std::string(16, 'y'));
  CHECK(lines[3].full == 150);
}

TEST_CASE("reader: several inputs never share a chunk and line numbers restart", "[reader]") {
  std::string dir = ffb::test::TempDir("reader-multi");
  ffb::test::WriteFile(dir + "/a", "{}\n{}\n");
  ffb::test::WriteFile(dir + "/b", "{}\n");
  ffb::test::WriteFile(dir + "/empty", "");
  ffb::LineReader reader({dir + "/a", dir + "/empty", dir + "/b"}, {});
  auto c1 = reader.Next();
  REQUIRE(c1);
  CHECK(c1->input_index == 0);
  CHECK(c1->table.rows() == 2);
  auto c2 = reader.Next();
  REQUIRE(c2);
  CHECK(c2->input_index == 2);
  CHECK(c2->seq == 1);
  CHECK(c2->table.line[0] == 1);
  CHECK_FALSE(reader.Next());
}

TEST_CASE("reader: a missing input is a run-fatal kNoInput error", "[reader]") {
  ffb::LineReader reader({"/nonexistent/specs.jsonl"}, {});
  try {
    reader.Next();
    FAIL("expected RunError");
  } catch (const ffb::RunError& e) {
    CHECK(e.code() == ffb::ExitCode::kNoInput);
  }
}
