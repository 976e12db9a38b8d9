// The families of good specs ffgen writes: for each, the Forth body, the
// typed stack effect with constraints and the prose fields, built around a
// Prog (gen_programs.h) whose evaluator gives the expected outputs. Every
// family/variant pair is checked against gforth 0.7.3 by feeding generated
// corpora to datasets/examples/check_examples.sh (see check_generator.sh).
//
//   BuildFamily(Family::kAffine, line_no, rng, ring, draft, prog);
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <string_view>

#include "gen_programs.h"
#include "gen_rng.h"
#include "gen_spec.h"

namespace ffgen {

namespace detail {

template <class... Args>
void Fmt(std::string& s, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(s), f, std::forward<Args>(args)...);
}

// Declares an int-like input slot whose test values come from [lo, hi].
// The constraint text takes one of the accepted spellings, or is omitted.
inline Slot& In(Draft& d, SplitMix64& r, std::string_view name, SlotKind kind, int64_t lo,
                int64_t hi, bool nonzero = false, bool constrain = true) {
  Slot& s = d.in[d.nin++];
  s.name = name;
  s.kind = kind;
  s.type_text = SlotKindName(kind);
  s.lo = lo;
  s.hi = hi;
  s.nonzero = nonzero;
  if (kind == SlotKind::kInt && constrain) {
    switch (r.Below(4)) {
      case 0:
        Fmt(s.constraint, "{} >= {} and {} <= {}", name, lo, name, hi);
        break;
      case 1:
        Fmt(s.constraint, "{} <= {} <= {}", lo, name, hi);
        break;
      case 2:
        Fmt(s.constraint, "{} >= {} and {} <= {}", name, lo, name, hi);
        break;
      default:
        break;  // unconstrained slot; values still stay in range
    }
    if (nonzero) {
      if (s.constraint.empty())
        Fmt(s.constraint, "{} != 0", name);
      else
        Fmt(s.constraint, " and {} != 0", name);
    }
  }
  return s;
}

inline void Out(Draft& d, std::string_view name, SlotKind kind) {
  Slot& s = d.out[d.nout++];
  s.name = name;
  s.kind = kind;
  s.type_text = SlotKindName(kind);
}

inline int64_t NonZero(SplitMix64& r, int64_t lo, int64_t hi) {
  int64_t v = r.Range(lo, hi);
  return v == 0 ? hi : v;
}

inline void Prop(Draft& d, std::string_view text) { d.properties[d.nprops++].assign(text); }
inline std::string& NewProp(Draft& d) { return d.properties[d.nprops++]; }
inline void Hint(Draft& d, std::string_view text) { d.hints[d.nhints++].assign(text); }
inline void MTag(Draft& d, const char* t) { d.mtags[d.nmtags++] = t; }

constexpr int64_t kRanges[] = {100, 1000, 100000, 1000000, 1000000000};

inline int64_t RangeBound(SplitMix64& r) { return r.Pick(kRanges); }

// Printable ASCII that needs no JSON escape: used for char values.
inline bool SafeChar(int64_t c) { return c >= 33 && c <= 126 && c != '"' && c != '\\'; }

}  // namespace detail

// Fills everything but tests and metadata: name, effect, description,
// properties, complexity, implementation.
inline void BuildFamily(Family f, uint64_t line, SplitMix64& r, const CallableRing& ring, Draft& d,
                        Prog& p) {
  using namespace detail;
  p = Prog{};
  p.fam = f;
  AppendWordName(d.name, line, f);
  const std::string& w = d.name;
  switch (f) {
    case Family::kAffine: {
      p.var = static_cast<uint8_t>(r.Below(3));
      p.k1 = NonZero(r, -50, 50);
      p.k2 = r.Range(-1000, 1000);
      int64_t L = RangeBound(r);
      In(d, r, "n", SlotKind::kInt, -L, L);
      Out(d, "r", SlotKind::kInt);
      d.pattern = "UNARY_OP_002";
      MTag(d, "arithmetic");
      switch (p.var) {
        case 0:
          Fmt(d.code, "{} * {} +", p.k1, p.k2);
          Fmt(d.description, "Scale n by {} and shift the result by {}", p.k1, p.k2);
          Fmt(NewProp(d), "{}(n) = {} * n + {}", w, p.k1, p.k2);
          Hint(d, "multiply first, then add the offset");
          break;
        case 1:
          Fmt(d.code, "{} + {} *", p.k1, p.k2);
          Fmt(d.description, "Shift n by {} and scale the result by {}", p.k1, p.k2);
          Fmt(NewProp(d), "{}(n) = (n + {}) * {}", w, p.k1, p.k2);
          Hint(d, "add the offset first, then multiply");
          break;
        default:
          Fmt(d.code, "negate {} +", p.k1);
          Fmt(d.description, "Reflect n around {}/2: compute {} - n", p.k1, p.k1);
          Fmt(NewProp(d), "{}({}(n)) = n", w, w);
          Hint(d, "negate, then add the constant");
          break;
      }
      break;
    }
    case Family::kPoly: {
      p.var = static_cast<uint8_t>(r.Below(4));
      p.k1 = r.Range(-100, 100);
      static constexpr int64_t kPolyRanges[] = {100, 1000, 10000};
      int64_t L = r.Pick(kPolyRanges);
      In(d, r, "n", SlotKind::kInt, -L, L);
      Out(d, "p", SlotKind::kInt);
      d.pattern = "DUP_TRANSFORM_001";
      MTag(d, "arithmetic");
      MTag(d, "polynomial");
      switch (p.var) {
        case 0:
          Fmt(d.code, "dup * {} +", p.k1);
          Fmt(d.description, "Square n and add {}", p.k1);
          Fmt(NewProp(d), "{}(n) = {}(-n)", w, w);
          Fmt(NewProp(d), "{}(n) >= {}", w, p.k1);
          break;
        case 1:
          Fmt(d.code, "dup {} + *", p.k1);
          Fmt(d.description, "Product of n and n + {}", p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        case 2:
          Fmt(d.code, "dup dup * * {} -", p.k1);
          Fmt(d.description, "Cube n and subtract {}", p.k1);
          Fmt(NewProp(d), "{}(n) + {}(-n) = {}", w, w, -2 * p.k1);
          break;
        default:
          d.code = "dup * dup *";
          d.description = "Fourth power of n, squaring twice";
          Fmt(NewProp(d), "{}(n) >= 0", w);
          break;
      }
      Hint(d, "dup keeps a copy of n for the multiply");
      break;
    }
    case Family::kCond: {
      p.var = static_cast<uint8_t>(r.Below(8));
      d.pattern = p.var == 5 ? "CONDITIONAL_002" : "CONDITIONAL_001";
      MTag(d, "conditional");
      Out(d, "r", SlotKind::kInt);
      int64_t L = RangeBound(r);
      switch (p.var) {
        case 0:
          p.k1 = r.Range(-100, 100);
          In(d, r, "n", SlotKind::kInt, -L, L);
          Fmt(d.code, "dup 0< if negate then {} +", p.k1);
          Fmt(d.description, "Absolute value of n plus {}", p.k1);
          Fmt(NewProp(d), "{}(n) >= {}", w, p.k1);
          Hint(d, "negate only when n is below zero");
          break;
        case 1:
          p.k1 = r.Range(-50, 50);
          p.k2 = NonZero(r, -9, 9);
          p.k3 = r.Range(-100, 100);
          In(d, r, "n", SlotKind::kInt, -L, L);
          Fmt(d.code, "dup {} > if {} * else {} + then", p.k1, p.k2, p.k3);
          Fmt(d.description, "Multiply n by {} above {}, otherwise add {}", p.k2, p.k1, p.k3);
          Fmt(NewProp(d), "n <= {} implies {}(n) = n + {}", p.k1, w, p.k3);
          Hint(d, "compare a copy, then branch");
          break;
        case 2:
          p.k1 = r.Range(-100, 100);
          In(d, r, "n", SlotKind::kInt, -L, L);
          Fmt(d.code, "{} over < if 2* then", p.k1);
          Fmt(d.description, "Double n when it exceeds {}", p.k1);
          Fmt(NewProp(d), "n <= {} implies {}(n) = n", p.k1, w);
          Hint(d, "over brings n above the constant");
          break;
        case 3:
          p.k1 = r.Range(-100, 50);
          p.k2 = p.k1 + r.Range(1, 100);
          p.k3 = r.Range(-1000, 1000);
          In(d, r, "n", SlotKind::kInt, -L, L);
          Fmt(d.code, "dup {} {} within if drop {} then", p.k1, p.k2, p.k3);
          Fmt(d.description, "Replace n by {} when {} <= n < {}", p.k3, p.k1, p.k2);
          Fmt(NewProp(d), "{}({}) = {}", w, p.k1, p.k3);
          Hint(d, "within tests a half-open range");
          break;
        case 4:
          In(d, r, "a", SlotKind::kInt, -L, L);
          In(d, r, "b", SlotKind::kInt, -L, L);
          d.code = "2dup < if swap then -";
          d.description = "Larger minus smaller of a and b";
          Fmt(NewProp(d), "{}(a, b) = {}(b, a)", w, w);
          Fmt(NewProp(d), "{}(a, b) >= 0", w);
          Hint(d, "swap so the larger is below");
          break;
        case 5:
          p.k1 = r.Range(-100, 100);
          In(d, r, "a", SlotKind::kInt, -L, L);
          In(d, r, "b", SlotKind::kInt, -L, L);
          Fmt(d.code, "2dup > if drop else nip then {} +", p.k1);
          Fmt(d.description, "The larger of a and b, plus {}", p.k1);
          Fmt(NewProp(d), "{}(a, b) >= a + {}", w, p.k1);
          Hint(d, "keep the larger, discard the other");
          break;
        case 6:
          p.k1 = NonZero(r, -20, 20);
          In(d, r, "n", SlotKind::kInt, -L, L);
          In(d, r, "flag", SlotKind::kBool, 0, 0);
          Fmt(d.code, "if {} * then", p.k1);
          Fmt(d.description, "Scale n by {} when the flag is true", p.k1);
          Fmt(NewProp(d), "{}(n, false) = n", w);
          Hint(d, "the flag chooses the branch");
          break;
        default:
          In(d, r, "a", SlotKind::kInt, -L, L);
          In(d, r, "b", SlotKind::kInt, -L, L);
          d.code = "over 0< if + else - then";
          d.description = "a + b when a is negative, otherwise a - b";
          Fmt(NewProp(d), "{}(a, 0) = a", w);
          Hint(d, "over copies a for the test");
          break;
      }
      break;
    }
    case Family::kBinop: {
      p.var = static_cast<uint8_t>(r.Below(9));
      p.k1 = NonZero(r, -100, 100);
      int64_t L = RangeBound(r);
      In(d, r, "a", SlotKind::kInt, -L, L);
      In(d, r, "b", SlotKind::kInt, -L, L);
      Out(d, "c", SlotKind::kInt);
      d.pattern = "BINARY_OP_001";
      MTag(d, "arithmetic");
      switch (p.var) {
        case 0:
          Fmt(d.code, "+ {} *", p.k1);
          Fmt(d.description, "Sum of a and b, times {}", p.k1);
          Fmt(NewProp(d), "{}(a, b) = {}(b, a)", w, w);
          break;
        case 1:
          d.code = "- abs";
          d.description = "Absolute difference of a and b";
          Fmt(NewProp(d), "{}(a, a) = 0", w);
          break;
        case 2:
          d.code = "over * +";
          d.description = "a plus the product of a and b";
          Fmt(NewProp(d), "{}(a, 0) = a", w);
          break;
        case 3:
          d.code = "2dup + -rot * +";
          d.description = "Sum plus product of a and b";
          Fmt(NewProp(d), "{}(a, b) = {}(b, a)", w, w);
          break;
        case 4:
          Fmt(d.code, "max {} -", p.k1);
          Fmt(d.description, "The larger of a and b, minus {}", p.k1);
          Fmt(NewProp(d), "{}(a, b) >= a - {}", w, p.k1);
          break;
        case 5:
          Fmt(d.code, "min {} +", p.k1);
          Fmt(d.description, "The smaller of a and b, plus {}", p.k1);
          Fmt(NewProp(d), "{}(a, b) <= a + {}", w, p.k1);
          break;
        case 6:
          Fmt(d.code, "swap - {} *", p.k1);
          Fmt(d.description, "(b - a) times {}", p.k1);
          Fmt(NewProp(d), "{}(a, a) = 0", w);
          break;
        case 7:
          Fmt(d.code, "xor {} and", p.k1);
          Fmt(d.description, "Bits where a and b differ, masked by {}", p.k1);
          Fmt(NewProp(d), "{}(a, a) = 0", w);
          break;
        default:
          d.code = "2dup * >r + r> -";
          d.description = "Sum of a and b minus their product";
          Fmt(NewProp(d), "{}(a, 0) = a", w);
          break;
      }
      Hint(d, "both operands are consumed");
      break;
    }
    case Family::kDivmod: {
      p.var = static_cast<uint8_t>(r.Below(6));
      d.pattern = "BINARY_OP_001";
      MTag(d, "arithmetic");
      MTag(d, "division");
      if (p.var <= 2) {
        In(d, r, "a", SlotKind::kInt, -1000000000, 1000000000);
        In(d, r, "b", SlotKind::kInt, -100, 100, true);
      } else if (p.var <= 4) {
        p.k1 = NonZero(r, -12, 12);
        In(d, r, "n", SlotKind::kInt, -1000000000, 1000000000);
      } else {
        In(d, r, "n", SlotKind::kInt, -1000000, 1000000);
        In(d, r, "num", SlotKind::kInt, -1000000, 1000000);
        In(d, r, "den", SlotKind::kInt, -1000, 1000, true);
      }
      switch (p.var) {
        case 0:
          d.code = "/";
          d.description = "Floored quotient of a by b";
          Out(d, "q", SlotKind::kInt);
          Fmt(NewProp(d), "{}(a, 1) = a", w);
          break;
        case 1:
          d.code = "mod";
          d.description = "Floored remainder of a by b";
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(a, b) has the sign of b or is 0", w);
          break;
        case 2:
          d.code = "/mod";
          d.description = "Floored remainder and quotient of a by b";
          Out(d, "r", SlotKind::kInt);
          Out(d, "q", SlotKind::kInt);
          Prop(d, "q * b + r = a");
          break;
        case 3:
          Fmt(d.code, "{} /", p.k1);
          Fmt(d.description, "n divided by {}, rounded toward negative infinity", p.k1);
          Out(d, "q", SlotKind::kInt);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        case 4:
          Fmt(d.code, "{} mod", p.k1);
          Fmt(d.description, "n modulo {}, floored", p.k1);
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(n + {}) = {}(n)", w, p.k1, w);
          break;
        default:
          d.code = "*/";
          d.description = "n * num / den with a double-cell product, floored";
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(n, d, d) = n", w);
          break;
      }
      Hint(d, "division is floored in this dialect");
      break;
    }
    case Family::kCompare: {
      p.var = static_cast<uint8_t>(r.Below(13));
      d.pattern = p.var >= 8 ? "UNARY_OP_001" : "BINARY_OP_001";
      MTag(d, "comparison");
      MTag(d, "predicate");
      int64_t L = RangeBound(r);
      static constexpr const char* kOps[] = {"<", ">", "=", "<>", "<=", ">=", "u<", "u>"};
      if (p.var <= 5) {
        In(d, r, "a", SlotKind::kInt, -L, L);
        In(d, r, "b", SlotKind::kInt, -L, L);
        d.code = kOps[p.var];
        Fmt(d.description, "True when a {} b (signed)", kOps[p.var]);
        Fmt(NewProp(d), "{}(a, b) is a well-formed flag", w);
      } else if (p.var <= 7) {
        In(d, r, "u1", SlotKind::kUint, 0, 0);
        In(d, r, "u2", SlotKind::kUint, 0, 0);
        d.code = kOps[p.var];
        Fmt(d.description, "True when u1 {} u2 as unsigned cells", kOps[p.var] + 1);
        Fmt(NewProp(d), "{}(u, u) = false", w);
      } else {
        In(d, r, "n", SlotKind::kInt, -L, L);
        switch (p.var) {
          case 8:
            p.k1 = r.Range(-100, 100);
            Fmt(d.code, "{} <", p.k1);
            Fmt(d.description, "True when n is below {}", p.k1);
            break;
          case 9:
            d.code = "0<";
            d.description = "True when n is negative";
            break;
          case 10:
            d.code = "0=";
            d.description = "True when n is zero";
            break;
          case 11:
            p.k1 = r.Range(-100, 50);
            p.k2 = p.k1 + r.Range(1, 100);
            Fmt(d.code, "{} {} within", p.k1, p.k2);
            Fmt(d.description, "True when {} <= n < {}", p.k1, p.k2);
            break;
          default:
            p.k1 = r.Range(1, 100);
            Fmt(d.code, "dup 0> swap {} < and", p.k1);
            Fmt(d.description, "True when 0 < n < {}", p.k1);
            break;
        }
        Fmt(NewProp(d), "{}(n) is true or false, never another cell", w);
      }
      Out(d, "flag", SlotKind::kBool);
      Hint(d, "comparisons leave -1 for true and 0 for false");
      break;
    }
    case Family::kDoLoop: {
      p.var = static_cast<uint8_t>(r.Below(6));
      static constexpr int64_t kLoopRanges[] = {10, 50, 100, 200};
      int64_t M = p.var == 5 ? 30 : r.Pick(kLoopRanges);
      In(d, r, "n", SlotKind::kInt, 0, M);
      Out(d, "s", SlotKind::kInt);
      d.pattern = "ACCUMULATOR_LOOP_001";
      d.time = p.var == 5 ? "O(n^2)" : "O(n)";
      MTag(d, "loop");
      switch (p.var) {
        case 0:
          p.k1 = NonZero(r, -20, 20);
          Fmt(d.code, "0 swap 0 ?do i {} * + loop", p.k1);
          Fmt(d.description, "Sum of {} * i for i from 0 below n", p.k1);
          Fmt(NewProp(d), "{}(n) = {} * n * (n - 1) / 2", w, p.k1);
          break;
        case 1:
          p.k1 = r.Range(-20, 20);
          Fmt(d.code, "0 swap 0 ?do i {} + + loop", p.k1);
          Fmt(d.description, "Sum of i + {} for i from 0 below n", p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        case 2:
          p.k1 = NonZero(r, -9, 9);
          Fmt(d.code, "1 swap 0 ?do {} * loop", p.k1);
          Fmt(d.description, "{} to the power n, wrapping at 64 bits", p.k1);
          Fmt(NewProp(d), "{}(0) = 1", w);
          d.pattern = "ACCUMULATOR_LOOP_003";
          break;
        case 3:
          p.k1 = r.Range(1, 7);
          Fmt(d.code, "0 swap 0 ?do i + {} +loop", p.k1);
          Fmt(d.description, "Sum of the multiples of {} below n", p.k1);
          Fmt(NewProp(d), "{}(1) = 0", w);
          break;
        case 4:
          d.code = "0 swap 1+ 1 ?do i dup * + loop";
          d.description = "Sum of the squares 1..n";
          Fmt(NewProp(d), "{}(n) = n * (n + 1) * (2 * n + 1) / 6", w);
          break;
        default:
          d.code = "0 over 0 ?do over 0 ?do i j + + loop loop nip";
          d.description = "Sum of i + j over a square of side n, with nested loops";
          Fmt(NewProp(d), "{}(n) = n * n * (n - 1)", w);
          break;
      }
      Hint(d, "?do skips the body when n is 0");
      break;
    }
    case Family::kUntil: {
      p.var = static_cast<uint8_t>(r.Below(5));
      static constexpr int64_t kUntilRanges[] = {1000, 1000000, 1000000000000};
      int64_t M = r.Pick(kUntilRanges);
      In(d, r, "n", SlotKind::kInt, 0, M);
      Out(d, "r", SlotKind::kInt);
      d.pattern = "ACCUMULATOR_LOOP_001";
      d.time = "O(log n)";
      MTag(d, "loop");
      switch (p.var) {
        case 0:
          p.k1 = r.Range(2, 16);
          Fmt(d.code, "0 swap begin {} /mod -rot + swap dup 0= until drop", p.k1);
          Fmt(d.description, "Sum of the base-{} digits of n", p.k1);
          Fmt(NewProp(d), "{}(n) <= n", w);
          break;
        case 1:
          d.code = "0 swap begin 2/ swap 1+ swap dup 0= until drop";
          d.description = "Number of binary digits of n (at least one)";
          Fmt(NewProp(d), "{}(2 * n) = {}(n) + 1 for n > 0", w, w);
          break;
        case 2:
          d.code = "0 swap begin dup 1 > while 2/ swap 1+ swap repeat drop";
          d.description = "Floor of log2 n; 0 for n <= 1";
          Fmt(NewProp(d), "{}(1) = 0", w);
          break;
        case 3:
          p.k1 = r.Range(1, 1000);
          Fmt(d.code, "{} begin dup while tuck mod repeat drop", p.k1);
          Fmt(d.description, "Greatest common divisor of n and {}", p.k1);
          Fmt(NewProp(d), "{}(0) = {}", w, p.k1);
          d.pattern = "BINARY_OP_003";
          break;
        default:
          d.code = "1 begin 2dup > while 2* repeat nip";
          d.description = "Smallest power of two that is at least n";
          Fmt(NewProp(d), "{}(n) >= n", w);
          break;
      }
      Hint(d, "the loop runs once per digit");
      break;
    }
    case Family::kRecursion: {
      p.var = static_cast<uint8_t>(r.Below(5));
      d.time = "O(n)";
      d.space = "O(n)";
      d.pattern = "RECURSIVE_003";
      MTag(d, "recursion");
      Out(d, "r", SlotKind::kInt);
      switch (p.var) {
        case 0:
          p.k1 = r.Range(1, 4);
          In(d, r, "n", SlotKind::kInt, 0, 200);
          Fmt(d.code, "dup 0> if dup {} - recurse + then", p.k1);
          Fmt(d.description, "Sum of n, n - {}, n - {}, ... down to the first value not above zero",
              p.k1, 2 * p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        case 1:
          p.k1 = r.Range(0, 5);
          p.k2 = r.Range(-50, 50);
          In(d, r, "n", SlotKind::kInt, 0, 150);
          Fmt(d.code, "dup {} < if drop {} else dup 1- recurse + then", p.k1, p.k2);
          Fmt(d.description, "Sum of n down to {} by recursion, on top of the base value {}", p.k1,
              p.k2);
          Fmt(NewProp(d), "n < {} implies {}(n) = {}", p.k1, w, p.k2);
          break;
        case 2:
          In(d, r, "n", SlotKind::kInt, 0, 25);
          d.code = "dup 2 < if drop 1 else dup 1- recurse * then";
          d.description = "Factorial by recursion; wraps modulo 2^64 above 20!";
          Fmt(NewProp(d), "{}(n) = n * {}(n - 1) for n >= 2", w, w);
          d.pattern = "RECURSIVE_001";
          break;
        case 3:
          In(d, r, "n", SlotKind::kInt, 0, 20);
          d.code = "dup 2 < if exit then dup 1- recurse swap 2 - recurse +";
          d.description = "Fibonacci number by double recursion";
          d.time = "O(2^n)";
          Fmt(NewProp(d), "{}(n + 2) = {}(n + 1) + {}(n)", w, w, w);
          d.pattern = "RECURSIVE_002";
          break;
        default:
          In(d, r, "a", SlotKind::kInt, 0, 1000000);
          In(d, r, "b", SlotKind::kInt, 0, 1000000);
          d.code = "dup 0= if drop else tuck mod recurse then";
          d.description = "Greatest common divisor by tail recursion";
          d.time = "O(log n)";
          Fmt(NewProp(d), "{}(a, 0) = a", w);
          d.pattern = "TAIL_RECURSIVE_001";
          break;
      }
      Hint(d, "recursion depth stays small for the declared range");
      break;
    }
    case Family::kCall: {
      // Callers guarantee ring.count() > 0.
      p.var = static_cast<uint8_t>(r.Below(4));
      const Callable& c0 = ring.Pick(r);
      const Callable& c1 = ring.Pick(r);
      p.callee[0] = c0.prog;
      p.callee[1] = c1.prog;
      std::string n0, n1;
      AppendWordName(n0, c0.line, c0.prog.fam);
      AppendWordName(n1, c1.line, c1.prog.fam);
      In(d, r, "n", SlotKind::kInt, -1000, 1000);
      d.pattern = "BINARY_OP_001";
      MTag(d, "composition");
      switch (p.var) {
        case 0:
          p.k1 = r.Range(-100, 100);
          Fmt(d.code, "{} {} +", n0, p.k1);
          Fmt(d.description, "{} of n, plus {}", n0, p.k1);
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(n) = {}(n) + {}", w, n0, p.k1);
          break;
        case 1:
          Fmt(d.code, "{} {}", n0, n1);
          Fmt(d.description, "{} applied to {} of n", n1, n0);
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(n) = {}({}(n))", w, n1, n0);
          break;
        case 2:
          Fmt(d.code, "dup {} swap {} +", n0, n1);
          Fmt(d.description, "Sum of {} and {} of the same n", n0, n1);
          Out(d, "r", SlotKind::kInt);
          Fmt(NewProp(d), "{}(n) = {}(n) + {}(n)", w, n0, n1);
          break;
        default:
          p.k1 = r.Range(-100, 100);
          Fmt(d.code, "{} {} >", n0, p.k1);
          Fmt(d.description, "True when {} of n exceeds {}", n0, p.k1);
          Out(d, "flag", SlotKind::kBool);
          Fmt(NewProp(d), "{}(n) = ({}(n) > {})", w, n0, p.k1);
          break;
      }
      Fmt(d.hints[d.nhints++], "calls {} from an earlier line", n0);
      break;
    }
    case Family::kChar: {
      p.var = static_cast<uint8_t>(r.Below(4));
      d.pattern = "CONDITIONAL_001";
      MTag(d, "char");
      switch (p.var) {
        case 0:
          In(d, r, "c", SlotKind::kChar, 33, 126);
          Out(d, "c'", SlotKind::kChar);
          d.code = "dup 65 91 within if 32 + then";
          d.description = "Lower-case an ASCII letter; other characters pass through";
          Fmt(NewProp(d), "{}({}(c)) = {}(c)", w, w, w);
          break;
        case 1:
          In(d, r, "c", SlotKind::kChar, 33, 126);
          Out(d, "flag", SlotKind::kBool);
          d.code = "dup 97 123 within swap 65 91 within or";
          d.description = "True when c is an ASCII letter";
          Fmt(NewProp(d), "{}('a')", w);
          break;
        case 2: {
          Slot& s = In(d, r, "c", SlotKind::kChar, 48, 57);
          s.constraint = "c >= 48 and c <= 57";
          Out(d, "n", SlotKind::kInt);
          d.code = "48 -";
          d.description = "Value of an ASCII decimal digit";
          Fmt(NewProp(d), "0 <= {}(c) <= 9", w);
          d.pattern = "UNARY_OP_001";
          break;
        }
        default: {
          static constexpr char kLetters[] =
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
          p.k1 = kLetters[r.Below(sizeof kLetters - 1)];
          In(d, r, "c", SlotKind::kChar, 33, 126);
          Out(d, "flag", SlotKind::kBool);
          Fmt(d.code, "'{}' =", static_cast<char>(p.k1));
          Fmt(d.description, "True when c is the character {}", static_cast<char>(p.k1));
          Fmt(NewProp(d), "{}(c) is true for exactly one c", w);
          break;
        }
      }
      Hint(d, "characters are their code points on the stack");
      break;
    }
    case Family::kUint: {
      p.var = static_cast<uint8_t>(r.Below(7));
      In(d, r, "u", SlotKind::kUint, 0, 0);
      Out(d, "u'", SlotKind::kUint);
      d.pattern = "UNARY_OP_001";
      MTag(d, "bitwise");
      MTag(d, "unsigned");
      switch (p.var) {
        case 0:
          p.k1 = static_cast<int64_t>(r.Next() >> 1);
          Fmt(d.code, "${:x} and", p.k1);
          Fmt(d.description, "Keep the bits of u selected by the mask ${:x}", p.k1);
          Fmt(NewProp(d), "{}(u) <= {}", w, p.k1);
          break;
        case 1:
          p.k1 = r.Range(1, 63);
          Fmt(d.code, "{} rshift", p.k1);
          Fmt(d.description, "Logical shift of u right by {} bits", p.k1);
          Fmt(NewProp(d), "{}(u) < 2^{}", w, 64 - p.k1);
          break;
        case 2:
          p.k1 = r.Range(1, 63);
          Fmt(d.code, "{} lshift", p.k1);
          Fmt(d.description, "Shift u left by {} bits, dropping the top bits", p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        case 3:
          d.code = "invert";
          d.description = "Bitwise complement of u";
          Fmt(NewProp(d), "{}({}(u)) = u", w, w);
          break;
        case 4:
          p.k1 = static_cast<int64_t>(r.Next() >> 1);
          Fmt(d.code, "${:x} xor", p.k1);
          Fmt(d.description, "Flip the bits of u selected by ${:x}", p.k1);
          Fmt(NewProp(d), "{}({}(u)) = u", w, w);
          break;
        case 5:
          p.k1 = r.Range(1, 40);
          Fmt(d.code, "dup {} rshift xor", p.k1);
          Fmt(d.description, "One xorshift-right step of {} bits", p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
        default:
          p.k1 = r.Range(1, 40);
          Fmt(d.code, "dup {} lshift xor", p.k1);
          Fmt(d.description, "One xorshift-left step of {} bits", p.k1);
          Fmt(NewProp(d), "{}(0) = 0", w);
          break;
      }
      Hint(d, "cells are bit patterns; no sign is involved");
      break;
    }
    case Family::kStack: {
      p.var = static_cast<uint8_t>(r.Below(10));
      d.pattern = "STACK_MANIP_003";
      MTag(d, "stack");
      static constexpr std::string_view kNames[] = {"a", "b", "c", "d"};
      static constexpr const char* kCode[] = {"rot",    "-rot",  "tuck",   "2dup",     "nip",
                                              "2 pick", "2over", "3 roll", "swap rot", "over"};
      static constexpr int kIn[] = {3, 3, 2, 2, 2, 3, 4, 4, 3, 2};
      // Output names per variant as indices into kNames.
      static constexpr int kOutIdx[][6] = {
          {1, 2, 0},    {2, 0, 1},          {1, 0, 1},    {0, 1, 0, 1}, {1},
          {0, 1, 2, 0}, {0, 1, 2, 3, 0, 1}, {1, 2, 3, 0}, {2, 1, 0},    {0, 1, 0}};
      static constexpr int kOutN[] = {3, 3, 3, 4, 1, 4, 6, 4, 3, 3};
      for (int i = 0; i < kIn[p.var]; ++i) In(d, r, kNames[i], SlotKind::kAny, -1000, 1000);
      for (int i = 0; i < kOutN[p.var]; ++i) Out(d, kNames[kOutIdx[p.var][i]], SlotKind::kAny);
      d.code = kCode[p.var];
      Fmt(d.description, "Rearrange the top {} cells with {}", kIn[p.var], kCode[p.var]);
      Fmt(NewProp(d), "{} only moves cells; it computes nothing", w);
      Fmt(d.hints[d.nhints++], "a single {}", kCode[p.var]);
      break;
    }
    case Family::kRStack: {
      p.var = static_cast<uint8_t>(r.Below(4));
      d.pattern = "BINARY_OP_001";
      MTag(d, "return_stack");
      Out(d, "r", SlotKind::kInt);
      In(d, r, "a", SlotKind::kInt, -100000, 100000);
      In(d, r, "b", SlotKind::kInt, -100000, 100000);
      switch (p.var) {
        case 0:
          p.k1 = NonZero(r, -30, 30);
          Fmt(d.code, ">r {} * r> +", p.k1);
          Fmt(d.description, "{} * a + b, parking b on the return stack", p.k1);
          Fmt(NewProp(d), "{}(0, b) = b", w);
          break;
        case 1:
          In(d, r, "c", SlotKind::kInt, -100000, 100000);
          d.code = ">r + r> *";
          d.description = "(a + b) * c, parking c on the return stack";
          Fmt(NewProp(d), "{}(a, b, 0) = 0", w);
          break;
        case 2:
          d.code = "dup >r * r> -";
          d.description = "a * b - b, keeping a copy of b on the return stack";
          Fmt(NewProp(d), "{}(1, b) = 0", w);
          break;
        default:
          In(d, r, "c", SlotKind::kInt, -100000, 100000);
          d.code = "rot >r * r> +";
          d.description = "b * c + a, parking a on the return stack";
          Fmt(NewProp(d), "{}(a, 0, c) = a", w);
          break;
      }
      Hint(d, ">r and r> must balance inside the word");
      break;
    }
    case Family::kCount:
      break;
  }
}

}  // namespace ffgen
