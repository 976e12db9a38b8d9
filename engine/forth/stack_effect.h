// Stack effects `( a b -- c )` in the forms the stages need, and the one place
// that relates them: StackEffect (named, optionally typed slots: `n:int`,
// `f:bool`; untyped slots are `any`), WordEffect (counts and types only, no
// heap, what the checker reads per call) and the one "( ins -- outs )" text
// renderer that every effect printed anywhere goes through.
//
//   Diagnostic err; auto e = ParseEffectText("( n -- n² )", &err);  // 1 -> 1
//   FormatEffect(*e) == "( n -- n² )";  ToWordEffect(*e).inputs == 1
//   FormatNamedEffect(names /* a b */, out_input /* 1 0 -1 */) == "( a b -- b a c )"
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/core/limits.h"
#include "engine/core/spec_types.h"

namespace ffb {

constexpr size_t kMaxEffectSlots = limits::kMaxEffectSlots;  // E1112 rejects more

// The declared effect of a word in the compact form the checker needs: fixed
// size, cheap to return by value from a dictionary lookup.
struct WordEffect {
  uint8_t inputs = 0;
  uint8_t outputs = 0;
  std::array<SlotType, kMaxEffectSlots> in_types{};   // [0] is the deepest input
  std::array<SlotType, kMaxEffectSlots> out_types{};  // [0] is the deepest output

  WordEffect() {
    in_types.fill(SlotType::kAny);
    out_types.fill(SlotType::kAny);
  }
};

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

WordEffect ToWordEffect(const StackEffect& e);

// The one renderer: appends "(", then " " and slot i for each input, " --",
// " " and slot k for each output, then " )". `append_input(out, i)` and
// `append_output(out, k)` append one slot's text (deepest first), so callers
// render names from any column without building strings first.
template <typename AppendInput, typename AppendOutput>
void AppendEffectText(std::string& out, size_t inputs, AppendInput&& append_input, size_t outputs,
                      AppendOutput&& append_output) {
  out.push_back('(');
  for (size_t i = 0; i < inputs; ++i) {
    out.push_back(' ');
    append_input(out, i);
  }
  out.append(" --");
  for (size_t k = 0; k < outputs; ++k) {
    out.push_back(' ');
    append_output(out, k);
  }
  out.append(" )");
}

// Slots as written, `name:type` unless the type is `any`.
std::string FormatEffect(const StackEffect& e);
std::string FormatEffect(std::span<const std::string> inputs, std::span<const std::string> outputs);

// a, b, …, z, a1, b1, …: the names of inferred slots without declared names.
std::string NthSlotName(size_t i);

// Inputs by name; output k is input `out_input[k]` passed through unchanged
// when that is >= 0, else a fresh NthSlotName that collides with no input.
std::string FormatNamedEffect(std::span<const std::string> in_names,
                              std::span<const int> out_input);

}  // namespace ffb
