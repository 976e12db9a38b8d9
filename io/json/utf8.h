// UTF-8 helpers for ingest: where a line stops being valid UTF-8 (for a
// precise error column and to choose raw vs raw_b64 in rejects), and whether
// a string is exactly one code point (a `char` test value).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ffb {

// Index of the first byte that is not part of valid UTF-8, or s.size().
size_t FirstInvalidUtf8(std::string_view s);
// Length of the valid UTF-8 sequence that starts at s[i], or 0 when the
// bytes there are not one (i < s.size()).
size_t Utf8SequenceLength(std::string_view s, size_t i);
// The code point if s is exactly one valid UTF-8 code point, else -1.
int32_t SingleCodePoint(std::string_view s);

}  // namespace ffb
