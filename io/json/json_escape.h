// Writing JSON by hand on the hot path: string escaping (RFC 8259) and
// base64 for raw lines that are not valid UTF-8.
//
//   std::string out; AppendJsonString(out, "a \"b\"");  // "a \"b\""
#pragma once

#include <string>
#include <string_view>

namespace ffb {

// Appends s as a quoted JSON string: control bytes, quote and backslash are
// escaped, valid UTF-8 is copied, and each byte that is not part of a valid
// UTF-8 sequence becomes U+FFFD, so the output is always valid UTF-8 JSON
// whatever s holds (ASCII stays on the fast path).
void AppendJsonString(std::string& out, std::string_view s);
// The same, as a new string (for code off the hot path).
std::string JsonQuoted(std::string_view s);
// Appends the standard (RFC 4648, padded) base64 of bytes, unquoted.
void AppendBase64(std::string& out, std::string_view bytes);

}  // namespace ffb
