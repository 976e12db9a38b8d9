#include "engine/core/spec_types.h"

#include <fmt/format.h>

#include <array>

namespace ffb {

namespace {
constexpr std::array<std::string_view, 6> kTypeNames = {"int",  "uint", "bool",
                                                        "char", "addr", "any"};
constexpr std::array<std::string_view, 6> kTagNames = {"base_case", "edge_case",   "boundary",
                                                       "error",     "performance", "property"};
constexpr std::array<std::string_view, kStatusCount> kStatusNames = {"ok", "rejected", "invalid",
                                                                     "mismatch", "failed"};
}  // namespace

std::string_view SlotTypeName(SlotType t) {
  auto i = static_cast<size_t>(t);
  return i < kTypeNames.size() ? kTypeNames[i] : "unknown";
}

std::optional<SlotType> ParseSlotType(std::string_view s) {
  for (size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == s) return static_cast<SlotType>(i);
  }
  return std::nullopt;
}

std::string_view StatusName(Status s) { return kStatusNames[static_cast<size_t>(s)]; }

std::optional<uint8_t> ParseTestTag(std::string_view s) {
  for (size_t i = 0; i < kTagNames.size(); ++i) {
    if (kTagNames[i] == s) return static_cast<uint8_t>(1u << i);
  }
  return std::nullopt;
}

std::string TestValueText(const TestValue& v) {
  switch (v.kind) {
    case ValueKind::kBool:
      return v.cell ? "true" : "false";
    case ValueKind::kBigUint:
      return fmt::format("{}", static_cast<uint64_t>(v.cell));
    case ValueKind::kChar:
      // A JSON string, not a number: say so ("5" is not the int 5).
      if (v.cell >= 0x20 && v.cell < 0x7F && v.cell != '"' && v.cell != '\\') {
        return fmt::format("the string \"{:c}\" (char U+{:04X})", static_cast<char>(v.cell),
                           v.cell);
      }
      return fmt::format("a one-character string (char U+{:04X})", v.cell);
    case ValueKind::kString:
      return fmt::format("a {}-byte string", v.cell);
    case ValueKind::kOther:
      return "a non-scalar value";
    case ValueKind::kReported:
      return "an invalid value";
    case ValueKind::kInt:
      break;
  }
  return fmt::format("{}", v.cell);
}

}  // namespace ffb
