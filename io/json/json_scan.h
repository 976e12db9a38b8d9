// Scanning helpers for JSON read with simdjson On Demand, shared by the spec
// parser and the pattern reader: duplicate-key sets, key lookup in a fixed
// list, type names for messages, and the escape-free fast path for strings.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ffb {

// Keys of one JSON object seen so far, for duplicate detection. Known keys
// use bits; unknown keys (rare) are compared by value.
struct KeySet {
  uint32_t bits = 0;
  std::vector<std::string> others;
  bool AddBit(int bit) {
    uint32_t m = 1u << bit;
    if (bits & m) return false;
    bits |= m;
    return true;
  }
  bool AddOther(std::string_view key) {
    for (const auto& k : others) {
      if (k == key) return false;
    }
    others.emplace_back(key);
    return true;
  }
};

// Equality of two n-byte strings by (overlapping) word loads: every key of
// every object is matched this way, and a memcmp call per key showed up in
// profiles. Reads only the n bytes of each. Inline for that reason.
inline bool SameBytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load4 = [](const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  };
  if (n >= 8) {
    if (n > 16 && std::memcmp(a, b, n - 8) != 0) return false;
    return (n > 16 || load8(a) == load8(b)) && load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Index of `key` in `names`, or -1.
inline int KeyIndex(std::string_view key, std::initializer_list<std::string_view> names) {
  int i = 0;
  for (auto n : names) {
    if (n.size() == key.size() && SameBytes(n.data(), key.data(), n.size())) return i;
    ++i;
  }
  return -1;
}

// "an array", "a number", ...: the found type in "expected X, found Y".
std::string_view JsonTypeName(simdjson::ondemand::json_type t);

// Offset just past the top-level object's closing brace, skipping trailing
// blanks, or 0 when the line does not start with a complete object. Only
// called on the error path.
size_t ObjectEnd(std::string_view line);

// The text of a string starting at `p` (just past its opening quote) when
// it holds no escapes, so the bytes are the value as they stand; false when
// a backslash comes first. The closing quote is there: simdjson's stage 1
// has already rejected unclosed strings (and control characters).
// Scans eight bytes at a time (SWAR) while they lie before `limit`.
inline bool UnescapedText(const char* p, const char* limit, std::string_view& out) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const char* q = p;
  while (limit - q >= 8) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    uint64_t quote = w ^ (kOnes * '"');
    uint64_t slash = w ^ (kOnes * '\\');
    // High bit set in the lowest byte that is zero in either (borrows can
    // only mark bytes above a true match, so the lowest mark is exact).
    uint64_t hit = ((quote - kOnes) & ~quote & kHigh) | ((slash - kOnes) & ~slash & kHigh);
    if (hit != 0) {
      q += __builtin_ctzll(hit) / 8;
      break;
    }
    q += 8;
  }
  for (; q < limit; ++q) {
    if (*q == '"') {
      out = {p, static_cast<size_t>(q - p)};
      return true;
    }
    if (*q == '\\') return false;
  }
  return false;
}

// Calls on_line(line_no, line) for every non-blank line of small JSON Lines
// text held in memory (pattern and keyword files): line numbers count from
// 1 and include blank lines, a trailing CR is dropped. Spec corpora go
// through io/input/line_reader instead (chunks, BOMs, overlong lines).
template <typename F>
void ForEachTextLine(std::string_view text, F&& on_line) {
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    on_line(line_no, line);
  }
}

}  // namespace ffb
