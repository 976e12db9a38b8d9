// Forth word name <-> C symbol (DESIGN.md §6): `ffw_` + the lower-cased name,
// [a-z0-9] kept, `_` written `__`, any other byte `_xx` (lower-case hex), so the
// map is injective and Demangle inverts it.
//
//   std::string s = MangleWordName("my-word");      // "ffw_my_2dword"
//   std::optional<std::string> n = DemangleSymbol(s);  // "my-word"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ffb {

inline constexpr std::string_view kWordSymbolPrefix = "ffw_";

// Appends the symbol for `name` (lower-cased here) to `out`.
void AppendMangledWordName(std::string& out, std::string_view name);
std::string MangleWordName(std::string_view name);

// The lower-cased Forth name for a symbol made by MangleWordName; nullopt when
// `symbol` is not one (wrong prefix, bad escape, upper-case hex, a byte that
// mangling would have escaped).
std::optional<std::string> DemangleSymbol(std::string_view symbol);

}  // namespace ffb
