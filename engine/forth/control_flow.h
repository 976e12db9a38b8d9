// The one control-structure pass: a single scan over a body's tokens that
// keeps the Forth 2012 control-flow stack (§3.2.3.2) of orig, dest and do-sys
// entries. `if` pushes an orig; `else` is AHEAD 1 CS-ROLL THEN; `then`
// resolves an orig; `begin` pushes a dest; `while` is IF 1 CS-ROLL (its orig
// under the dest); `until`/`again` resolve a dest; `repeat` is AGAIN THEN;
// do/?do push a do-sys that loop/+loop resolve. It links each control token
// to its partner, places i/j/leave/unloop inside their loops and raises every
// E30xx code. The checker, the bytecode compiler and the native compiler walk
// the body with its result instead of matching.
//
//   ControlFlow flow;                                // reuse: capacity is kept
//   MatchControl(body, flow);
//   for (uint32_t i = 0; i < std::min<size_t>(body.size(), flow.fail_at()); ++i) {
//     ... flow.partner(i) ...                        // e.g. where an `if` branches to
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

  // True when every structure is one of the nested forms: if [else] then,
  // begin until/again, begin while repeat (one while, its own begin's) and
  // do loop. False once the body uses the wider ANS forms (several elses or
  // whiles, a while closed by until/again/then/else, a repeat resolving an
  // outer orig such as `if begin repeat`). Meaningful only when ok().
  bool nested() const { return nested_; }

  // The token a control token is linked to, or kNone; only control tokens
  // before fail_at() have an entry. An orig's maker (if, else, while) -> the
  // token that resolves it (else, then, repeat); its code continues after the
  // end of that token's code. begin -> the until/again/repeat resolving its
  // dest; do/?do -> loop/+loop; leave -> the loop/+loop of its do. Backward:
  // then -> the if heading the if/else chain it closes (or the while whose
  // orig it resolves), until/again/repeat -> begin, loop/+loop -> do,
  // i/unloop -> the innermost do, j -> the next one out.
  uint32_t partner(uint32_t token) const { return partner_[token]; }

 private:
  friend bool MatchControl(std::span<const Token> body, ControlFlow& out);

  enum class Kind : uint8_t { kOrig, kDest, kDo };
  struct Entry {
    Kind kind;
    uint8_t whiles;        // kDest: the whiles that rolled an orig under it
    bool from_if;          // kOrig: made by an if (not an else or a while)
    uint32_t token;        // the word that pushed this entry
    uint32_t head;         // kOrig: the if heading its chain, or the while; else token
    uint32_t begin;        // kOrig from while: its begin; else kNone
    uint32_t first_leave;  // kDo: where its leaves start in leaves_
  };
  bool Fail(std::span<const Token> body, uint32_t at, Code code, uint32_t token,
            std::string message);

  std::vector<uint32_t> partner_;
  std::vector<Entry> stack_;      // scratch: the control-flow stack at the scan's position
  std::vector<uint32_t> leaves_;  // scratch: leaves awaiting their loop's end
  uint32_t fail_at_ = kNone;
  bool nested_ = true;
  Diagnostic error_;
};

// Fills `out` for `body`; returns out.ok().
bool MatchControl(std::span<const Token> body, ControlFlow& out);

}  // namespace ffb
