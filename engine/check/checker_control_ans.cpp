// The checker's walk over the ANS control-flow forms the nested walk
// (checker_control.cpp) does not know: several elses, several whiles, a while
// closed by until/again/then/else, a repeat resolving an outer orig. Each
// orig is a forward jump to the token that resolves it (MatchControl's
// partner) and joins the state there; each begin keeps its entry state, which
// every backward branch (until, again, repeat) must match. Paths that join with
// different depths are E2235 naming both paths' effects; a loop that changes
// the depth is E2236. do…loop and the rest keep the nested walk's handling
// (no branch crosses a do-sys: the control-flow stack forbids it).
#include <fmt/format.h>

#include <algorithm>

#include "engine/check/checker.h"

namespace ffb {

// A state that left a loop holds some iteration's values, not the entry's: it
// keeps depths and kinds only (the nested walk tracks which are invariant).
void EffectChecker::ForgetIdentities() {
  if (bottom_) return;
  for (int32_t p = base_; p < top_; ++p) stack_[p] = NewValue(values_[stack_[p]].kind);
  for (uint32_t& r : rstack_)
    if (r != kFrame) r = NewValue(values_[r].kind);
}

bool EffectChecker::JoinJumps(uint32_t i) {
  const std::string_view name = Info((*current_body_)[i].builtin()).name;
  bool from_loop = false;
  size_t keep = 0;
  for (size_t k = 0; k < jumps_.size(); ++k) {
    if (flow_.partner(jumps_[k].token) != i) {
      jumps_[keep++] = jumps_[k];
      continue;
    }
    const Snap& s = jumps_[k].snap;
    from_loop = from_loop || jumps_[k].in_loop;
    MergeOutcome m = MergeFrom(s);
    if (m == MergeOutcome::kReturnDepth)
      return Fail(Code::kReturnStackImbalance, i,
                  fmt::format("paths joining at `{}` leave the return stack different", name));
    if (m == MergeOutcome::kDataDepth) {
      std::vector<uint32_t> ins;
      for (int32_t p = base_; p < kOrigin; ++p) ins.push_back(InputValueAt(p));
      return Fail(Code::kBranchMismatch, i,
                  fmt::format("paths joining at `{}` leave different depths: from `{}` (word {}) "
                              "{}, the other {}",
                              name, Info((*current_body_)[jumps_[k].token].builtin()).name,
                              jumps_[k].token + 1, FormatValues(ins, Collect(&s, base_, s.top)),
                              FormatValues(ins, Collect(nullptr, base_, top_))));
    }
  }
  jumps_.resize(keep);
  if (from_loop) ForgetIdentities();
  return true;
}

bool EffectChecker::ControlAns(const BuiltinInfo& b, uint32_t i) {
  auto back_edge = [&]() {
    const Snap& d = dests_.back().snap;
    if (bottom_ || d.bottom) return true;
    if (top_ != d.top) {
      std::vector<uint32_t> ins;
      for (int32_t p = base_; p < kOrigin; ++p) ins.push_back(InputValueAt(p));
      return Fail(Code::kLoopNotNeutral, i,
                  fmt::format("begin … {} is not stack-neutral: the word reaches `begin` with "
                              "{} and `{}` with {}, so each iteration changes the depth by {:+d}{}",
                              b.name, FormatValues(ins, Collect(&d, base_, d.top)), b.name,
                              FormatValues(ins, Collect(nullptr, base_, top_)), top_ - d.top,
                              b.role == Role::kUntil ? " (the flag counted)" : ""));
    }
    if (rstack_.size() != d.r_size)
      return Fail(Code::kReturnStackImbalance, i,
                  fmt::format("begin … {} body leaves the return stack unbalanced", b.name));
    return true;
  };
  auto pop_flag = [&]() {
    if (bottom_) return true;
    if (!Need(1, i)) return false;
    --top_;
    low_ = std::min(low_, top_);
    return true;
  };
  switch (b.role) {
    case Role::kIf:
    case Role::kWhile:  // jumps to its resolving token when the flag is false
      if (!pop_flag()) return false;
      jumps_.push_back({Save(true), i, !dests_.empty()});
      return true;
    case Role::kElse:  // AHEAD, then resolve the orig under it
      jumps_.push_back({Save(true), i, !dests_.empty()});
      bottom_ = true;
      return JoinJumps(i);
    case Role::kThen:
      return JoinJumps(i);
    case Role::kBegin:
      // Values entering a loop may differ each iteration: they lose identity.
      ForgetIdentities();
      dests_.push_back({Save(true), i});
      return true;
    case Role::kUntil:
      if (!pop_flag() || !back_edge()) return false;
      dests_.pop_back();
      ForgetIdentities();
      return true;
    case Role::kAgain:
      if (!back_edge()) return false;
      dests_.pop_back();
      bottom_ = true;
      return true;
    case Role::kRepeat:  // AGAIN, then resolve the orig under the dest
      if (!back_edge()) return false;
      dests_.pop_back();
      bottom_ = true;
      return JoinJumps(i);
    default:
      return Control(b, i);
  }
}

}  // namespace ffb
