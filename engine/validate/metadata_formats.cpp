#include "engine/validate/metadata_formats.h"

#include <cctype>

namespace ffb {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// A numeric semver part: digits, no leading zero unless it is "0".
std::optional<size_t> NumericPart(std::string_view s, size_t& i) {
  size_t start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i == start) return start;
  if (s[start] == '0' && i - start > 1) return start;
  return std::nullopt;
}

// Dot-separated identifiers; numeric ones (prerelease only) without leading 0.
std::optional<size_t> Identifiers(std::string_view s, size_t& i, bool numeric_rule) {
  for (;;) {
    size_t start = i;
    bool all_digits = true;
    while (i < s.size() && IsIdentChar(s[i])) {
      all_digits = all_digits && IsDigit(s[i]);
      ++i;
    }
    if (i == start) return start;
    if (numeric_rule && all_digits && s[start] == '0' && i - start > 1) return start;
    if (i < s.size() && s[i] == '.') {
      ++i;
      continue;
    }
    return std::nullopt;
  }
}

bool Digits(std::string_view s, size_t i, size_t n) {
  if (i + n > s.size()) return false;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(s[i + k])) return false;
  }
  return true;
}
int Num(std::string_view s, size_t i, size_t n) {
  int v = 0;
  for (size_t k = 0; k < n; ++k) v = v * 10 + (s[i + k] - '0');
  return v;
}

}  // namespace

std::optional<size_t> CheckSemver(std::string_view s) {
  size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    if (auto bad = NumericPart(s, i)) return bad;
    if (part < 2) {
      if (i >= s.size() || s[i] != '.') return i;
      ++i;
    }
  }
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (auto bad = Identifiers(s, i, true)) return bad;
  }
  if (i < s.size() && s[i] == '+') {
    ++i;
    if (auto bad = Identifiers(s, i, false)) return bad;
  }
  if (i != s.size()) return i;
  return std::nullopt;
}

// date-time = full-date "T" partial-time time-offset (RFC 3339 §5.6 ABNF);
// T and Z may be lower case. The NOTE allowing a space for T is an
// application option we do not take: the ABNF is what tools parse.
std::optional<size_t> CheckRfc3339(std::string_view s) {
  if (!Digits(s, 0, 4)) return 0;
  if (s.size() < 5 || s[4] != '-') return 4;
  if (!Digits(s, 5, 2)) return 5;
  int month = Num(s, 5, 2);
  if (month < 1 || month > 12) return 5;
  if (s.size() < 8 || s[7] != '-') return 7;
  if (!Digits(s, 8, 2)) return 8;
  int day = Num(s, 8, 2);
  int year = Num(s, 0, 4);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > max_day) return 8;
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't')) return 10;
  if (!Digits(s, 11, 2) || Num(s, 11, 2) > 23) return 11;
  if (s.size() < 14 || s[13] != ':') return 13;
  if (!Digits(s, 14, 2) || Num(s, 14, 2) > 59) return 14;
  if (s.size() < 17 || s[16] != ':') return 16;
  if (!Digits(s, 17, 2) || Num(s, 17, 2) > 60) return 17;  // 60: leap second
  size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return start;
  }
  if (i >= s.size()) return i;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    if (!Digits(s, i + 1, 2) || Num(s, i + 1, 2) > 23) return i + 1;
    if (i + 3 >= s.size() || s[i + 3] != ':') return i + 3;
    if (!Digits(s, i + 4, 2) || Num(s, i + 4, 2) > 59) return i + 4;
    i += 6;
  } else {
    return i;
  }
  if (i != s.size()) return i;
  return std::nullopt;
}

}  // namespace ffb
