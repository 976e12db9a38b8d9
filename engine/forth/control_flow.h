// The one control-structure pass: a single scan over a body's tokens that
// matches if/else/then, begin/while/until/again/repeat and do/?do/loop/+loop,
// places i/j/leave/unloop inside their loops, links each control token to its
// partner and raises every E30xx code. The checker, the bytecode compiler and
// the native compiler walk the body with its result instead of matching.
//
//   ControlFlow flow;                                // reuse: capacity is kept
//   MatchControl(body, ControlRules::kChecked, flow);
//   for (uint32_t i = 0; i < std::min<size_t>(body.size(), flow.fail_at()); ++i) {
//     ... flow.partner(i) ...                        // e.g. the `then` of an `if`
//   }
//   if (!flow.ok()) report(flow.error());           // E30xx, positioned at its token
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/forth/tokens.h"

namespace ffb {

// Which nestings are accepted. Both agree on every body the checker accepts;
// each words its E30xx messages as its consumer always has (codes agree).
enum class ControlRules : uint8_t {
  // The statically checked subset: one `while` per `begin`, closed by `repeat`.
  kChecked,
  // ANS nesting, which the interpreter runs: several `while`s per `begin`, and
  // a `while` whose `begin` closed with `until`/`again` is resolved by `then`.
  kAns,
};

class ControlFlow {
 public:
  static constexpr uint32_t kNone = 0xffffffffu;

  bool ok() const { return fail_at_ == kNone; }
  // Where a consumer walking the body raises error(): the offending token, or
  // the body's size for a structure left open. kNone when ok(). Tokens before
  // it are well nested, so consumers raise nothing of their own about nesting.
  uint32_t fail_at() const { return fail_at_; }
  // The E30xx diagnostic (token and column of the token it names); only when
  // !ok(). For an open structure that token is the structure's first word.
  const Diagnostic& error() const { return error_; }

  // The token a control token is linked to, or kNone; only control tokens
  // before fail_at() have an entry. Forward: if -> else or then, else -> then,
  // while -> repeat (or then, kAns), begin -> until/again/repeat, do/?do ->
  // loop/+loop, leave -> the loop/+loop of its do. Backward: then -> the if (or
  // the while, kAns) it resolves, until/again/repeat -> begin, loop/+loop ->
  // do, i/unloop -> the innermost do, j -> the next one out.
  uint32_t partner(uint32_t token) const { return partner_[token]; }

 private:
  friend bool MatchControl(std::span<const Token> body, ControlRules rules, ControlFlow& out);

  enum class Kind : uint8_t { kIf, kElse, kBegin, kWhile, kDo };
  struct Open {
    Kind kind;
    bool has_while;        // kBegin: a while has been seen
    uint32_t token;        // the word that pushed this entry
    uint32_t head;         // the structure's first word (if for else, begin for while)
    uint32_t first_leave;  // kDo: where its leaves start in leaves_
  };
  bool Fail(std::span<const Token> body, uint32_t at, Code code, uint32_t token,
            std::string message);

  std::vector<uint32_t> partner_;
  std::vector<Open> open_;        // scratch: the structures open at the scan's position
  std::vector<uint32_t> leaves_;  // scratch: leaves awaiting their loop's end
  uint32_t fail_at_ = kNone;
  Diagnostic error_;
};

// Fills `out` for `body`; returns out.ok().
bool MatchControl(std::span<const Token> body, ControlRules rules, ControlFlow& out);

}  // namespace ffb
