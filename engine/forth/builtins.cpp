#include "engine/forth/builtins.h"

#include <algorithm>

namespace ffb {
namespace {

constexpr OutKind I = kOutInt;
constexpr OutKind F = kOutFlag;
using O = std::array<OutKind, kMaxBuiltinOutputs>;
using B = Builtin;
using R = Role;

}  // namespace

// Order must follow enum Builtin (checked by the static_assert below).
extern constexpr std::array<BuiltinInfo, kBuiltinCount> kBuiltinTable = {{
    {B::kAdd, "+", 2, 1, O{I}, R::kArith, "( a b -- a+b )", ""},
    {B::kSub, "-", 2, 1, O{I}, R::kArith, "( a b -- a-b )", ""},
    {B::kMul, "*", 2, 1, O{I}, R::kArith, "( a b -- a*b )", ""},
    {B::kDiv, "/", 2, 1, O{I}, R::kArith, "( a b -- q )", ""},
    {B::kMod, "mod", 2, 1, O{I}, R::kArith, "( a b -- r )", ""},
    {B::kDivMod, "/mod", 2, 2, O{I, I}, R::kArith, "( a b -- r q )", ""},
    {B::kStarSlash, "*/", 3, 1, O{I}, R::kArith, "( a b c -- a*b/c )", ""},
    {B::kStarSlashMod, "*/mod", 3, 2, O{I, I}, R::kArith, "( a b c -- r q )", ""},
    {B::kNegate, "negate", 1, 1, O{I}, R::kArith, "( a -- -a )", ""},
    {B::kAbs, "abs", 1, 1, O{I}, R::kArith, "( a -- |a| )", ""},
    {B::kMin, "min", 2, 1, O{I}, R::kArith, "( a b -- min )", ""},
    {B::kMax, "max", 2, 1, O{I}, R::kArith, "( a b -- max )", ""},
    {B::kOnePlus, "1+", 1, 1, O{I}, R::kArith, "( a -- a+1 )", ""},
    {B::kOneMinus, "1-", 1, 1, O{I}, R::kArith, "( a -- a-1 )", ""},
    {B::kTwoStar, "2*", 1, 1, O{I}, R::kArith, "( a -- 2a )", ""},
    {B::kTwoSlash, "2/", 1, 1, O{I}, R::kArith, "( a -- a/2 )", ""},
    {B::kLshift, "lshift", 2, 1, O{I}, R::kArith, "( a u -- a<<u )", ""},
    {B::kRshift, "rshift", 2, 1, O{I}, R::kArith, "( a u -- a>>u )", ""},
    // and/or/xor of two flags is a flag; of anything else an integer. The
    // checker refines kOutInt to a flag when every input is a flag.
    {B::kAnd, "and", 2, 1, O{I}, R::kPlain, "( a b -- a&b )", ""},
    {B::kOr, "or", 2, 1, O{I}, R::kPlain, "( a b -- a|b )", ""},
    {B::kXor, "xor", 2, 1, O{I}, R::kPlain, "( a b -- a^b )", ""},
    {B::kInvert, "invert", 1, 1, O{I}, R::kPlain, "( a -- ~a )", ""},
    {B::kEq, "=", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kNe, "<>", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kLt, "<", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kGt, ">", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kLe, "<=", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kGe, ">=", 2, 1, O{F}, R::kPlain, "( a b -- flag )", ""},
    {B::kZeroEq, "0=", 1, 1, O{F}, R::kPlain, "( a -- flag )", ""},
    {B::kZeroNe, "0<>", 1, 1, O{F}, R::kPlain, "( a -- flag )", ""},
    {B::kZeroLt, "0<", 1, 1, O{F}, R::kPlain, "( a -- flag )", ""},
    {B::kZeroGt, "0>", 1, 1, O{F}, R::kPlain, "( a -- flag )", ""},
    {B::kULt, "u<", 2, 1, O{F}, R::kPlain, "( u1 u2 -- flag )", ""},
    {B::kUGt, "u>", 2, 1, O{F}, R::kPlain, "( u1 u2 -- flag )", ""},
    {B::kWithin, "within", 3, 1, O{F}, R::kPlain, "( x lo hi -- flag )", ""},
    {B::kTrue, "true", 0, 1, O{F}, R::kPlain, "( -- -1 )", ""},
    {B::kFalse, "false", 0, 1, O{F}, R::kPlain, "( -- 0 )", ""},
    {B::kDup, "dup", 1, 2, O{0, 0}, R::kPlain, "( a -- a a )", ""},
    {B::kDrop, "drop", 1, 0, O{}, R::kPlain, "( a -- )", ""},
    {B::kSwap, "swap", 2, 2, O{1, 0}, R::kPlain, "( a b -- b a )", ""},
    {B::kOver, "over", 2, 3, O{0, 1, 0}, R::kPlain, "( a b -- a b a )", ""},
    {B::kRot, "rot", 3, 3, O{1, 2, 0}, R::kPlain, "( a b c -- b c a )", ""},
    {B::kMinusRot, "-rot", 3, 3, O{2, 0, 1}, R::kPlain, "( a b c -- c a b )", ""},
    {B::kNip, "nip", 2, 1, O{1}, R::kPlain, "( a b -- b )", ""},
    {B::kTuck, "tuck", 2, 3, O{1, 0, 1}, R::kPlain, "( a b -- b a b )", ""},
    {B::kTwoDup, "2dup", 2, 4, O{0, 1, 0, 1}, R::kPlain, "( a b -- a b a b )", ""},
    {B::kTwoDrop, "2drop", 2, 0, O{}, R::kPlain, "( a b -- )", ""},
    {B::kTwoSwap, "2swap", 4, 4, O{2, 3, 0, 1}, R::kPlain, "( a b c d -- c d a b )", ""},
    {B::kTwoOver, "2over", 4, 6, O{0, 1, 2, 3, 0, 1}, R::kPlain,
     "( a b c d -- a b c d a b )", ""},
    // pick/roll: the table effect is only the literal index they pop; the
    // checker expands `n pick` / `n roll` from the literal before them.
    {B::kPick, "pick", 1, 0, O{}, R::kPick, "( xn .. x0 n -- xn .. x0 xn )",
     "write a literal index before pick (0 pick = dup, 1 pick = over)"},
    {B::kRoll, "roll", 1, 0, O{}, R::kRoll, "( xn .. x0 n -- xn-1 .. x0 xn )",
     "write a literal index before roll (1 roll = swap, 2 roll = rot)"},
    {B::kToR, ">r", 1, 0, O{}, R::kToR, "( a -- ) ( R: -- a )", ""},
    {B::kRFrom, "r>", 0, 1, O{I}, R::kRFrom, "( -- a ) ( R: a -- )", ""},
    {B::kRFetch, "r@", 0, 1, O{I}, R::kRFetch, "( -- a ) ( R: a -- a )", ""},
    {B::kIf, "if", 1, 0, O{}, R::kIf, "( flag -- )", ""},
    {B::kElse, "else", 0, 0, O{}, R::kElse, "( -- )", ""},
    {B::kThen, "then", 0, 0, O{}, R::kThen, "( -- )", ""},
    {B::kBegin, "begin", 0, 0, O{}, R::kBegin, "( -- )", ""},
    {B::kUntil, "until", 1, 0, O{}, R::kUntil, "( flag -- )", ""},
    {B::kWhile, "while", 1, 0, O{}, R::kWhile, "( flag -- )", ""},
    {B::kRepeat, "repeat", 0, 0, O{}, R::kRepeat, "( -- )", ""},
    {B::kAgain, "again", 0, 0, O{}, R::kAgain, "( -- )", ""},
    {B::kDo, "do", 2, 0, O{}, R::kDo, "( limit start -- ) ( R: -- loop )", ""},
    {B::kQDo, "?do", 2, 0, O{}, R::kDo, "( limit start -- ) ( R: -- loop )", ""},
    {B::kLoop, "loop", 0, 0, O{}, R::kLoop, "( -- ) ( R: loop -- )", ""},
    {B::kPlusLoop, "+loop", 1, 0, O{}, R::kPlusLoop, "( n -- ) ( R: loop -- )", ""},
    {B::kI, "i", 0, 1, O{I}, R::kI, "( -- index )", ""},
    {B::kJ, "j", 0, 1, O{I}, R::kJ, "( -- index )", ""},
    {B::kLeave, "leave", 0, 0, O{}, R::kLeave, "( -- ) ( R: loop -- )", ""},
    {B::kUnloop, "unloop", 0, 0, O{}, R::kUnloop, "( -- ) ( R: loop -- )", ""},
    {B::kExit, "exit", 0, 0, O{}, R::kExit, "( -- )", ""},
    {B::kRecurse, "recurse", 0, 0, O{}, R::kRecurse, "the word's declared effect", ""},
    {B::kQDup, "?dup", 1, 0, O{}, R::kNoStaticEffect, "( a -- 0 | a a )",
     "use `dup if ... then` and make both arms leave the same depth"},
    {B::kDepth, "depth", 0, 1, O{I}, R::kNoStaticEffect, "( -- n )",
     "pass the count explicitly as an input instead of reading depth"},
    {B::kExecute, "execute", 1, 0, O{}, R::kNoStaticEffect, "( xt -- ? )",
     "call the word by name so its declared effect is known"},
}};

namespace {

constexpr const auto& kTable = kBuiltinTable;

constexpr bool TableInOrder() {
  for (size_t i = 0; i < kTable.size(); ++i)
    if (static_cast<size_t>(kTable[i].id) != i) return false;
  return true;
}
static_assert(TableInOrder(), "kTable must follow enum Builtin");

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
  for (size_t i = 0; i < s.size(); ++i) key |= static_cast<uint64_t>(static_cast<unsigned char>(s[i])) << (56 - 8 * i);
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
  std::sort(order.begin(), order.end(),
            [](uint8_t a, uint8_t b) { return PackName(kTable[a].name) < PackName(kTable[b].name); });
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

}  // namespace ffb
