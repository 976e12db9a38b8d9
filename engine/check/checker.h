// Stack-effect checker: abstract interpretation of one Forth body, after
// Factor's stack checker. Inputs are introduced lazily on underflow, values
// keep their identity through shuffles, calls use declared effects, if/else
// arms must balance (an arm ending in exit is bottom), loops must be neutral
// per iteration, >r/r> must balance on every path and never reach into a loop
// frame, and words without a static effect are refused (E2500).
//
//   EffectChecker inf;                                   // reuse: no heap per call
//   const InferResult& r = inf.Infer(cols.Body(row), cols, &resolver, &declared);
//   if (r.ok) FormatInferred(r);                    // "( a b -- b a )"
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/core/limits.h"
#include "engine/forth/control_flow.h"
#include "engine/forth/stack_effect.h"
#include "engine/forth/tokens.h"

namespace ffb {

// What the checker knows about a cell: nothing (an input, an `any` result), an
// integer, or a flag (0 / -1: comparisons, true, false, bool inputs).
enum class CellKind : uint8_t { kAny, kInt, kFlag };
std::string_view CellKindName(CellKind k);

struct InferredSlot {
  CellKind kind = CellKind::kAny;
  int16_t input = -1;  // for outputs: >= 0 when it is that input (0 = deepest) unchanged
};

struct InferResult {
  bool ok = false;                      // no error diagnostics
  bool returns = true;                  // false when no path reaches the end or an exit
  uint32_t max_depth = 0;               // deepest data stack reached, inputs included
  std::vector<InferredSlot> inputs;     // deepest first
  std::vector<InferredSlot> outputs;    // deepest first
  std::vector<Diagnostic> diagnostics;  // warnings, then at most one error (checking stops)

  const Diagnostic* FirstError() const;
  void Clear();
};

// Dictionary access for words that are not builtins (earlier specs).
struct WordResolver {
  virtual ~WordResolver() = default;
  // The word's effect, or null when it is not defined. The pointer is only
  // good until the next Lookup on this resolver (a resolver may convert into
  // one scratch WordEffect); the checker copies what it keeps.
  virtual const WordEffect* Lookup(std::string_view lower_name) const = 0;
  // Optional: enumerate known names so E1000 can suggest the closest ones.
  virtual void ForEachName(const std::function<void(std::string_view)>& /*fn*/) const {}
  // Optional: why a name Lookup does not know is not callable, when the
  // resolver knows better than "undefined" (an invalid earlier word). Empty:
  // plain E1000. Sets `code` when it returns a message.
  virtual std::string UndefinedCause(std::string_view /*lower_name*/, Code* /*code*/) const {
    return {};
  }
};

// "( a b -- b a )"; `input_names` (deepest first) replaces a, b, ... when its
// size matches the inferred inputs.
std::string FormatInferred(const InferResult& r, std::span<const std::string> input_names = {});

class EffectChecker {
 public:
  EffectChecker();
  // `names` resolves user-word tokens; `resolver` and `self` (the word's own
  // declared effect, for recurse and input kinds) may be null.
  const InferResult& Infer(std::span<const Token> body, const TokenColumns& names,
                           const WordResolver* resolver, const WordEffect* self);
  // Same, into a caller-owned result (whose vectors' capacity is reused).
  void Infer(std::span<const Token> body, const TokenColumns& names, const WordResolver* resolver,
             const WordEffect* self, InferResult& out);

  static constexpr int32_t kMaxDepthCells = static_cast<int32_t>(limits::kMaxStackCells);

 private:
  struct Value {
    CellKind kind;
    int16_t input;  // introduction order of an input value, else -1
  };
  // A saved state at a split or join point. Cells below `base` are not
  // copied: inputs never change once introduced, so ValueAt re-derives them.
  struct Snap {
    int32_t top, base;
    uint32_t data_off;  // in save_
    uint32_t r_off, r_size;
    bool bottom;
    bool persistent;  // data in exit_save_ (exits, leaves) rather than save_, which
                      // open structures truncate back to their save_mark on close
  };
  struct Ctl {
    Role role;
    bool has_else_or_while = false;
    uint32_t token;
    int32_t outer_low;
    int32_t arm_low = 0;  // then-arm low water mark once else is seen
    uint32_t save_mark;   // save_ size to pop back to
    Snap start;           // after if / at begin / after do
    Snap mid;             // then-arm end / state at while
    uint32_t leave_mark;  // leaves_ size at do
  };

  bool Run(std::span<const Token> body);               // checker.cpp
  bool Control(const BuiltinInfo& b, uint32_t token);  // checker_control.cpp
  // The same roles over the ANS forms the nested walk does not know
  // (!flow_.nested()): each orig is a jump to its resolving token, each dest a
  // state a backward branch must match. checker_control_ans.cpp.
  bool ControlAns(const BuiltinInfo& b, uint32_t token);
  bool JoinJumps(uint32_t token);
  bool CloseBody(uint32_t end);               // checker_control.cpp: exits join
  bool FastRun(std::span<const Token> body);  // checker_fast_path.cpp
  void Finish();                              // fills the result from the final state
  bool Fail(Code code, uint32_t token, std::string message);
  void Warn(Code code, uint32_t token, std::string message);

  // Hot path: values_ is pre-sized and only grows when full, so creating a
  // value is a store and an increment.
  uint32_t NewValue(CellKind kind) {
    if (nvalues_ == values_.size()) values_.resize(values_.size() * 2);
    values_[nvalues_] = {kind, -1};
    return nvalues_++;
  }
  bool Need(int32_t cells, uint32_t token) {
    return top_ - base_ >= cells || IntroduceInputs(cells, token);
  }
  bool IntroduceInputs(int32_t cells, uint32_t token);
  bool Room(int32_t cells, uint32_t token) { return room_unchecked_ || RoomSlow(cells, token); }
  bool RoomSlow(int32_t cells, uint32_t token);
  Snap Save(bool persistent = false);
  void Restore(const Snap& s);
  uint32_t ValueAt(const Snap& s, int32_t pos) const;
  uint32_t InputValueAt(int32_t pos) const { return input_value_[kOrigin - 1 - pos]; }
  // A cell that is a flag on one path and an integer on another is an
  // integer (not known to be 0/-1); anything joined with `any` stays `any`.
  static CellKind Join(CellKind a, CellKind b) {
    if (a == b) return a;
    return (a == CellKind::kAny || b == CellKind::kAny) ? CellKind::kAny : CellKind::kInt;
  }
  // Merges saved state `s` into the current state (both reach the same
  // point). Returns false (and the caller reports) when depths differ.
  enum class MergeOutcome : uint8_t { kOk, kDataDepth, kReturnDepth };
  MergeOutcome MergeFrom(const Snap& s);
  // Error-path helpers: values at positions [from, to) of a saved state (or the
  // current one when s is null), and "( a -- a b )" text for them.
  std::vector<uint32_t> Collect(const Snap* s, int32_t from, int32_t to) const;
  std::string FormatValues(const std::vector<uint32_t>& ins,
                           const std::vector<uint32_t>& outs) const;
  std::string LoopBodyText(const Snap& start) const;
  const Ctl& InnermostDo() const;
  void SuggestUndefined(std::string_view name, std::string& message) const;

  // Absolute stack positions: inputs are introduced downwards from kOrigin
  // (position kOrigin - 1 - k holds input k), pushes go upwards, so a depth
  // is top_ - base_ and neither side ever moves cells.
  static constexpr int32_t kOrigin = kMaxDepthCells;
  // Return-stack cell standing for a whole DO loop frame (limit and index);
  // r>/r@ on it and a join where only one side has it are errors.
  static constexpr uint32_t kFrame = 0xffffffffu;

  // Per-call state; containers keep their capacity across calls.
  std::vector<uint32_t> stack_;  // absolute positions; inputs grow down from kOrigin
  // low_: top_'s low-water mark since the innermost open arm or loop body
  // began, so error texts show only the cells that arm consumed.
  int32_t top_ = kOrigin, base_ = kOrigin, low_ = kOrigin, max_top_ = kOrigin;
  // bottom_: no path reaches this point (after exit, again, leave, or two
  // bottom arms). Tokens still open and close structures but move no cells,
  // and a merge with a bottom state takes the other side unchanged.
  bool bottom_ = false;
  bool room_unchecked_ = false;  // the body is too short to overflow the stack
  std::vector<uint32_t> rstack_;
  std::vector<Value> values_;  // [0, nvalues_) in use
  uint32_t nvalues_ = 0;
  std::vector<uint32_t> input_value_;
  ControlFlow flow_;      // the body's nesting, matched before the walk
  std::vector<Ctl> ctl_;  // open structures' snapshots, innermost last
  std::vector<uint32_t> save_;
  struct Exit {
    Snap snap;
    uint32_t token;
    bool in_loop = false;  // ControlAns jumps: taken inside a begin loop
  };
  void ForgetIdentities();  // checker_control_ans.cpp: every cell a fresh value
  // Joined at the body's end / their loop's end, after the structures they
  // sit in have closed, hence persistent snapshots.
  std::vector<Exit> exits_;
  std::vector<Exit> leaves_;
  // ControlAns: forward jumps (snap, the token resolving them) and each open
  // begin's entry state (snap, the begin token); persistent snapshots.
  std::vector<Exit> jumps_;
  std::vector<Exit> dests_;
  std::vector<uint32_t> exit_save_;

  bool IsWordNamed(const Token& t, std::string_view name) const;

  const std::span<const Token>* current_body_ = nullptr;
  const TokenColumns* names_ = nullptr;
  const WordResolver* resolver_ = nullptr;
  const WordEffect* self_ = nullptr;
  InferResult* out_ = nullptr;
  InferResult own_;
};

}  // namespace ffb
