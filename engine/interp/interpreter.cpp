#include "engine/interp/interpreter.h"

#include <array>
#include <climits>
#include <cstring>

namespace ffb {
namespace {

using U = uint64_t;

int64_t Flag(bool b) { return b ? -1 : 0; }
int64_t Wrap(U u) { return static_cast<int64_t>(u); }

// Floored division as gforth 0.7.3 does it. False is a trap: a zero divisor
// (gforth: -10) or a quotient that does not fit a cell (gforth: -10 or -11,
// e.g. INT64_MIN -1 /).
bool FloorDiv(int64_t a, int64_t b, int64_t* q, int64_t* r) {
  if (b == 0 || (a == INT64_MIN && b == -1)) return false;
  int64_t qq = a / b, rr = a % b;
  if (rr != 0 && ((rr < 0) != (b < 0))) {
    qq -= 1;
    rr += b;
  }
  *q = qq;
  *r = rr;
  return true;
}

// `*/` and `*/mod`: a*b as a 128-bit intermediate, then floored division.
bool FloorDiv128(int64_t a, int64_t b, int64_t c, int64_t* q, int64_t* r) {
  if (c == 0) return false;
  __int128 n = static_cast<__int128>(a) * b;  // |n| <= 2^126: n / c cannot overflow
  __int128 qq = n / c, rr = n % c;
  if (rr != 0 && ((rr < 0) != (c < 0))) {
    qq -= 1;
    rr += c;
  }
  if (qq < INT64_MIN || qq > INT64_MAX) return false;
  *q = static_cast<int64_t>(qq);
  *r = static_cast<int64_t>(rr);
  return true;
}

// `fm/mod` and `sm/rem`: the double hi:lo divided by n, floored or
// symmetric, through the magnitudes so no step overflows. False is a trap
// (gforth: -10): a zero divisor or a quotient that does not fit a cell.
bool DoubleDiv(int64_t lo, int64_t hi, int64_t n, bool floored, int64_t* q, int64_t* r) {
  using U128 = unsigned __int128;
  if (n == 0) return false;
  const bool neg_d = hi < 0, neg_n = n < 0;
  U128 ud = (static_cast<U128>(static_cast<U>(hi)) << 64) | static_cast<U>(lo);
  if (neg_d) ud = 0 - ud;
  const U un = neg_n ? 0 - static_cast<U>(n) : static_cast<U>(n);
  U128 uq = ud / un;
  U ur = static_cast<U>(ud % un);
  const bool neg_q = neg_d != neg_n;
  bool neg_r = neg_d;
  if (floored) {
    if (neg_q && ur != 0) {
      uq += 1;
      ur = un - ur;
    }
    neg_r = neg_n;
  }
  if (uq > (neg_q ? U128(1) << 63 : (U128(1) << 63) - 1)) return false;
  *q = Wrap(neg_q ? 0 - static_cast<U>(uq) : static_cast<U>(uq));
  *r = Wrap(neg_r ? 0 - ur : ur);
  return true;
}

// Data cells an op pops at least and pushes at most (net growth checked
// against the stack bound before the op runs). pick/roll check themselves.
struct Need {
  uint8_t pop = 0, push = 0;
};

std::array<Need, kOpCount> MakeNeeds() {
  std::array<Need, kOpCount> t{};
  for (size_t b = 0; b < kDataOpCount; ++b) {
    const BuiltinInfo& info = Info(static_cast<Builtin>(b));
    t[b] = {info.inputs, info.outputs};
  }
  auto set = [&](Op op, uint8_t pop, uint8_t push) { t[static_cast<size_t>(op)] = {pop, push}; };
  set(Op::kToR, 1, 0);
  set(Op::kRFrom, 0, 1);
  set(Op::kRFetch, 0, 1);
  set(Op::kI, 0, 1);
  set(Op::kJ, 0, 1);
  set(Op::kLit, 0, 1);
  set(Op::kBranch0, 1, 0);
  set(Op::kDo, 2, 0);
  set(Op::kQDo, 2, 0);
  set(Op::kPlusLoop, 1, 0);
  return t;
}

const std::array<Need, kOpCount> kNeeds = MakeNeeds();

}  // namespace

Machine::Machine(const WordTable& words, MachineLimits limits)
    : words_(words),
      limits_(limits),
      data_(limits.data_cells),
      ret_(limits.return_cells),
      frames_(limits.call_depth) {}

ExecResult Machine::Run(std::span<const Instr> entry, std::span<const int64_t> inputs) {
  int64_t* const base = data_.data();
  int64_t* const limit = base + data_.size();
  int64_t* const rbase = ret_.data();
  int64_t* const rlimit = rbase + ret_.size();
  int64_t* sp = base;
  int64_t* rp = rbase;
  int64_t* rfloor = rbase;  // return stack depth when the running word was entered
  size_t fp = 0;            // frames_[0, fp) are suspended callers
  uint64_t fuel = limits_.fuel_steps;
  Code code = Code::kNone;

  if (inputs.size() > data_.size()) {
    code = Code::kDataStackOverflow;
    return {code, 0, {}};
  }
  if (!inputs.empty()) std::memcpy(base, inputs.data(), inputs.size() * sizeof(int64_t));
  sp = base + inputs.size();
  if (entry.empty()) return {Code::kInternal, 0, {base, sp}};

  const Instr* body = entry.data();
  const Instr* pc = body;

  // Calling: the caller's state goes to a frame; the callee starts with an
  // empty return-stack floor of its own.
  auto enter = [&](const Instr* callee) {
    if (fp >= frames_.size()) return false;
    frames_[fp++] = {body, pc, static_cast<uint32_t>(rfloor - rbase)};
    body = callee;
    pc = callee;
    rfloor = rp;
    return true;
  };

  for (;;) {
    if (fuel == 0) {
      code = Code::kFuelExhausted;
      break;
    }
    --fuel;
    const Instr in = *pc++;
    const Need need = kNeeds[static_cast<size_t>(in.op)];
    if (sp - base < need.pop) {
      code = Code::kStackUnderflow;
      break;
    }
    if (limit - sp < static_cast<ptrdiff_t>(need.push) - need.pop) {
      code = Code::kDataStackOverflow;
      break;
    }
    // One line per simple op reads as a table, so no reformatting here.
    // clang-format off
    switch (in.op) {
      // Arithmetic: unsigned math wraps without undefined behaviour.
      case Op::kAdd: sp[-2] = Wrap(U(sp[-2]) + U(sp[-1])); --sp; continue;
      case Op::kSub: sp[-2] = Wrap(U(sp[-2]) - U(sp[-1])); --sp; continue;
      case Op::kMul: sp[-2] = Wrap(U(sp[-2]) * U(sp[-1])); --sp; continue;
      case Op::kDiv:
      case Op::kMod:
      case Op::kDivMod: {
        int64_t q, r;
        if (!FloorDiv(sp[-2], sp[-1], &q, &r)) {
          code = Code::kDivisionByZero;
          break;
        }
        if (in.op == Op::kDiv) sp[-2] = q, --sp;
        else if (in.op == Op::kMod) sp[-2] = r, --sp;
        else sp[-2] = r, sp[-1] = q;
        continue;
      }
      case Op::kStarSlash:
      case Op::kStarSlashMod: {
        int64_t q, r;
        if (!FloorDiv128(sp[-3], sp[-2], sp[-1], &q, &r)) {
          code = Code::kDivisionByZero;
          break;
        }
        if (in.op == Op::kStarSlash) sp[-3] = q, sp -= 2;
        else sp[-3] = r, sp[-2] = q, --sp;
        continue;
      }
      case Op::kSToD: sp[0] = sp[-1] < 0 ? -1 : 0; ++sp; continue;
      case Op::kMStar: {
        __int128 p = static_cast<__int128>(sp[-2]) * sp[-1];
        sp[-2] = Wrap(static_cast<U>(p)), sp[-1] = Wrap(static_cast<U>(p >> 64));
        continue;
      }
      case Op::kUMStar: {
        unsigned __int128 p = static_cast<unsigned __int128>(U(sp[-2])) * U(sp[-1]);
        sp[-2] = Wrap(static_cast<U>(p)), sp[-1] = Wrap(static_cast<U>(p >> 64));
        continue;
      }
      case Op::kFmSlashMod:
      case Op::kSmSlashRem: {
        int64_t q, r;
        if (!DoubleDiv(sp[-3], sp[-2], sp[-1], in.op == Op::kFmSlashMod, &q, &r)) {
          code = Code::kDivisionByZero;
          break;
        }
        sp[-3] = r, sp[-2] = q, --sp;
        continue;
      }
      case Op::kUmSlashMod: {  // ( ud u -- urem uquot ): the quotient fits iff hi < u
        const U lo = U(sp[-3]), hi = U(sp[-2]), u = U(sp[-1]);
        if (u == 0 || hi >= u) {
          code = Code::kDivisionByZero;
          break;
        }
        unsigned __int128 ud = (static_cast<unsigned __int128>(hi) << 64) | lo;
        sp[-3] = Wrap(static_cast<U>(ud % u)), sp[-2] = Wrap(static_cast<U>(ud / u)), --sp;
        continue;
      }
      case Op::kNegate: sp[-1] = Wrap(0 - U(sp[-1])); continue;
      case Op::kAbs: sp[-1] = sp[-1] < 0 ? Wrap(0 - U(sp[-1])) : sp[-1]; continue;
      case Op::kMin: sp[-2] = sp[-1] < sp[-2] ? sp[-1] : sp[-2]; --sp; continue;
      case Op::kMax: sp[-2] = sp[-1] > sp[-2] ? sp[-1] : sp[-2]; --sp; continue;
      case Op::kOnePlus: sp[-1] = Wrap(U(sp[-1]) + 1); continue;
      case Op::kOneMinus: sp[-1] = Wrap(U(sp[-1]) - 1); continue;
      case Op::kTwoStar: sp[-1] = Wrap(U(sp[-1]) << 1); continue;
      case Op::kTwoSlash: sp[-1] = sp[-1] >> 1; continue;  // arithmetic (C++20)
      // Shift counts are taken mod 64, as x86-64 gforth 0.7.3 does (`1 64
      // lshift` is 1, `1 65 lshift` is 2).
      case Op::kLshift: sp[-2] = Wrap(U(sp[-2]) << (U(sp[-1]) & 63)); --sp; continue;
      case Op::kRshift: sp[-2] = Wrap(U(sp[-2]) >> (U(sp[-1]) & 63)); --sp; continue;
      case Op::kAnd: sp[-2] &= sp[-1]; --sp; continue;
      case Op::kOr: sp[-2] |= sp[-1]; --sp; continue;
      case Op::kXor: sp[-2] ^= sp[-1]; --sp; continue;
      case Op::kInvert: sp[-1] = ~sp[-1]; continue;
      case Op::kEq: sp[-2] = Flag(sp[-2] == sp[-1]); --sp; continue;
      case Op::kNe: sp[-2] = Flag(sp[-2] != sp[-1]); --sp; continue;
      case Op::kLt: sp[-2] = Flag(sp[-2] < sp[-1]); --sp; continue;
      case Op::kGt: sp[-2] = Flag(sp[-2] > sp[-1]); --sp; continue;
      case Op::kLe: sp[-2] = Flag(sp[-2] <= sp[-1]); --sp; continue;
      case Op::kGe: sp[-2] = Flag(sp[-2] >= sp[-1]); --sp; continue;
      case Op::kZeroEq: sp[-1] = Flag(sp[-1] == 0); continue;
      case Op::kZeroNe: sp[-1] = Flag(sp[-1] != 0); continue;
      case Op::kZeroLt: sp[-1] = Flag(sp[-1] < 0); continue;
      case Op::kZeroGt: sp[-1] = Flag(sp[-1] > 0); continue;
      case Op::kULt: sp[-2] = Flag(U(sp[-2]) < U(sp[-1])); --sp; continue;
      case Op::kUGt: sp[-2] = Flag(U(sp[-2]) > U(sp[-1])); --sp; continue;
      case Op::kWithin:  // ( n lo hi -- f ): (n-lo) u< (hi-lo)
        sp[-3] = Flag(U(sp[-3]) - U(sp[-2]) < U(sp[-1]) - U(sp[-2]));
        sp -= 2;
        continue;
      case Op::kTrue: *sp++ = -1; continue;
      case Op::kFalse: *sp++ = 0; continue;
      // Shuffles.
      case Op::kDup: sp[0] = sp[-1]; ++sp; continue;
      case Op::kDrop: --sp; continue;
      case Op::kSwap: std::swap(sp[-1], sp[-2]); continue;
      case Op::kOver: sp[0] = sp[-2]; ++sp; continue;
      case Op::kRot: {  // a b c -- b c a
        int64_t a = sp[-3];
        sp[-3] = sp[-2], sp[-2] = sp[-1], sp[-1] = a;
        continue;
      }
      case Op::kMinusRot: {  // a b c -- c a b
        int64_t c = sp[-1];
        sp[-1] = sp[-2], sp[-2] = sp[-3], sp[-3] = c;
        continue;
      }
      case Op::kNip: sp[-2] = sp[-1]; --sp; continue;
      case Op::kTuck: sp[0] = sp[-1], sp[-1] = sp[-2], sp[-2] = sp[0]; ++sp; continue;
      case Op::kTwoDup: sp[0] = sp[-2], sp[1] = sp[-1]; sp += 2; continue;
      case Op::kTwoDrop: sp -= 2; continue;
      case Op::kTwoSwap:
        std::swap(sp[-4], sp[-2]);
        std::swap(sp[-3], sp[-1]);
        continue;
      case Op::kTwoOver: sp[0] = sp[-4], sp[1] = sp[-3]; sp += 2; continue;
      case Op::kPick: {
        if (sp - base <= in.arg) {
          code = Code::kStackUnderflow;
          break;
        }
        if (sp == limit) {
          code = Code::kDataStackOverflow;
          break;
        }
        sp[0] = sp[-1 - in.arg];
        ++sp;
        continue;
      }
      case Op::kRoll: {
        if (sp - base <= in.arg) {
          code = Code::kStackUnderflow;
          break;
        }
        int64_t x = sp[-1 - in.arg];
        std::memmove(sp - 1 - in.arg, sp - in.arg, static_cast<size_t>(in.arg) * sizeof(int64_t));
        sp[-1] = x;
        continue;
      }
      // Return stack: >r values and do-loop frames (limit, index) share it,
      // as in gforth, so `i` after a `>r` inside a loop reads that cell too.
      case Op::kToR:
        if (rp == rlimit) {
          code = Code::kReturnStackOverflow;
          break;
        }
        *rp++ = *--sp;
        continue;
      case Op::kRFrom:
      case Op::kRFetch:
        if (rp - rfloor < 1) {
          code = Code::kStackUnderflow;
          break;
        }
        *sp++ = in.op == Op::kRFrom ? *--rp : rp[-1];
        continue;
      case Op::kI:
      case Op::kJ: {
        ptrdiff_t at = in.op == Op::kI ? 1 : 3;
        if (rp - rfloor < at) {
          code = Code::kStackUnderflow;
          break;
        }
        *sp++ = rp[-at];
        continue;
      }
      case Op::kUnloop:
        if (rp - rfloor < 2) {
          code = Code::kStackUnderflow;
          break;
        }
        rp -= 2;
        continue;
      case Op::kLit: *sp++ = in.arg; continue;
      case Op::kBranch: pc = body + in.arg; continue;
      case Op::kBranch0:
        if (*--sp == 0) pc = body + in.arg;
        continue;
      case Op::kQDo:
        if (sp[-1] == sp[-2]) {  // ?do with start == limit: skip the loop
          sp -= 2;
          pc = body + in.arg;
          continue;
        }
        [[fallthrough]];
      case Op::kDo:
        if (rlimit - rp < 2) {
          code = Code::kReturnStackOverflow;
          break;
        }
        rp[0] = sp[-2];  // limit
        rp[1] = sp[-1];  // index
        rp += 2;
        sp -= 2;
        continue;
      case Op::kLoop:
      case Op::kPlusLoop: {
        if (rp - rfloor < 2) {
          code = Code::kStackUnderflow;
          break;
        }
        // gforth 0.7.3's (+loop): go on unless index - limit changes sign
        // while the step has the other sign (the limit-1/limit boundary).
        int64_t step = in.op == Op::kLoop ? 1 : *--sp;
        int64_t olddiff = Wrap(U(rp[-1]) - U(rp[-2]));
        int64_t newdiff = Wrap(U(olddiff) + U(step));
        rp[-1] = Wrap(U(rp[-1]) + U(step));
        if ((olddiff ^ newdiff) >= 0 || (olddiff ^ step) >= 0) {
          pc = body + in.arg;
        } else {
          rp -= 2;
        }
        continue;
      }
      case Op::kLeave:
        if (rp - rfloor < 2) {
          code = Code::kStackUnderflow;
          break;
        }
        rp -= 2;
        pc = body + in.arg;
        continue;
      case Op::kCall: {
        std::span<const Instr> callee = words_.Find(static_cast<WordId>(in.arg));
        if (callee.empty()) {
          code = Code::kInternal;
          break;
        }
        if (!enter(callee.data())) {
          code = Code::kCallDepthExceeded;
          break;
        }
        continue;
      }
      case Op::kRecurse:
        if (!enter(body)) {
          code = Code::kCallDepthExceeded;
          break;
        }
        continue;
      case Op::kExit:
        if (rp != rfloor) {
          code = Code::kReturnStackImbalance;
          break;
        }
        if (fp == 0) goto done;
        --fp;
        body = frames_[fp].body;
        pc = frames_[fp].resume;
        rfloor = rbase + frames_[fp].rs_depth;
        continue;
      case Op::kCount: code = Code::kInternal; break;
    }
    // clang-format on
    break;  // a case that did not `continue` trapped
  }
done:
  return {code, limits_.fuel_steps - fuel, {base, sp}};
}

}  // namespace ffb
