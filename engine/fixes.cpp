#include "engine/fixes.h"

#include <fmt/format.h>

#include "engine/lexer.h"
#include "engine/verify.h"

namespace ffb {
namespace {

struct Span {
  size_t begin, end;  // byte range of one token in the body
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Joins two body pieces with one space, trimming blanks (not newlines: a
// newline may end a `\` comment) at the seam. A piece ending inside a `\`
// comment gets a newline instead, so the joined word is not commented out.
std::string Join(std::string_view a, std::string_view b) {
  while (!a.empty() && (a.back() == ' ' || a.back() == '\t')) a.remove_suffix(1);
  while (!b.empty() && (b.front() == ' ' || b.front() == '\t')) b.remove_prefix(1);
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  size_t line = a.rfind('\n');
  std::string_view last = line == std::string_view::npos ? a : a.substr(line + 1);
  bool in_line_comment = last == "\\" || last.starts_with("\\ ") || last.find(" \\ ") != std::string_view::npos ||
                         last.ends_with(" \\");
  return fmt::format("{}{}{}", a, in_line_comment ? "\n" : " ", b);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

class Search {
 public:
  Search(std::string_view body, const StackEffect* declared, const WordResolver* resolver, size_t max)
      : body_(body), declared_(declared), resolver_(resolver), max_(max) {
    if (declared_) self_ = ToWordEffect(*declared_);
  }

  bool Passes(std::string_view candidate, InferResult* keep = nullptr) {
    TokenColumns cols;
    std::vector<Diagnostic> diags;
    if (!LexBody(candidate, cols, diags)) return false;
    InferResult& r = keep ? *keep : scratch_;
    inf_.Infer(cols.Body(0), cols, resolver_, declared_ ? &self_ : nullptr, r);
    if (!r.ok) return false;
    return !declared_ || CheckEffect(r, self_) == EffectCheck::kOk;
  }

  void Try(std::string id, std::string description, std::string candidate) {
    candidate = Trim(candidate);
    if (fixes_.size() >= max_ || candidate.empty() || candidate == Trim(body_)) return;
    for (const Fix& f : fixes_)
      if (f.body == candidate) return;
    if (!Passes(candidate)) return;
    std::string diff = fmt::format("-{}\n+{}", body_, candidate);
    fixes_.push_back({std::move(id), std::move(description), std::move(candidate), std::move(diff), true});
  }

  std::vector<Fix> Take() { return std::move(fixes_); }

 private:
  std::string_view body_;
  const StackEffect* declared_;
  const WordResolver* resolver_;
  size_t max_;
  WordEffect self_;
  Inferrer inf_;
  InferResult scratch_;
  std::vector<Fix> fixes_;
};

std::string Repeat(std::string_view word, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s = Join(s, word);
  return s;
}

bool IsBinaryOp(const Token& t) {
  if (t.kind != TokenKind::kBuiltin) return false;
  const BuiltinInfo& b = Info(t.builtin());
  return (b.role == Role::kArith || b.role == Role::kPlain) && b.inputs == 2 && b.outputs == 1;
}

}  // namespace

std::vector<Fix> SuggestFixes(std::string_view body, const StackEffect* declared, const WordResolver* resolver,
                              size_t max_fixes) {
  Search s(body, declared, resolver, max_fixes);
  InferResult original;
  if (s.Passes(body, &original)) return {};
  TokenColumns cols;
  std::vector<Diagnostic> lex;
  if (!LexBody(body, cols, lex)) return {};  // lexical errors are not repaired here
  std::span<const Token> toks = cols.Body(0);
  std::vector<Span> spans;
  for (const Token& t : toks) {
    size_t b = t.column - 1, e = b;
    while (e < body.size() && !IsSpace(body[e])) ++e;
    spans.push_back({b, e});
  }
  auto insert_at = [&](size_t tok, std::string_view word) {  // before token `tok` (== size: at the end)
    size_t at = tok < spans.size() ? spans[tok].begin : body.size();
    return Join(Join(body.substr(0, at), word), body.substr(at));
  };
  auto remove = [&](size_t tok) {
    return Join(body.substr(0, spans[tok].begin), body.substr(spans[tok].end));
  };

  const Diagnostic* err = original.FirstError();
  const Code code = err ? err->code : Code::kDepthMismatch;
  const size_t want_in = declared ? declared->inputs.size() : 0;
  const size_t want_out = declared ? declared->outputs.size() : 0;
  const bool counted = original.ok && declared;
  const std::string b(body);

  // FastForth's named repairs, cheapest first.
  if (counted && original.outputs.size() > want_out && original.inputs.size() == want_in) {
    size_t k = original.outputs.size() - want_out;
    s.Try("DROP_EXCESS_001", fmt::format("drop the {} extra cell{} left on top", k, k == 1 ? "" : "s"),
          Join(b, Repeat("drop", k)));
    s.Try("DROP_EXCESS_001", fmt::format("drop the {} extra cell{} under the result", k, k == 1 ? "" : "s"),
          Join(b, Repeat("nip", k)));
  }
  if (counted && original.inputs.size() < want_in) {
    size_t k = want_in - original.inputs.size();
    s.Try("ADD_INPUTS_002", fmt::format("consume the {} unused deepest input{}", k, k == 1 ? "" : "s"),
          Join(Repeat(k == 1 ? "nip" : "nip", k), b));
    s.Try("ADD_INPUTS_002", fmt::format("consume the {} unused top input{}", k, k == 1 ? "" : "s"),
          Join(Repeat("drop", k), b));
  }
  if (code == Code::kUnmatchedIf) s.Try("ADD_THEN_003", "close the open `if` with `then`", Join(b, "then"));
  if (code == Code::kUnmatchedDo) s.Try("ADD_LOOP_004", "close the open `do` with `loop`", Join(b, "loop"));
  if (code == Code::kUnmatchedBegin) {
    s.Try("ADD_UNTIL_005", "close the open `begin` with `until`", Join(b, "until"));
    s.Try("ADD_UNTIL_005", "close the open `begin … while` with `repeat`", Join(b, "repeat"));
  }
  for (size_t k = toks.size(); k-- > 0;) {
    if (!IsBinaryOp(toks[k])) continue;
    s.Try("SWAP_BEFORE_OP_006", fmt::format("swap the operands of `{}`", Info(toks[k].builtin()).name),
          insert_at(k, "swap"));
    s.Try("OVER_BEFORE_OP_007", fmt::format("copy the second operand with `over` before `{}`",
                                            Info(toks[k].builtin()).name),
          insert_at(k, "over"));
    break;
  }
  // Single-token deletions, last token first (extra words are a common slip).
  for (size_t k = toks.size(); k-- > 0;) {
    std::string_view word = body.substr(spans[k].begin, spans[k].end - spans[k].begin);
    s.Try("REMOVE_WORD_008", fmt::format("remove `{}` (word {})", word, k + 1), remove(k));
  }
  // Single-word insertions at every position, end first.
  static constexpr std::string_view kPalette[] = {"drop", "dup", "swap", "over", "nip", "then", "loop", "until"};
  for (size_t k = toks.size() + 1; k-- > 0;) {
    for (std::string_view w : kPalette) {
      std::string where = k == toks.size() ? "at the end" : fmt::format("before word {}", k + 1);
      s.Try("INSERT_WORD_009", fmt::format("insert `{}` {}", w, where), insert_at(k, w));
    }
  }
  return s.Take();
}

}  // namespace ffb
