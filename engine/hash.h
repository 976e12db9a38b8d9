// Content hash of a spec line for provenance: 64-bit FNV-1a. Not for
// security; chosen because it is tiny, stable across platforms and builds,
// and fast enough next to JSON parsing.
#pragma once

#include <cstdint>
#include <string_view>

namespace ffb {

inline uint64_t HashBytes(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace ffb
