#include "engine/native/codegen.h"

#include <asmjit/x86.h>

#include <array>
#include <string>
#include <vector>

#include "engine/forth/builtins.h"

namespace ffb {
namespace {

using namespace asmjit;
using x86::Gp;

constexpr int kMaxRegs = 16;
// Stack cache pool and the canonical registers of the top cells at joins.
constexpr std::array<uint8_t, 7> kPool = {0 /*rax*/, 1 /*rcx*/, 2 /*rdx*/, 6 /*rsi*/, 8, 9, 10};
constexpr std::array<uint8_t, 3> kCanon = {8, 9, 10};  // top, second, third
constexpr uint8_t kRax = 0, kRcx = 1, kRdx = 2, kRbx = 3;

// Context offsets (NativeTestContext).
constexpr int32_t kCtxFuel = 0, kCtxCalls = 8, kCtxDataLimit = 16, kCtxTrap = 24,
                  kCtxMachineLimit = 32, kCtxReturnCells = 64;

Gp R(uint8_t id) { return x86::gpq(id); }
bool InPool(uint8_t r) {
  for (uint8_t p : kPool)
    if (p == r) return true;
  return false;
}
bool FitsI32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

class ErrorCatcher : public ErrorHandler {
 public:
  void handleError(Error err, const char* message, BaseEmitter*) override {
    if (failed) return;
    failed = true;
    text = message ? message : "asmjit error";
    code = err;
  }
  bool failed = false;
  Error code = kErrorOk;
  std::string text;
};

// A cell of the virtual stack: in its memory home, in a register, or a constant.
enum class Loc : uint8_t { kMem, kReg, kConst };
struct Item {
  Loc loc;
  uint8_t reg;
  int64_t value;
  bool clean = false;  // kReg: the memory home holds the same value (no store needed)
};

struct CodegenFailure {
  std::string message;
};

}  // namespace

class NativeCodegen::Impl {
 public:
  explicit Impl(NativeMode mode) : mode_(mode) {
    env_ = Environment(Arch::kX64);
    ResetHolder();
  }

  NativeMode mode() const { return mode_; }

  bool Compile(std::span<const Token> body, const TokenColumns& names,
               const NativeCalleeResolver& resolve, const NativeWordInfo& word, NativeCode& out,
               Diagnostic* error) {
    if (code_.codeSize() > (1u << 20)) ResetHolder();
    catcher_.failed = false;
    body_ = body;
    names_ = &names;
    resolve_ = &resolve;
    word_ = word;
    relocs_.clear();
    token_ = 0;
    std::string message;
    a_.align(AlignMode::kCode, 16);
    start_ = a_.offset();
    try {
      Generate();
    } catch (const CodegenFailure& f) {
      message = f.message;
    }
    if (message.empty() && catcher_.failed) message = "assembler: " + catcher_.text;
    if (!message.empty()) {
      if (error) {
        error->code = Code::kCodegenFailed;
        error->token = static_cast<uint32_t>(token_);
        error->column = token_ < body.size() ? body[token_].column : 0;
        error->message = std::move(message);
      }
      ResetHolder();  // the holder may hold half a word and unbound labels
      return false;
    }
    size_t end = a_.offset();
    const uint8_t* data = code_.textSection()->data();
    while (out.bytes.size() % 16 != 0) out.bytes.push_back(0xcc);
    auto base = static_cast<uint32_t>(out.bytes.size());
    out.bytes.insert(out.bytes.end(), data + start_, data + end);
    auto rb = static_cast<uint32_t>(out.relocs.size());
    for (NativeReloc r : relocs_) {
      r.offset = base + static_cast<uint32_t>(r.offset - start_);
      out.relocs.push_back(r);
    }
    out.words.push_back({word.word_id, base, static_cast<uint32_t>(end - start_), rb,
                         static_cast<uint32_t>(out.relocs.size())});
    return true;
  }

 private:
  struct Ctl {
    Builtin kind;
    Label a, b;           // if: false edge / end; begin: top / exit; do: top / leave
    int32_t depth;        // data depth at the join (if: after the flag; begin/do: at the top)
    int32_t exit_depth;   // while: depth at the exit edge; else-end: depth at then
    int32_t rdepth;       // machine stack cells before the construct
    bool has_else = false, has_while = false, end_reached = false;
    uint32_t clean_a = 0, clean_b = 0;  // canonical registers equal to memory on edges a / b
  };

  [[noreturn]] void Fail(std::string m) { throw CodegenFailure{std::move(m)}; }

  void ResetHolder() {
    code_.reset();
    code_.init(env_);
    code_.setErrorHandler(&catcher_);
    code_.attach(&a_);
  }

  // ---- virtual stack ------------------------------------------------------

  int32_t Depth() const { return static_cast<int32_t>(vs_.size()); }
  x86::Mem Home(int32_t p) const {
    return x86::qword_ptr(x86::rdi, 8 * (p - static_cast<int32_t>(word_.inputs) - s_off_));
  }
  void Ref(const Item& it) {
    if (it.loc == Loc::kReg && InPool(it.reg)) ++refs_[it.reg];
  }
  void Release(const Item& it) {
    if (it.loc == Loc::kReg && InPool(it.reg)) --refs_[it.reg];
  }
  void PushItem(Item it) { vs_.push_back(it); }
  void PushReg(uint8_t r) {
    if (InPool(r)) ++refs_[r];
    vs_.push_back({Loc::kReg, r, 0});
  }
  void PushConst(int64_t v) { vs_.push_back({Loc::kConst, 0, v}); }
  Item Pop() {
    if (vs_.empty()) Fail("data stack underflow in the code generator (body not verified?)");
    Item it = vs_.back();
    vs_.pop_back();
    return it;  // caller releases
  }

  void StoreConst(const x86::Mem& m, int64_t v) {
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
  void Flush(int32_t p) {
    Item& it = vs_[p];
    if (it.loc == Loc::kReg) {
      if (!it.clean) a_.mov(Home(p), R(it.reg));
      Release(it);
    } else if (it.loc == Loc::kConst) {
      StoreConst(Home(p), it.value);
    }
    it = {Loc::kMem, 0, 0};
  }
  void FlushAll() {
    for (int32_t p = 0; p < Depth(); ++p) Flush(p);
  }

  // A free pool register, spilling the deepest cached cells below
  // `protect_from` when none is free. `avoid` is a bit mask of register ids.
  uint8_t Alloc(uint32_t avoid = 0, int32_t protect_from = -1) {
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
  }

  // Makes item p live in a register (possibly shared or an alias like rbx).
  uint8_t ToReg(int32_t p, uint32_t avoid = 0) {
    Item& it = vs_[p];
    if (it.loc == Loc::kReg && !(avoid >> it.reg & 1)) return it.reg;
    uint8_t r = Alloc(avoid | (it.loc == Loc::kReg ? 1u << it.reg : 0), Depth());
    Item& it2 = vs_[p];  // Alloc does not resize vs_
    bool clean = it2.loc == Loc::kMem || (it2.loc == Loc::kReg && it2.clean);
    if (it2.loc == Loc::kMem) a_.mov(R(r), Home(p));
    else if (it2.loc == Loc::kConst) a_.mov(R(r), Imm(it2.value));
    else a_.mov(R(r), R(it2.reg)), Release(it2);
    it2 = {Loc::kReg, r, 0, clean};
    ++refs_[r];
    return r;
  }
  // Makes item p live in a pool register used by nothing else (to modify it).
  uint8_t ToOwned(int32_t p, uint32_t avoid = 0) {
    Item& it = vs_[p];
    if (it.loc == Loc::kReg && InPool(it.reg) && refs_[it.reg] == 1 && !(avoid >> it.reg & 1)) {
      it.clean = false;  // the caller modifies it
      return it.reg;
    }
    uint8_t r = Alloc(avoid | (it.loc == Loc::kReg ? 1u << it.reg : 0), Depth());
    Item& it2 = vs_[p];
    if (it2.loc == Loc::kMem) a_.mov(R(r), Home(p));
    else if (it2.loc == Loc::kConst) a_.mov(R(r), Imm(it2.value));
    else a_.mov(R(r), R(it2.reg)), Release(it2);
    it2 = {Loc::kReg, r, 0, false};
    ++refs_[r];
    return r;
  }
  // Operand for a popped item without allocating: register, imm32, memory
  // (its home, still valid), or r11 for a wide constant.
  Operand Src(const Item& it, int32_t pos) {
    if (it.loc == Loc::kReg) return R(it.reg);
    if (it.loc == Loc::kConst) {
      if (FitsI32(it.value)) return Imm(it.value);
      a_.mov(x86::r11, Imm(it.value));
      return x86::r11;
    }
    return Home(pos);
  }
  // Moves every cell cached in register r elsewhere (r is needed as a fixed operand).
  void Evict(uint8_t r, uint32_t avoid) {
    if (refs_[r] == 0) return;
    int in_stack = 0;
    for (const Item& o : vs_) in_stack += (o.loc == Loc::kReg && o.reg == r);
    if (in_stack != refs_[r]) Fail("register needed while held");
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
  uint32_t Canonicalize() {
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
          if (src[u] == t) src[u] = s;
          else if (src[u] == s) src[u] = t;
        }
        for (uint8_t u : kCanon)
          if (src[u] == static_cast<int>(u)) src[u] = -1;
        break;
      }
    }
    uint32_t clean = 0;
    for (int32_t i = 0; i < k; ++i) {
      const Item& it = vs_[d - 1 - i];
      if (it.loc == Loc::kMem) a_.mov(R(kCanon[i]), Home(d - 1 - i));
      else if (it.loc == Loc::kConst) a_.mov(R(kCanon[i]), Imm(it.value));
      if (it.loc == Loc::kMem || (it.loc == Loc::kReg && it.clean)) clean |= 1u << i;
    }
    if (s_off_ != 0) a_.lea(x86::rdi, x86::ptr(x86::rdi, -8 * s_off_));
    s_off_ = 0;
    SetCanonical(d, clean);
    return clean;
  }
  // The virtual state that Canonicalize produces, for code reached by a jump.
  void SetCanonical(int32_t d, uint32_t clean = 0) {
    refs_.fill(0);
    vs_.assign(d, Item{Loc::kMem, 0, 0});
    int32_t k = std::min<int32_t>(d, static_cast<int32_t>(kCanon.size()));
    for (int32_t i = 0; i < k; ++i) {
      vs_[d - 1 - i] = {Loc::kReg, kCanon[i], 0, (clean >> i & 1) != 0};
      ++refs_[kCanon[i]];
    }
    s_off_ = 0;
  }

  // ---- traps --------------------------------------------------------------

  Label Trap(Code c) {
    auto i = static_cast<size_t>(c);
    if (!trap_used_[i]) {
      trap_used_[i] = true;
      trap_label_[i] = a_.newLabel();
    }
    return trap_label_[i];
  }
  // Zero divisor or quotient overflow.
  Label DivTrap() { return Trap(Code::kDivisionByZero); }
  void EmitTrapStubs() {
    for (size_t i = 0; i < trap_used_.size(); ++i) {
      if (!trap_used_[i]) continue;
      a_.bind(trap_label_[i]);
      if (mode_ == NativeMode::kTest) {
        a_.mov(x86::eax, Imm(static_cast<uint32_t>(i)));
        a_.jmp(x86::qword_ptr(x86::r15, kCtxTrap));
      } else {
        // Object mode has only the division trap.
        a_.and_(x86::rsp, Imm(-16));
        EmitCallReloc(RelocKind::kRuntime, static_cast<uint32_t>(RuntimeSymbol::kDivByZero));
        a_.ud2();
      }
    }
  }
  void EmitCallReloc(RelocKind kind, uint32_t target) {
    a_.embedUInt8(0xe8);
    relocs_.push_back({static_cast<uint32_t>(a_.offset()), target, kind});
    a_.embedUInt32(0);
  }

  // ---- word frame ---------------------------------------------------------

  void Prologue() {
    if (mode_ != NativeMode::kTest) return;
    a_.sub(x86::qword_ptr(x86::r15, kCtxFuel), 1);
    a_.jb(Trap(Code::kFuelExhausted));
    a_.sub(x86::qword_ptr(x86::r15, kCtxCalls), 1);
    a_.jb(Trap(Code::kCallDepthExceeded));
    a_.cmp(x86::rsp, x86::qword_ptr(x86::r15, kCtxMachineLimit));
    a_.jb(Trap(Code::kReturnStackOverflow));
    int32_t grow = static_cast<int32_t>(word_.max_depth) - static_cast<int32_t>(word_.inputs);
    if (grow > 0) {
      a_.lea(x86::r11, x86::ptr(x86::rdi, 8 * grow));
      a_.cmp(x86::r11, x86::qword_ptr(x86::r15, kCtxDataLimit));
      a_.ja(Trap(Code::kDataStackOverflow));
    }
  }
  void Return() {
    FlushAll();
    int32_t disp = 8 * (Depth() - static_cast<int32_t>(word_.inputs) - s_off_);
    if (disp == 0) a_.mov(x86::rax, x86::rdi);
    else a_.lea(x86::rax, x86::ptr(x86::rdi, disp));
    if (mode_ == NativeMode::kTest) a_.add(x86::qword_ptr(x86::r15, kCtxCalls), 1);
    a_.ret();
  }
  // Test mode: >r and do frames take return stack cells (E4005 when none are
  // left); r>, unloop and the loop exit give them back. Flags are clobbered.
  void TakeReturnCells(int n) {
    if (mode_ != NativeMode::kTest) return;
    a_.sub(x86::qword_ptr(x86::r15, kCtxReturnCells), n);
    a_.jb(Trap(Code::kReturnStackOverflow));
  }
  void GiveReturnCells(int n) {
    if (mode_ != NativeMode::kTest) return;
    a_.add(x86::qword_ptr(x86::r15, kCtxReturnCells), n);
  }
  void LoopHeadFuel() {
    if (mode_ != NativeMode::kTest) return;
    a_.sub(x86::qword_ptr(x86::r15, kCtxFuel), 1);
    a_.jb(Trap(Code::kFuelExhausted));
  }

  // ---- calls --------------------------------------------------------------

  void EmitCall(uint32_t inputs, uint32_t outputs, bool self, uint32_t target) {
    if (static_cast<uint32_t>(Depth()) < inputs) Fail("call with too few cells on the stack");
    FlushAll();
    int32_t sp_off = Depth() - static_cast<int32_t>(word_.inputs);
    if (sp_off != s_off_) a_.lea(x86::rdi, x86::ptr(x86::rdi, 8 * (sp_off - s_off_)));
    // Test mode checks that the callee kept its effect: the static stack
    // model relies on it, and a word published with another effect would
    // otherwise walk the stack. The expected sp waits on the machine stack
    // (rdi is not preserved by the callee).
    const bool check = mode_ == NativeMode::kTest;
    if (check) {
      a_.lea(x86::r11, x86::ptr(x86::rdi, 8 * (static_cast<int32_t>(outputs) - static_cast<int32_t>(inputs))));
      a_.push(x86::r11);
    }
    if (self) a_.call(entry_);
    else EmitCallReloc(RelocKind::kWord, target);
    if (check) {
      a_.cmp(x86::rax, x86::qword_ptr(x86::rsp));
      a_.lea(x86::rsp, x86::ptr(x86::rsp, 8));
      a_.jne(Trap(Code::kInternal));
    }
    a_.mov(x86::rdi, x86::rax);
    vs_.resize(vs_.size() - inputs);
    for (uint32_t k = 0; k < outputs; ++k) vs_.push_back({Loc::kMem, 0, 0});
    s_off_ = Depth() - static_cast<int32_t>(word_.inputs);
  }

  // ---- primitives ---------------------------------------------------------

  static bool NextIsBranch(std::span<const Token> body, size_t i) {
    if (i + 1 >= body.size()) return false;
    const Token& t = body[i + 1];
    return t.Is(Builtin::kIf) || t.Is(Builtin::kUntil) || t.Is(Builtin::kWhile);
  }

  // Produces a flag from condition `cc` (flags already set): fused into the
  // next branch when there is one, else materialised as 0 / -1 in `dst`.
  void FlagFromCond(x86::CondCode cc, uint8_t dst) {
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

  void Compare(x86::CondCode cc) {
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
    if (a.loc == Loc::kReg) a_.emit(x86::Inst::kIdCmp, R(a.reg), sb);
    else a_.emit(x86::Inst::kIdCmp, Home(d - 2), sb);
    Release(a);
    Release(b);
    if (dst != 0xff) --refs_[dst];
    FlagFromCond(cc, dst);
  }
  void CompareZero(x86::CondCode cc) {
    int32_t d = Depth();
    if (vs_[d - 1].loc == Loc::kConst) ToReg(d - 1);
    uint8_t dst = fuse_next_ ? 0 : Alloc(0, d);
    Item a = Pop();
    if (a.loc == Loc::kReg) a_.test(R(a.reg), R(a.reg));
    else a_.cmp(Home(d - 1), Imm(0));
    Release(a);
    FlagFromCond(cc, dst);
  }

  // a b -- a op b for add sub and or xor imul.
  void Binary(InstId inst, bool commutative) {
    int32_t d = Depth();
    auto owned = [&](const Item& it) {
      return it.loc == Loc::kReg && InPool(it.reg) && refs_[it.reg] == 1;
    };
    auto emit = [&](uint8_t dst, const Operand& src) {
      if (inst == x86::Inst::kIdImul && src.isImm()) a_.imul(R(dst), R(dst), src.as<Imm>());
      else a_.emit(inst, R(dst), src);
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
  void Unary(InstId inst) {
    uint8_t r = ToOwned(Depth() - 1);
    a_.emit(inst, R(r));
  }
  void ShiftImm(InstId inst, int64_t count) {
    uint8_t r = ToOwned(Depth() - 1);
    a_.emit(inst, R(r), Imm(count & 63));
  }
  void Shift(InstId inst) {
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
      if (bb.loc == Loc::kReg) a_.mov(x86::rcx, R(bb.reg));
      else a_.mov(x86::rcx, Home(d - 1));
      Release(bb);
    } else {
      Release(Pop());
    }
    a_.emit(inst, R(ra), x86::cl);
  }

  // Floored division: a b -- rem quot, selecting what `which` keeps.
  enum class DivOut : uint8_t { kQuot, kRem, kBoth };
  void Divide(DivOut which) {
    int32_t d = Depth();
    Evict(kRax, (1u << kRdx));
    Evict(kRdx, (1u << kRax));
    uint32_t avoid = (1u << kRax) | (1u << kRdx);
    uint8_t rb = ToReg(d - 1, avoid | (1u << kRbx));
    {
      Item& a = vs_[d - 2];
      if (a.loc == Loc::kReg) a_.mov(x86::rax, R(a.reg));
      else if (a.loc == Loc::kConst) a_.mov(x86::rax, Imm(a.value));
      else a_.mov(x86::rax, Home(d - 2));
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
    if (which == DivOut::kQuot) PushReg(kRax);
    else if (which == DivOut::kRem) PushReg(kRdx);
    else PushReg(kRdx), PushReg(kRax);
  }

  // a b c -- rem quot of a*b/c with a 128-bit product, floored; a quotient
  // that does not fit a cell traps like a zero divisor (as the interpreter).
  void StarSlash(DivOut which) {
    int32_t d = Depth();
    Evict(kRax, (1u << kRdx));
    Evict(kRdx, (1u << kRax));
    uint32_t avoid = (1u << kRax) | (1u << kRdx);
    uint8_t rc = ToOwned(d - 1, avoid);
    uint8_t rb = ToReg(d - 2, avoid | (1u << rc));
    {
      Item& a = vs_[d - 3];
      if (a.loc == Loc::kReg) a_.mov(x86::rax, R(a.reg));
      else if (a.loc == Loc::kConst) a_.mov(x86::rax, Imm(a.value));
      else a_.mov(x86::rax, Home(d - 3));
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
    if (which == DivOut::kQuot) PushReg(kRax);
    else PushReg(kRdx), PushReg(kRax);
  }

  void MinMax(x86::CondCode take_b) {
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
  void Shuffle(const BuiltinInfo& info) {
    int32_t m = info.inputs;
    int32_t d = Depth();
    if (d < m) Fail("shuffle underflow");
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
      if (j != info.out[j] && it.loc == Loc::kMem) Fail("shuffle left a cell in memory");
      if (j != info.out[j]) it.clean = false;
      Ref(it);
      vs_.push_back(it);
    }
    for (int32_t k = 0; k < m; ++k) Release(in[k]);
  }
  void Pick(int64_t n) {
    int32_t d = Depth();
    if (n < 0 || n >= d) Fail("pick index out of range");
    int32_t p = d - 1 - static_cast<int32_t>(n);
    if (vs_[p].loc == Loc::kMem) ToReg(p);
    Item it = vs_[p];
    it.clean = false;
    Ref(it);
    vs_.push_back(it);
  }
  void Roll(int64_t n) {
    int32_t d = Depth();
    if (n < 0 || n >= d) Fail("roll index out of range");
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

  static std::optional<int64_t> Fold(Builtin b, int64_t x, int64_t y) {
    auto u = [](int64_t v) { return static_cast<uint64_t>(v); };
    auto s = [](uint64_t v) { return static_cast<int64_t>(v); };
    switch (b) {
      case Builtin::kAdd: return s(u(x) + u(y));
      case Builtin::kSub: return s(u(x) - u(y));
      case Builtin::kMul: return s(u(x) * u(y));
      case Builtin::kAnd: return x & y;
      case Builtin::kOr: return x | y;
      case Builtin::kXor: return x ^ y;
      case Builtin::kLshift: return s(u(x) << (y & 63));
      case Builtin::kRshift: return s(u(x) >> (y & 63));
      default: return std::nullopt;
    }
  }

  // ---- the body -----------------------------------------------------------

  void Generate() {
    vs_.assign(word_.inputs, Item{Loc::kMem, 0, 0});
    refs_.fill(0);
    s_off_ = 0;
    rdepth_ = 0;
    ctl_.clear();
    trap_used_.fill(false);
    reachable_ = true;
    dead_nesting_ = 0;
    unloops_ = 0;
    entry_ = a_.newLabel();
    a_.bind(entry_);
    Prologue();
    int32_t max_depth = Depth();
    for (token_ = 0; token_ < body_.size(); ++token_) {
      Step(body_, token_);
      max_depth = std::max(max_depth, Depth());
    }
    // Test-mode code checks the stack limit at entry with the inferred depth;
    // a body that goes deeper would escape the check.
    if (max_depth > static_cast<int32_t>(word_.max_depth))
      Fail("body reaches depth " + std::to_string(max_depth) + ", deeper than the inferred " +
           std::to_string(word_.max_depth));
    if (!ctl_.empty()) Fail("unterminated control structure");
    if (reachable_) {
      if (static_cast<uint32_t>(Depth()) != word_.outputs)
        Fail("stack depth at the end differs from the inferred effect");
      Return();
    }
    EmitTrapStubs();
  }

  // Flag-consuming conditional jump to `target` when the flag is false, with
  // the remaining state canonicalised on both edges.
  void BranchIfFalse(Label target) {
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
    if (f.loc == Loc::kReg) a_.test(R(f.reg), R(f.reg));
    else a_.cmp(Home(d - 1), Imm(0));
    Release(f);
    branch_clean_ = Canonicalize();
    a_.jz(target);
  }

  void Step(std::span<const Token> body, size_t i) {
    const Token& t = body[i];
    if (!reachable_) {
      SkipDead(t);
      return;
    }
    if (t.kind == TokenKind::kNumber) {
      PushConst(t.value);
      return;
    }
    if (t.kind == TokenKind::kUserWord) {
      std::string_view name = names_->Name(static_cast<uint32_t>(t.value));
      std::optional<NativeCallee> c = (*resolve_)(name);
      if (!c) Fail("call to unknown word `" + std::string(name) + "`");
      EmitCall(c->inputs, c->outputs, false, c->word_id);
      return;
    }
    Builtin b = t.builtin();
    const BuiltinInfo& info = Info(b);
    // After `unloop` the loop's frame is gone but its construct is still
    // open: straight-line code (calls, data and return-stack words, i/j of
    // the loops still live) may run up to the `exit` that must follow.
    const bool control = info.role >= Role::kIf && info.role <= Role::kLeave && info.role != Role::kI &&
                         info.role != Role::kJ;
    if (unloops_ > 0 && control)
      Fail("after unloop, only straight-line code may come before exit");
    if (info.role != Role::kIf && info.role != Role::kUntil && info.role != Role::kWhile &&
        info.role != Role::kThen && info.role != Role::kElse && info.role != Role::kRepeat &&
        info.role != Role::kAgain && info.role != Role::kLoop && info.role != Role::kPlusLoop &&
        info.role != Role::kBegin && info.role != Role::kExit && info.role != Role::kRecurse &&
        info.role != Role::kDo && info.role != Role::kUnloop && info.role != Role::kLeave &&
        static_cast<uint32_t>(Depth()) < info.inputs)
      Fail("stack underflow at `" + std::string(info.name) + "`");
    fuse_next_ = NextIsBranch(body, i);
    int32_t d = Depth();
    // Operands of this word are never spilled while it sets them up.
    protect_ = std::max<int32_t>(0, d - static_cast<int32_t>(info.inputs));
    struct Unprotect {
      int32_t& p;
      ~Unprotect() { p = INT32_MAX; }
    } unprotect{protect_};
    // Constant folding of two literal operands.
    if (info.inputs == 2 && d >= 2 && vs_[d - 1].loc == Loc::kConst &&
        vs_[d - 2].loc == Loc::kConst) {
      if (auto v = Fold(b, vs_[d - 2].value, vs_[d - 1].value)) {
        vs_.pop_back();
        vs_.back().value = *v;
        return;
      }
    }
    namespace I = x86::Inst;
    using CC = x86::CondCode;
    switch (b) {
      case Builtin::kAdd: Binary(I::kIdAdd, true); break;
      case Builtin::kSub: Binary(I::kIdSub, false); break;
      case Builtin::kMul: Binary(I::kIdImul, true); break;
      case Builtin::kAnd: Binary(I::kIdAnd, true); break;
      case Builtin::kOr: Binary(I::kIdOr, true); break;
      case Builtin::kXor: Binary(I::kIdXor, true); break;
      case Builtin::kDiv: Divide(DivOut::kQuot); break;
      case Builtin::kMod: Divide(DivOut::kRem); break;
      case Builtin::kDivMod: Divide(DivOut::kBoth); break;
      case Builtin::kStarSlash: StarSlash(DivOut::kQuot); break;
      case Builtin::kStarSlashMod: StarSlash(DivOut::kBoth); break;
      case Builtin::kNegate: Unary(I::kIdNeg); break;
      case Builtin::kInvert: Unary(I::kIdNot); break;
      case Builtin::kAbs: {
        uint8_t r = ToOwned(d - 1);
        a_.mov(x86::r11, R(r));
        a_.neg(x86::r11);
        a_.cmovns(R(r), x86::r11);
        break;
      }
      case Builtin::kMin: MinMax(CC::kG); break;
      case Builtin::kMax: MinMax(CC::kL); break;
      case Builtin::kOnePlus: {
        if (vs_[d - 1].loc == Loc::kConst) { vs_[d - 1].value = static_cast<int64_t>(static_cast<uint64_t>(vs_[d - 1].value) + 1); break; }
        a_.add(R(ToOwned(d - 1)), 1);
        break;
      }
      case Builtin::kOneMinus: {
        if (vs_[d - 1].loc == Loc::kConst) { vs_[d - 1].value = static_cast<int64_t>(static_cast<uint64_t>(vs_[d - 1].value) - 1); break; }
        a_.sub(R(ToOwned(d - 1)), 1);
        break;
      }
      case Builtin::kTwoStar: ShiftImm(I::kIdShl, 1); break;
      case Builtin::kTwoSlash: ShiftImm(I::kIdSar, 1); break;
      case Builtin::kLshift: Shift(I::kIdShl); break;
      case Builtin::kRshift: Shift(I::kIdShr); break;
      case Builtin::kEq: Compare(CC::kE); break;
      case Builtin::kNe: Compare(CC::kNE); break;
      case Builtin::kLt: Compare(CC::kL); break;
      case Builtin::kGt: Compare(CC::kG); break;
      case Builtin::kLe: Compare(CC::kLE); break;
      case Builtin::kGe: Compare(CC::kGE); break;
      case Builtin::kULt: Compare(CC::kB); break;
      case Builtin::kUGt: Compare(CC::kA); break;
      case Builtin::kZeroEq: CompareZero(CC::kE); break;
      case Builtin::kZeroNe: CompareZero(CC::kNE); break;
      case Builtin::kZeroLt: CompareZero(CC::kL); break;
      case Builtin::kZeroGt: CompareZero(CC::kG); break;
      case Builtin::kWithin: {
        // x lo hi -- (x-lo) u< (hi-lo)
        uint8_t rh = ToOwned(d - 1);
        uint8_t rx = ToOwned(d - 3, 1u << rh);
        if (vs_[d - 2].loc == Loc::kConst && !FitsI32(vs_[d - 2].value)) ToReg(d - 2, (1u << rh) | (1u << rx));
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
        break;
      }
      case Builtin::kTrue: PushConst(-1); break;
      case Builtin::kFalse: PushConst(0); break;
      case Builtin::kDup: case Builtin::kDrop: case Builtin::kSwap: case Builtin::kOver:
      case Builtin::kRot: case Builtin::kMinusRot: case Builtin::kNip: case Builtin::kTuck:
      case Builtin::kTwoDup: case Builtin::kTwoDrop: case Builtin::kTwoSwap: case Builtin::kTwoOver:
        Shuffle(info);
        break;
      case Builtin::kPick:
      case Builtin::kRoll: {
        if (vs_[d - 1].loc != Loc::kConst) Fail("pick/roll needs a literal index");
        int64_t n = Pop().value;
        if (b == Builtin::kPick) Pick(n);
        else Roll(n);
        break;
      }
      case Builtin::kToR: {
        TakeReturnCells(1);
        Item v = Pop();
        if (v.loc == Loc::kReg) a_.push(R(v.reg));
        else if (v.loc == Loc::kConst && FitsI32(v.value)) a_.push(Imm(v.value));
        else if (v.loc == Loc::kConst) a_.mov(x86::r11, Imm(v.value)), a_.push(x86::r11);
        else a_.push(Home(d - 1));
        Release(v);
        ++rdepth_;
        break;
      }
      case Builtin::kRFrom: {
        if (RCellsAboveLoop() <= 0) Fail("r> without a matching >r");
        uint8_t r = Alloc();
        a_.pop(R(r));
        PushReg(r);
        --rdepth_;
        GiveReturnCells(1);
        break;
      }
      case Builtin::kRFetch: {
        if (RCellsAboveLoop() <= 0) Fail("r@ without a matching >r");
        uint8_t r = Alloc();
        a_.mov(R(r), x86::qword_ptr(x86::rsp));
        PushReg(r);
        break;
      }
      case Builtin::kI: {
        if (LoopCount() < 1) Fail("i outside a do loop");
        vs_.push_back({Loc::kReg, kRbx, 0});
        break;
      }
      case Builtin::kJ: {
        if (LoopCount() < 2) Fail("j outside two nested do loops");
        // The inner do pushed (outer index, outer limit): index above the limit.
        uint8_t r = Alloc();
        a_.mov(R(r), x86::qword_ptr(x86::rsp, 8 * (RCellsAboveLoop() + 1)));
        PushReg(r);
        break;
      }
      case Builtin::kIf: {
        Ctl c{};
        c.kind = Builtin::kIf;
        c.a = a_.newLabel();
        c.b = a_.newLabel();
        BranchIfFalse(c.a);
        c.clean_a = branch_clean_;
        c.depth = Depth();
        c.rdepth = rdepth_;
        ctl_.push_back(c);
        break;
      }
      case Builtin::kElse: {
        Ctl& c = TopCtl(Builtin::kIf);
        c.has_else = true;
        c.clean_b = Canonicalize();
        c.end_reached = true;
        c.exit_depth = Depth();
        a_.jmp(c.b);
        a_.bind(c.a);
        SetCanonical(c.depth, c.clean_a);
        rdepth_ = c.rdepth;
        break;
      }
      case Builtin::kThen: {
        Ctl c = TopCtl(Builtin::kIf);
        ctl_.pop_back();
        uint32_t clean = Canonicalize();
        if (!c.has_else) {
          a_.bind(c.a);
          if (Depth() != c.depth) Fail("if arms leave different depths");
          SetCanonical(Depth(), clean & c.clean_a);
        } else {
          a_.bind(c.b);
          if (c.end_reached && Depth() != c.exit_depth) Fail("if arms leave different depths");
          SetCanonical(Depth(), c.end_reached ? clean & c.clean_b : clean);
        }
        break;
      }
      case Builtin::kBegin: {
        Ctl c{};
        c.kind = Builtin::kBegin;
        c.a = a_.newLabel();
        c.b = a_.newLabel();
        Canonicalize();
        SetCanonical(Depth());  // back edges may arrive with stale homes
        a_.bind(c.a);
        LoopHeadFuel();
        c.depth = Depth();
        c.rdepth = rdepth_;
        ctl_.push_back(c);
        break;
      }
      case Builtin::kUntil: {
        Ctl c = TopCtl(Builtin::kBegin);
        ctl_.pop_back();
        BranchIfFalse(c.a);
        if (Depth() != c.depth) Fail("until: loop not neutral");
        if (c.has_while) {
          // begin .. while .. until: the while exit joins here.
          Canonicalize();
          a_.bind(c.b);
          SetCanonical(Depth());
          if (Depth() != c.exit_depth) Fail("while/until depths differ");
        }
        break;
      }
      case Builtin::kWhile: {
        Ctl& c = TopCtl(Builtin::kBegin);
        if (c.has_while) Fail("two whiles in one begin");
        c.has_while = true;
        BranchIfFalse(c.b);
        c.exit_depth = Depth();
        break;
      }
      case Builtin::kRepeat:
      case Builtin::kAgain: {
        Ctl c = TopCtl(Builtin::kBegin);
        ctl_.pop_back();
        Canonicalize();
        if (Depth() != c.depth) Fail("loop not neutral");
        a_.jmp(c.a);
        if (c.has_while) {
          a_.bind(c.b);
          SetCanonical(c.exit_depth);
        } else {
          reachable_ = false;
        }
        break;
      }
      case Builtin::kDo:
      case Builtin::kQDo: {
        // limit start -- ; frame: push outer rbx, r12; rbx = index, r12 = limit.
        int32_t dd = Depth();
        if (dd < 2) Fail("do needs limit and start");
        // Bring both into r11 / rax-free temporaries after canonicalising the rest.
        Item start = Pop();
        Item limit = Pop();
        // Keep the operands alive across Canonicalize: push them back as the
        // two cells above the canonical region is not possible, so load them
        // into r11 and the machine stack first.
        auto load = [&](const Item& it, int32_t pos, Gp dst) {
          if (it.loc == Loc::kReg) a_.mov(dst, R(it.reg));
          else if (it.loc == Loc::kConst) a_.mov(dst, Imm(it.value));
          else a_.mov(dst, Home(pos));
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
        break;
      }
      case Builtin::kLoop:
      case Builtin::kPlusLoop: {
        Ctl c = TopCtl(Builtin::kDo);
        ctl_.pop_back();
        if (b == Builtin::kLoop) {
          Canonicalize();
          if (Depth() != c.depth) Fail("loop not neutral");
          a_.add(x86::rbx, 1);
          a_.cmp(x86::rbx, x86::r12);
          a_.jne(c.a);
        } else {
          int32_t dd = Depth();
          Item n = Pop();
          if (n.loc == Loc::kConst && FitsI32(n.value)) {
            Canonicalize();
            if (Depth() != c.depth) Fail("+loop not neutral");
            int64_t v = n.value;
            if (v == 0) {
              a_.jmp(c.a);
            } else if (v > 0) {
              a_.add(x86::rbx, Imm(v));
              a_.mov(x86::r11, x86::rbx);
              a_.sub(x86::r11, x86::r12);
              if (FitsI32(v)) a_.cmp(x86::r11, Imm(v));
              else a_.mov(x86::rax, Imm(v)), a_.cmp(x86::r11, x86::rax);
              a_.jae(c.a);
            } else {
              a_.mov(x86::r11, x86::rbx);
              a_.sub(x86::r11, x86::r12);
              a_.add(x86::rbx, Imm(v));
              uint64_t mag = 0 - static_cast<uint64_t>(v);
              if (mag <= INT32_MAX) a_.cmp(x86::r11, Imm(static_cast<int64_t>(mag)));
              else a_.mov(x86::rax, Imm(static_cast<int64_t>(mag))), a_.cmp(x86::r11, x86::rax);
              a_.jae(c.a);
            }
          } else {
            // General step: continue unless (old ^ new) & (old ^ n) < 0,
            // old = index - limit, new = old + n (gforth's (+loop)).
            if (n.loc == Loc::kReg) a_.mov(x86::r11, R(n.reg));
            else if (n.loc == Loc::kConst) a_.mov(x86::r11, Imm(n.value));
            else a_.mov(x86::r11, Home(dd - 1));
            Release(n);
            Canonicalize();
            if (Depth() != c.depth) Fail("+loop not neutral");
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
        break;
      }
      case Builtin::kLeave: {
        Ctl* c = InnermostDo();
        if (c == nullptr) Fail("leave outside a do loop");
        Canonicalize();
        if (Depth() != c->depth) Fail("leave with a changed depth");
        if (rdepth_ > c->rdepth) {
          a_.add(x86::rsp, 8 * (rdepth_ - c->rdepth));
          GiveReturnCells(rdepth_ - c->rdepth);
        }
        a_.jmp(c->b);
        reachable_ = false;
        break;
      }
      case Builtin::kUnloop: {
        // `unloop unloop exit` pops the frames of the innermost loops in turn.
        Ctl* c = NthInnermostDo(unloops_ + 1);
        if (c == nullptr) Fail("unloop outside a do loop");
        if (rdepth_ != c->rdepth) Fail("unloop with >r values above the loop frame");
        MaterializeIndexAliases();
        a_.pop(x86::r12);
        a_.pop(x86::rbx);
        GiveReturnCells(2);
        rdepth_ -= 2;
        unloops_ += 1;
        break;
      }
      case Builtin::kExit: {
        if (rdepth_ != 0) Fail("exit with return stack cells or a loop frame (unloop first)");
        Return();
        reachable_ = false;
        unloops_ = 0;
        break;
      }
      case Builtin::kRecurse: {
        EmitCall(word_.inputs, word_.outputs, true, word_.word_id);
        break;
      }
      default:
        Fail("word `" + std::string(info.name) + "` has no static stack effect");
    }
  }

  // Cells that are `i` (an alias of rbx) get their own register before rbx changes.
  void MaterializeIndexAliases() {
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

  Ctl& TopCtl(Builtin kind) {
    if (ctl_.empty() || ctl_.back().kind != kind) Fail("mismatched control structure");
    return ctl_.back();
  }
  // The innermost loop whose frame is still on the machine stack (loops
  // already `unloop`ed on the way to an exit do not count).
  Ctl* InnermostDo() { return NthInnermostDo(unloops_ + 1); }
  Ctl* NthInnermostDo(int n) {
    for (auto it = ctl_.rbegin(); it != ctl_.rend(); ++it)
      if (it->kind == Builtin::kDo && --n == 0) return &*it;
    return nullptr;
  }
  int LoopCount() const {  // live loop frames, as InnermostDo counts them
    int n = 0;
    for (const Ctl& c : ctl_) n += c.kind == Builtin::kDo;
    return n - unloops_;
  }
  int32_t RCellsAboveLoop() {
    Ctl* c = InnermostDo();
    return rdepth_ - (c ? c->rdepth : 0);
  }

  // Unreachable code (after exit, again, leave): emit nothing, but follow the
  // structure so the join that makes code reachable again is found.
  void SkipDead(const Token& t) {
    if (t.kind != TokenKind::kBuiltin) return;
    switch (t.builtin()) {
      case Builtin::kIf: case Builtin::kBegin: case Builtin::kDo: case Builtin::kQDo:
        ++dead_nesting_;
        return;
      case Builtin::kThen: case Builtin::kUntil: case Builtin::kRepeat: case Builtin::kAgain:
      case Builtin::kLoop: case Builtin::kPlusLoop:
        if (dead_nesting_ > 0) { --dead_nesting_; return; }
        break;
      case Builtin::kElse: case Builtin::kWhile:
        if (dead_nesting_ > 0) return;
        break;
      default:
        return;
    }
    // The construct enclosing the dead code continues.
    Builtin b = t.builtin();
    if (b == Builtin::kElse) {
      Ctl& c = TopCtl(Builtin::kIf);
      c.has_else = true;
      a_.bind(c.a);
      SetCanonical(c.depth, c.clean_a);
      rdepth_ = c.rdepth;
      reachable_ = true;
    } else if (b == Builtin::kThen) {
      Ctl c = TopCtl(Builtin::kIf);
      ctl_.pop_back();
      if (!c.has_else) {
        a_.bind(c.a);
        SetCanonical(c.depth, c.clean_a);
        rdepth_ = c.rdepth;
        reachable_ = true;
      } else {
        a_.bind(c.b);
        if (c.end_reached) {
          SetCanonical(c.exit_depth, c.clean_b);
          rdepth_ = c.rdepth;
          reachable_ = true;
        }
      }
    } else if (b == Builtin::kWhile) {
      // `begin … exit … while`: the while is never reached; its exit edge neither.
      Ctl& c = TopCtl(Builtin::kBegin);
      c.has_while = true;
      c.exit_depth = -1;
    } else if (b == Builtin::kUntil || b == Builtin::kRepeat || b == Builtin::kAgain) {
      Ctl c = TopCtl(Builtin::kBegin);
      ctl_.pop_back();
      if (c.has_while && c.exit_depth >= 0) {
        a_.bind(c.b);
        SetCanonical(c.exit_depth);
        rdepth_ = c.rdepth;
        reachable_ = true;
      } else if (c.has_while) {
        a_.bind(c.b);  // never jumped to
      }
    } else if (b == Builtin::kLoop || b == Builtin::kPlusLoop) {
      // The body ended in leave/exit: only leave edges reach the exit.
      Ctl c = TopCtl(Builtin::kDo);
      ctl_.pop_back();
      a_.bind(c.b);
      a_.pop(x86::r12);
      a_.pop(x86::rbx);
      GiveReturnCells(2);
      rdepth_ = c.rdepth - 2;
      SetCanonical(c.depth);
      reachable_ = true;
    }
  }

  NativeMode mode_;
  Environment env_;
  CodeHolder code_;
  x86::Assembler a_;
  ErrorCatcher catcher_;

  std::span<const Token> body_;
  const TokenColumns* names_ = nullptr;
  const NativeCalleeResolver* resolve_ = nullptr;
  NativeWordInfo word_{};
  std::vector<NativeReloc> relocs_;
  size_t token_ = 0;
  size_t start_ = 0;
  Label entry_;

  std::vector<Item> vs_;
  std::array<int, kMaxRegs> refs_{};
  int32_t s_off_ = 0;
  int32_t rdepth_ = 0;
  int32_t protect_ = INT32_MAX;
  std::vector<Ctl> ctl_;
  bool reachable_ = true;
  int dead_nesting_ = 0;
  int unloops_ = 0;
  bool fuse_next_ = false;
  uint32_t branch_clean_ = 0;
  bool has_pending_cc_ = false;
  x86::CondCode pending_cc_ = x86::CondCode::kE;
  std::array<bool, static_cast<size_t>(Code::kCount)> trap_used_{};
  std::array<Label, static_cast<size_t>(Code::kCount)> trap_label_{};
};

NativeCodegen::NativeCodegen(NativeMode mode) : impl_(std::make_unique<Impl>(mode)) {}
NativeCodegen::~NativeCodegen() = default;
NativeMode NativeCodegen::mode() const { return impl_->mode(); }

bool NativeCodegen::Compile(std::span<const Token> body, const TokenColumns& names,
                            const NativeCalleeResolver& resolve, const NativeWordInfo& word,
                            NativeCode& out, Diagnostic* error) {
  return impl_->Compile(body, names, resolve, word, out, error);
}

}  // namespace ffb
