// The class behind NativeCodegen, private to engine/native/. One class, its
// methods spread over files named by case (DuckDB's execute_*.cpp pattern):
//   codegen.cpp      Compile, Generate, Step (the dispatch), frame, traps, calls
//   stack_cache.cpp  the virtual stack: Alloc/Evict, ToReg/ToOwned, Canonicalize
//   x86_emit.cpp     data words: Binary … Roll, Fold
//   x86_control.cpp  control words, SkipDead, loop helpers
#pragma once

#include <asmjit/x86.h>

#include <array>
#include <climits>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/forth/builtins.h"
#include "engine/forth/control_flow.h"
#include "engine/native/codegen.h"

namespace ffb {

class NativeCodegen::Impl {
 public:
  explicit Impl(NativeMode mode);

  NativeMode mode() const { return mode_; }

  bool Compile(std::span<const Token> body, const TokenColumns& names,
               const NativeCalleeResolver& resolve, const NativeWordInfo& word, NativeCode& out,
               Diagnostic* error);

 private:
  using Gp = asmjit::x86::Gp;
  using Label = asmjit::Label;
  using Mem = asmjit::x86::Mem;
  using CondCode = asmjit::x86::CondCode;
  using InstId = asmjit::InstId;

  // Register contract of the generated code:
  //   rdi   data stack base for the word (entry sp + 8*s_off, s_off static)
  //   rbx   innermost do-loop index, r12 its limit; `do` pushes the outer pair
  //         on the machine stack and the loop exit pops it, so rbx/r12 are
  //         preserved across every word as the C ABI requires
  //   rsp   machine stack = the return stack (>r r> r@ and do-loop frames)
  //   r15   kTest only: NativeTestContext*, never changed by generated code
  //   rax rcx rdx rsi r8 r9 r10  stack cache; r8 r9 r10 hold the top 3 cells at
  //         control-flow joins (static stack caching); r11 scratch
  static constexpr int kMaxRegs = 16;
  static constexpr std::array<uint8_t, 7> kPool = {0, 1, 2, 6, 8, 9, 10};  // rax rcx rdx rsi r8-r10
  static constexpr std::array<uint8_t, 3> kCanon = {8, 9, 10};             // top, second, third
  static constexpr uint8_t kRax = 0, kRcx = 1, kRdx = 2, kRbx = 3;

  // NativeTestContext field offsets (r15-relative in test mode).
  static constexpr int32_t kCtxFuel = 0, kCtxCalls = 8, kCtxDataLimit = 16, kCtxTrap = 24,
                           kCtxMachineLimit = 32, kCtxReturnCells = 64;

  static Gp R(uint8_t id) { return asmjit::x86::gpq(id); }
  static bool InPool(uint8_t r) {
    for (uint8_t p : kPool)
      if (p == r) return true;
    return false;
  }
  static bool FitsI32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

  class ErrorCatcher : public asmjit::ErrorHandler {
   public:
    void handleError(asmjit::Error err, const char* message, asmjit::BaseEmitter*) override;
    bool failed = false;
    asmjit::Error code = asmjit::kErrorOk;
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

  // An open do loop. Frame layout: `do` pushes the outer (rbx, r12) =
  // (index, limit) pair on the machine stack, index first, and the loop exit
  // pops it; rdepth counts machine-stack cells (>r values and 2 per live do
  // frame) so `j` and `leave` can find the outer frame.
  struct Ctl {
    Builtin kind;
    Label a, b;      // loop top / leave (the exit that pops the frame)
    int32_t depth;   // data depth at the top
    int32_t rdepth;  // machine stack cells inside the loop (its frame included)
  };

  // The control-flow pass's targets, one per if, else, while and begin token
  // (Forth 2012 §3.2.3.2). An orig maker (if, else, while) is a forward jump
  // to `label`, bound after the code of the token that resolves its orig
  // (else, then or repeat: flow_.partner), with the virtual stack canonical
  // and this depth, return depth and clean mask on the edge. A begin's label
  // is its loop top, where every until, again and repeat jumps back to.
  struct Target {
    Label label;
    bool reached = false;  // the maker or begin was compiled (live code)
    int32_t depth = 0;     // data depth on the edge / at the loop top
    int32_t rdepth = 0;    // machine stack cells on the edge / at the loop top
    uint32_t clean = 0;    // canonical registers equal to memory on the edge
  };

  // Floored division: which of remainder and quotient the word keeps.
  enum class DivOut : uint8_t { kQuot, kRem, kBoth };

  // A failure is an expected outcome for one word (E5000), so it is a value,
  // not an exception: Fail records the first message, sets failed_ and
  // clears reachable_ (so Generate's test for dead code also stops it after
  // the step); the function that called it returns at once. Helpers whose
  // callers use their result (Pop, Alloc) return a harmless stand-in
  // instead: the rest of that step may emit nonsense into the holder, which
  // Compile discards, but never indexes out of range. Cold and out of line,
  // as the throw was, to keep the failure paths out of the hot code.
  [[gnu::cold, gnu::noinline]] void Fail(std::string m);

  // ---- codegen.cpp: driver, word frame, traps, calls ----------------------
  void ResetHolder();
  void Generate();
  void Step(std::span<const Token> body, size_t i);
  Label Trap(Code c);
  Label DivTrap() { return Trap(Code::kDivisionByZero); }  // zero divisor or quotient overflow
  void EmitTrapStubs();
  void EmitCallReloc(RelocKind kind, uint32_t target);
  void Prologue();
  void Return();
  void TakeReturnCells(int n);
  void GiveReturnCells(int n);
  void LoopHeadFuel();
  void EmitCall(uint32_t inputs, uint32_t outputs, bool self, uint32_t target);

  // ---- stack_cache.cpp: the virtual stack ---------------------------------
  int32_t Depth() const { return static_cast<int32_t>(vs_.size()); }
  // Cell p's memory home; rdi is the word's entry sp moved by s_off_ cells.
  Mem Home(int32_t p) const {
    return asmjit::x86::qword_ptr(asmjit::x86::rdi,
                                  8 * (p - static_cast<int32_t>(word_.inputs) - s_off_));
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
    if (vs_.empty()) [[unlikely]]
      PopUnderflow();
    Item it = vs_.back();
    vs_.pop_back();
    return it;  // caller releases
  }
  [[gnu::cold, gnu::noinline]] void PopUnderflow();
  void StoreConst(const Mem& m, int64_t v);
  void Flush(int32_t p);
  void FlushAll();
  uint8_t Alloc(uint32_t avoid = 0, int32_t protect_from = -1);
  uint8_t ToReg(int32_t p, uint32_t avoid = 0);
  uint8_t ToOwned(int32_t p, uint32_t avoid = 0);
  asmjit::Operand Src(const Item& it, int32_t pos);
  void Evict(uint8_t r, uint32_t avoid);
  uint32_t Canonicalize();
  void SetCanonical(int32_t d, uint32_t clean = 0);

  // ---- x86_emit.cpp: data words -------------------------------------------
  static bool NextIsBranch(std::span<const Token> body, size_t i);
  void FlagFromCond(CondCode cc, uint8_t dst);
  void Compare(CondCode cc);
  void CompareZero(CondCode cc);
  void Within();
  void Binary(InstId inst, bool commutative);
  void Unary(InstId inst);
  void Abs();
  void AddOne(bool up);
  void ShiftImm(InstId inst, int64_t count);
  void Shift(InstId inst);
  void Divide(DivOut which);
  void StarSlash(DivOut which);
  void SToD();
  void LoadFixed(Gp dst, int32_t p);
  void MulWide(bool is_signed);
  void DivWide(bool floored);
  void UmDivMod();
  void MinMax(CondCode take_b);
  void Shuffle(const BuiltinInfo& info);
  void PickOrRoll(Builtin b);
  void Pick(int64_t n);
  void Roll(int64_t n);
  void ToR();
  void RFrom();
  void RFetch();
  static std::optional<int64_t> Fold(Builtin b, int64_t x, int64_t y);

  // ---- x86_control.cpp: control words and loop helpers --------------------
  void LinkTargets();
  void BranchIfFalse(Label target);
  void Orig(uint32_t maker, bool keep_clean);
  void Resolve(uint32_t resolver);
  void If();
  void Else();
  void Then();
  void Begin();
  void Until();
  void While();
  void RepeatOrAgain(Builtin b);
  void Do(Builtin b);
  void LoopEnd(Builtin b);
  void Leave();
  void Unloop();
  void Exit();
  void LoopIndex(Builtin b);
  void MaterializeIndexAliases();
  Ctl* InnermostDo() { return NthInnermostDo(unloops_ + 1); }
  Ctl* NthInnermostDo(int n);
  int LoopCount() const;
  int32_t RCellsAboveLoop();
  void SkipDead(const Token& t);

  NativeMode mode_;
  asmjit::Environment env_;
  asmjit::CodeHolder code_;
  asmjit::x86::Assembler a_;
  ErrorCatcher catcher_;
  bool failed_ = false;       // sticky for the word being compiled; see Fail
  std::string fail_message_;  // the first Fail's message; meaningful only while failed_

  std::span<const Token> body_;
  const TokenColumns* names_ = nullptr;
  const NativeCalleeResolver* resolve_ = nullptr;
  NativeWordInfo word_{};
  std::vector<NativeReloc> relocs_;
  size_t token_ = 0;
  size_t start_ = 0;
  Label entry_;

  std::vector<Item> vs_;              // the virtual data stack, deepest cell first
  std::array<int, kMaxRegs> refs_{};  // cells of vs_ (and popped operands) held per register
  int32_t s_off_ = 0;                 // rdi = entry sp + 8 * s_off_
  int32_t rdepth_ = 0;                // machine stack cells pushed by the body (>r, do frames)
  int32_t protect_ = INT32_MAX;       // cells at or above this index are the current operands
  std::vector<Ctl> ctl_;              // open do loops, innermost last
  std::vector<Target> targets_;       // per token; see Target
  std::vector<uint32_t> maker_;       // per resolving token (else, then, repeat): the orig's maker
  bool reachable_ = true;
  ControlFlow flow_;        // the body's control structure: partners of its control words
  uint32_t dead_from_ = 0;  // the token after which code is unreachable (exit, leave, again)
  int unloops_ = 0;         // loop frames already dropped by `unloop` before an exit
  bool fuse_next_ = false;  // the next token is a branch: a comparison only sets flags
  uint32_t branch_clean_ = 0;
  bool has_pending_cc_ = false;
  CondCode pending_cc_ = CondCode::kE;
  std::array<bool, static_cast<size_t>(Code::kCount)> trap_used_{};
  std::array<Label, static_cast<size_t>(Code::kCount)> trap_label_{};
};

}  // namespace ffb
