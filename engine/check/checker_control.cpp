// The checker's control-flow roles (EffectChecker::Control): if/else/then,
// begin…until/again/while/repeat, do…loop with i/j/leave/unloop, exit and
// recurse, and how the word's exits join at the end of the body. Each
// structure snapshots the state where its paths split and merges it where
// they join. Matching is not done here: Run stops at MatchControl's first
// error, so every structure seen here is well nested.
#include <fmt/format.h>

#include <algorithm>

#include "engine/check/checker.h"
#include "engine/check/checker_internal.h"

namespace ffb {

using checker_internal::KindOfType;

const EffectChecker::Ctl& EffectChecker::InnermostDo() const {
  auto it = ctl_.rbegin();
  while (it->role != Role::kDo) ++it;  // MatchControl placed the word inside a do
  return *it;
}

bool EffectChecker::Control(const BuiltinInfo& b, uint32_t i) {
  switch (b.role) {
    case Role::kIf: {
      if (!bottom_) {
        if (!Need(1, i)) return false;
        --top_;
        low_ = std::min(low_, top_);
      }
      Ctl c;
      c.role = Role::kIf;
      c.token = i;
      c.outer_low = low_;
      c.save_mark = static_cast<uint32_t>(save_.size());
      c.start = Save();
      ctl_.push_back(c);
      low_ = top_;
      break;
    }
    case Role::kElse: {
      Ctl& c = ctl_.back();
      c.arm_low = low_;
      c.mid = Save();
      c.has_else_or_while = true;
      Restore(c.start);
      low_ = top_;
      break;
    }
    case Role::kThen: {
      Ctl c = ctl_.back();
      const bool has_else = c.has_else_or_while;
      const Snap* then_end = has_else ? &c.mid : nullptr;
      const int32_t then_low = has_else ? c.arm_low : low_;
      const int32_t else_low = has_else ? low_ : c.start.top;
      const int32_t then_top = has_else ? c.mid.top : top_;
      const int32_t else_top = has_else ? top_ : c.start.top;
      const Snap* else_end = has_else ? nullptr : &c.start;
      MergeOutcome m = MergeFrom(has_else ? c.mid : c.start);
      if (m != MergeOutcome::kOk) {
        if (m == MergeOutcome::kReturnDepth)
          return Fail(
              Code::kReturnStackImbalance, i,
              "the if arms leave the return stack different (`>r`/`r>` unbalanced in one arm)");
        int32_t from = std::min(then_low, else_low);
        auto ins = Collect(&c.start, from, c.start.top);
        std::string then_text = FormatValues(ins, Collect(then_end, from, then_top));
        std::string else_text = FormatValues(ins, Collect(else_end, from, else_top));
        return Fail(Code::kBranchMismatch, c.token,
                    fmt::format("if arms leave different depths: then-arm {}, else-arm {}",
                                then_text, else_text));
      }
      low_ = std::min({c.outer_low, then_low, else_low});
      save_.resize(c.save_mark);
      ctl_.pop_back();
      break;
    }
    case Role::kBegin: {
      Ctl c;
      c.role = Role::kBegin;
      c.token = i;
      c.outer_low = low_;
      c.save_mark = static_cast<uint32_t>(save_.size());
      c.start = Save();
      ctl_.push_back(c);
      low_ = top_;
      break;
    }
    case Role::kUntil:
    case Role::kAgain:
    case Role::kWhile:
    case Role::kRepeat: {
      if (!bottom_ && (b.role == Role::kUntil || b.role == Role::kWhile)) {
        if (!Need(1, i)) return false;
        --top_;
        low_ = std::min(low_, top_);
      }
      Ctl& c = ctl_.back();
      if (b.role == Role::kWhile) {
        c.mid = Save();
        c.has_else_or_while = true;
        break;
      }
      if (!bottom_ && !c.start.bottom) {
        if (top_ != c.start.top)
          return Fail(
              Code::kLoopNotNeutral, i,
              fmt::format("begin … {} body {} is not stack-neutral: each iteration changes the "
                          "depth by {:+d}{}",
                          b.name, LoopBodyText(c.start), top_ - c.start.top,
                          b.role == Role::kUntil ? " (the flag counted)" : ""));
        if (rstack_.size() != c.start.r_size)
          return Fail(Code::kReturnStackImbalance, i,
                      fmt::format("begin … {} body leaves the return stack unbalanced", b.name));
      }
      if (b.role == Role::kUntil) {
        if (!bottom_) MergeFrom(c.start);
      } else if (b.role == Role::kAgain) {
        bottom_ = true;
      } else {  // repeat: leave through while; loop-variant values lose identity
        const bool back_edge = !bottom_;
        Snap rep = Save();
        Restore(c.mid);
        if (back_edge && !bottom_) {
          for (int32_t p = base_; p < top_; ++p) {
            uint32_t v = stack_[p];
            bool invariant = p < c.start.top && ValueAt(c.start, p) == v && ValueAt(rep, p) == v;
            if (invariant) continue;
            CellKind k = values_[v].kind;
            if (p < c.start.top) k = Join(k, values_[ValueAt(rep, p)].kind);
            stack_[p] = NewValue(k);
          }
        }
      }
      low_ = std::min(c.outer_low, low_);
      save_.resize(c.save_mark);
      ctl_.pop_back();
      break;
    }
    case Role::kDo: {
      if (!bottom_) {
        if (!Need(2, i)) return false;
        top_ -= 2;
        low_ = std::min(low_, top_);
        rstack_.push_back(kFrame);
      }
      Ctl c;
      c.role = Role::kDo;
      c.token = i;
      c.outer_low = low_;
      c.save_mark = static_cast<uint32_t>(save_.size());
      c.start = Save();
      c.leave_mark = static_cast<uint32_t>(leaves_.size());
      ctl_.push_back(c);
      low_ = top_;
      break;
    }
    case Role::kLoop:
    case Role::kPlusLoop: {
      if (!bottom_ && b.role == Role::kPlusLoop) {
        if (!Need(1, i)) return false;
        --top_;
        low_ = std::min(low_, top_);
      }
      Ctl c = ctl_.back();
      if (!bottom_) {
        if (rstack_.size() != c.start.r_size || rstack_.back() != kFrame)
          return Fail(Code::kReturnStackImbalance, i,
                      fmt::format("do … {} body leaves the return stack unbalanced", b.name));
        if (top_ != c.start.top)
          return Fail(
              Code::kLoopNotNeutral, i,
              fmt::format("do … {} body {} is not stack-neutral: each iteration changes the "
                          "depth by {:+d}",
                          b.name, LoopBodyText(c.start), top_ - c.start.top));
      }
      MergeFrom(c.start);
      for (size_t k = c.leave_mark; k < leaves_.size(); ++k) MergeFrom(leaves_[k].snap);
      if (!bottom_) rstack_.pop_back();
      leaves_.resize(c.leave_mark);
      low_ = std::min(c.outer_low, low_);
      save_.resize(c.save_mark);
      ctl_.pop_back();
      break;
    }
    case Role::kI:
    case Role::kJ:
    case Role::kLeave:
    case Role::kUnloop: {
      const int need = b.role == Role::kJ ? 2 : 1;
      if (bottom_) break;
      const size_t r = rstack_.size();
      bool frames_on_top =
          r >= 1 && rstack_.back() == kFrame && (need == 1 || (r >= 2 && rstack_[r - 2] == kFrame));
      if (!frames_on_top)
        return Fail(
            Code::kReturnStackLoopFrame, i,
            fmt::format("`{}` with `>r` values above the loop frame; `r>` them first", b.name));
      if (b.role == Role::kI || b.role == Role::kJ) {
        if (!Room(1, i)) return false;
        stack_[top_++] = NewValue(CellKind::kInt);
        max_top_ = std::max(max_top_, top_);
      } else if (b.role == Role::kUnloop) {
        rstack_.pop_back();
      } else {  // leave: jumps past `loop` with the depth the loop ends with
        const Ctl& d = InnermostDo();
        if (top_ != d.start.top)
          return Fail(
              Code::kLoopNotNeutral, i,
              fmt::format("`leave` with the depth changed by {:+d} since `do`; the loop's exits "
                          "must agree",
                          top_ - d.start.top));
        leaves_.push_back({Save(true), i});
        bottom_ = true;
      }
      break;
    }
    case Role::kExit: {
      if (bottom_) break;
      if (!rstack_.empty()) {
        bool in_loop = std::find(rstack_.begin(), rstack_.end(), kFrame) != rstack_.end();
        return Fail(Code::kReturnStackImbalance, i,
                    in_loop ? "`exit` inside a DO loop needs `unloop` first"
                            : "`exit` with `>r` values still on the return stack");
      }
      exits_.push_back({Save(true), i});
      bottom_ = true;
      break;
    }
    case Role::kRecurse: {
      if (!self_)
        return Fail(Code::kNoStaticEffect, i, "`recurse` needs the word's declared stack effect");
      if (bottom_) break;
      if (!Need(self_->inputs, i) || !Room(self_->outputs, i)) return false;
      top_ -= self_->inputs;
      low_ = std::min(low_, top_);
      for (uint32_t k = 0; k < self_->outputs; ++k)
        stack_[top_++] = NewValue(KindOfType(self_->out_types[k]));
      max_top_ = std::max(max_top_, top_);
      break;
    }
    default:
      return Fail(Code::kInternal, i, "unhandled builtin role");
  }
  return true;
}

bool EffectChecker::CloseBody(uint32_t n) {
  if (!bottom_ && !rstack_.empty())
    return Fail(Code::kReturnStackImbalance, n,
                "`>r` without a matching `r>` by the end of the word");
  size_t first_exit = 0;
  if (bottom_ && !exits_.empty()) {
    Restore(exits_[0].snap);
    first_exit = 1;
  }
  if (bottom_) {
    out_->returns = false;
  } else {
    for (size_t k = first_exit; k < exits_.size(); ++k) {
      const Snap& s = exits_[k].snap;
      if (s.top == top_) {
        MergeFrom(s);
        continue;
      }
      std::vector<uint32_t> ins;
      for (int32_t p = base_; p < kOrigin; ++p) ins.push_back(InputValueAt(p));
      return Fail(Code::kBranchMismatch, exits_[k].token,
                  fmt::format("`exit` leaves {} but the word ends with {}",
                              FormatValues(ins, Collect(&s, base_, s.top)),
                              FormatValues(ins, Collect(nullptr, base_, top_))));
    }
  }
  return true;
}

}  // namespace ffb
