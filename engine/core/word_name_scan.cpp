#include "engine/core/word_name_scan.h"

namespace ffb {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

}  // namespace

std::optional<std::string_view> ScanWordName(std::string_view line) {
  int depth = 0;  // objects and arrays open around the current byte
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth <= 0) return std::nullopt;  // the top-level object ended
    } else if (c == '"') {
      size_t begin = i + 1, end = begin;
      bool escaped = false;
      while (end < line.size() && line[end] != '"') {
        if (line[end] == '\\') {
          escaped = true;
          ++end;
        }
        ++end;
      }
      if (end >= line.size()) return std::nullopt;  // unterminated string
      i = end;
      if (depth != 1 || escaped || line.substr(begin, end - begin) != "word") continue;
      size_t colon = SkipSpace(line, end + 1);
      if (colon >= line.size() || line[colon] != ':') continue;  // a value, not a key
      size_t q = SkipSpace(line, colon + 1);
      if (q >= line.size() || line[q] != '"') return std::nullopt;  // not a string
      size_t close = line.find_first_of("\"\\", q + 1);
      if (close == std::string_view::npos || line[close] != '"') return std::nullopt;
      return line.substr(q + 1, close - q - 1);
    }
  }
  return std::nullopt;
}

}  // namespace ffb
