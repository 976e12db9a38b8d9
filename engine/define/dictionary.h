// The dictionary: word name (case-insensitive) -> word id and declared
// effect. The define stage is its only writer and runs serially in input
// order, so ids follow input order and output is deterministic; parallel
// later stages read it concurrently. A reader sees only words whose id is
// below its own row's, i.e. words from earlier lines (Forth dictionary order).
//
//   Dictionary dict;  Define(chunk, dict, input_names);   // define_stage.h, serial
//   const WordEntry* w = dict.Find("square", /*before_id=*/row_id);
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/ascii.h"
#include "engine/core/error_codes.h"
#include "engine/table/chunk.h"

namespace ffb {

struct WordEntry {
  uint64_t line = 0;
  uint32_t id = 0;
  uint32_t input_index = 0;
  uint16_t inputs = 0, outputs = 0;  // declared effect arity
  // Declared slot types of the first kMaxTypedSlots slots (deepest first);
  // later slots count as `any` for callers' kind checks.
  static constexpr size_t kMaxTypedSlots = 8;
  std::array<SlotType, kMaxTypedSlots> in_types{}, out_types{};
  std::string_view name;  // lower-cased, owned by the dictionary
};

// A named spec that never entered the dictionary because it was invalid: a
// later body calling it is told so (E1002) instead of "undefined word".
struct UnusableName {
  uint32_t input_index = 0;
  uint64_t line = 0;
  Code first_error = Code::kNone;
};

// Open addressing over 64-bit atomic slots (name-hash tag << 32 | id + 1);
// entries and names live in blocks that never move, and a grown table is
// published with release semantics while old tables are kept until the
// dictionary dies, so readers never lock. Cost per word: one slot (8 bytes,
// at most half full), one entry (40 bytes) and the name's bytes.
class Dictionary {
 public:
  Dictionary();
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // The entry for `name` if it was defined by a row with id < before_id.
  const WordEntry* Find(std::string_view name, uint32_t before_id = UINT32_MAX) const;
  // Adds a word with the next id (single writer); returns the earlier entry
  // instead, adding nothing, when the name is taken.
  const WordEntry* Add(std::string_view name, WordEntry entry);
  uint32_t size() const { return count_; }
  // A hint that `name` will be looked up soon: starts loading its first
  // table slot, which is otherwise a cache miss per word on big runs.
  void Prefetch(std::string_view name) const;
  const WordEntry& Get(uint32_t id) const;

  // Invalid words by name (the first of a name), noted by the single writer
  // in input order. Looked up only on the undefined-word path, so a mutex;
  // a reader must ignore entries from its own or later lines (they may or
  // may not be there yet).
  void NoteUnusable(std::string_view name, UnusableName u);
  std::optional<UnusableName> FindUnusable(std::string_view name) const;

 private:
  struct Table {
    size_t mask;
    std::unique_ptr<std::atomic<uint64_t>[]> slots;
  };
  static constexpr size_t kBlockEntries = 1u << 14;
  static constexpr size_t kNameBlockBytes = 1u << 20;

  const WordEntry* Probe(const Table& t, std::string_view lower, uint64_t hash,
                         size_t* empty_slot) const;
  void Grow();
  std::string_view StoreName(std::string_view lower);

  std::atomic<Table*> table_;
  std::vector<std::unique_ptr<Table>> tables_;  // current and retired
  // Block pointers in a fixed array (never reallocated, unlike a vector),
  // so readers index it without a lock while the writer adds blocks.
  static constexpr size_t kMaxBlocks = 1u << 16;  // 2^30 words
  std::unique_ptr<std::atomic<WordEntry*>[]> blocks_;
  std::vector<std::unique_ptr<WordEntry[]>> owned_blocks_;
  std::vector<std::unique_ptr<char[]>> name_blocks_;
  size_t name_used_ = kNameBlockBytes;
  std::atomic<uint32_t> count_{0};
  mutable std::mutex unusable_mutex_;
  std::unordered_map<std::string, UnusableName> unusable_;
};

}  // namespace ffb
