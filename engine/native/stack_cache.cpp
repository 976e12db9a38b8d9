#include <algorithm>

#include "engine/native/codegen_impl.h"

namespace ffb {
namespace {
using namespace asmjit;
}  // namespace

// Pop on an empty stack (a body whose control words disagree with its
// depths): pushes a constant cell, owning no register, for Pop to take.
void NativeCodegen::Impl::PopUnderflow() {
  Fail("data stack underflow in the code generator (body not verified?)");
  PushConst(0);
}

void NativeCodegen::Impl::StoreConst(const x86::Mem& m, int64_t v) {
  if (FitsI32(v)) {
    a_.mov(m, Imm(v));
  } else {  // two halves: no scratch register, flags untouched
    x86::Mem lo = m, hi = m;
    lo.setSize(4);
    hi.setSize(4);
    hi.addOffset(4);
    a_.mov(lo, Imm(static_cast<int32_t>(static_cast<uint64_t>(v) & 0xffffffffu)));
    a_.mov(hi, Imm(static_cast<int32_t>(static_cast<uint64_t>(v) >> 32)));
  }
}

void NativeCodegen::Impl::Flush(int32_t p) {
  Item& it = vs_[p];
  if (it.loc == Loc::kReg) {
    if (!it.clean) a_.mov(Home(p), R(it.reg));
    Release(it);
  } else if (it.loc == Loc::kConst) {
    StoreConst(Home(p), it.value);
  }
  it = {Loc::kMem, 0, 0};
}

void NativeCodegen::Impl::FlushAll() {
  for (int32_t p = 0; p < Depth(); ++p) Flush(p);
}

// A free pool register, spilling the deepest cached cells below
// `protect_from` when none is free. `avoid` is a bit mask of register ids.
uint8_t NativeCodegen::Impl::Alloc(uint32_t avoid, int32_t protect_from) {
  for (uint8_t r : kPool)
    if (refs_[r] == 0 && !(avoid >> r & 1)) return r;
  int32_t limit = std::min(protect_from < 0 ? Depth() : protect_from, protect_);
  for (int32_t p = 0; p < limit; ++p) {
    const Item& it = vs_[p];
    if (it.loc != Loc::kReg || !InPool(it.reg) || (avoid >> it.reg & 1)) continue;
    uint8_t r = it.reg;
    int in_stack = 0;
    for (const Item& o : vs_) in_stack += (o.loc == Loc::kReg && o.reg == r);
    if (in_stack != refs_[r]) continue;  // also held by a popped operand
    for (int32_t q = 0; q < Depth(); ++q)
      if (vs_[q].loc == Loc::kReg && vs_[q].reg == r) Flush(q);
    return r;
  }
  Fail("out of registers");
  return kPool[0];  // a valid register id for the caller's remaining emits; Generate stops
}

// Makes item p live in a register (possibly shared or an alias like rbx).
uint8_t NativeCodegen::Impl::ToReg(int32_t p, uint32_t avoid) {
  Item& it = vs_[p];
  if (it.loc == Loc::kReg && !(avoid >> it.reg & 1)) return it.reg;
  uint8_t r = Alloc(avoid | (it.loc == Loc::kReg ? 1u << it.reg : 0), Depth());
  Item& it2 = vs_[p];  // Alloc does not resize vs_
  bool clean = it2.loc == Loc::kMem || (it2.loc == Loc::kReg && it2.clean);
  if (it2.loc == Loc::kMem)
    a_.mov(R(r), Home(p));
  else if (it2.loc == Loc::kConst)
    a_.mov(R(r), Imm(it2.value));
  else
    a_.mov(R(r), R(it2.reg)), Release(it2);
  it2 = {Loc::kReg, r, 0, clean};
  ++refs_[r];
  return r;
}

// Makes item p live in a pool register used by nothing else (to modify it).
uint8_t NativeCodegen::Impl::ToOwned(int32_t p, uint32_t avoid) {
  Item& it = vs_[p];
  if (it.loc == Loc::kReg && InPool(it.reg) && refs_[it.reg] == 1 && !(avoid >> it.reg & 1)) {
    it.clean = false;  // the caller modifies it
    return it.reg;
  }
  uint8_t r = Alloc(avoid | (it.loc == Loc::kReg ? 1u << it.reg : 0), Depth());
  Item& it2 = vs_[p];
  if (it2.loc == Loc::kMem)
    a_.mov(R(r), Home(p));
  else if (it2.loc == Loc::kConst)
    a_.mov(R(r), Imm(it2.value));
  else
    a_.mov(R(r), R(it2.reg)), Release(it2);
  it2 = {Loc::kReg, r, 0, false};
  ++refs_[r];
  return r;
}

// Operand for a popped item without allocating: register, imm32, memory
// (its home, still valid), or r11 for a wide constant.
Operand NativeCodegen::Impl::Src(const Item& it, int32_t pos) {
  if (it.loc == Loc::kReg) return R(it.reg);
  if (it.loc == Loc::kConst) {
    if (FitsI32(it.value)) return Imm(it.value);
    a_.mov(x86::r11, Imm(it.value));
    return x86::r11;
  }
  return Home(pos);
}

// Moves every cell cached in register r elsewhere (r is needed as a fixed operand).
void NativeCodegen::Impl::Evict(uint8_t r, uint32_t avoid) {
  if (refs_[r] == 0) return;
  int in_stack = 0;
  for (const Item& o : vs_) in_stack += (o.loc == Loc::kReg && o.reg == r);
  if (in_stack != refs_[r]) {
    Fail("register needed while held");
    return;
  }
  uint8_t n = Alloc(avoid | (1u << r), Depth());
  a_.mov(R(n), R(r));
  for (Item& o : vs_)
    if (o.loc == Loc::kReg && o.reg == r) o.reg = n;
  refs_[n] = refs_[r];
  refs_[r] = 0;
}

// Canonical state at control-flow joins: the top min(depth, 3) cells in
// r8 r9 r10 (top first), the rest in memory, s_off 0. Emits only mov, xchg
// and lea, so the flags survive (branches test before reconciling).
// Returns which canonical registers (bit i = kCanon[i]) equal their memory home.
uint32_t NativeCodegen::Impl::Canonicalize() {
  int32_t d = Depth();
  int32_t k = std::min<int32_t>(d, static_cast<int32_t>(kCanon.size()));
  for (int32_t p = 0; p < d - k; ++p) Flush(p);
  // Parallel register moves target <- source.
  std::array<int, kMaxRegs> src;
  src.fill(-1);
  for (int32_t i = 0; i < k; ++i) {
    const Item& it = vs_[d - 1 - i];
    if (it.loc == Loc::kReg && it.reg != kCanon[i]) src[kCanon[i]] = it.reg;
  }
  while (true) {
    bool pending = false, progressed = false;
    for (uint8_t t : kCanon) {
      if (src[t] < 0) continue;
      pending = true;
      bool needed = false;
      for (uint8_t u : kCanon) needed = needed || (src[u] == t);
      if (needed) continue;
      a_.mov(R(t), R(static_cast<uint8_t>(src[t])));
      src[t] = -1;
      progressed = true;
    }
    if (!pending) break;
    if (progressed) continue;
    // Only cycles remain: swap one pair and renumber.
    for (uint8_t t : kCanon) {
      if (src[t] < 0) continue;
      auto s = static_cast<uint8_t>(src[t]);
      a_.xchg(R(t), R(s));
      src[t] = -1;
      for (uint8_t u : kCanon) {
        if (src[u] == t)
          src[u] = s;
        else if (src[u] == s)
          src[u] = t;
      }
      for (uint8_t u : kCanon)
        if (src[u] == static_cast<int>(u)) src[u] = -1;
      break;
    }
  }
  uint32_t clean = 0;
  for (int32_t i = 0; i < k; ++i) {
    const Item& it = vs_[d - 1 - i];
    if (it.loc == Loc::kMem)
      a_.mov(R(kCanon[i]), Home(d - 1 - i));
    else if (it.loc == Loc::kConst)
      a_.mov(R(kCanon[i]), Imm(it.value));
    if (it.loc == Loc::kMem || (it.loc == Loc::kReg && it.clean)) clean |= 1u << i;
  }
  if (s_off_ != 0) a_.lea(x86::rdi, x86::ptr(x86::rdi, -8 * s_off_));
  s_off_ = 0;
  SetCanonical(d, clean);
  return clean;
}

// The virtual state that Canonicalize produces, for code reached by a jump.
void NativeCodegen::Impl::SetCanonical(int32_t d, uint32_t clean) {
  refs_.fill(0);
  vs_.assign(d, Item{Loc::kMem, 0, 0});
  int32_t k = std::min<int32_t>(d, static_cast<int32_t>(kCanon.size()));
  for (int32_t i = 0; i < k; ++i) {
    vs_[d - 1 - i] = {Loc::kReg, kCanon[i], 0, (clean >> i & 1) != 0};
    ++refs_[kCanon[i]];
  }
  s_off_ = 0;
}
}  // namespace ffb
