#include "engine/table/chunk.h"

#include <array>

namespace ffb {

std::string_view StageName(Stage s) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "ingest", "parse", "validate", "define", "generate", "infer", "test"};
  return kNames[static_cast<size_t>(s)];
}

void Chunk::Reset() {
  seq = 0;
  input_index = 0;
  first_line = 1;
  first_offset = 0;
  blank_lines = 0;
  input_bytes = 0;
  bom_stripped = false;
  bytes.clear();
  table.Clear();
  tokens.Clear();
  bytecode.reset();
  // native_test/native_object keep their buffers; NativeCompile clears them
  // before it fills them, and nothing reads them before that.
  bytecode_ids.clear();
  arena.Clear();
  errors.Clear();
  stage_ns.fill(0);
}

std::unique_ptr<Chunk> ChunkPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      auto chunk = std::move(free_.back());
      free_.pop_back();
      return chunk;
    }
  }
  return std::make_unique<Chunk>();
}

void ChunkPool::Release(std::unique_ptr<Chunk> chunk) {
  chunk->Reset();
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(std::move(chunk));
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
