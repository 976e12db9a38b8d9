#include "engine/chunk.h"

#include <array>

namespace ffb {

std::string_view StageName(Stage s) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "ingest", "parse", "validate", "define", "generate", "infer", "test"};
  return kNames[static_cast<size_t>(s)];
}

void AddError(Chunk& chunk, uint32_t row, Stage stage, Code code, std::string_view message,
              std::string_view path, int32_t column, Status status) {
  chunk.errors.rows.push_back(
      {row, stage, code, chunk.arena.Add(message), chunk.arena.Add(path), column, false});
  Status& current = chunk.table.status[row];
  // rejected < invalid < mismatch < failed in severity of "how early"; the
  // earliest failure wins so a rejected line is never reported as invalid.
  if (current == Status::kOk) current = status;
}

void AddWarning(Chunk& chunk, uint32_t row, Stage stage, Code code, std::string_view message,
                std::string_view path, int32_t column) {
  chunk.errors.rows.push_back(
      {row, stage, code, chunk.arena.Add(message), chunk.arena.Add(path), column, true});
}

}  // namespace ffb
