// Exact cell arithmetic of the ffbatch Forth dialect (DESIGN.md §5), used by
// ffgen to compute expected test outputs: 64-bit two's-complement cells that
// wrap, flags -1/0, floored division. Signed overflow is never done in C++
// arithmetic (it is UB); everything wraps through uint64_t.
#pragma once

#include <cstdint>

namespace ffgen::cell {

inline int64_t Add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t Sub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b));
}
inline int64_t Mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline int64_t Neg(int64_t a) { return Sub(0, a); }
inline int64_t Abs(int64_t a) { return a < 0 ? Neg(a) : a; }
inline int64_t Flag(bool b) { return b ? -1 : 0; }
inline int64_t Lshift(int64_t a, unsigned n) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) << n);
}
inline int64_t Rshift(int64_t a, unsigned n) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) >> n);
}
inline int64_t TwoSlash(int64_t a) { return a >> 1; }  // arithmetic in C++20
// Forth WITHIN: lo <= n < hi on the circle of cells.
inline bool Within(int64_t n, int64_t lo, int64_t hi) {
  return static_cast<uint64_t>(Sub(n, lo)) < static_cast<uint64_t>(Sub(hi, lo));
}
// Callers guarantee b != 0 and not (a == INT64_MIN and b == -1).
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) --q;
  return q;
}
inline int64_t FloorMod(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}
// */ with the double-cell intermediate product, floored; the quotient must
// fit a cell (callers bound the inputs).
inline int64_t StarSlash(int64_t a, int64_t b, int64_t c) {
  __int128 p = static_cast<__int128>(a) * b;
  __int128 q = p / c;
  if (p % c != 0 && ((p < 0) != (c < 0))) --q;
  return static_cast<int64_t>(q);
}

}  // namespace ffgen::cell
