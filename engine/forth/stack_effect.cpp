#include "engine/forth/stack_effect.h"

#include <fmt/format.h>

#include <algorithm>

namespace ffb {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

EffectSlot MakeSlot(std::string_view w) {
  size_t colon = w.rfind(':');
  if (colon != std::string_view::npos && colon > 0) {
    if (auto t = ParseSlotType(w.substr(colon + 1))) return {std::string(w.substr(0, colon)), *t};
  }
  return {std::string(w), SlotType::kAny};
}

}  // namespace

std::optional<StackEffect> ParseEffectText(std::string_view text, Diagnostic* error) {
  auto fail = [&](Code code, size_t at, std::string message) -> std::optional<StackEffect> {
    if (error) *error = {code, 0, static_cast<uint32_t>(at + 1), std::move(message)};
    return std::nullopt;
  };
  // Split into whitespace-delimited words with their offsets.
  std::vector<std::pair<std::string_view, size_t>> words;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i >= text.size()) break;
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    words.emplace_back(text.substr(start, i - start), start);
  }
  if (words.empty())
    return fail(Code::kEffectSyntax, 0, "empty stack effect; expected `( inputs -- outputs )`");
  // Tolerate "(a" / "b)" glued to a slot name, but require both parens.
  auto& first = words.front();
  auto& last = words.back();
  if (first.first[0] != '(')
    return fail(Code::kEffectSyntax, first.second, "stack effect must start with `(`");
  if (last.first.back() != ')')
    return fail(Code::kEffectSyntax, last.second + last.first.size() - 1,
                "stack effect must end with `)`");
  if (words.size() == 1 && first.first.size() < 2)
    return fail(Code::kEffectSyntax, first.second, "stack effect must end with `)`");
  first.first.remove_prefix(1);
  first.second += 1;
  last.first.remove_suffix(1);
  StackEffect e;
  bool seen_sep = false;
  for (const auto& [w, at] : words) {
    if (w.empty()) continue;
    if (w == "--") {
      if (seen_sep) return fail(Code::kEffectSyntax, at, "`--` appears twice");
      seen_sep = true;
      continue;
    }
    if (w.find('(') != std::string_view::npos || w.find(')') != std::string_view::npos)
      return fail(Code::kEffectSyntax, at,
                  fmt::format("unexpected `{}` inside the stack effect", w));
    auto& side = seen_sep ? e.outputs : e.inputs;
    side.push_back(MakeSlot(w));
    if (side.size() > kMaxEffectSlots)
      return fail(Code::kTooManySlots, at, "more than 64 stack slots on one side");
  }
  if (!seen_sep)
    return fail(Code::kEffectSyntax, text.size() ? text.size() - 1 : 0,
                "stack effect has no `--` between inputs and outputs");
  return e;
}

std::string FormatEffect(std::span<const std::string> inputs,
                         std::span<const std::string> outputs) {
  std::string s;
  auto side = [](std::span<const std::string> names) {
    return [names](std::string& out, size_t i) { out.append(names[i]); };
  };
  AppendEffectText(s, inputs.size(), side(inputs), outputs.size(), side(outputs));
  return s;
}

std::string FormatEffect(const StackEffect& e) {
  auto side = [](const std::vector<EffectSlot>& slots) {
    return [&slots](std::string& out, size_t i) {
      const EffectSlot& slot = slots[i];
      out.append(slot.name);
      if (slot.type == SlotType::kAny) return;
      out.push_back(':');
      out.append(SlotTypeName(slot.type));
    };
  };
  std::string s;
  AppendEffectText(s, e.inputs.size(), side(e.inputs), e.outputs.size(), side(e.outputs));
  return s;
}

std::string NthSlotName(size_t i) {
  std::string s(1, static_cast<char>('a' + i % 26));
  if (i >= 26) s += std::to_string(i / 26);
  return s;
}

std::string FormatNamedEffect(std::span<const std::string> in_names,
                              std::span<const int> out_input) {
  size_t next = 0;
  auto fresh = [&] {
    while (true) {
      std::string n = NthSlotName(next++);
      if (std::find(in_names.begin(), in_names.end(), n) == in_names.end()) return n;
    }
  };
  std::vector<std::string> outs;
  for (int k : out_input) outs.push_back(k >= 0 ? in_names[static_cast<size_t>(k)] : fresh());
  return FormatEffect(in_names, outs);
}

WordEffect ToWordEffect(const StackEffect& e) {
  WordEffect w;
  w.inputs = static_cast<uint8_t>(e.inputs.size());
  w.outputs = static_cast<uint8_t>(e.outputs.size());
  for (size_t i = 0; i < e.inputs.size(); ++i) w.in_types[i] = e.inputs[i].type;
  for (size_t i = 0; i < e.outputs.size(); ++i) w.out_types[i] = e.outputs[i].type;
  return w;
}

}  // namespace ffb
