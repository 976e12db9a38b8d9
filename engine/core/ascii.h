// ASCII case folding, the one copy: Forth names, pattern ids and keywords are
// case-insensitive in ASCII only (names are validated to ASCII characters).
//
//   LowerName("Square") == "square";  EqualsIgnoreCase("DUP", "dup")
#pragma once

#include <string>
#include <string_view>

namespace ffb {

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

inline std::string LowerName(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace ffb
