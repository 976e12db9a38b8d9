// Which words go into the ELF objects, and into which part: decided once per
// chunk, serially and in input order, after the test stage has settled every
// row's status and before any writer runs. A word goes in only if its status
// is ok and every word it calls is in already, so the objects always link.
//
//   ObjectPlacement place(4096);  place.Place(chunk);  // sets table.object_part
#pragma once

#include <cstdint>
#include <vector>

#include "engine/table/chunk.h"

namespace ffb {

class ObjectPlacement {
 public:
  explicit ObjectPlacement(uint32_t words_per_part)
      : words_per_part_(words_per_part == 0 ? 1 : words_per_part) {}
  // Sets object_part for every row of `chunk` that goes into an object; the
  // rest keep SpecTable::kNoPart. Part numbers count up from 0 over the run.
  void Place(Chunk& chunk);

 private:
  uint32_t words_per_part_;
  std::vector<uint8_t> placed_;  // by word id
  uint64_t words_ = 0;
};

}  // namespace ffb
