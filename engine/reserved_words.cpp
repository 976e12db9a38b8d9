#include "engine/reserved_words.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace ffb {

namespace {

// Kept sorted (byte order) for binary search; a test checks the order.
// Names outside the legal name characters (: ; [ ]) need no entry. "->" is
// the test harness's separator in T{ ... -> ... }T, so no spec may redefine it.
constexpr std::array<std::string_view, 79> kReserved = {
    "*", "*/", "*/mod", "+", "+loop", "-", "->", "-rot", "/", "/mod",
    "0<", "0<>", "0=", "0>", "1+", "1-", "2*", "2/", "2drop",
    "2dup", "2over", "2swap", "<", "<=", "<>", "=", ">", ">=",
    ">r", "?do", "?dup", "abs", "again", "and", "begin", "constant", "create",
    "depth", "do", "drop", "dup", "else", "execute", "exit", "false", "i",
    "if", "invert", "j", "leave", "loop", "lshift", "max", "min", "mod",
    "negate", "nip", "or", "over", "pick", "r>", "r@", "recurse", "repeat",
    "roll", "rot", "rshift", "swap", "then", "true", "tuck", "u<", "u>",
    "unloop", "until", "variable", "while", "within", "xor"};

}  // namespace

bool IsReservedWord(std::string_view name) {
  // No reserved word is longer than this, so longer names need no lookup and
  // shorter ones are lowered on the stack (this runs once per spec).
  constexpr size_t kLongest = 8;  // "constant", "variable"
  static_assert(std::all_of(kReserved.begin(), kReserved.end(),
                            [](std::string_view w) { return w.size() <= kLongest; }));
  if (name.size() > kLongest) return false;
  char lower[kLongest];
  for (size_t i = 0; i < name.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
  }
  return std::binary_search(kReserved.begin(), kReserved.end(),
                            std::string_view(lower, name.size()));
}

}  // namespace ffb
