#include "engine/resolve/template_expand.h"

#include <fmt/format.h>

#include "engine/forth/lexer.h"

namespace ffb {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string DeclaredList(const Pattern& p) {
  if (p.variables.empty()) return "it declares none";
  std::string s = "declared:";
  for (const auto& v : p.variables) s += " " + v.name;
  return s;
}

void AppendWords(std::string& out, std::string_view text) {
  std::vector<ForthWord> words;
  SplitForthWords(text, words);  // already lexed cleanly, so comments are closed
  for (const ForthWord& w : words) {
    if (!out.empty()) out += ' ';
    out.append(w.text);
  }
}

}  // namespace

bool SplitForthWords(std::string_view text, std::vector<ForthWord>& out) {
  size_t i = 0;
  const size_t n = text.size();
  while (true) {
    while (i < n && IsSpace(text[i])) ++i;
    if (i >= n) return true;
    size_t start = i;
    while (i < n && !IsSpace(text[i])) ++i;
    std::string_view w = text.substr(start, i - start);
    if (w == "(") {
      size_t close = text.find(')', i);
      if (close == std::string_view::npos) return false;
      i = close + 1;
      continue;
    }
    if (w == "\\") {
      size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? n : nl + 1;
      continue;
    }
    out.push_back({w, static_cast<uint32_t>(start)});
  }
}

std::optional<std::string> ExpandTemplateText(const Pattern& p,
                                              std::span<const TemplateParam> params,
                                              std::string_view word, std::vector<Diagnostic>& diags,
                                              NameMode name_mode) {
  auto fail = [&](Code code, uint32_t column, std::string message) -> std::optional<std::string> {
    diags.push_back({code, 0, column, std::move(message)});
    return std::nullopt;
  };
  // Every param names a declared variable, once, with a value that lexes.
  std::vector<std::string_view> values(p.variables.size());
  std::vector<bool> given(p.variables.size(), false);
  TokenColumns scratch;
  std::vector<Diagnostic> lex;
  for (const auto& [key, value] : params) {
    int v = p.FindVariable(key);
    if (v < 0)
      return fail(Code::kTemplateVariable, 0,
                  fmt::format("implementation.params.{}: pattern {} has no variable `{}` ({})", key,
                              p.id, key, DeclaredList(p)));
    if (given[v])
      return fail(Code::kTemplateVariable, 0,
                  fmt::format("implementation.params.{}: given twice", key));
    lex.clear();
    if (!LexBody(value, scratch, lex)) {
      const Diagnostic& d = lex.back();
      return fail(d.code, d.column, fmt::format("implementation.params.{}: {}", key, d.message));
    }
    if (scratch.Body(scratch.body_count() - 1).empty())
      return fail(Code::kTemplateVariable, 0,
                  fmt::format("implementation.params.{}: the value has no Forth words", key));
    given[v] = true;
    values[v] = value;
  }
  for (size_t v = 0; v < p.variables.size(); ++v) {
    if (given[v]) continue;
    if (!p.variables[v].default_value)
      return fail(
          Code::kTemplateVariable, 0,
          fmt::format("pattern {} needs a value for variable `{}`: add implementation.params.{}",
                      p.id, p.variables[v].name, p.variables[v].name));
    values[v] = *p.variables[v].default_value;
  }
  std::string body;
  body.reserve(p.template_text.size() + 16);
  for (const TemplateWord& w : p.words) {
    if (w.variable == TemplateWord::kLiteral) {
      if (!body.empty()) body += ' ';
      body += w.text;
    } else if (w.variable == TemplateWord::kName) {
      if (name_mode == NameMode::kWord && word.empty())
        return fail(Code::kTemplateVariable, w.column,
                    fmt::format("pattern {} uses NAME but the word has no name", p.id));
      if (!body.empty()) body += ' ';
      body += name_mode == NameMode::kRecurse ? std::string_view("recurse") : word;
    } else {
      AppendWords(body, values[static_cast<size_t>(w.variable)]);
    }
  }
  return body;
}

std::optional<ExpandedBody> ExpandTemplate(const Pattern& p, std::span<const TemplateParam> params,
                                           std::string_view word, std::vector<Diagnostic>& diags,
                                           NameMode name_mode) {
  std::optional<std::string> text = ExpandTemplateText(p, params, word, diags, name_mode);
  if (!text) return std::nullopt;
  ExpandedBody out;
  out.text = std::move(*text);
  if (!LexBody(out.text, out.tokens, diags)) return std::nullopt;  // only a NAME that is not a word
  return out;
}

}  // namespace ffb
