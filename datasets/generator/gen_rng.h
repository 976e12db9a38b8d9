// Deterministic randomness for ffgen. std::*_distribution output differs
// across standard libraries, so every draw goes through these few functions:
// the same seed gives the same corpus on any platform.
//
//   ffgen::SplitMix64 rng{seed};
//   int64_t v = rng.Range(-10, 10);
#pragma once

#include <cstddef>
#include <cstdint>

namespace ffgen {

// Stateless 64-bit finaliser (splitmix64's output function); used to place
// bad lines independently of the content stream.
constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct SplitMix64 {
  uint64_t state;

  uint64_t Next() { return Mix64(state += 0x9E3779B97F4A7C15ull); }

  // Uniform in [0, n) by multiply-high (Lemire, without rejection: the bias
  // is below 2^-40 for every n used here and the output stays portable).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }

  // Uniform in [lo, hi]; hi - lo must be below 2^63.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }

  bool Percent(uint32_t p) { return Below(100) < p; }

  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
};

}  // namespace ffgen
