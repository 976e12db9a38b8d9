// Template instantiation at token level: a template word that is a declared
// variable (or NAME) is replaced by the words of its value; nothing inside
// another word is ever touched (`OP` is replaced, `OPX` and `DROP` are not).
// Values are Forth text and must lex on their own, so a value can neither open
// a comment that swallows the rest of the body nor close one.
//
//   std::vector<Diagnostic> diags;
//   Params params = {{"OP", "+"}, {"BASE_VALUE", "0"}};
//   if (auto body = ExpandTemplate(*lib.Find("RECURSIVE_004"), params, "sum-to", diags))
//     body->text;  // "dup 1 < if drop 0 else dup 1- recurse + then"
//   LexBody(body->text, chunk_tokens, diags);  // always lexes: body->text is canonical
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/forth/tokens.h"
#include "engine/resolve/pattern_library.h"

namespace ffb {

// implementation.params of a spec: variable name -> Forth source text.
using TemplateParam = std::pair<std::string_view, std::string_view>;
using Params = std::vector<TemplateParam>;

// What NAME (the word being defined) becomes.
enum class NameMode : uint8_t {
  kRecurse,  // `recurse`: the same call, and loadable by any Forth (a word is
             // hidden from itself until `;`, so `: f ... f ;` needs gforth's
             // `recursive`). The default.
  kWord,     // the word's own name, as a call to a user word
};

struct ExpandedBody {
  std::string text;     // canonical: words joined by one space, comments dropped
  TokenColumns tokens;  // body 0 is `text` lexed (columns index `text`)
  std::span<const Token> Body() const { return tokens.Body(0); }
};

// Instantiates `p` for word `word` with `params` (a param wins over the
// variable's default). On failure returns nullopt and appends one diagnostic:
// E1172 (a param for an undeclared variable, or a declared variable with
// neither param nor default; the message names the variable) or the E0xxx of a
// param value that does not lex (message says which param, column is in the value).
std::optional<ExpandedBody> ExpandTemplate(const Pattern& p, std::span<const TemplateParam> params,
                                           std::string_view word, std::vector<Diagnostic>& diags,
                                           NameMode name_mode = NameMode::kRecurse);

// Text only (no token list): the same checks and the same canonical text,
// for the pipeline, which lexes bodies into its chunk's own TokenColumns.
std::optional<std::string> ExpandTemplateText(const Pattern& p,
                                              std::span<const TemplateParam> params,
                                              std::string_view word, std::vector<Diagnostic>& diags,
                                              NameMode name_mode = NameMode::kRecurse);

// One word of Forth source with its 0-based byte offset.
struct ForthWord {
  std::string_view text;
  uint32_t offset = 0;
};

// Splits Forth source into words exactly as the lexer does: whitespace
// separated, `( … )` and `\ …` comments dropped. Returns false (and stops) on
// a `(` comment that is never closed. Appends to `out`.
bool SplitForthWords(std::string_view text, std::vector<ForthWord>& out);

}  // namespace ffb
