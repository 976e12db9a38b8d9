#include "engine/forth/lexer.h"

#include <fmt/format.h>

#include <string>

namespace ffb {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Digits in `base`, optional leading '-'; wraps modulo 2^64 like a cell but
// rejects magnitudes above 2^64-1.
std::optional<int64_t> ParseDigits(std::string_view s, int base) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    int d = DigitValue(c);
    if (d >= base) return std::nullopt;
    unsigned __int128 next = static_cast<unsigned __int128>(v) * base + d;
    if (next > UINT64_MAX) return std::nullopt;
    v = static_cast<uint64_t>(next);
  }
  return static_cast<int64_t>(negative ? 0 - v : v);
}

bool AllDecimal(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<int64_t> ParseNumber(std::string_view w, bool* malformed) {
  *malformed = false;
  if (w.empty()) return std::nullopt;
  if (w.size() > 1 && w[0] == '-' && (w[1] == '$' || w[1] == '#' || w[1] == '%')) {
    auto v = ParseNumber(w.substr(1), malformed);
    if (v) return static_cast<int64_t>(0 - static_cast<uint64_t>(*v));
    *malformed = true;
    return v;
  }
  int base = 0;
  switch (w[0]) {
    case '$':
      base = 16;
      break;
    case '#':
      base = 10;
      break;
    case '%':
      base = 2;
      break;
    case '\'':
      if (w.size() == 3 && w[2] == '\'') return static_cast<unsigned char>(w[1]);
      *malformed = true;
      return std::nullopt;
    default:
      break;
  }
  if (base != 0) {
    auto v = ParseDigits(w.substr(1), base);
    if (!v) *malformed = true;
    return v;
  }
  if (!AllDecimal(w)) return std::nullopt;
  auto v = ParseDigits(w, 10);
  if (!v) *malformed = true;  // out of range
  return v;
}

bool LexBody(std::string_view body, TokenColumns& out, std::vector<Diagnostic>& diags) {
  auto fail = [&](Code code, size_t at, std::string message) {
    uint32_t token = static_cast<uint32_t>(out.tokens().size() - out.begin().back());
    out.DiscardOpenBody();
    out.EndBody();
    diags.push_back({code, token, static_cast<uint32_t>(at + 1), std::move(message)});
    return false;
  };
  std::string lower;
  size_t i = 0;
  const size_t n = body.size();
  while (true) {
    while (i < n && IsSpace(body[i])) ++i;
    if (i >= n) break;
    size_t start = i;
    while (i < n && !IsSpace(body[i])) ++i;
    std::string_view w = body.substr(start, i - start);
    if (w == "(") {
      size_t close = body.find(')', i);
      if (close == std::string_view::npos)
        return fail(Code::kUnterminatedComment, start, "comment `(` is not closed by `)`");
      i = close + 1;
      continue;
    }
    if (w == "\\") {
      size_t nl = body.find('\n', i);
      i = nl == std::string_view::npos ? n : nl + 1;
      continue;
    }
    for (size_t k = 0; k < w.size(); ++k) {
      unsigned char c = static_cast<unsigned char>(w[k]);
      if (c < 0x21 || c >= 0x7f)
        return fail(Code::kUnexpectedToken, start + k,
                    fmt::format("unexpected byte 0x{:02x} in `{}`", c, w));
    }
    if (w == ")") return fail(Code::kUnexpectedToken, start, "`)` without an opening `(`");
    uint32_t column = static_cast<uint32_t>(start + 1);
    bool malformed = false;
    if (auto v = ParseNumber(w, &malformed)) {
      out.Push({TokenKind::kNumber, column, *v});
      continue;
    }
    if (malformed)
      return fail(Code::kInvalidNumber, start, fmt::format("`{}` is not a valid number", w));
    if (auto b = LookupBuiltin(w)) {
      out.Push({TokenKind::kBuiltin, column, static_cast<int64_t>(*b)});
      continue;
    }
    lower.assign(w);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    out.Push({TokenKind::kUserWord, column, static_cast<int64_t>(out.Intern(lower))});
  }
  out.EndBody();
  return true;
}

}  // namespace ffb
