// Stack-effect text `( a b -- c )`: parse into named, optionally typed slots
// (`n:int`, `f:bool`; untyped slots are `any`) and print back. Slot names may
// be any non-space text; `--` separates inputs from outputs.
//
//   Diagnostic err; auto e = ParseEffectText("( n -- n² )", &err);  // 1 -> 1
//   FormatEffect(*e) == "( n -- n² )"
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/core/spec_types.h"
#include "engine/forth/word_effect.h"

namespace ffb {

struct EffectSlot {
  std::string name;
  SlotType type = SlotType::kAny;
};

struct StackEffect {
  std::vector<EffectSlot> inputs;   // deepest first
  std::vector<EffectSlot> outputs;  // deepest first
};

// nullopt and an E1174 (or E1112 for more than 64 slots) diagnostic whose
// column points into `text` when it is not `( ins -- outs )`.
std::optional<StackEffect> ParseEffectText(std::string_view text, Diagnostic* error);

std::string FormatEffect(const StackEffect& e);
std::string FormatEffect(std::span<const std::string> inputs, std::span<const std::string> outputs);

WordEffect ToWordEffect(const StackEffect& e);

}  // namespace ffb
