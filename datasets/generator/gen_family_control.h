// Families of specs with loops, recursion, calls, chars, unsigned values
// and stack juggling, for BuildFamily in gen_families.h.
#pragma once

#include <string>

#include "gen_family_helpers.h"

namespace ffgen {

// DoLoop, Until, Recursion, Call, Char, Uint, Stack, RStack.
inline void BuildControlFamily(Family f, [[maybe_unused]] uint64_t line,
                               [[maybe_unused]] SplitMix64& r,
                               [[maybe_unused]] const CallableRing& ring, Draft& d, Prog& p,
                               [[maybe_unused]] const std::string& w) {
  using namespace detail;
  switch (f) {
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
    default:
      break;
  }
}

}  // namespace ffgen
