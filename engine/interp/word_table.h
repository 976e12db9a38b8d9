// The word table: word id -> compiled bytecode, for the interpreter's calls.
// The serial publish stage appends chunks of compiled bodies; any number of
// threads look words up concurrently. Published bytecode never moves.
//
//   auto code = std::make_shared<BytecodeColumns>();  /* CompileBody(...) per row */
//   table.Publish(code, word_ids);            // body b becomes word word_ids[b]
//   std::span<const Instr> w = table.Find(id);
#pragma once

#include <oneapi/tbb/concurrent_vector.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "engine/interp/bytecode.h"

namespace ffb {

class WordTable {
 public:
  // Makes body b of `code` callable as word ids[b]; kNoWordId skips a body
  // (a row that failed). Callers serialise Publish (the publish stage);
  // it may run while other threads call Find.
  void Publish(std::shared_ptr<const BytecodeColumns> code, std::span<const WordId> ids);
  // Copies one body into table-owned storage (tests, single words).
  void Publish(WordId id, std::span<const Instr> body);

  // The word's bytecode; empty when it was never published.
  std::span<const Instr> Find(WordId id) const {
    if (id >= entries_.size()) return {};
    const Entry& e = entries_[id];
    return {e.code.load(std::memory_order_acquire), e.size};
  }

 private:
  struct Entry {
    std::atomic<const Instr*> code{nullptr};
    uint32_t size = 0;
    Entry() = default;
    Entry(const Entry& o) : code(o.code.load()), size(o.size) {}
  };
  void Set(WordId id, std::span<const Instr> body);

  tbb::concurrent_vector<Entry> entries_;  // elements never move when it grows
  std::mutex owned_mutex_;
  std::vector<std::shared_ptr<const BytecodeColumns>> owned_;
};

}  // namespace ffb
