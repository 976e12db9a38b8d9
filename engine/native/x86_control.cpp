#include "engine/native/codegen_impl.h"

namespace ffb {
namespace {
using namespace asmjit;
}  // namespace

// Flag-consuming conditional jump to `target` when the flag is false, with
// the remaining state canonicalised on both edges.
void NativeCodegen::Impl::BranchIfFalse(Label target) {
  if (has_pending_cc_) {
    has_pending_cc_ = false;
    branch_clean_ = Canonicalize();
    a_.j(x86::negateCond(pending_cc_), target);
    return;
  }
  int32_t d = Depth();
  Item f = Pop();
  if (f.loc == Loc::kConst) {
    branch_clean_ = Canonicalize();
    if (f.value == 0) a_.jmp(target);
    return;
  }
  if (f.loc == Loc::kReg)
    a_.test(R(f.reg), R(f.reg));
  else
    a_.cmp(Home(d - 1), Imm(0));
  Release(f);
  branch_clean_ = Canonicalize();
  a_.jz(target);
}

// Resets the targets of this body's if, else, while and begin tokens and
// links each orig's resolving token (else, then, repeat) back to its maker.
void NativeCodegen::Impl::LinkTargets() {
  const size_t n = body_.size();
  if (targets_.size() < n) {
    targets_.resize(n);
    maker_.resize(n);
  }
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = body_[i];
    if (t.kind != TokenKind::kBuiltin) continue;
    switch (t.builtin()) {
      case Builtin::kIf:
      case Builtin::kElse:
      case Builtin::kWhile:
        maker_[flow_.partner(i)] = i;
        targets_[i].reached = false;
        break;
      case Builtin::kBegin:
        targets_[i].reached = false;
        break;
      default:
        break;
    }
  }
}

// An orig made by a conditional branch (if, while): jump to a new label when
// the flag is false. A while's edge keeps no clean registers (conservative;
// the nested forms' code has always been generated so).
void NativeCodegen::Impl::Orig(uint32_t maker, bool keep_clean) {
  Target& t = targets_[maker];
  t.label = a_.newLabel();
  BranchIfFalse(t.label);
  t.reached = true;
  t.depth = Depth();
  t.rdepth = rdepth_;
  t.clean = keep_clean ? branch_clean_ : 0;
}

// The code after `resolver` (else, repeat, or a then reached only by a
// jump) starts at the label of the orig it resolves, in that edge's state;
// unreachable when the maker was never compiled (dead code).
void NativeCodegen::Impl::Resolve(uint32_t resolver) {
  const Target& m = targets_[maker_[resolver]];
  if (!m.reached) {
    reachable_ = false;
    return;
  }
  a_.bind(m.label);
  SetCanonical(m.depth, m.clean);
  rdepth_ = m.rdepth;
  reachable_ = true;
}

void NativeCodegen::Impl::If() { Orig(static_cast<uint32_t>(token_), true); }

void NativeCodegen::Impl::While() { Orig(static_cast<uint32_t>(token_), false); }

// AHEAD 1 CS-ROLL THEN: jump to the orig's own label, then continue at the
// label of the orig it resolves (an if's, an else's or a while's).
void NativeCodegen::Impl::Else() {
  const auto i = static_cast<uint32_t>(token_);
  Target& t = targets_[i];
  t.label = a_.newLabel();
  t.clean = Canonicalize();
  t.reached = true;
  t.depth = Depth();
  t.rdepth = rdepth_;
  a_.jmp(t.label);
  Resolve(i);
}

// The fall-through joins the orig's edge: both canonical, same depths.
void NativeCodegen::Impl::Then() {
  const Target& m = targets_[maker_[token_]];
  uint32_t clean = Canonicalize();
  if (!m.reached) return;
  a_.bind(m.label);
  if (Depth() != m.depth) {
    Fail("if arms leave different depths");
    return;
  }
  if (rdepth_ != m.rdepth) {
    Fail("paths joining at then leave the return stack different");
    return;
  }
  SetCanonical(Depth(), clean & m.clean);
}

void NativeCodegen::Impl::Begin() {
  Target& t = targets_[token_];
  t.label = a_.newLabel();
  Canonicalize();
  SetCanonical(Depth());  // back edges may arrive with stale homes
  a_.bind(t.label);
  LoopHeadFuel();
  t.reached = true;
  t.depth = Depth();
  t.rdepth = rdepth_;
}

void NativeCodegen::Impl::Until() {
  const Target& d = targets_[flow_.partner(static_cast<uint32_t>(token_))];
  BranchIfFalse(d.label);
  if (Depth() != d.depth || rdepth_ != d.rdepth) {
    Fail("until: loop not neutral");
    return;
  }
}

// again: jump back; repeat (AGAIN THEN) then resolves its orig (its own
// begin's while, an outer while, or an if before the begin).
void NativeCodegen::Impl::RepeatOrAgain(Builtin b) {
  const Target& d = targets_[flow_.partner(static_cast<uint32_t>(token_))];
  Canonicalize();
  if (Depth() != d.depth || rdepth_ != d.rdepth) {
    Fail("loop not neutral");
    return;
  }
  a_.jmp(d.label);
  if (b == Builtin::kRepeat)
    Resolve(static_cast<uint32_t>(token_));
  else
    reachable_ = false;
}

void NativeCodegen::Impl::Do(Builtin b) {
  // limit start -- ; frame: push outer rbx, r12; rbx = index, r12 = limit.
  int32_t dd = Depth();
  if (dd < 2) {
    Fail("do needs limit and start");
    return;
  }
  // Bring both into r11 / rax-free temporaries after canonicalising the rest.
  Item start = Pop();
  Item limit = Pop();
  // Keep the operands alive across Canonicalize: push them back as the
  // two cells above the canonical region is not possible, so load them
  // into r11 and the machine stack first.
  auto load = [&](const Item& it, int32_t pos, Gp dst) {
    if (it.loc == Loc::kReg)
      a_.mov(dst, R(it.reg));
    else if (it.loc == Loc::kConst)
      a_.mov(dst, Imm(it.value));
    else
      a_.mov(dst, Home(pos));
  };
  TakeReturnCells(2);
  a_.push(x86::rbx);
  a_.push(x86::r12);
  load(limit, dd - 2, x86::r12);  // outer limit already saved
  load(start, dd - 1, x86::r11);
  Release(start);
  Release(limit);
  MaterializeIndexAliases();
  a_.mov(x86::rbx, x86::r11);
  rdepth_ += 2;
  Ctl c{};
  c.kind = Builtin::kDo;
  c.a = a_.newLabel();
  c.b = a_.newLabel();
  c.rdepth = rdepth_;
  Canonicalize();
  if (b == Builtin::kQDo) {
    a_.cmp(x86::rbx, x86::r12);
    a_.je(c.b);
  }
  SetCanonical(Depth());
  a_.bind(c.a);
  LoopHeadFuel();
  c.depth = Depth();
  ctl_.push_back(c);
}

void NativeCodegen::Impl::LoopEnd(Builtin b) {
  Ctl c = ctl_.back();
  ctl_.pop_back();
  if (b == Builtin::kLoop) {
    Canonicalize();
    if (Depth() != c.depth) {
      Fail("loop not neutral");
      return;
    }
    a_.add(x86::rbx, 1);
    a_.cmp(x86::rbx, x86::r12);
    a_.jne(c.a);
  } else {
    int32_t dd = Depth();
    Item n = Pop();
    if (n.loc == Loc::kConst && FitsI32(n.value)) {
      Canonicalize();
      if (Depth() != c.depth) {
        Fail("+loop not neutral");
        return;
      }
      int64_t v = n.value;
      if (v == 0) {
        a_.jmp(c.a);
      } else if (v > 0) {
        a_.add(x86::rbx, Imm(v));
        a_.mov(x86::r11, x86::rbx);
        a_.sub(x86::r11, x86::r12);
        if (FitsI32(v))
          a_.cmp(x86::r11, Imm(v));
        else
          a_.mov(x86::rax, Imm(v)), a_.cmp(x86::r11, x86::rax);
        a_.jae(c.a);
      } else {
        a_.mov(x86::r11, x86::rbx);
        a_.sub(x86::r11, x86::r12);
        a_.add(x86::rbx, Imm(v));
        uint64_t mag = 0 - static_cast<uint64_t>(v);
        if (mag <= INT32_MAX)
          a_.cmp(x86::r11, Imm(static_cast<int64_t>(mag)));
        else
          a_.mov(x86::rax, Imm(static_cast<int64_t>(mag))), a_.cmp(x86::r11, x86::rax);
        a_.jae(c.a);
      }
    } else {
      // General step: continue unless (old ^ new) & (old ^ n) < 0,
      // old = index - limit, new = old + n (gforth's (+loop)).
      if (n.loc == Loc::kReg)
        a_.mov(x86::r11, R(n.reg));
      else if (n.loc == Loc::kConst)
        a_.mov(x86::r11, Imm(n.value));
      else
        a_.mov(x86::r11, Home(dd - 1));
      Release(n);
      Canonicalize();
      if (Depth() != c.depth) {
        Fail("+loop not neutral");
        return;
      }
      // rax, rdx, rcx are free after canonicalising (canon regs are r8-r10).
      a_.mov(x86::rax, x86::rbx);
      a_.sub(x86::rax, x86::r12);
      a_.lea(x86::rdx, x86::ptr(x86::rax, x86::r11));
      a_.add(x86::rbx, x86::r11);
      a_.xor_(x86::rdx, x86::rax);
      a_.xor_(x86::rax, x86::r11);
      a_.and_(x86::rax, x86::rdx);
      a_.jns(c.a);
    }
  }
  a_.bind(c.b);
  a_.pop(x86::r12);
  a_.pop(x86::rbx);
  GiveReturnCells(2);
  rdepth_ -= 2;
  SetCanonical(c.depth);
}

void NativeCodegen::Impl::Leave() {
  Ctl* c = InnermostDo();
  if (c == nullptr) {
    Fail("leave outside a do loop");
    return;
  }
  Canonicalize();
  if (Depth() != c->depth) {
    Fail("leave with a changed depth");
    return;
  }
  if (rdepth_ > c->rdepth) {
    a_.add(x86::rsp, 8 * (rdepth_ - c->rdepth));
    GiveReturnCells(rdepth_ - c->rdepth);
  }
  a_.jmp(c->b);
  reachable_ = false;
}

void NativeCodegen::Impl::Unloop() {
  // `unloop unloop exit` pops the frames of the innermost loops in turn.
  Ctl* c = NthInnermostDo(unloops_ + 1);
  if (c == nullptr) {
    Fail("unloop outside a do loop");
    return;
  }
  if (rdepth_ != c->rdepth) {
    Fail("unloop with >r values above the loop frame");
    return;
  }
  MaterializeIndexAliases();
  a_.pop(x86::r12);
  a_.pop(x86::rbx);
  GiveReturnCells(2);
  rdepth_ -= 2;
  unloops_ += 1;
}

void NativeCodegen::Impl::Exit() {
  if (rdepth_ != 0) {
    Fail("exit with return stack cells or a loop frame (unloop first)");
    return;
  }
  Return();
  reachable_ = false;
  unloops_ = 0;
}

// i is rbx itself (an alias until rbx changes); j is read from the frame.
void NativeCodegen::Impl::LoopIndex(Builtin b) {
  if (b == Builtin::kI) {
    if (LoopCount() < 1) {
      Fail("i outside a do loop");
      return;
    }
    vs_.push_back({Loc::kReg, kRbx, 0});
    return;
  }
  if (LoopCount() < 2) {
    Fail("j outside two nested do loops");
    return;
  }
  // The inner do pushed (outer index, outer limit): index above the limit.
  uint8_t r = Alloc();
  a_.mov(R(r), x86::qword_ptr(x86::rsp, 8 * (RCellsAboveLoop() + 1)));
  PushReg(r);
}

// Cells that are `i` (an alias of rbx) get their own register before rbx changes.
void NativeCodegen::Impl::MaterializeIndexAliases() {
  for (int32_t p = 0; p < Depth(); ++p)
    if (vs_[p].loc == Loc::kReg && vs_[p].reg == kRbx) {
      uint8_t r = Alloc();
      a_.mov(R(r), x86::rbx);
      for (int32_t q = p; q < Depth(); ++q)
        if (vs_[q].loc == Loc::kReg && vs_[q].reg == kRbx) {
          vs_[q].reg = r;
          ++refs_[r];
        }
    }
}

NativeCodegen::Impl::Ctl* NativeCodegen::Impl::NthInnermostDo(int n) {
  for (auto it = ctl_.rbegin(); it != ctl_.rend(); ++it)
    if (it->kind == Builtin::kDo && --n == 0) return &*it;
  return nullptr;
}

int NativeCodegen::Impl::LoopCount() const {  // live loop frames, as InnermostDo counts them
  int n = 0;
  for (const Ctl& c : ctl_) n += c.kind == Builtin::kDo;
  return n - unloops_;
}

int32_t NativeCodegen::Impl::RCellsAboveLoop() {
  Ctl* c = InnermostDo();
  return rdepth_ - (c ? c->rdepth : 0);
}

// Unreachable code (after exit, again, leave, or an else or repeat whose
// orig's maker was dead): emit nothing, but follow the structure so the join
// that makes code reachable again is found. An else, then or repeat resumes
// at its orig's label when that orig's maker was compiled. A do loop's end
// resumes (at its leave exit) when its do was live, that is, when the do
// (its partner) comes before dead_from_.
void NativeCodegen::Impl::SkipDead(const Token& t) {
  if (t.kind != TokenKind::kBuiltin) return;
  const auto i = static_cast<uint32_t>(token_);
  switch (t.builtin()) {
    case Builtin::kElse:
    case Builtin::kThen:
    case Builtin::kRepeat:
      Resolve(i);
      return;
    case Builtin::kLoop:
    case Builtin::kPlusLoop:
      break;
    default:
      return;
  }
  if (flow_.partner(i) > dead_from_) return;
  // The body ended in leave/exit: only leave edges reach the exit.
  Ctl c = ctl_.back();
  ctl_.pop_back();
  a_.bind(c.b);
  a_.pop(x86::r12);
  a_.pop(x86::rbx);
  GiveReturnCells(2);
  rdepth_ = c.rdepth - 2;
  SetCanonical(c.depth);
  reachable_ = true;
}
}  // namespace ffb
