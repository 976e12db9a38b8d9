// Deterministic generator of verified-dialect Forth bodies (straight-line
// code, branches, do/?do/+loop with i j leave unloop exit, begin loops,
// recursion, calls to earlier words). Shared by the interpreter-vs-gforth
// and native-vs-interpreter differential tests, so both draw the same bodies.
//
//   forthgen::Generator gen(seed);  int out; bool callable; int height;
//   std::string body = gen.Body(2, &out, &callable, &height);
#pragma once

#include <fmt/format.h>

#include <climits>
#include <string>
#include <vector>

#include "engine/forth/builtins.h"

namespace forthgen {

using ffb::Builtin;

// splitmix64: the same sequence on every platform and standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Range(int lo, int hi) { return lo + Below(hi - lo + 1); }
  bool Chance(int percent) { return Below(100) < percent; }

  int64_t Value() {
    switch (Below(6)) {
      case 0:
        return Range(-10, 10);
      case 1:
        return Range(-1000, 1000);
      case 2: {
        static const int64_t kEdges[] = {
            0, 1, -1, 2, INT64_MIN, INT64_MAX, INT64_MIN + 1, INT64_MAX - 1, 63, 64, 65, 3, -3, 7};
        return kEdges[Below(sizeof kEdges / sizeof kEdges[0])];
      }
      case 3:
        return static_cast<int64_t>(Next());
      default:
        return Range(0, 20);
    }
  }

 private:
  uint64_t s_;
};

struct GenWord {
  std::string name;
  int in = 0, out = 0;
  bool recursive = false;  // called as `15 and name` so recursion stays shallow
  int height = 0;          // longest chain of calls below it
};

// Where generated code sits. `loops`: do loops whose frames are on top of
// the return stack (usable by i/j/leave). `rclean`: nothing but do-loop
// frames on this word's return stack, so `unloop exit` / `exit` are legal.
// `calls`: calls allowed (not inside loops, which would multiply run time).
struct Ctx {
  int loops = 0;
  bool rclean = true;
  bool calls = true;
};

constexpr int kMaxCallHeight = 3;

constexpr int kMaxDepth = 8;

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  Rng& rng() { return rng_; }
  // Also draw the wider ANS control-flow forms (several elses, several
  // whiles, while closed by until/again/then/else, if … begin … repeat). Off
  // by default, so the other suites keep their bodies.
  void EnableAnsForms() { ans_ = true; }

  // A body taking `in` cells; returns its text and its final depth.
  std::string Body(int in, int* out, bool* callable, int* height) {
    callable_ = true;
    height_ = 0;
    int depth = in;
    std::string s;
    int blocks = rng_.Range(1, 4);
    for (int b = 0; b < blocks; ++b) s += Block(depth, Ctx{}, 2);
    *out = depth;
    *callable = callable_;
    *height = height_;
    return s;
  }

  std::string Recursive(int* in, int* out) {
    *in = 1;
    *out = 1;
    static const char* kOps[] = {"+", "*", "xor", "max", "-", "min", "or", "2* +", "swap -"};
    switch (rng_.Below(5)) {
      case 0:
        return fmt::format("dup 1 < if drop {} else dup 1- recurse {} then", rng_.Range(-3, 3),
                           kOps[rng_.Below(9)]);
      case 1:
        return "dup 2 < if exit then dup 1- recurse swap 2 - recurse +";
      case 2:
        *in = 2;
        return "dup 0= if drop else tuck mod recurse then";
      case 3:
        *in = 2;
        *out = 1;
        return "dup 0> if tuck + swap 1- recurse else drop then";
      default: {
        int depth = 1;
        std::string base = Seg(depth, Ctx{0, true, false}, 4);
        base += Fix(depth, 1);
        return fmt::format("dup {} < if {} else dup 1- recurse {} then", rng_.Range(0, 3), base,
                           kOps[rng_.Below(9)]);
      }
    }
  }

  void AddWord(GenWord w) { words_.push_back(std::move(w)); }

 private:
  // Leaves the stack at `want` cells: drops or literals.
  std::string Fix(int& depth, int want) {
    std::string s;
    while (depth > want) s += " drop", --depth;
    while (depth < want) s += fmt::format(" {}", rng_.Value()), ++depth;
    return s;
  }

  std::string Lit(int& depth) {
    ++depth;
    return fmt::format(" {}", rng_.Value());
  }

  // One straight-line step; depth tracked so nothing underflows.
  std::string Op(int& depth, const Ctx& ctx, int nest) {
    static const Builtin kOps[] = {
        Builtin::kAdd,     Builtin::kSub,      Builtin::kMul,       Builtin::kDiv,
        Builtin::kMod,     Builtin::kDivMod,   Builtin::kStarSlash, Builtin::kStarSlashMod,
        Builtin::kNegate,  Builtin::kAbs,      Builtin::kMin,       Builtin::kMax,
        Builtin::kOnePlus, Builtin::kOneMinus, Builtin::kTwoStar,   Builtin::kTwoSlash,
        Builtin::kLshift,  Builtin::kRshift,   Builtin::kAnd,       Builtin::kOr,
        Builtin::kXor,     Builtin::kInvert,   Builtin::kEq,        Builtin::kNe,
        Builtin::kLt,      Builtin::kGt,       Builtin::kLe,        Builtin::kGe,
        Builtin::kZeroEq,  Builtin::kZeroNe,   Builtin::kZeroLt,    Builtin::kZeroGt,
        Builtin::kULt,     Builtin::kUGt,      Builtin::kWithin,    Builtin::kTrue,
        Builtin::kFalse,   Builtin::kDup,      Builtin::kDrop,      Builtin::kSwap,
        Builtin::kOver,    Builtin::kRot,      Builtin::kMinusRot,  Builtin::kNip,
        Builtin::kTuck,    Builtin::kTwoDup,   Builtin::kTwoDrop,   Builtin::kTwoSwap,
        Builtin::kTwoOver, Builtin::kSToD,     Builtin::kMStar,     Builtin::kUMStar};
    for (int attempt = 0; attempt < 20; ++attempt) {
      int pick = rng_.Below(100);
      if (pick < 12 || depth == 0) {
        if (depth < kMaxDepth) return Lit(depth);
        continue;
      }
      if (pick < 16) {  // shift by a literal count, including >= 64
        static const int kCounts[] = {0, 1, 3, 31, 62, 63, 64, 65, 100, 127, 128, -1};
        return fmt::format(" {} {}", kCounts[rng_.Below(12)],
                           rng_.Chance(50) ? "lshift" : "rshift");
      }
      if (pick < 19) {  // a guarded divisor: 0 becomes 1
        if (depth < 2) continue;
        static const char* kDivs[] = {"/", "mod", "/mod"};
        int k = rng_.Below(3);
        if (k == 2) ++depth;
        --depth;
        return fmt::format(" dup 0= - {}", kDivs[k]);
      }
      if (pick < 21) {  // double division of a single by a guarded divisor: no trap
        // but INT64_MIN -1 fm/mod (sm/rem), as `/` has; um/mod's high cell is 0
        if (depth < 2) continue;
        static const char* kDivs[] = {"swap s>d rot fm/mod", "swap s>d rot sm/rem",
                                      "swap 0 rot um/mod"};
        return fmt::format(" dup 0= - {}", kDivs[rng_.Below(3)]);
      }
      if (pick < 23) {
        int n = rng_.Below(depth);
        if (rng_.Chance(50)) {
          if (depth >= kMaxDepth) continue;
          ++depth;
          return fmt::format(" {} pick", n);
        }
        return fmt::format(" {} roll", n);
      }
      if (pick < 27 && ctx.loops > 0 && depth < kMaxDepth) {
        ++depth;
        return ctx.loops > 1 && rng_.Chance(50) ? " j" : " i";
      }
      if (pick < 31 && nest > 0) {  // >r … r> around a segment, r@ inside
        --depth;
        std::string inner = Seg(depth, Ctx{0, false, ctx.calls}, nest - 1);
        if (depth < kMaxDepth && rng_.Chance(30)) {
          inner += depth == 0 ? " r@" : " r@ +";
          if (depth == 0) depth = 1;
        }
        ++depth;
        return fmt::format(" >r{} r>", inner);
      }
      if (pick < 36 && ctx.calls && !words_.empty()) {
        const GenWord& w = words_[rng_.Below(static_cast<int>(words_.size()))];
        if (depth < w.in || depth - w.in + w.out > kMaxDepth || w.height >= kMaxCallHeight)
          continue;
        depth += w.out - w.in;
        height_ = std::max(height_, w.height + 1);
        return w.recursive ? fmt::format(" 15 and {}", w.name) : fmt::format(" {}", w.name);
      }
      const ffb::BuiltinInfo& info = ffb::Info(kOps[rng_.Below(sizeof kOps / sizeof kOps[0])]);
      if (depth < info.inputs || depth - info.inputs + info.outputs > kMaxDepth) continue;
      depth += info.outputs - info.inputs;
      return fmt::format(" {}", info.name);
    }
    if (depth > 0) {
      --depth;
      return " drop";
    }
    return Lit(depth);
  }

  std::string Seg(int& depth, const Ctx& ctx, int nest) {
    std::string s;
    int n = rng_.Range(1, 6);
    for (int k = 0; k < n; ++k) s += Op(depth, ctx, nest);
    return s;
  }

  std::string Block(int& depth, const Ctx& ctx, int nest) {
    int kind = nest > 0 ? rng_.Below(10) : 0;
    if (ans_ && nest > 0 && rng_.Chance(40)) return AnsBlock(depth, ctx, nest);
    switch (kind) {
      case 1:
      case 2: {  // if [else] then, arms with equal effect
        std::string s;
        if (depth == 0) s += Lit(depth);
        if (rng_.Chance(50) && depth >= 2)
          s += rng_.Chance(50) ? " 2dup <" : " over 0<", depth += 1;
        --depth;
        int start = depth;
        int a = start;
        s += " if" + Block(a, ctx, nest - 1);
        if (ctx.loops == 0 && ctx.rclean && rng_.Chance(10)) {
          s += " exit";
          callable_ = false;
        }
        if (rng_.Chance(60)) {
          int b = start;
          s += " else" + Block(b, ctx, nest - 1);
          s += Fix(b, a);
        } else {
          s += Fix(a, start);
        }
        depth = a;
        return s + " then";
      }
      case 3:
      case 4:
      case 5:
        return DoLoop(depth, ctx, nest);
      case 6: {  // counted begin … until, the counter on the return stack
        int n = rng_.Range(0, 5);
        int d = depth;
        std::string body = Block(d, Ctx{0, false, false}, nest - 1);
        body += Fix(d, depth);
        return fmt::format(" {} >r begin{} r> 1- dup >r 0< until r> drop", n, body);
      }
      case 7: {  // begin … while … repeat, same counter
        int n = rng_.Range(0, 5);
        int d = depth;
        std::string body = Block(d, Ctx{0, false, false}, nest - 1);
        body += Fix(d, depth);
        return fmt::format(" {} >r begin r@ 0> while{} r> 1- >r repeat r> drop", n, body);
      }
      case 8:
        if (ctx.loops == 0 && ctx.rclean) {  // begin … again, left by exit
          int n = rng_.Range(0, 4);
          int d = depth;
          std::string body = Block(d, Ctx{0, false, false}, nest - 1);
          body += Fix(d, depth);
          callable_ = false;
          return fmt::format(" {} >r begin{} r> 1- dup >r 0< if r> drop exit then again", n, body);
        }
        return Seg(depth, ctx, nest);
      default:
        return Seg(depth, ctx, nest);
    }
  }

  // The ANS forms, each path leaving the same depth. A counter on the return
  // stack bounds every loop, as in Block's begin loops.
  std::string AnsBlock(int& depth, const Ctx& ctx, int nest) {
    const Ctx loop_ctx{0, false, false};
    switch (rng_.Below(5)) {
      case 0: {  // if A else B else C then: true runs A C, false runs B
        std::string s;
        if (depth == 0) s += Lit(depth);
        --depth;
        int start = depth;
        int a = start;
        std::string arm_a = Block(a, ctx, nest - 1);
        int c = a;
        std::string arm_c = Block(c, ctx, nest - 1);
        int b = start;
        std::string arm_b = Block(b, ctx, nest - 1);
        arm_b += Fix(b, c);
        depth = c;
        return s + " if" + arm_a + " else" + arm_b + " else" + arm_c + " then";
      }
      case 1: {  // two whiles: the inner leaves through repeat + X, the outer through else Y
        int n = rng_.Range(0, 6);
        int k = rng_.Range(0, 5);
        int d = depth;
        std::string body = Block(d, loop_ctx, nest - 1);
        body += Fix(d, depth);
        int x = depth;
        std::string arm_x = Block(x, loop_ctx, nest - 1);
        int y = depth;
        std::string arm_y = Block(y, loop_ctx, nest - 1);
        arm_y += Fix(y, x);
        depth = x;
        return fmt::format(
            " {} >r begin r@ 0> while r@ {} <> while{} r> 1- >r repeat{} else{} then r> drop", n, k,
            body, arm_x, arm_y);
      }
      case 2: {  // while … until … X then
        int n = rng_.Range(0, 6);
        int k = rng_.Range(-1, 4);
        int d = depth;
        std::string body = Block(d, loop_ctx, nest - 1);
        body += Fix(d, depth);
        int x = depth;
        std::string arm_x = Block(x, loop_ctx, nest - 1);
        arm_x += Fix(x, depth);
        return fmt::format(" {} >r begin r@ 0> while{} r> 1- dup >r {} = until{} then r> drop", n,
                           body, k, arm_x);
      }
      case 3: {  // while … again then
        int n = rng_.Range(0, 6);
        int d = depth;
        std::string body = Block(d, loop_ctx, nest - 1);
        body += Fix(d, depth);
        return fmt::format(" {} >r begin r@ 0> while{} r> 1- >r again then r> drop", n, body);
      }
      default: {  // if begin … repeat: repeat's then resolves the if; left by exit
        if (ctx.loops != 0 || !ctx.rclean) return Seg(depth, ctx, nest);
        std::string s;
        if (depth == 0) s += Lit(depth);
        --depth;
        int n = rng_.Range(0, 4);
        int d = depth;
        std::string body = Block(d, loop_ctx, nest - 1);
        body += Fix(d, depth);
        callable_ = false;
        return s +
               fmt::format(" if {} >r begin r@ 0< if r> drop exit then r> 1- >r{} repeat", n, body);
      }
    }
  }

  std::string DoLoop(int& depth, const Ctx& ctx, int nest) {
    std::string head, tail = " loop";
    switch (rng_.Below(5)) {
      case 0: {
        int lim = rng_.Range(-3, 5);
        head = fmt::format(" {} {} do", lim, lim - rng_.Range(1, 5));
        break;
      }
      case 1: {
        int lim = rng_.Range(-3, 5);
        head = fmt::format(" {} {} ?do", lim, lim - rng_.Range(0, 4));
        break;
      }
      case 2: {  // +loop with a step of either sign, bounds that end
        int step = rng_.Range(1, 4);
        int lim = rng_.Range(-6, 6);
        if (rng_.Chance(50)) {
          head =
              fmt::format(" {} {} {}", lim, lim - rng_.Range(1, 9), rng_.Chance(50) ? "do" : "?do");
          tail = fmt::format(" {} +loop", step);
        } else {
          head =
              fmt::format(" {} {} {}", lim, lim + rng_.Range(0, 9), rng_.Chance(50) ? "do" : "?do");
          tail = fmt::format(" {} +loop", -step);
        }
        break;
      }
      case 3: {  // bound taken from the data: 0 .. 7 iterations
        if (depth == 0) head += Lit(depth);
        head += " dup 7 and 0 ?do";
        break;
      }
      default: {
        int lim = rng_.Range(0, 4);
        head = fmt::format(" {} 0 ?do", lim);
        break;
      }
    }
    Ctx inner{ctx.loops + 1, ctx.rclean, false};
    int d = depth;
    std::string body = Block(d, inner, nest - 1);
    if (d < kMaxDepth && rng_.Chance(40)) {
      body += d == 0 ? " i" : " i +";
      if (d == 0) d = 1;
    }
    body += Fix(d, depth);
    int escape = rng_.Below(10);
    if (escape == 0) {
      body = fmt::format(" i {} = if leave then", rng_.Range(0, 3)) + body;
    } else if (escape == 1 && ctx.loops == 0 && ctx.rclean) {
      // Fix(d, depth) keeps the depth; exit leaves what is there.
      body += fmt::format(" i {} = if unloop exit then", rng_.Range(0, 3));
      callable_ = false;
    } else if (escape == 2 && ctx.loops == 1 && ctx.rclean) {
      body += fmt::format(" i j + {} = if unloop unloop exit then", rng_.Range(0, 4));
      callable_ = false;
    }
    return head + body + tail;
  }

  Rng rng_;
  std::vector<GenWord> words_;
  bool callable_ = true;
  bool ans_ = false;
  int height_ = 0;
};

}  // namespace forthgen
