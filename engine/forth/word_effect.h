// The declared stack effect of a word in the compact form the checker needs:
// slot counts and slot types, fixed size (no heap), cheap to return by value
// from a dictionary lookup.
//
//   WordEffect e; e.inputs = 2; e.outputs = 1; e.out_types[0] = SlotType::kBool;
#pragma once

#include <array>
#include <cstdint>

#include "engine/core/spec_types.h"

namespace ffb {

constexpr size_t kMaxEffectSlots = 64;  // E1112 rejects more

struct WordEffect {
  uint8_t inputs = 0;
  uint8_t outputs = 0;
  std::array<SlotType, kMaxEffectSlots> in_types{};   // [0] is the deepest input
  std::array<SlotType, kMaxEffectSlots> out_types{};  // [0] is the deepest output

  WordEffect() { in_types.fill(SlotType::kAny); out_types.fill(SlotType::kAny); }
};

}  // namespace ffb
