// The dictionary: word name (case-insensitive) -> word id and declared
// effect. The define stage is its only writer and runs serially in input
// order, so ids follow input order and output is deterministic; parallel
// later stages read it concurrently. A reader sees only words whose id is
// below its own row's, i.e. words from earlier lines (Forth dictionary order).
//
//   Dictionary dict;  Define(chunk, dict);   // serial, in chunk order
//   auto w = dict.Find("square", /*before_id=*/row_id);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <oneapi/tbb/concurrent_unordered_map.h>

#include "engine/chunk.h"

namespace ffb {

struct WordEntry {
  uint32_t id = 0;
  uint32_t input_index = 0;
  uint64_t line = 0;
  uint16_t inputs = 0, outputs = 0;  // declared effect arity
};

class Dictionary {
 public:
  // The entry for `name` if it was defined by a row with id < before_id.
  std::optional<WordEntry> Find(std::string_view name, uint32_t before_id = UINT32_MAX) const;
  // Adds a word; returns the earlier entry instead when the name is taken.
  std::optional<WordEntry> Add(std::string_view name, WordEntry entry);
  uint32_t next_id() const { return next_id_; }
  uint32_t TakeId() { return next_id_++; }
  size_t size() const { return words_.size(); }

 private:
  tbb::concurrent_unordered_map<std::string, WordEntry> words_;
  uint32_t next_id_ = 0;
};

// The define stage: gives every valid row a word id in input order; a row
// whose name an earlier row already took becomes invalid (E1001), and its
// message names that earlier line.
void Define(Chunk& chunk, Dictionary& dict, const std::vector<std::string>& input_names);

std::string LowerName(std::string_view name);

}  // namespace ffb
