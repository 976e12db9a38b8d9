// A chunk is the unit that flows through the pipeline: a run of whole input
// lines, their spec table, arena and error table, and the time each stage
// spent on it. Every chunk reaches the writer, even an all-rejected one, so
// in-order gates never wait for a sequence number that will not come.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/core/arena.h"
#include "engine/core/timed_stage.h"
#include "engine/forth/tokens.h"
#include "engine/table/error_table.h"
#include "engine/table/spec_table.h"

namespace ffb {

// Stage products held by pointer, so the table stays below the stages that
// make them (engine/README.md): defined in interp/bytecode.h and
// native/native_code.h.
class BytecodeColumns;
struct NativeCode;

struct Chunk {
  uint64_t seq = 0;           // gap-free, from 0
  uint32_t input_index = 0;   // which input file
  uint64_t first_line = 1;    // line number of the first line in bytes
  uint64_t first_offset = 0;  // input byte offset of bytes[0]
  uint64_t blank_lines = 0;
  uint64_t input_bytes = 0;  // bytes of input this chunk covers
  bool bom_stripped = false;
  // The lines themselves, owned, followed by simdjson padding. Raw StrRefs in
  // the spec table point here (not into the arena).
  std::string bytes;
  SpecTable table;
  TokenColumns tokens;  // body b belongs to row b (empty when it has none)
  // Interpreter bytecode, body b = row b; shared with the word table once
  // published, so a recycled chunk gets a fresh one.
  std::shared_ptr<BytecodeColumns> bytecode;
  std::vector<uint32_t> bytecode_ids;  // word id per body, or kNoWordId
  // Native code of the chunk's verified words: test mode (copied into the
  // JIT on publish) and object mode (for the ELF part). Same words in both.
  std::shared_ptr<NativeCode> native_test, native_object;
  Arena arena;
  ErrorTable errors;
  std::array<uint64_t, static_cast<size_t>(TimedStage::kCount)> stage_ns{};

  // Empties the chunk but keeps every buffer's capacity, for reuse.
  void Reset();

  std::string_view Raw(uint32_t row) const {
    StrRef r = table.raw[row];
    return {bytes.data() + r.offset, r.length};
  }
  // A StrRef with this bit in its offset points into `bytes` instead of the
  // arena: the parser uses strings without escapes in place rather than
  // copying them. Arena offsets stay far below 2^31 (a chunk's arena holds
  // at most a few times its line bytes).
  static constexpr uint32_t kInBytes = 1u << 31;
  // `s` must lie inside `bytes`, which must be shorter than 2^31.
  StrRef InBytes(std::string_view s) const {
    return {static_cast<uint32_t>(s.data() - bytes.data()) | kInBytes,
            static_cast<uint32_t>(s.size())};
  }
  std::string_view Str(StrRef r) const {
    if (r.offset & kInBytes) return {bytes.data() + (r.offset & ~kInBytes), r.length};
    return arena.View(r);
  }
};

// Recycles chunks so steady-state runs allocate nothing per chunk: the
// writer releases a chunk after writing it, the reader acquires it again.
// Thread-safe. At most max_in_flight chunks ever exist.
class ChunkPool {
 public:
  std::unique_ptr<Chunk> Acquire();
  void Release(std::unique_ptr<Chunk> chunk);

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<Chunk>> free_;
};

// Adds an error row, stores message and path in the arena and marks the row
// with `status` unless it already failed in an earlier way.
void AddError(Chunk& chunk, uint32_t row, Stage stage, Code code, std::string_view message,
              std::string_view path = {}, int32_t column = 0, Status status = Status::kInvalid);
// Warnings never change the row's status.
void AddWarning(Chunk& chunk, uint32_t row, Stage stage, Code code, std::string_view message,
                std::string_view path = {}, int32_t column = 0);

}  // namespace ffb
