// Token columns for many Forth bodies at once (CSR): a chunk lexes all its
// bodies into one TokenColumns, so tokens live in two flat vectors and user
// word names are interned once per chunk, lower-cased.
//
//   TokenColumns cols;  LexBody("dup * foo", cols, diags);   // body 0
//   for (const Token& t : cols.Body(0)) ...;  cols.Name(t.value) for user words
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/forth/builtins.h"

namespace ffb {

enum class TokenKind : uint8_t {
  kNumber,    // value = the literal cell
  kBuiltin,   // value = static_cast<int64_t>(Builtin)
  kUserWord,  // value = index of the interned lower-cased name
};

struct Token {
  TokenKind kind;
  uint32_t column;  // 1-based byte column of the token's first byte in its body
  int64_t value;

  Builtin builtin() const { return static_cast<Builtin>(value); }
  bool Is(Builtin b) const { return kind == TokenKind::kBuiltin && builtin() == b; }
};

class TokenColumns {
 public:
  // Body b is tokens()[begin()[b], begin()[b + 1]).
  size_t body_count() const { return begin_.size() - 1; }
  std::span<const Token> Body(size_t b) const {
    return {tokens_.data() + begin_[b], tokens_.data() + begin_[b + 1]};
  }
  const std::vector<uint32_t>& begin() const { return begin_; }
  const std::vector<Token>& tokens() const { return tokens_; }

  // Building: push a body's tokens, then close it. Closing is what creates the
  // body, so an empty body is just EndBody().
  void Push(Token t) { tokens_.push_back(t); }
  void EndBody() { begin_.push_back(static_cast<uint32_t>(tokens_.size())); }
  // Drops the tokens pushed since the last EndBody() (a body that failed to lex
  // is still closed, empty, so body indices stay aligned with rows).
  void DiscardOpenBody() { tokens_.resize(begin_.back()); }

  // Interns an already lower-cased name; equal names get equal ids.
  uint32_t Intern(std::string_view lower_name);
  std::string_view Name(uint32_t id) const {
    return std::string_view(name_bytes_)
        .substr(name_begin_[id], name_begin_[id + 1] - name_begin_[id]);
  }
  size_t name_count() const { return name_begin_.size() - 1; }

  void Clear();
  void Reserve(size_t bodies, size_t tokens);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<uint32_t> begin_{0};
  std::vector<Token> tokens_;
  std::string name_bytes_;
  std::vector<uint32_t> name_begin_{0};
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> name_ids_;
};

// Renders a body's tokens back to canonical Forth text: builtins by their
// dialect name, numbers in decimal, user words by their (validated, lower-
// cased) name, single spaces, no comments. Everything ffbatch writes as code
// (Forth files, results "body") comes from here, never from spec text, so a
// spec cannot smuggle code through comments or odd spacing.
//   RenderBody(chunk.tokens.Body(row), chunk.tokens, out);  // out == "dup *"
void RenderBody(std::span<const Token> body, const TokenColumns& names, std::string& out);

}  // namespace ffb
