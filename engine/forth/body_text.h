// Renders a body's tokens back to canonical Forth text: builtins by their
// dialect name, numbers in decimal, user words by their (validated, lower-
// cased) name, single spaces, no comments. Everything ffbatch writes as code
// (Forth files, results "body") comes from here, never from spec text, so a
// spec cannot smuggle code through comments or odd spacing.
//
//   RenderBody(chunk.tokens.Body(row), chunk.tokens) == "dup *"
#pragma once

#include <span>
#include <string>

#include "engine/forth/tokens.h"

namespace ffb {

void RenderBody(std::span<const Token> body, const TokenColumns& names, std::string& out);

}  // namespace ffb
