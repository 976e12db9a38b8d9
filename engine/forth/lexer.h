// Lexer for Forth bodies of the dialect (DESIGN.md §5): numbers (decimal,
// negative, $hex, #dec, %bin, 'c'), comments ( … ) and \ …, builtins resolved to
// ids, other names interned lower-cased as user-word tokens (resolved later).
//
//   TokenColumns cols; std::vector<Diagnostic> diags;
//   if (!LexBody("dup * ( square )", cols, diags)) { /* diags.back() is E0xxx */ }
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/forth/tokens.h"

namespace ffb {

// Appends one body to `out` (always exactly one, so body indices match rows).
// On a lexical error the body is closed empty, one E0xxx diagnostic is
// appended to `diags`, and false is returned.
bool LexBody(std::string_view body, TokenColumns& out, std::vector<Diagnostic>& diags);

// Parses one whitespace-free word as a dialect number literal. nullopt when it
// is not number-shaped; `*malformed` is set when it looks like a number (starts
// with $ # % ' or is all digits) but is not a valid one.
std::optional<int64_t> ParseNumber(std::string_view word, bool* malformed);

}  // namespace ffb
