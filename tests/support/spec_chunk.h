// Test helper: a chunk built in memory from JSON lines, laid out as
// LineReader lays it out (one row per line, simdjson padding after the
// bytes), and the problems a stage recorded for one row, as plain values.
//
//   auto chunk = ffb::testing::ChunkOf({R"({"word":"w"})"});
//   ffb::ParseChunk(*chunk, {});
//   auto problems = ffb::testing::ProblemsOf(*chunk, 0);  // problems[0].id == "E1100"
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/table/chunk.h"

namespace ffb::testing {

// LineReader's padding: simdjson reads up to 64 bytes past a line's end.
constexpr size_t kChunkPaddingBytes = 64;

inline std::unique_ptr<Chunk> ChunkOf(const std::vector<std::string>& lines) {
  auto chunk = std::make_unique<Chunk>();
  uint64_t offset = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    const std::string& line = lines[k];
    StrRef raw{static_cast<uint32_t>(chunk->bytes.size()), static_cast<uint32_t>(line.size())};
    chunk->bytes += line;
    chunk->table.AddRow(k + 1, offset, raw, static_cast<uint32_t>(line.size()));
    offset += line.size() + 1;
  }
  chunk->bytes.append(kChunkPaddingBytes, '\0');
  return chunk;
}

struct Problem {
  std::string id;  // "E1100", "W1150"
  std::string path;
  std::string message;
  int32_t column = 0;
  bool warning = false;
};

inline std::ostream& operator<<(std::ostream& os, const Problem& p) {
  return os << p.id << " " << p.path << " col " << p.column << ": " << p.message;
}

// Every error and warning of `row`, in the order they were added.
inline std::vector<Problem> ProblemsOf(const Chunk& chunk, uint32_t row) {
  std::vector<Problem> out;
  for (const ErrorRow& e : chunk.errors.rows) {
    if (e.row != row) continue;
    out.push_back({std::string(Describe(e.code).id), std::string(chunk.arena.View(e.path)),
                   std::string(chunk.arena.View(e.message)), e.column, e.warning});
  }
  return out;
}

}  // namespace ffb::testing
