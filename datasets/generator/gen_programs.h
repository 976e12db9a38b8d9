// What a generated word means: its family, variant and constants, and an
// evaluator computing the outputs with the dialect's exact semantics
// (gen_forth_math.h). gen_families.h builds spec text from the same programs.
//
//   int n = Eval(prog, inputs, outputs);
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "gen_forth_math.h"
#include "gen_rng.h"

namespace ffgen {

enum class Family : uint8_t {
  kAffine,     // n -- n*k1+k2 and friends
  kPoly,       // small polynomials via dup
  kCond,       // if/else/then
  kBinop,      // two-input arithmetic
  kDivmod,     // floored / mod /mod */
  kCompare,    // flag outputs
  kDoLoop,     // ?do ... loop / +loop, nested with j
  kUntil,      // begin ... until / while ... repeat
  kRecursion,  // recurse, small depth
  kCall,       // calls words of earlier lines
  kChar,       // char slots
  kUint,       // unsigned bit patterns up to 2^64-1
  kStack,      // pure stack shuffles over `any`
  kRStack,     // >r r>
  kCount
};

constexpr std::array<std::string_view, static_cast<size_t>(Family::kCount)> kFamilyNames = {
    "affine", "poly",  "cond", "binop", "divmod", "cmp",   "doloop",
    "until",  "recur", "call", "char",  "uint",   "stack", "rstack"};

inline std::string_view FamilyName(Family f) { return kFamilyNames[static_cast<size_t>(f)]; }

// A word's meaning: family, variant and constants. Enough to evaluate it.
struct BaseProg {
  Family fam = Family::kAffine;
  uint8_t var = 0;
  int64_t k1 = 0, k2 = 0, k3 = 0;
};

// kCall words also carry their callees' programs by value, so evaluating
// them never depends on state that may since have been overwritten.
struct Prog : BaseProg {
  BaseProg callee[2];
};

// Words later lines may call: unary int -> int, O(1), defined on a good line.
struct Callable {
  BaseProg prog;
  uint64_t line = 0;
};

class CallableRing {
 public:
  static constexpr size_t kSize = 64;
  void Add(const Callable& c) {
    items_[next_] = c;
    next_ = (next_ + 1) % kSize;
    if (count_ < kSize) ++count_;
  }
  size_t count() const { return count_; }
  const Callable& Pick(SplitMix64& rng) const { return items_[rng.Below(count_)]; }

 private:
  std::array<Callable, kSize> items_{};
  size_t next_ = 0, count_ = 0;
};

inline void AppendWordName(std::string& out, uint64_t line, Family f) {
  fmt::format_to(std::back_inserter(out), "w-{}-{}", line, FamilyName(f));
}

// ---- evaluation ----------------------------------------------------------

inline bool IsCallable(const BaseProg& p) {
  return p.fam == Family::kAffine || p.fam == Family::kPoly ||
         (p.fam == Family::kCond && p.var <= 3);
}

inline int64_t EvalUnary(const BaseProg& p, int64_t n) {
  using namespace cell;
  switch (p.fam) {
    case Family::kAffine:
      switch (p.var) {
        case 0:
          return Add(Mul(n, p.k1), p.k2);
        case 1:
          return Mul(Add(n, p.k1), p.k2);
        default:
          return Sub(p.k1, n);
      }
    case Family::kPoly:
      switch (p.var) {
        case 0:
          return Add(Mul(n, n), p.k1);
        case 1:
          return Mul(n, Add(n, p.k1));
        case 2:
          return Sub(Mul(Mul(n, n), n), p.k1);
        default:
          return Mul(Mul(n, n), Mul(n, n));
      }
    case Family::kCond:
      switch (p.var) {
        case 0:
          return Add(Abs(n), p.k1);
        case 1:
          return n > p.k1 ? Mul(n, p.k2) : Add(n, p.k3);
        case 2:
          return p.k1 < n ? Mul(n, 2) : n;
        default:
          return Within(n, p.k1, p.k2) ? p.k3 : n;
      }
    default:
      return 0;  // not callable; IsCallable guards every use
  }
}

// Returns the number of outputs written.
inline int Eval(const Prog& p, const int64_t* in, int64_t* out) {
  using namespace cell;
  const int64_t a = in[0], b = in[1], c = in[2], d = in[3];
  switch (p.fam) {
    case Family::kAffine:
    case Family::kPoly:
      out[0] = EvalUnary(p, a);
      return 1;
    case Family::kCond:
      switch (p.var) {
        case 4:
          out[0] = a < b ? Sub(b, a) : Sub(a, b);
          return 1;
        case 5:
          out[0] = Add(a > b ? a : b, p.k1);
          return 1;
        case 6:
          out[0] = b ? Mul(a, p.k1) : a;
          return 1;
        case 7:
          out[0] = a < 0 ? Add(a, b) : Sub(a, b);
          return 1;
        default:
          out[0] = EvalUnary(p, a);
          return 1;
      }
    case Family::kBinop:
      switch (p.var) {
        case 0:
          out[0] = Mul(Add(a, b), p.k1);
          return 1;
        case 1:
          out[0] = Abs(Sub(a, b));
          return 1;
        case 2:
          out[0] = Add(a, Mul(a, b));
          return 1;
        case 3:
          out[0] = Add(Add(a, b), Mul(a, b));
          return 1;
        case 4:
          out[0] = Sub(a > b ? a : b, p.k1);
          return 1;
        case 5:
          out[0] = Add(a < b ? a : b, p.k1);
          return 1;
        case 6:
          out[0] = Mul(Sub(b, a), p.k1);
          return 1;
        case 7:
          out[0] = (a ^ b) & p.k1;
          return 1;
        default:
          out[0] = Sub(Add(a, b), Mul(a, b));
          return 1;
      }
    case Family::kDivmod:
      switch (p.var) {
        case 0:
          out[0] = FloorDiv(a, b);
          return 1;
        case 1:
          out[0] = FloorMod(a, b);
          return 1;
        case 2:
          out[0] = FloorMod(a, b);
          out[1] = FloorDiv(a, b);
          return 2;
        case 3:
          out[0] = FloorDiv(a, p.k1);
          return 1;
        case 4:
          out[0] = FloorMod(a, p.k1);
          return 1;
        default:
          out[0] = StarSlash(a, b, c);
          return 1;
      }
    case Family::kCompare:
      switch (p.var) {
        case 0:
          out[0] = Flag(a < b);
          return 1;
        case 1:
          out[0] = Flag(a > b);
          return 1;
        case 2:
          out[0] = Flag(a == b);
          return 1;
        case 3:
          out[0] = Flag(a != b);
          return 1;
        case 4:
          out[0] = Flag(a <= b);
          return 1;
        case 5:
          out[0] = Flag(a >= b);
          return 1;
        case 6:
          out[0] = Flag(static_cast<uint64_t>(a) < static_cast<uint64_t>(b));
          return 1;
        case 7:
          out[0] = Flag(static_cast<uint64_t>(a) > static_cast<uint64_t>(b));
          return 1;
        case 8:
          out[0] = Flag(a < p.k1);
          return 1;
        case 9:
          out[0] = Flag(a < 0);
          return 1;
        case 10:
          out[0] = Flag(a == 0);
          return 1;
        case 11:
          out[0] = Flag(Within(a, p.k1, p.k2));
          return 1;
        default:
          out[0] = Flag(a > 0) & Flag(a < p.k1);
          return 1;
      }
    case Family::kDoLoop: {
      int64_t s = 0;
      switch (p.var) {
        case 0:
          for (int64_t i = 0; i < a; ++i) s = Add(s, Mul(i, p.k1));
          break;
        case 1:
          for (int64_t i = 0; i < a; ++i) s = Add(s, Add(i, p.k1));
          break;
        case 2:
          s = 1;
          for (int64_t i = 0; i < a; ++i) s = Mul(s, p.k1);
          break;
        case 3:
          for (int64_t i = 0; i < a; i += p.k1) s = Add(s, i);
          break;
        case 4:
          for (int64_t i = 1; i <= a; ++i) s = Add(s, Mul(i, i));
          break;
        default:
          for (int64_t j = 0; j < a; ++j)
            for (int64_t i = 0; i < a; ++i) s = Add(s, Add(i, j));
          break;
      }
      out[0] = s;
      return 1;
    }
    case Family::kUntil: {
      int64_t n = a, s = 0;
      switch (p.var) {
        case 0:
          do {
            s += FloorMod(n, p.k1);
            n = FloorDiv(n, p.k1);
          } while (n != 0);
          break;
        case 1:
          do {
            n = TwoSlash(n);
            ++s;
          } while (n != 0);
          break;
        case 2:
          while (n > 1) {
            n = TwoSlash(n);
            ++s;
          }
          break;
        case 3: {
          int64_t x = n, y = p.k1;
          while (y != 0) {
            int64_t t = FloorMod(x, y);
            x = y;
            y = t;
          }
          s = x;
          break;
        }
        default:
          s = 1;
          while (n > s) s = Mul(s, 2);
          break;
      }
      out[0] = s;
      return 1;
    }
    case Family::kRecursion: {
      int64_t n = a, s = 0;
      switch (p.var) {
        case 0:
          while (n > 0) {
            s = Add(s, n);
            n -= p.k1;
          }
          s = Add(s, n);
          break;
        case 1:
          while (!(n < p.k1)) {
            s = Add(s, n);
            --n;
          }
          s = Add(s, p.k2);
          break;
        case 2:
          s = 1;
          for (int64_t i = 2; i <= n; ++i) s = Mul(s, i);
          break;
        case 3: {
          int64_t x = 0, y = 1;
          for (int64_t i = 0; i < n; ++i) {
            int64_t t = Add(x, y);
            x = y;
            y = t;
          }
          s = x;
          break;
        }
        default: {
          int64_t x = a, y = b;
          while (y != 0) {
            int64_t t = FloorMod(x, y);
            x = y;
            y = t;
          }
          s = x;
          break;
        }
      }
      out[0] = s;
      return 1;
    }
    case Family::kCall: {
      int64_t pn = EvalUnary(p.callee[0], a);
      switch (p.var) {
        case 0:
          out[0] = Add(pn, p.k1);
          return 1;
        case 1:
          out[0] = EvalUnary(p.callee[1], pn);
          return 1;
        case 2:
          out[0] = Add(pn, EvalUnary(p.callee[1], a));
          return 1;
        default:
          out[0] = Flag(pn > p.k1);
          return 1;
      }
    }
    case Family::kChar:
      switch (p.var) {
        case 0:
          out[0] = Within(a, 65, 91) ? a + 32 : a;
          return 1;
        case 1:
          out[0] = Flag(Within(a, 97, 123)) | Flag(Within(a, 65, 91));
          return 1;
        case 2:
          out[0] = a - 48;
          return 1;
        default:
          out[0] = Flag(a == p.k1);
          return 1;
      }
    case Family::kUint:
      switch (p.var) {
        case 0:
          out[0] = a & p.k1;
          return 1;
        case 1:
          out[0] = Rshift(a, static_cast<unsigned>(p.k1));
          return 1;
        case 2:
          out[0] = Lshift(a, static_cast<unsigned>(p.k1));
          return 1;
        case 3:
          out[0] = ~a;
          return 1;
        case 4:
          out[0] = a ^ p.k1;
          return 1;
        case 5:
          out[0] = a ^ Rshift(a, static_cast<unsigned>(p.k1));
          return 1;
        default:
          out[0] = a ^ Lshift(a, static_cast<unsigned>(p.k1));
          return 1;
      }
    case Family::kStack:
      switch (p.var) {
        case 0:
          out[0] = b;
          out[1] = c;
          out[2] = a;
          return 3;  // rot
        case 1:
          out[0] = c;
          out[1] = a;
          out[2] = b;
          return 3;  // -rot
        case 2:
          out[0] = b;
          out[1] = a;
          out[2] = b;
          return 3;  // tuck
        case 3:
          out[0] = a;
          out[1] = b;
          out[2] = a;
          out[3] = b;
          return 4;  // 2dup
        case 4:
          out[0] = b;
          return 1;  // nip
        case 5:
          out[0] = a;
          out[1] = b;
          out[2] = c;
          out[3] = a;
          return 4;  // 2 pick
        case 6:
          out[0] = a;
          out[1] = b;
          out[2] = c;
          out[3] = d;
          out[4] = a;
          out[5] = b;
          return 6;  // 2over
        case 7:
          out[0] = b;
          out[1] = c;
          out[2] = d;
          out[3] = a;
          return 4;  // 3 roll
        case 8:
          out[0] = c;
          out[1] = b;
          out[2] = a;
          return 3;  // swap rot
        default:
          out[0] = a;
          out[1] = b;
          out[2] = a;
          return 3;  // over
      }
    case Family::kRStack:
      switch (p.var) {
        case 0:
          out[0] = Add(Mul(a, p.k1), b);
          return 1;
        case 1:
          out[0] = Mul(Add(a, b), c);
          return 1;
        case 2:
          out[0] = Sub(Mul(a, b), b);
          return 1;
        default:
          out[0] = Add(Mul(b, c), a);
          return 1;
      }
    case Family::kCount:
      break;
  }
  return 0;
}

}  // namespace ffgen
