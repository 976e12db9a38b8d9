// Families of arithmetic specs (affine, polynomial, conditional, binary
// operators, division, comparison) for BuildFamily in gen_families.h.
#pragma once

#include <string>

#include "gen_family_helpers.h"

namespace ffgen {

// Affine, Poly, Cond, Binop, Divmod, Compare.
inline void BuildArithmeticFamily(Family f, [[maybe_unused]] uint64_t line,
                                  [[maybe_unused]] SplitMix64& r,
                                  [[maybe_unused]] const CallableRing& ring, Draft& d, Prog& p,
                                  [[maybe_unused]] const std::string& w) {
  using namespace detail;
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
    default:
      break;
  }
}

}  // namespace ffgen
