// The one escaping path for spec-controlled text that reaches generated
// source: Forth comments (`\ …` line comments and `( … )` effect comments)
// and C comments in the header. Every byte that could end the comment, start
// a new line, or be read differently by a later tool (`*/`, `/*`, trigraphs,
// control bytes, DEL) is written as the four visible characters `\xNN`, so
// no spec text can ever become code. Symbol names are not text: they are
// mangled to [a-z0-9_] (io/objects/symbol_mangling.h).
//
//   std::string s; AppendForthLineComment(s, "description", "a\nb");  // "\ description: a\x0ab\n"
#pragma once

#include <string>
#include <string_view>

namespace ffb {

// A whole `\ label: text` line, newline included (no label: `\ text`).
void AppendForthLineComment(std::string& out, std::string_view label, std::string_view text);
// Text inside a `( … )` comment: as a line comment, and `)` escaped too.
void AppendForthParenText(std::string& out, std::string_view text);
// Text inside a C `/* … */` comment.
void AppendCCommentText(std::string& out, std::string_view text);

}  // namespace ffb
