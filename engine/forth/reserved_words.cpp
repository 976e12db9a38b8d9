#include "engine/forth/reserved_words.h"

#include <array>

#include "engine/core/ascii.h"
#include "engine/forth/builtins.h"

namespace ffb {

namespace {

// Beyond the dialect's own words (the builtin table, already case-insensitive):
// "->" is the test harness's separator in T{ ... -> ... }T, and the defining
// words would change what a generated file means. Names outside the legal
// name characters (: ; [ ]) need no entry.
constexpr std::array<std::string_view, 4> kAlsoReserved = {"->", "constant", "create",
                                                           "variable"};

}  // namespace

bool IsReservedWord(std::string_view name) {
  if (LookupBuiltin(name)) return true;
  for (std::string_view w : kAlsoReserved) {
    if (EqualsIgnoreCase(name, w)) return true;
  }
  return false;
}

}  // namespace ffb
