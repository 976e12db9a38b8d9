#include "engine/forth/control_flow.h"

#include <fmt/format.h>

#include <array>

namespace ffb {
namespace {

// 1 for the builtins the scan links, indexed by a token's low value byte, so
// the scan skips every other token with one load and one well-predicted branch.
// Built at start-up from kBuiltinTable, which is constant-initialised.
std::array<uint8_t, 256> BuildControlMask() {
  static_assert(kBuiltinCount <= 256);
  std::array<uint8_t, 256> mask{};
  for (const BuiltinInfo& b : AllBuiltins()) mask[static_cast<size_t>(b.id)] = IsControl(b.role);
  return mask;
}
const std::array<uint8_t, 256> kControlMask = BuildControlMask();

}  // namespace

bool ControlFlow::Fail(std::span<const Token> body, uint32_t at, Code code, uint32_t token,
                       std::string message) {
  fail_at_ = at;
  error_ = {code, token, token < body.size() ? body[token].column : 0, std::move(message)};
  return false;
}

bool MatchControl(std::span<const Token> body, ControlRules rules, ControlFlow& out) {
  using Kind = ControlFlow::Kind;
  constexpr uint32_t kNone = ControlFlow::kNone;
  const auto n = static_cast<uint32_t>(body.size());
  auto& open = out.open_;
  auto& partner = out.partner_;
  open.clear();
  out.leaves_.clear();
  if (partner.size() < n) partner.resize(n);  // entries are written as control tokens are met
  out.fail_at_ = kNone;
  // The two rule sets also word their errors as their consumers always have
  // (the checker's texts reach results.jsonl; tests pin the interpreter's).
  const bool ans = rules == ControlRules::kAns;
  auto top_is = [&](Kind k) { return !open.empty() && open.back().kind == k; };
  // The n-th innermost open do (1 = innermost), or null.
  auto nth_do = [&](int nth) -> const ControlFlow::Open* {
    for (auto it = open.rbegin(); it != open.rend(); ++it)
      if (it->kind == Kind::kDo && --nth == 0) return &*it;
    return nullptr;
  };

  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = body[i];
    if (!((t.kind == TokenKind::kBuiltin) & kControlMask[static_cast<uint8_t>(t.value)])) continue;
    partner[i] = kNone;  // until linked
    const BuiltinInfo& b = Info(t.builtin());
    switch (b.role) {
      case Role::kIf:
        open.push_back({Kind::kIf, false, i, i, 0});
        break;
      case Role::kElse: {
        if (!top_is(Kind::kIf))
          return out.Fail(body, i, Code::kUnmatchedElse, i,
                          ans ? "`else` without an open `if`" : "`else` without a matching `if`");
        ControlFlow::Open& c = open.back();
        partner[c.token] = i;
        c.kind = Kind::kElse;
        c.token = i;
        break;
      }
      case Role::kThen: {
        if (!top_is(Kind::kIf) && !top_is(Kind::kElse) && !(ans && top_is(Kind::kWhile)))
          return out.Fail(body, i, Code::kUnmatchedThen, i,
                          ans ? "`then` without an open `if`" : "`then` without a matching `if`");
        const ControlFlow::Open& c = open.back();
        partner[c.token] = i;
        partner[i] = c.kind == Kind::kWhile ? c.token : c.head;
        open.pop_back();
        break;
      }
      case Role::kBegin:
        open.push_back({Kind::kBegin, false, i, i, 0});
        break;
      case Role::kWhile:
      case Role::kUntil:
      case Role::kAgain: {
        // kChecked: a begin with a while is closed by repeat only. kAns: each
        // while's origin goes under the begin's destination, so the begin
        // stays on top for further whiles and for its until/again/repeat.
        const bool strict_while = !ans && top_is(Kind::kBegin) && open.back().has_while;
        if (!top_is(Kind::kBegin) || strict_while) {
          return out.Fail(
              body, i, Code::kUnmatchedUntil, i,
              strict_while
                  ? fmt::format("`{}` after `while`: use `repeat` to close begin … while", b.name)
              : ans ? fmt::format("`{}` without an open `begin`", b.name)
                    : fmt::format("`{}` without a matching `begin`", b.name));
        }
        ControlFlow::Open begin = open.back();
        if (b.role == Role::kWhile) {
          open.back() = {Kind::kWhile, false, i, begin.token, 0};
          begin.has_while = true;
          open.push_back(begin);
          break;
        }
        partner[begin.token] = i;
        partner[i] = begin.token;
        open.pop_back();
        break;
      }
      case Role::kRepeat: {
        if (!top_is(Kind::kBegin) || open.size() < 2 || open[open.size() - 2].kind != Kind::kWhile)
          return out.Fail(body, i, Code::kUnmatchedUntil, i,
                          ans ? "`repeat` without `begin … while`"
                              : "`repeat` without a matching `begin … while`");
        partner[open.back().token] = i;
        partner[i] = open.back().token;
        open.pop_back();
        partner[open.back().token] = i;
        open.pop_back();
        break;
      }
      case Role::kDo:
        open.push_back({Kind::kDo, false, i, i, static_cast<uint32_t>(out.leaves_.size())});
        break;
      case Role::kLoop:
      case Role::kPlusLoop: {
        if (!top_is(Kind::kDo))
          return out.Fail(body, i, Code::kUnmatchedLoop, i,
                          ans ? fmt::format("`{}` without an open `do`", b.name)
                              : fmt::format("`{}` without a matching `do`", b.name));
        const ControlFlow::Open& d = open.back();
        partner[d.token] = i;
        partner[i] = d.token;
        for (size_t k = d.first_leave; k < out.leaves_.size(); ++k) partner[out.leaves_[k]] = i;
        out.leaves_.resize(d.first_leave);
        open.pop_back();
        break;
      }
      case Role::kI:
      case Role::kJ:
      case Role::kLeave:
      case Role::kUnloop: {
        const bool j = b.role == Role::kJ;
        const ControlFlow::Open* d = nth_do(j ? 2 : 1);
        if (d == nullptr)
          return out.Fail(body, i, Code::kLoopWordOutside, i,
                          fmt::format("`{}` outside {}", b.name,
                                      ans ? (j ? "two nested `do` loops" : "a `do` loop")
                                          : (j ? "two nested DO loops" : "a DO loop")));
        if (b.role == Role::kLeave)
          out.leaves_.push_back(i);  // linked when its loop closes
        else
          partner[i] = d->token;
        break;
      }
      default:
        break;
    }
  }
  if (open.empty()) return true;
  // The innermost open structure is the one reported (kAns: at the token that
  // pushed it, so an if…else at its else).
  const ControlFlow::Open& c = open.back();
  switch (c.kind) {
    case Kind::kIf:
    case Kind::kElse:
      if (ans) return out.Fail(body, n, Code::kUnmatchedIf, c.token, "`if` has no matching `then`");
      return out.Fail(body, n, Code::kUnmatchedIf, c.head, "`if` without a matching `then`");
    case Kind::kBegin:
    case Kind::kWhile:  // kAns only: its begin closed, the while still waits for then
      if (ans)
        return out.Fail(body, n, Code::kUnmatchedBegin, c.token,
                        "`begin` is not closed by `until`, `again` or `repeat`");
      return out.Fail(body, n, Code::kUnmatchedBegin, c.token,
                      c.has_while ? "`begin … while` without `repeat`"
                                  : "`begin` without `until`, `repeat` or `again`");
    case Kind::kDo:
      break;
  }
  return out.Fail(
      body, n, Code::kUnmatchedDo, c.token,
      ans ? "`do` has no matching `loop` or `+loop`" : "`do` without a matching `loop` or `+loop`");
}

}  // namespace ffb
