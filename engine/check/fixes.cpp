#include "engine/check/fixes.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "engine/check/verify.h"
#include "engine/forth/lexer.h"

namespace ffb {
namespace {

struct Span {
  size_t begin, end;  // byte range of one token in the body
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

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
  bool in_line_comment = last == "\\" || last.starts_with("\\ ") ||
                         last.find(" \\ ") != std::string_view::npos || last.ends_with(" \\");
  return fmt::format("{}{}{}", a, in_line_comment ? "\n" : " ", b);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

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

Token WordToken(std::string_view word) {
  return {TokenKind::kBuiltin, 0, static_cast<int64_t>(*LookupBuiltin(word))};
}

// Checks candidates given as token sequences over the body's own token
// columns (inserted words are builtins, so no name is interned). The text of
// a candidate is only built once its tokens pass.
class Search {
 public:
  Search(std::string_view body, const StackEffect* declared, const WordResolver* resolver,
         const FixSearchOptions& options)
      : body_(body),
        trimmed_body_(Trim(body)),
        declared_(declared),
        resolver_(resolver),
        options_(options) {
    if (declared_) self_ = ToWordEffect(*declared_);
  }

  // Lexes and checks the body itself. False when there is nothing to repair
  // here: it passes, or it does not lex (lexical errors are not repaired).
  bool Start(InferResult& original) {
    std::vector<Diagnostic> lex;
    if (!LexBody(body_, cols_, lex)) return false;
    toks_ = cols_.Body(0);
    if (PassesTokens(toks_, original)) return false;
    // A candidate holding a word the resolver does not know fails (the checker
    // visits every token up to its first error), so it is refused by count
    // without running the checker — which would also rank spelling
    // suggestions against the whole dictionary each time.
    undefined_.assign(toks_.size(), 0);
    for (size_t k = 0; k < toks_.size(); ++k) {
      if (toks_[k].kind != TokenKind::kUserWord) continue;
      undefined_[k] =
          !resolver_ || !resolver_->Lookup(cols_.Name(static_cast<uint32_t>(toks_[k].value)));
      undefined_total_ += undefined_[k];
    }
    control_steps_ = ControlSteps();
    return true;
  }

  std::span<const Token> tokens() const { return toks_; }
  bool undefined(size_t k) const { return undefined_[k] != 0; }
  size_t undefined_total() const { return undefined_total_; }
  bool Done() const { return truncated_ || fixes_.size() >= options_.max_fixes; }

  // Offers one candidate: `cand` its tokens, `undefined` how many of them the
  // resolver does not know; `describe()` and `text()` make its description
  // and body only when it passes.
  template <class Describe, class Text>
  void Offer(std::span<const Token> cand, size_t undefined, std::string_view id,
             const Describe& describe, const Text& text) {
    if (Done() || !Charge(cand.size())) return;
    if (undefined > 0 || !PassesTokens(cand, scratch_)) return;
    std::string candidate = Trim(text());
    if (candidate.empty() || candidate == trimmed_body_) return;
    for (const Fix& f : fixes_)
      if (f.body == candidate) return;
    // The text is what users get: when it does not lex to `cand` (a `\`
    // comment the seam rule missed swallows an appended word), its own
    // verdict counts.
    if (!LexesTo(candidate, cand) && !PassesText(candidate)) return;
    std::string diff = fmt::format("-{}\n+{}", body_, candidate);
    fixes_.push_back({std::string(id), describe(), std::move(candidate), std::move(diff), true});
  }

  FixSearch Take() {
    FixSearch s;
    s.fixes = std::move(fixes_);
    s.steps = steps_;
    s.candidates = candidates_;
    s.truncated = truncated_;
    return s;
  }

 private:
  // What a control word costs the checker beyond one step: it saves or merges
  // the whole data stack, so a cell of height is a step. Heights come from a
  // straight-line replay of the body's effects (branches ignored, capped at
  // the checker's depth limit) — an estimate, the same for every candidate,
  // plus one more control word at the deepest height for an inserted one.
  uint64_t ControlSteps() const {
    constexpr int64_t kCap = EffectChecker::kMaxDepthCells;
    int64_t h = 0, deepest = 0;
    uint64_t steps = 0;
    auto apply = [&](int64_t in, int64_t out) { h = std::min(kCap, std::max(h, in) - in + out); };
    for (size_t k = 0; k < toks_.size(); ++k) {
      const Token& t = toks_[k];
      if (t.kind == TokenKind::kNumber) {
        apply(0, 1);
      } else if (t.kind == TokenKind::kUserWord) {
        const WordEffect* e =
            undefined_[k] ? nullptr : resolver_->Lookup(cols_.Name(static_cast<uint32_t>(t.value)));
        if (e) apply(e->inputs, e->outputs);
      } else {
        const BuiltinInfo& b = Info(t.builtin());
        if (b.role >= Role::kIf && b.role <= Role::kExit && b.role != Role::kI &&
            b.role != Role::kJ)
          steps += static_cast<uint64_t>(h) + 2;
        apply(b.inputs, b.outputs);
      }
      deepest = std::max(deepest, h);
    }
    return steps + static_cast<uint64_t>(deepest) + 2;
  }

  bool Charge(size_t tokens) {
    const uint64_t cost = tokens + kFixCandidateOverheadSteps + control_steps_;
    if (steps_ + cost > options_.budget_steps) {
      truncated_ = true;
      return false;
    }
    steps_ += cost;
    ++candidates_;
    return true;
  }

  bool PassesTokens(std::span<const Token> cand, InferResult& r) {
    inf_.Infer(cand, cols_, resolver_, declared_ ? &self_ : nullptr, r);
    if (!r.ok) return false;
    return !declared_ || CheckEffect(r, self_) == EffectCheck::kOk;
  }

  bool PassesText(std::string_view text) {
    text_cols_.Clear();
    std::vector<Diagnostic> diags;
    if (!LexBody(text, text_cols_, diags)) return false;
    inf_.Infer(text_cols_.Body(0), text_cols_, resolver_, declared_ ? &self_ : nullptr, scratch_);
    if (!scratch_.ok) return false;
    return !declared_ || CheckEffect(scratch_, self_) == EffectCheck::kOk;
  }

  bool LexesTo(std::string_view text, std::span<const Token> cand) {
    text_cols_.Clear();
    std::vector<Diagnostic> diags;
    if (!LexBody(text, text_cols_, diags)) return false;
    std::span<const Token> got = text_cols_.Body(0);
    if (got.size() != cand.size()) return false;
    for (size_t i = 0; i < got.size(); ++i) {
      if (got[i].kind != cand[i].kind) return false;
      if (got[i].kind != TokenKind::kUserWord) {
        if (got[i].value != cand[i].value) return false;
      } else if (text_cols_.Name(static_cast<uint32_t>(got[i].value)) !=
                 cols_.Name(static_cast<uint32_t>(cand[i].value))) {
        return false;
      }
    }
    return true;
  }

  std::string_view body_;
  std::string trimmed_body_;
  const StackEffect* declared_;
  const WordResolver* resolver_;
  FixSearchOptions options_;
  WordEffect self_;
  TokenColumns cols_;
  std::span<const Token> toks_;
  std::vector<uint8_t> undefined_;
  size_t undefined_total_ = 0;
  uint64_t control_steps_ = 0;
  TokenColumns text_cols_;
  EffectChecker inf_;
  InferResult scratch_;
  std::vector<Fix> fixes_;
  uint64_t steps_ = 0;
  uint32_t candidates_ = 0;
  bool truncated_ = false;
};

}  // namespace

FixSearch SearchFixes(std::string_view body, const StackEffect* declared,
                      const WordResolver* resolver, const FixSearchOptions& options) {
  Search s(body, declared, resolver, options);
  InferResult original;
  if (!s.Start(original)) return {};
  const std::span<const Token> toks = s.tokens();
  const size_t n = toks.size();
  const size_t undef = s.undefined_total();
  std::vector<Span> spans;
  spans.reserve(n);
  for (const Token& t : toks) {
    size_t b = t.column - 1, e = b;
    while (e < body.size() && !IsSpace(body[e])) ++e;
    spans.push_back({b, e});
  }
  // `: name ... ;` given as the body: what lies between the name and `;`.
  if (n > 3 && toks[0].kind == TokenKind::kUserWord && toks[n - 1].kind == TokenKind::kUserWord &&
      s.undefined(0) && s.undefined(n - 1)) {
    const std::string_view first = body.substr(spans[0].begin, spans[0].end - spans[0].begin);
    const std::string_view last =
        body.substr(spans[n - 1].begin, spans[n - 1].end - spans[n - 1].begin);
    if (first == ":" && last == ";") {
      const size_t name_undef = s.undefined(1) ? 1 : 0;
      s.Offer(
          toks.subspan(2, n - 3), undef - 2 - name_undef, "STRIP_DEFINITION_009",
          [] { return std::string("keep only the words between the name and `;`"); },
          [&] {
            return std::string(body.substr(spans[2].begin, spans[n - 1].begin - spans[2].begin));
          });
    }
  }
  auto insert_at = [&](size_t tok,
                       std::string_view word) {  // before token `tok` (== size: at the end)
    size_t at = tok < spans.size() ? spans[tok].begin : body.size();
    return Join(Join(body.substr(0, at), word), body.substr(at));
  };
  auto remove = [&](size_t tok) {
    return Join(body.substr(0, spans[tok].begin), body.substr(spans[tok].end));
  };
  // Candidate tokens: the body with `word` appended (or prepended) `k` times.
  std::vector<Token> cand;
  auto with = [&](std::string_view word, size_t k, bool append) -> std::span<const Token> {
    cand.clear();
    if (append) cand.insert(cand.end(), toks.begin(), toks.end());
    cand.insert(cand.end(), k, WordToken(word));
    if (!append) cand.insert(cand.end(), toks.begin(), toks.end());
    return cand;
  };

  const Diagnostic* err = original.FirstError();
  const Code code = err ? err->code : Code::kDepthMismatch;
  const size_t want_in = declared ? declared->inputs.size() : 0;
  const size_t want_out = declared ? declared->outputs.size() : 0;
  const bool counted = original.ok && declared;
  const std::string b(body);
  auto plural = [](size_t k) { return k == 1 ? "" : "s"; };

  // FastForth's named repairs, cheapest first.
  if (counted && original.outputs.size() > want_out && original.inputs.size() == want_in) {
    size_t k = original.outputs.size() - want_out;
    s.Offer(
        with("drop", k, true), undef, "DROP_EXCESS_001",
        [&] { return fmt::format("drop the {} extra cell{} left on top", k, plural(k)); },
        [&] { return Join(b, Repeat("drop", k)); });
    s.Offer(
        with("nip", k, true), undef, "DROP_EXCESS_001",
        [&] { return fmt::format("drop the {} extra cell{} under the result", k, plural(k)); },
        [&] { return Join(b, Repeat("nip", k)); });
  }
  if (counted && original.inputs.size() < want_in) {
    size_t k = want_in - original.inputs.size();
    s.Offer(
        with("nip", k, false), undef, "ADD_INPUTS_002",
        [&] { return fmt::format("consume the {} unused deepest input{}", k, plural(k)); },
        [&] { return Join(Repeat("nip", k), b); });
    s.Offer(
        with("drop", k, false), undef, "ADD_INPUTS_002",
        [&] { return fmt::format("consume the {} unused top input{}", k, plural(k)); },
        [&] { return Join(Repeat("drop", k), b); });
  }
  auto close_with = [&](std::string_view id, std::string_view description, std::string_view word) {
    s.Offer(
        with(word, 1, true), undef, id, [&] { return std::string(description); },
        [&] { return Join(b, word); });
  };
  if (code == Code::kUnmatchedIf)
    close_with("ADD_THEN_003", "close the open `if` with `then`", "then");
  if (code == Code::kUnmatchedDo)
    close_with("ADD_LOOP_004", "close the open `do` with `loop`", "loop");
  if (code == Code::kUnmatchedBegin) {
    close_with("ADD_UNTIL_005", "close the open `begin` with `until`", "until");
    close_with("ADD_UNTIL_005", "close the open `begin … while` with `repeat`", "repeat");
  }
  for (size_t k = n; k-- > 0;) {
    if (!IsBinaryOp(toks[k])) continue;
    const std::string_view op = Info(toks[k].builtin()).name;
    for (std::string_view w : {std::string_view("swap"), std::string_view("over")}) {
      cand.assign(toks.begin(), toks.end());
      cand.insert(cand.begin() + static_cast<ptrdiff_t>(k), WordToken(w));
      s.Offer(
          cand, undef, w == "swap" ? "SWAP_BEFORE_OP_006" : "OVER_BEFORE_OP_007",
          [&] {
            return w == "swap" ? fmt::format("swap the operands of `{}`", op)
                               : fmt::format("copy the second operand with `over` before `{}`", op);
          },
          [&] { return insert_at(k, w); });
    }
    break;
  }
  // Single-token deletions, last token first (extra words are a common slip).
  // `cand` is the body without token k; moving to k - 1 changes one cell.
  if (n > 0 && !s.Done()) {
    cand.assign(toks.begin(), toks.end() - 1);
    for (size_t k = n; k-- > 0 && !s.Done();) {
      s.Offer(
          cand, undef - s.undefined(k), "REMOVE_WORD_008",
          [&] {
            std::string_view word = body.substr(spans[k].begin, spans[k].end - spans[k].begin);
            return fmt::format("remove `{}` (word {})", word, k + 1);
          },
          [&] { return remove(k); });
      if (k > 0) cand[k - 1] = toks[k];
    }
  }
  // Single-word insertions at every position, end first. `cand` is the body
  // with a word at k; moving to k - 1 changes two cells.
  static constexpr std::string_view kPalette[] = {"drop", "dup",  "swap", "over",
                                                  "nip",  "then", "loop", "until"};
  Token palette[std::size(kPalette)];
  for (size_t i = 0; i < std::size(kPalette); ++i) palette[i] = WordToken(kPalette[i]);
  cand.assign(toks.begin(), toks.end());
  cand.push_back(palette[0]);
  for (size_t k = n + 1; k-- > 0 && !s.Done();) {
    for (size_t i = 0; i < std::size(kPalette) && !s.Done(); ++i) {
      cand[k] = palette[i];
      s.Offer(
          cand, undef, "INSERT_WORD_009",
          [&] {
            std::string where = k == n ? "at the end" : fmt::format("before word {}", k + 1);
            return fmt::format("insert `{}` {}", kPalette[i], where);
          },
          [&] { return insert_at(k, kPalette[i]); });
    }
    if (k > 0) cand[k] = toks[k - 1];
  }
  return s.Take();
}

std::vector<Fix> SuggestFixes(std::string_view body, const StackEffect* declared,
                              const WordResolver* resolver, size_t max_fixes) {
  FixSearchOptions options;
  options.max_fixes = max_fixes;
  return SearchFixes(body, declared, resolver, options).fixes;
}

std::string FixSearchTruncatedMessage(const FixSearch& search) {
  return fmt::format(
      "fix search stopped at its work budget after {} candidates ({} token-steps); the fixes "
      "listed are those "
      "found before it, more may exist",
      search.candidates, search.steps);
}

}  // namespace ffb
