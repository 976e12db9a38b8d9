// Format checks for metadata strings: semantic versions (semver.org 2.0.0)
// and RFC 3339 timestamps. On failure they return the 0-based offset of the
// first offending byte, for the error's column.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ffb {

// nullopt when valid; otherwise where it goes wrong.
std::optional<size_t> CheckSemver(std::string_view s);
std::optional<size_t> CheckRfc3339(std::string_view s);

}  // namespace ffb
