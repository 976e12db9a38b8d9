#include "engine/native/codegen.h"

#include <algorithm>
#include <string>

#include "engine/native/codegen_impl.h"

namespace ffb {
namespace {
using namespace asmjit;
}  // namespace

void NativeCodegen::Impl::ErrorCatcher::handleError(Error err, const char* message, BaseEmitter*) {
  if (failed) return;
  failed = true;
  text = message ? message : "asmjit error";
  code = err;
}

void NativeCodegen::Impl::Fail(std::string m) {
  if (failed_) return;  // the first failure is the one reported
  failed_ = true;
  reachable_ = false;
  fail_message_ = std::move(m);
}

NativeCodegen::Impl::Impl(NativeMode mode) : mode_(mode) {
  env_ = Environment(Arch::kX64);
  ResetHolder();
}

bool NativeCodegen::Impl::Compile(std::span<const Token> body, const TokenColumns& names,
                                  const NativeCalleeResolver& resolve, const NativeWordInfo& word,
                                  NativeCode& out, Diagnostic* error) {
  if (code_.codeSize() > (1u << 20)) ResetHolder();
  catcher_.failed = false;
  failed_ = false;
  body_ = body;
  names_ = &names;
  resolve_ = &resolve;
  word_ = word;
  relocs_.clear();
  token_ = 0;
  a_.align(AlignMode::kCode, 16);
  start_ = a_.offset();
  Generate();
  if (!failed_ && catcher_.failed) Fail("assembler: " + catcher_.text);
  if (failed_) {
    if (error) {
      error->code = Code::kCodegenFailed;
      error->token = static_cast<uint32_t>(token_);
      error->column = token_ < body.size() ? body[token_].column : 0;
      error->message = std::move(fail_message_);
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

void NativeCodegen::Impl::ResetHolder() {
  code_.reset();
  code_.init(env_);
  code_.setErrorHandler(&catcher_);
  code_.attach(&a_);
}

void NativeCodegen::Impl::Generate() {
  vs_.assign(word_.inputs, Item{Loc::kMem, 0, 0});
  refs_.fill(0);
  s_off_ = 0;
  rdepth_ = 0;
  ctl_.clear();
  trap_used_.fill(false);
  reachable_ = true;
  dead_from_ = 0;
  unloops_ = 0;
  // A word that failed between a fused comparison and its branch left the
  // condition pending; the next word's first branch must not consume it.
  fuse_next_ = false;
  has_pending_cc_ = false;
  // Bodies reach here verified; one whose control structure does not parse
  // fails as E5000 naming its E30xx, and every control word below trusts the
  // pass's links (every ANS form it accepts compiles).
  if (!MatchControl(body_, flow_)) {
    token_ = flow_.error().token;
    Fail(std::string(Describe(flow_.error().code).id) + " " + flow_.error().message);
    return;
  }
  LinkTargets();
  entry_ = a_.newLabel();
  a_.bind(entry_);
  Prologue();
  int32_t max_depth = Depth();
  for (token_ = 0; token_ < body_.size(); ++token_) {
    const bool live = reachable_;
    Step(body_, token_);
    if (!reachable_) {      // dead code follows, or the step failed
      if (failed_) return;  // token_ stays on the failing word for the diagnostic
      if (live) dead_from_ = static_cast<uint32_t>(token_);
    }
    max_depth = std::max(max_depth, Depth());
  }
  // Test-mode code checks the stack limit at entry with the inferred depth;
  // a body that goes deeper would escape the check.
  if (max_depth > static_cast<int32_t>(word_.max_depth)) {
    Fail("body reaches depth " + std::to_string(max_depth) + ", deeper than the inferred " +
         std::to_string(word_.max_depth));
    return;
  }
  if (reachable_) {
    if (static_cast<uint32_t>(Depth()) != word_.outputs) {
      Fail("stack depth at the end differs from the inferred effect");
      return;
    }
    Return();
  }
  EmitTrapStubs();
}

void NativeCodegen::Impl::Step(std::span<const Token> body, size_t i) {
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
    if (!c) {
      Fail("call to unknown word `" + std::string(name) + "`");
      return;
    }
    EmitCall(c->inputs, c->outputs, false, c->word_id);
    return;
  }
  Builtin b = t.builtin();
  const BuiltinInfo& info = Info(b);
  // After `unloop` the loop's frame is gone but its construct is still
  // open: straight-line code (calls, data and return-stack words, i/j of
  // the loops still live) may run up to the `exit` that must follow.
  const bool control = info.role >= Role::kIf && info.role <= Role::kLeave &&
                       info.role != Role::kI && info.role != Role::kJ;
  if (unloops_ > 0 && control) {
    Fail("after unloop, only straight-line code may come before exit");
    return;
  }
  if (info.role != Role::kIf && info.role != Role::kUntil && info.role != Role::kWhile &&
      info.role != Role::kThen && info.role != Role::kElse && info.role != Role::kRepeat &&
      info.role != Role::kAgain && info.role != Role::kLoop && info.role != Role::kPlusLoop &&
      info.role != Role::kBegin && info.role != Role::kExit && info.role != Role::kRecurse &&
      info.role != Role::kDo && info.role != Role::kUnloop && info.role != Role::kLeave &&
      static_cast<uint32_t>(Depth()) < info.inputs) {
    Fail("stack underflow at `" + std::string(info.name) + "`");
    return;
  }
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
  // One case per builtin and no default: -Werror=switch turns a builtin
  // without native code into a build error.
  // clang-format off
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
    case Builtin::kSToD: SToD(); break;
    case Builtin::kMStar: MulWide(true); break;
    case Builtin::kUMStar: MulWide(false); break;
    case Builtin::kFmSlashMod: DivWide(true); break;
    case Builtin::kSmSlashRem: DivWide(false); break;
    case Builtin::kUmSlashMod: UmDivMod(); break;
    case Builtin::kNegate: Unary(I::kIdNeg); break;
    case Builtin::kInvert: Unary(I::kIdNot); break;
    case Builtin::kAbs: Abs(); break;
    case Builtin::kMin: MinMax(CC::kG); break;
    case Builtin::kMax: MinMax(CC::kL); break;
    case Builtin::kOnePlus: AddOne(true); break;
    case Builtin::kOneMinus: AddOne(false); break;
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
    case Builtin::kWithin: Within(); break;
    case Builtin::kTrue: PushConst(-1); break;
    case Builtin::kFalse: PushConst(0); break;
    case Builtin::kDup: case Builtin::kDrop: case Builtin::kSwap: case Builtin::kOver:
    case Builtin::kRot: case Builtin::kMinusRot: case Builtin::kNip: case Builtin::kTuck:
    case Builtin::kTwoDup: case Builtin::kTwoDrop: case Builtin::kTwoSwap: case Builtin::kTwoOver:
      Shuffle(info);
      break;
    case Builtin::kPick: case Builtin::kRoll: PickOrRoll(b); break;
    case Builtin::kToR: ToR(); break;
    case Builtin::kRFrom: RFrom(); break;
    case Builtin::kRFetch: RFetch(); break;
    case Builtin::kI: case Builtin::kJ: LoopIndex(b); break;
    case Builtin::kIf: If(); break;
    case Builtin::kElse: Else(); break;
    case Builtin::kThen: Then(); break;
    case Builtin::kBegin: Begin(); break;
    case Builtin::kUntil: Until(); break;
    case Builtin::kWhile: While(); break;
    case Builtin::kRepeat: case Builtin::kAgain: RepeatOrAgain(b); break;
    case Builtin::kDo: case Builtin::kQDo: Do(b); break;
    case Builtin::kLoop: case Builtin::kPlusLoop: LoopEnd(b); break;
    case Builtin::kLeave: Leave(); break;
    case Builtin::kUnloop: Unloop(); break;
    case Builtin::kExit: Exit(); break;
    case Builtin::kRecurse: EmitCall(word_.inputs, word_.outputs, true, word_.word_id); break;
    case Builtin::kQDup: case Builtin::kDepth: case Builtin::kExecute:
      Fail("word `" + std::string(info.name) + "` has no static stack effect");
  }
  // clang-format on
}

// ---- traps ----------------------------------------------------------------

Label NativeCodegen::Impl::Trap(Code c) {
  auto i = static_cast<size_t>(c);
  if (!trap_used_[i]) {
    trap_used_[i] = true;
    trap_label_[i] = a_.newLabel();
  }
  return trap_label_[i];
}

void NativeCodegen::Impl::EmitTrapStubs() {
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

void NativeCodegen::Impl::EmitCallReloc(RelocKind kind, uint32_t target) {
  a_.embedUInt8(0xe8);
  relocs_.push_back({static_cast<uint32_t>(a_.offset()), target, kind});
  a_.embedUInt32(0);
}

// ---- word frame -----------------------------------------------------------

void NativeCodegen::Impl::Prologue() {
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

void NativeCodegen::Impl::Return() {
  FlushAll();
  int32_t disp = 8 * (Depth() - static_cast<int32_t>(word_.inputs) - s_off_);
  if (disp == 0)
    a_.mov(x86::rax, x86::rdi);
  else
    a_.lea(x86::rax, x86::ptr(x86::rdi, disp));
  if (mode_ == NativeMode::kTest) a_.add(x86::qword_ptr(x86::r15, kCtxCalls), 1);
  a_.ret();
}

// Test mode: >r and do frames take return stack cells (E4005 when none are
// left); r>, unloop and the loop exit give them back. Flags are clobbered.
void NativeCodegen::Impl::TakeReturnCells(int n) {
  if (mode_ != NativeMode::kTest) return;
  a_.sub(x86::qword_ptr(x86::r15, kCtxReturnCells), n);
  a_.jb(Trap(Code::kReturnStackOverflow));
}

void NativeCodegen::Impl::GiveReturnCells(int n) {
  if (mode_ != NativeMode::kTest) return;
  a_.add(x86::qword_ptr(x86::r15, kCtxReturnCells), n);
}

void NativeCodegen::Impl::LoopHeadFuel() {
  if (mode_ != NativeMode::kTest) return;
  a_.sub(x86::qword_ptr(x86::r15, kCtxFuel), 1);
  a_.jb(Trap(Code::kFuelExhausted));
}

// ---- calls ----------------------------------------------------------------

void NativeCodegen::Impl::EmitCall(uint32_t inputs, uint32_t outputs, bool self, uint32_t target) {
  if (static_cast<uint32_t>(Depth()) < inputs) {
    Fail("call with too few cells on the stack");
    return;
  }
  FlushAll();
  int32_t sp_off = Depth() - static_cast<int32_t>(word_.inputs);
  if (sp_off != s_off_) a_.lea(x86::rdi, x86::ptr(x86::rdi, 8 * (sp_off - s_off_)));
  // Test mode checks that the callee kept its effect: the static stack
  // model relies on it, and a word published with another effect would
  // otherwise walk the stack. The expected sp waits on the machine stack
  // (rdi is not preserved by the callee).
  const bool check = mode_ == NativeMode::kTest;
  if (check) {
    a_.lea(x86::r11,
           x86::ptr(x86::rdi, 8 * (static_cast<int32_t>(outputs) - static_cast<int32_t>(inputs))));
    a_.push(x86::r11);
  }
  if (self)
    a_.call(entry_);
  else
    EmitCallReloc(RelocKind::kWord, target);
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

NativeCodegen::NativeCodegen(NativeMode mode) : impl_(std::make_unique<Impl>(mode)) {}
NativeCodegen::~NativeCodegen() = default;
NativeMode NativeCodegen::mode() const { return impl_->mode(); }

bool NativeCodegen::Compile(std::span<const Token> body, const TokenColumns& names,
                            const NativeCalleeResolver& resolve, const NativeWordInfo& word,
                            NativeCode& out, Diagnostic* error) {
  return impl_->Compile(body, names, resolve, word, out, error);
}

}  // namespace ffb
