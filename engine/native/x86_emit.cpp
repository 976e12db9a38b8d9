#include "engine/native/codegen_impl.h"

namespace ffb {
namespace {
using namespace asmjit;
}  // namespace

bool NativeCodegen::Impl::NextIsBranch(std::span<const Token> body, size_t i) {
  if (i + 1 >= body.size()) return false;
  const Token& t = body[i + 1];
  return t.Is(Builtin::kIf) || t.Is(Builtin::kUntil) || t.Is(Builtin::kWhile);
}

// Produces a flag from condition `cc` (flags already set): fused into the
// next branch when there is one, else materialised as 0 / -1 in `dst`.
void NativeCodegen::Impl::FlagFromCond(x86::CondCode cc, uint8_t dst) {
  if (fuse_next_) {
    pending_cc_ = cc;
    has_pending_cc_ = true;
    return;
  }
  a_.set(cc, x86::gpb(dst));
  a_.movzx(x86::gpd(dst), x86::gpb(dst));
  a_.neg(R(dst));
  PushReg(dst);
}

void NativeCodegen::Impl::Compare(x86::CondCode cc) {
  int32_t d = Depth();
  uint8_t dst = 0xff;
  if (!fuse_next_) {
    dst = Alloc();
    ++refs_[dst];
  }
  // cmp a, b: `a` must be a register or memory, not both operands memory.
  if (vs_[d - 2].loc == Loc::kConst || (vs_[d - 2].loc == Loc::kMem && vs_[d - 1].loc == Loc::kMem))
    ToReg(d - 2);
  Item b = Pop();
  Item a = Pop();
  Operand sb = Src(b, d - 1);
  if (a.loc == Loc::kReg)
    a_.emit(x86::Inst::kIdCmp, R(a.reg), sb);
  else
    a_.emit(x86::Inst::kIdCmp, Home(d - 2), sb);
  Release(a);
  Release(b);
  if (dst != 0xff) --refs_[dst];
  FlagFromCond(cc, dst);
}

void NativeCodegen::Impl::CompareZero(x86::CondCode cc) {
  int32_t d = Depth();
  if (vs_[d - 1].loc == Loc::kConst) ToReg(d - 1);
  uint8_t dst = fuse_next_ ? 0 : Alloc(0, d);
  Item a = Pop();
  if (a.loc == Loc::kReg)
    a_.test(R(a.reg), R(a.reg));
  else
    a_.cmp(Home(d - 1), Imm(0));
  Release(a);
  FlagFromCond(cc, dst);
}

void NativeCodegen::Impl::Within() {
  namespace I = x86::Inst;
  using CC = x86::CondCode;
  int32_t d = Depth();
  // x lo hi -- (x-lo) u< (hi-lo)
  uint8_t rh = ToOwned(d - 1);
  uint8_t rx = ToOwned(d - 3, 1u << rh);
  if (vs_[d - 2].loc == Loc::kConst && !FitsI32(vs_[d - 2].value))
    ToReg(d - 2, (1u << rh) | (1u << rx));
  Operand sl = Src(vs_[d - 2], d - 2);
  a_.emit(I::kIdSub, R(rh), sl);
  a_.emit(I::kIdSub, R(rx), sl);
  Item hi = Pop();
  Release(Pop());  // lo
  Item x = Pop();
  uint8_t dst = fuse_next_ ? 0 : Alloc((1u << rh) | (1u << rx), Depth());
  a_.cmp(R(rx), R(rh));
  Release(hi);
  Release(x);
  FlagFromCond(CC::kB, dst);
}

// a b -- a op b for add sub and or xor imul.
void NativeCodegen::Impl::Binary(InstId inst, bool commutative) {
  int32_t d = Depth();
  auto owned = [&](const Item& it) {
    return it.loc == Loc::kReg && InPool(it.reg) && refs_[it.reg] == 1;
  };
  auto emit = [&](uint8_t dst, const Operand& src) {
    if (inst == x86::Inst::kIdImul && src.isImm())
      a_.imul(R(dst), R(dst), src.as<Imm>());
    else
      a_.emit(inst, R(dst), src);
  };
  if (commutative && owned(vs_[d - 1]) && !owned(vs_[d - 2])) {
    // b op a into b's register: saves copying or loading a.
    uint8_t rb = vs_[d - 1].reg;
    Item a = vs_[d - 2];
    emit(rb, Src(a, d - 2));
    Release(a);
    vs_.pop_back();
    vs_.back() = {Loc::kReg, rb, 0, false};
    return;
  }
  uint8_t ra = ToOwned(d - 2);
  Item b = Pop();
  emit(ra, Src(b, d - 1));
  Release(b);
}

void NativeCodegen::Impl::Unary(InstId inst) {
  uint8_t r = ToOwned(Depth() - 1);
  a_.emit(inst, R(r));
}

void NativeCodegen::Impl::Abs() {
  int32_t d = Depth();
  uint8_t r = ToOwned(d - 1);
  a_.mov(x86::r11, R(r));
  a_.neg(x86::r11);
  a_.cmovns(R(r), x86::r11);
}

// 1+ / 1-: a constant stays a constant.
void NativeCodegen::Impl::AddOne(bool up) {
  int32_t d = Depth();
  if (vs_[d - 1].loc == Loc::kConst) {
    uint64_t v = static_cast<uint64_t>(vs_[d - 1].value);
    vs_[d - 1].value = static_cast<int64_t>(up ? v + 1 : v - 1);
    return;
  }
  if (up)
    a_.add(R(ToOwned(d - 1)), 1);
  else
    a_.sub(R(ToOwned(d - 1)), 1);
}

void NativeCodegen::Impl::ShiftImm(InstId inst, int64_t count) {
  uint8_t r = ToOwned(Depth() - 1);
  a_.emit(inst, R(r), Imm(count & 63));
}

void NativeCodegen::Impl::Shift(InstId inst) {
  int32_t d = Depth();
  if (vs_[d - 1].loc == Loc::kConst) {
    int64_t c = Pop().value;
    ShiftImm(inst, c);
    return;
  }
  // Count in rcx; value owned in another register.
  uint8_t ra = ToOwned(d - 2, 1u << kRcx);
  Item b = vs_[d - 1];
  if (!(b.loc == Loc::kReg && b.reg == kRcx)) {
    Evict(kRcx, 1u << ra);
    Item bb = Pop();
    if (bb.loc == Loc::kReg)
      a_.mov(x86::rcx, R(bb.reg));
    else
      a_.mov(x86::rcx, Home(d - 1));
    Release(bb);
  } else {
    Release(Pop());
  }
  a_.emit(inst, R(ra), x86::cl);
}

// Floored division: a b -- rem quot, selecting what `which` keeps.
void NativeCodegen::Impl::Divide(DivOut which) {
  int32_t d = Depth();
  Evict(kRax, (1u << kRdx));
  Evict(kRdx, (1u << kRax));
  uint32_t avoid = (1u << kRax) | (1u << kRdx);
  uint8_t rb = ToReg(d - 1, avoid | (1u << kRbx));
  {
    Item& a = vs_[d - 2];
    if (a.loc == Loc::kReg)
      a_.mov(x86::rax, R(a.reg));
    else if (a.loc == Loc::kConst)
      a_.mov(x86::rax, Imm(a.value));
    else
      a_.mov(x86::rax, Home(d - 2));
  }
  Item b = Pop();
  Item a = Pop();
  Release(a);
  Gp B = R(rb);
  Label special = a_.newLabel(), done = a_.newLabel();
  a_.test(B, B);
  a_.jz(DivTrap());
  a_.cmp(B, -1);
  a_.je(special);
  a_.cqo();
  a_.idiv(B);
  // Floor: a non-zero remainder whose sign differs from the divisor's.
  a_.test(x86::rdx, x86::rdx);
  a_.jz(done);
  a_.mov(x86::r11, x86::rdx);
  a_.xor_(x86::r11, B);
  a_.jns(done);
  a_.sub(x86::rax, 1);
  a_.add(x86::rdx, B);
  a_.jmp(done);
  a_.bind(special);  // divisor -1: quotient -a (overflows only for INT64_MIN), rem 0
  a_.neg(x86::rax);
  a_.jo(DivTrap());
  a_.xor_(x86::edx, x86::edx);
  a_.bind(done);
  Release(b);
  if (which == DivOut::kQuot)
    PushReg(kRax);
  else if (which == DivOut::kRem)
    PushReg(kRdx);
  else
    PushReg(kRdx), PushReg(kRax);
}

// a b c -- rem quot of a*b/c with a 128-bit product, floored; a quotient
// that does not fit a cell traps like a zero divisor (as the interpreter).
void NativeCodegen::Impl::StarSlash(DivOut which) {
  int32_t d = Depth();
  Evict(kRax, (1u << kRdx));
  Evict(kRdx, (1u << kRax));
  uint32_t avoid = (1u << kRax) | (1u << kRdx);
  uint8_t rc = ToOwned(d - 1, avoid);
  uint8_t rb = ToReg(d - 2, avoid | (1u << rc));
  {
    Item& a = vs_[d - 3];
    if (a.loc == Loc::kReg)
      a_.mov(x86::rax, R(a.reg));
    else if (a.loc == Loc::kConst)
      a_.mov(x86::rax, Imm(a.value));
    else
      a_.mov(x86::rax, Home(d - 3));
  }
  a_.imul(R(rb));  // rdx:rax = a*b
  Item c = Pop();
  Item b = Pop();
  Item a = Pop();
  Release(a);
  Release(b);
  // Need one more temporary: the sign of the result and |c|.
  uint8_t rt = Alloc(avoid | (1u << rc), Depth());
  ++refs_[rt];
  Gp C = R(rc), T = R(rt);
  Label pos_n = a_.newLabel(), pos_c = a_.newLabel(), no_round = a_.newLabel(),
        neg_res = a_.newLabel(), done = a_.newLabel(), rem_sign = a_.newLabel();
  a_.test(C, C);
  a_.jz(DivTrap());
  a_.mov(x86::r11, x86::rdx);
  a_.xor_(x86::r11, C);  // sign bit: result negative
  // |n|
  a_.test(x86::rdx, x86::rdx);
  a_.jns(pos_n);
  a_.not_(x86::rdx);
  a_.neg(x86::rax);
  a_.sbb(x86::rdx, -1);
  a_.bind(pos_n);
  // |c| in T
  a_.mov(T, C);
  a_.test(T, T);
  a_.jns(pos_c);
  a_.neg(T);
  a_.bind(pos_c);
  a_.cmp(x86::rdx, T);
  a_.jae(DivTrap());  // unsigned quotient >= 2^64
  a_.div(T);          // rax = uq, rdx = ur
  a_.test(x86::r11, x86::r11);
  a_.js(neg_res);
  // Non-negative result: uq must be <= INT64_MAX.
  a_.test(x86::rax, x86::rax);
  a_.js(DivTrap());
  a_.jmp(rem_sign);
  a_.bind(neg_res);
  a_.test(x86::rdx, x86::rdx);
  a_.jz(no_round);
  a_.add(x86::rax, 1);  // floor rounds away from zero for negative results
  a_.jc(DivTrap());
  a_.sub(T, x86::rdx);
  a_.mov(x86::rdx, T);
  a_.bind(no_round);
  // -uq must be >= INT64_MIN, i.e. uq <= 2^63: neg of 2^63 overflows to
  // INT64_MIN (valid); anything above 2^63 comes out positive.
  a_.neg(x86::rax);
  a_.jo(rem_sign);
  a_.test(x86::rax, x86::rax);
  a_.jg(DivTrap());
  a_.bind(rem_sign);
  // The floored remainder has the divisor's sign.
  a_.test(C, C);
  a_.jns(done);
  a_.neg(x86::rdx);
  a_.bind(done);
  --refs_[rt];
  Release(c);
  if (which == DivOut::kQuot)
    PushReg(kRax);
  else
    PushReg(kRdx), PushReg(kRax);
}

// s>d: ( n -- n hi ), hi the sign of n.
void NativeCodegen::Impl::SToD() {
  int32_t d = Depth();
  if (vs_[d - 1].loc == Loc::kConst) {
    PushConst(vs_[d - 1].value < 0 ? -1 : 0);
    return;
  }
  uint8_t r = ToReg(d - 1);
  uint8_t t = Alloc(1u << r, Depth());
  a_.mov(R(t), R(r));
  a_.sar(R(t), 63);
  PushReg(t);
}

// Loads the cell at p into `dst` (rax or rdx, already evicted).
void NativeCodegen::Impl::LoadFixed(Gp dst, int32_t p) {
  const Item& it = vs_[p];
  if (it.loc == Loc::kReg)
    a_.mov(dst, R(it.reg));
  else if (it.loc == Loc::kConst)
    a_.mov(dst, Imm(it.value));
  else
    a_.mov(dst, Home(p));
}

// m* / um*: ( a b -- lo hi ), the 128-bit product from one-operand
// imul / mul into rdx:rax.
void NativeCodegen::Impl::MulWide(bool is_signed) {
  int32_t d = Depth();
  Evict(kRax, (1u << kRdx));
  Evict(kRdx, (1u << kRax));
  uint32_t avoid = (1u << kRax) | (1u << kRdx);
  uint8_t rb = ToReg(d - 1, avoid | (1u << kRbx));
  LoadFixed(x86::rax, d - 2);
  if (is_signed)
    a_.imul(R(rb));
  else
    a_.mul(R(rb));
  Item b = Pop();
  Item a = Pop();
  Release(a);
  Release(b);
  PushReg(kRax);
  PushReg(kRdx);
}

// fm/mod (floored) and sm/rem (symmetric): ( lo hi n -- rem quot ). The
// magnitudes go through one unsigned div whose overflow is ruled out
// first, so the hardware never traps; a zero divisor or a quotient that
// does not fit a cell jumps to the E4002 trap.
void NativeCodegen::Impl::DivWide(bool floored) {
  int32_t d = Depth();
  Evict(kRax, (1u << kRdx));
  Evict(kRdx, (1u << kRax));
  uint32_t avoid = (1u << kRax) | (1u << kRdx);
  uint8_t rc = ToReg(d - 1, avoid | (1u << kRbx));
  LoadFixed(x86::rax, d - 3);
  LoadFixed(x86::rdx, d - 2);
  Item c = Pop();
  Item b = Pop();
  Item a = Pop();
  Release(a);
  Release(b);
  uint8_t rt = Alloc(avoid | (1u << rc), Depth());
  ++refs_[rt];
  Gp C = R(rc), T = R(rt);
  Label pos_d = a_.newLabel(), pos_c = a_.newLabel(), no_round = a_.newLabel(),
        neg_q = a_.newLabel(), rem_sign = a_.newLabel(), done = a_.newLabel();
  a_.test(C, C);
  a_.jz(DivTrap());
  a_.mov(x86::r11, x86::rdx);
  a_.xor_(x86::r11, C);  // sign bit: quotient negative
  a_.test(x86::rdx, x86::rdx);
  a_.jns(pos_d);
  a_.not_(x86::rdx);  // |d|, 128-bit negate
  a_.neg(x86::rax);
  a_.sbb(x86::rdx, -1);
  a_.bind(pos_d);
  a_.mov(T, C);
  a_.test(T, T);
  a_.jns(pos_c);
  a_.neg(T);
  a_.bind(pos_c);
  a_.cmp(x86::rdx, T);
  a_.jae(DivTrap());  // unsigned quotient >= 2^64
  a_.div(T);          // rax = uq, rdx = ur
  a_.test(x86::r11, x86::r11);
  a_.js(neg_q);
  a_.test(x86::rax, x86::rax);  // a non-negative quotient must be <= INT64_MAX
  a_.js(DivTrap());
  a_.jmp(rem_sign);
  a_.bind(neg_q);
  if (floored) {
    a_.test(x86::rdx, x86::rdx);
    a_.jz(no_round);
    a_.add(x86::rax, 1);  // floor rounds a negative quotient away from zero
    a_.jc(DivTrap());
    a_.sub(T, x86::rdx);
    a_.mov(x86::rdx, T);
    a_.bind(no_round);
  }
  // -uq must be >= INT64_MIN: neg of 2^63 overflows to INT64_MIN (valid);
  // anything above 2^63 comes out positive.
  a_.neg(x86::rax);
  a_.jo(rem_sign);
  a_.test(x86::rax, x86::rax);
  a_.jg(DivTrap());
  a_.bind(rem_sign);
  // Floored: the remainder has the divisor's sign; symmetric: the
  // dividend's (r11 ^ c).
  if (!floored) a_.xor_(x86::r11, C);
  Gp sign = floored ? C : Gp(x86::r11);
  a_.test(sign, sign);
  a_.jns(done);
  a_.neg(x86::rdx);
  a_.bind(done);
  --refs_[rt];
  Release(c);
  PushReg(kRdx);
  PushReg(kRax);
}

// um/mod: ( lo hi u -- urem uquot ); the quotient fits iff hi u< u.
void NativeCodegen::Impl::UmDivMod() {
  int32_t d = Depth();
  Evict(kRax, (1u << kRdx));
  Evict(kRdx, (1u << kRax));
  uint32_t avoid = (1u << kRax) | (1u << kRdx);
  uint8_t rc = ToReg(d - 1, avoid | (1u << kRbx));
  LoadFixed(x86::rax, d - 3);
  LoadFixed(x86::rdx, d - 2);
  Item c = Pop();
  Item b = Pop();
  Item a = Pop();
  Release(a);
  Release(b);
  Gp C = R(rc);
  a_.test(C, C);
  a_.jz(DivTrap());
  a_.cmp(x86::rdx, C);
  a_.jae(DivTrap());
  a_.div(C);
  Release(c);
  PushReg(kRdx);
  PushReg(kRax);
}

void NativeCodegen::Impl::MinMax(x86::CondCode take_b) {
  int32_t d = Depth();
  uint8_t ra = ToOwned(d - 2);
  if (vs_[d - 1].loc == Loc::kConst) ToReg(d - 1, 1u << ra);
  Item b = Pop();
  Operand sb = Src(b, d - 1);
  a_.emit(x86::Inst::kIdCmp, R(ra), sb);
  a_.emit(x86::Inst::cmovccFromCond(take_b), R(ra), sb);
  Release(b);
}

// Data-stack shuffle from the builtin table: output j is input out[j].
void NativeCodegen::Impl::Shuffle(const BuiltinInfo& info) {
  int32_t m = info.inputs;
  int32_t d = Depth();
  if (d < m) {
    Fail("shuffle underflow");
    return;
  }
  int32_t base = d - m;
  for (int32_t j = 0; j < info.outputs; ++j) {
    int32_t s = info.out[j];
    if (s != j && vs_[base + s].loc == Loc::kMem) ToReg(base + s);
  }
  std::array<Item, 4> in;
  for (int32_t k = 0; k < m; ++k) in[k] = vs_[base + k];
  vs_.resize(base);
  for (int32_t j = 0; j < info.outputs; ++j) {
    Item it = in[info.out[j]];
    if (j != info.out[j] && it.loc == Loc::kMem) {
      Fail("shuffle left a cell in memory");
      return;
    }
    if (j != info.out[j]) it.clean = false;
    Ref(it);
    vs_.push_back(it);
  }
  for (int32_t k = 0; k < m; ++k) Release(in[k]);
}

void NativeCodegen::Impl::PickOrRoll(Builtin b) {
  int32_t d = Depth();
  if (vs_[d - 1].loc != Loc::kConst) {
    Fail("pick/roll needs a literal index");
    return;
  }
  int64_t n = Pop().value;
  if (b == Builtin::kPick)
    Pick(n);
  else
    Roll(n);
}

void NativeCodegen::Impl::Pick(int64_t n) {
  int32_t d = Depth();
  if (n < 0 || n >= d) {
    Fail("pick index out of range");
    return;
  }
  int32_t p = d - 1 - static_cast<int32_t>(n);
  if (vs_[p].loc == Loc::kMem) ToReg(p);
  Item it = vs_[p];
  it.clean = false;
  Ref(it);
  vs_.push_back(it);
}

void NativeCodegen::Impl::Roll(int64_t n) {
  int32_t d = Depth();
  if (n < 0 || n >= d) {
    Fail("roll index out of range");
    return;
  }
  if (n == 0) return;
  int32_t p = d - 1 - static_cast<int32_t>(n);
  if (n <= 3) {
    for (int32_t q = p; q < d; ++q)
      if (vs_[q].loc == Loc::kMem) ToReg(q);
    bool all = true;
    for (int32_t q = p; q < d; ++q) all = all && vs_[q].loc != Loc::kMem;
    if (all) {
      Item moved = vs_[p];
      for (int32_t q = p; q < d - 1; ++q) vs_[q] = vs_[q + 1];
      vs_[d - 1] = moved;
      for (int32_t q = p; q < d; ++q) vs_[q].clean = false;
      return;
    }
  }
  // Deep roll: rotate in memory.
  FlushAll();
  a_.mov(x86::r11, Home(p));
  for (int32_t q = p; q < d - 1; ++q) {
    a_.mov(x86::rax, Home(q + 1));
    a_.mov(Home(q), x86::rax);
  }
  a_.mov(Home(d - 1), x86::r11);
}

void NativeCodegen::Impl::ToR() {
  int32_t d = Depth();
  TakeReturnCells(1);
  Item v = Pop();
  if (v.loc == Loc::kReg)
    a_.push(R(v.reg));
  else if (v.loc == Loc::kConst && FitsI32(v.value))
    a_.push(Imm(v.value));
  else if (v.loc == Loc::kConst)
    a_.mov(x86::r11, Imm(v.value)), a_.push(x86::r11);
  else
    a_.push(Home(d - 1));
  Release(v);
  ++rdepth_;
}

void NativeCodegen::Impl::RFrom() {
  if (RCellsAboveLoop() <= 0) {
    Fail("r> without a matching >r");
    return;
  }
  uint8_t r = Alloc();
  a_.pop(R(r));
  PushReg(r);
  --rdepth_;
  GiveReturnCells(1);
}

void NativeCodegen::Impl::RFetch() {
  if (RCellsAboveLoop() <= 0) {
    Fail("r@ without a matching >r");
    return;
  }
  uint8_t r = Alloc();
  a_.mov(R(r), x86::qword_ptr(x86::rsp));
  PushReg(r);
}

std::optional<int64_t> NativeCodegen::Impl::Fold(Builtin b, int64_t x, int64_t y) {
  auto u = [](int64_t v) { return static_cast<uint64_t>(v); };
  auto s = [](uint64_t v) { return static_cast<int64_t>(v); };
  switch (b) {
    case Builtin::kAdd:
      return s(u(x) + u(y));
    case Builtin::kSub:
      return s(u(x) - u(y));
    case Builtin::kMul:
      return s(u(x) * u(y));
    case Builtin::kAnd:
      return x & y;
    case Builtin::kOr:
      return x | y;
    case Builtin::kXor:
      return x ^ y;
    case Builtin::kLshift:
      return s(u(x) << (y & 63));
    case Builtin::kRshift:
      return s(u(x) >> (y & 63));
    default:
      return std::nullopt;
  }
}
}  // namespace ffb
