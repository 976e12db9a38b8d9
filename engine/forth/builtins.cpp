#include "engine/forth/builtins.h"

#include <algorithm>

#include "engine/core/ascii.h"

namespace ffb {
namespace {

constexpr OutKind I = kOutInt;
constexpr OutKind F = kOutFlag;
using O = std::array<OutKind, kMaxBuiltinOutputs>;
using B = Builtin;
using R = Role;

}  // namespace

// One row per line of builtins.def, so the order is enum Builtin's.
#define FFB_UNPAREN(...) __VA_ARGS__
#define FFB_WORD(Id, name, inputs, outputs, out, role, effect, suggestion) \
  {B::k##Id, name, inputs, outputs, O{FFB_UNPAREN out}, R::k##role, effect, suggestion},
extern constexpr std::array<BuiltinInfo, kBuiltinCount> kBuiltinTable = {{
#include "engine/forth/builtins.def"
}};
#undef FFB_UNPAREN

namespace {

constexpr const auto& kTable = kBuiltinTable;

constexpr bool OutKindsValid() {
  for (const BuiltinInfo& b : kTable)
    for (size_t k = 0; k < b.outputs; ++k)
      if (b.out[k] >= static_cast<int>(b.inputs)) return false;
  return true;
}
static_assert(OutKindsValid(), "pass-through outputs must name an input");

// Names are at most 7 bytes, so each packs into one integer (bytes in order,
// zero-padded; no name contains a NUL) and lookup is a binary search over 78
// integers instead of string compares.
constexpr uint64_t PackName(std::string_view s) {
  uint64_t key = 0;
  for (size_t i = 0; i < s.size(); ++i)
    key |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (56 - 8 * i);
  return key;
}

struct NameIndex {
  std::array<uint64_t, kBuiltinCount> keys{};
  std::array<uint8_t, kBuiltinCount> ids{};
};

// Built at compile time, so lookups are safe from any static initialiser.
constexpr NameIndex BuildNameIndex() {
  std::array<uint8_t, kBuiltinCount> order{};
  for (size_t i = 0; i < kBuiltinCount; ++i) order[i] = static_cast<uint8_t>(i);
  std::sort(order.begin(), order.end(), [](uint8_t a, uint8_t b) {
    return PackName(kTable[a].name) < PackName(kTable[b].name);
  });
  NameIndex index;
  for (size_t i = 0; i < kBuiltinCount; ++i) {
    index.ids[i] = order[i];
    index.keys[i] = PackName(kTable[order[i]].name);
  }
  return index;
}
constexpr NameIndex kNameIndex = BuildNameIndex();

constexpr bool NamesFit() {
  for (const BuiltinInfo& b : kTable)
    if (b.name.empty() || b.name.size() > 7) return false;
  return true;
}
static_assert(NamesFit(), "builtin names must be 1..7 bytes to pack into a lookup key");

// Reserved beyond the builtins (builtins.def says why).
constexpr std::string_view kAlsoReserved[] = {
#define FFB_RESERVED(name) name,
#include "engine/forth/builtins.def"
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

std::span<const BuiltinInfo> AllBuiltins() { return kTable; }

std::optional<Builtin> LookupBuiltin(std::string_view name) {
  if (name.empty() || name.size() > 7) return std::nullopt;
  uint64_t key = 0;
  for (size_t i = 0; i < name.size(); ++i)
    key |= static_cast<uint64_t>(static_cast<unsigned char>(Lower(name[i]))) << (56 - 8 * i);
  const auto& keys = kNameIndex.keys;
  auto it = std::lower_bound(keys.begin(), keys.end(), key);
  if (it == keys.end() || *it != key) return std::nullopt;
  return static_cast<Builtin>(kNameIndex.ids[static_cast<size_t>(it - keys.begin())]);
}

bool IsReservedWord(std::string_view name) {
  if (LookupBuiltin(name)) return true;
  for (std::string_view w : kAlsoReserved) {
    if (EqualsIgnoreCase(name, w)) return true;
  }
  return false;
}

}  // namespace ffb
