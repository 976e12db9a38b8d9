// The dialect (DESIGN.md §5): the table of every builtin word, expanded from
// builtins.def (name, stack effect, the kind of each output, control-flow
// role, whether the word has a static effect), and the words a spec may not
// define. The lexer, the checker, validation, the interpreter and the native
// compiler all read it; nothing else lists builtin words.
//
//   const BuiltinInfo& b = Info(Builtin::kSwap);      // b.inputs == 2
//   std::optional<Builtin> id = LookupBuiltin("DUP");  // case-insensitive
//   IsReservedWord("Variable");                        // true
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ffb {

// Every word of builtins.def, in its order. No kCount enumerator, so a switch
// over Builtin needs no case for it.
enum class Builtin : uint8_t {
#define FFB_WORD(Id, ...) k##Id,
#include "engine/forth/builtins.def"
};
constexpr size_t kBuiltinCount = 0
#define FFB_WORD(...) +1
#include "engine/forth/builtins.def"
    ;

// How the checker treats a word beyond its plain effect.
enum class Role : uint8_t {
  kPlain,  // fixed effect from the table
  kArith,  // fixed effect; a flag input is suspicious (W2302)
  kPick,   // `n pick`: n must be a literal
  kRoll,   // `n roll`: n must be a literal
  kToR,
  kRFrom,
  kRFetch,
  kIf,
  kElse,
  kThen,
  kBegin,
  kUntil,
  kWhile,
  kRepeat,
  kAgain,
  kDo,
  kLoop,
  kPlusLoop,
  kI,
  kJ,
  kLeave,
  kUnloop,
  kExit,
  kRecurse,
  kNoStaticEffect,
};

// The words the control-structure pass (control_flow.h) links to partners
// or places inside a construct: structure words, and i, j, leave, unloop
// (Role lists exactly these contiguously, kIf through kUnloop).
constexpr bool IsControl(Role r) { return r >= Role::kIf && r <= Role::kUnloop; }

// Kind of one output cell. Values >= 0 mean "this output is input k passed
// through unchanged" (k counts from the deepest input, 0-based), which is how
// shuffles keep value identity and kinds.
using OutKind = int8_t;
constexpr OutKind kOutInt = -1;
constexpr OutKind kOutFlag = -2;

constexpr size_t kMaxBuiltinOutputs = 6;  // 2over: ( a b c d -- a b c d a b )

struct BuiltinInfo {
  Builtin id;
  std::string_view name;  // lower case, as written in the dialect
  uint8_t inputs;         // cells popped (control words: the flag or bounds)
  uint8_t outputs;        // cells pushed
  std::array<OutKind, kMaxBuiltinOutputs> out;
  Role role;
  std::string_view effect;      // documentation text, e.g. "( a b -- b a )"
  std::string_view suggestion;  // for refused words: what to write instead
  bool static_effect() const { return role != Role::kNoStaticEffect; }
};

// The table itself (defined in builtins.cpp, indexed by Builtin); Info() is
// inline because the checker and interpreter call it once per token.
extern const std::array<BuiltinInfo, kBuiltinCount> kBuiltinTable;
inline const BuiltinInfo& Info(Builtin b) { return kBuiltinTable[static_cast<size_t>(b)]; }
std::span<const BuiltinInfo> AllBuiltins();

// Case-insensitive lookup of a dialect word.
std::optional<Builtin> LookupBuiltin(std::string_view name);

// Names a spec may not define (case-insensitive): every builtin, including
// the refused ones, and the FFB_RESERVED words of builtins.def.
bool IsReservedWord(std::string_view name);

}  // namespace ffb
