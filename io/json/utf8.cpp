#include "io/json/utf8.h"

#include <simdjson.h>

namespace ffb {

namespace {

// Decodes one code point at s[i]; returns its length or 0 when invalid
// (overlong forms, surrogates and values above U+10FFFF are invalid).
size_t DecodeOne(std::string_view s, size_t i, int32_t& cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  size_t left = s.size() - i;
  unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  size_t n;
  int32_t min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (left < n) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  int32_t cp;
  return DecodeOne(s, i, cp);
}

size_t FirstInvalidUtf8(std::string_view s) {
  if (simdjson::validate_utf8(s.data(), s.size())) return s.size();
  size_t i = 0;
  int32_t cp;
  while (i < s.size()) {
    size_t n = DecodeOne(s, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return s.size();
}

int32_t SingleCodePoint(std::string_view s) {
  if (s.empty()) return -1;
  int32_t cp;
  size_t n = DecodeOne(s, 0, cp);
  return (n != 0 && n == s.size()) ? cp : -1;
}

}  // namespace ffb
