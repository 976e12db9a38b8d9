#include "engine/forth/control_flow.h"

#include <fmt/format.h>

#include <algorithm>
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

bool MatchControl(std::span<const Token> body, ControlFlow& out) {
  using Kind = ControlFlow::Kind;
  using Entry = ControlFlow::Entry;
  constexpr uint32_t kNone = ControlFlow::kNone;
  const auto n = static_cast<uint32_t>(body.size());
  auto& cs = out.stack_;
  auto& partner = out.partner_;
  cs.clear();
  out.leaves_.clear();
  if (partner.size() < n) partner.resize(n);  // entries are written as control tokens are met
  out.fail_at_ = kNone;
  out.nested_ = true;
  auto top_is = [&](Kind k) { return !cs.empty() && cs.back().kind == k; };
  // The n-th innermost do-sys (1 = innermost), or null.
  auto nth_do = [&](int nth) -> const Entry* {
    for (auto it = cs.rbegin(); it != cs.rend(); ++it)
      if (it->kind == Kind::kDo && --nth == 0) return &*it;
    return nullptr;
  };
  auto orig = [&](uint32_t token, uint32_t head, bool from_if, uint32_t begin) {
    return Entry{Kind::kOrig, 0, from_if, token, head, begin, 0};
  };
  // THEN: resolves the orig `o` at token i.
  auto resolve = [&](const Entry& o, uint32_t i) { partner[o.token] = i; };

  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = body[i];
    if (!((t.kind == TokenKind::kBuiltin) & kControlMask[static_cast<uint8_t>(t.value)])) continue;
    partner[i] = kNone;  // until linked
    const BuiltinInfo& b = Info(t.builtin());
    switch (b.role) {
      case Role::kIf:
        cs.push_back(orig(i, i, true, kNone));
        break;
      case Role::kElse: {  // AHEAD 1 CS-ROLL THEN
        if (!top_is(Kind::kOrig))
          return out.Fail(body, i, Code::kUnmatchedElse, i, "`else` without a matching `if`");
        Entry o = cs.back();
        if (!o.from_if) out.nested_ = false;
        resolve(o, i);
        cs.back() = orig(i, o.head, false, kNone);
        break;
      }
      case Role::kThen: {
        if (!top_is(Kind::kOrig))
          return out.Fail(body, i, Code::kUnmatchedThen, i, "`then` without a matching `if`");
        const Entry o = cs.back();
        if (o.begin != kNone) out.nested_ = false;
        resolve(o, i);
        partner[i] = o.head;
        cs.pop_back();
        break;
      }
      case Role::kBegin:
        cs.push_back({Kind::kDest, 0, false, i, i, kNone, 0});
        break;
      case Role::kWhile: {  // IF 1 CS-ROLL: the orig goes under the dest
        if (!top_is(Kind::kDest))
          return out.Fail(body, i, Code::kUnmatchedUntil, i, "`while` without a matching `begin`");
        Entry d = cs.back();
        if (d.whiles > 0) out.nested_ = false;
        d.whiles = static_cast<uint8_t>(std::min(d.whiles + 1, 255));
        cs.back() = orig(i, i, false, d.token);
        cs.push_back(d);
        break;
      }
      case Role::kUntil:
      case Role::kAgain: {
        if (!top_is(Kind::kDest))
          return out.Fail(body, i, Code::kUnmatchedUntil, i,
                          fmt::format("`{}` without a matching `begin`", b.name));
        const Entry& d = cs.back();
        if (d.whiles > 0) out.nested_ = false;
        partner[d.token] = i;
        partner[i] = d.token;
        cs.pop_back();
        break;
      }
      case Role::kRepeat: {  // AGAIN THEN
        if (!top_is(Kind::kDest) || cs.size() < 2 || cs[cs.size() - 2].kind != Kind::kOrig)
          return out.Fail(body, i, Code::kUnmatchedUntil, i,
                          "`repeat` without a matching `begin … while`");
        const Entry d = cs.back();
        cs.pop_back();
        const Entry& o = cs.back();
        if (d.whiles != 1 || o.begin != d.token) out.nested_ = false;
        partner[d.token] = i;
        partner[i] = d.token;
        resolve(o, i);
        cs.pop_back();
        break;
      }
      case Role::kDo:
        cs.push_back({Kind::kDo, 0, false, i, i, kNone, static_cast<uint32_t>(out.leaves_.size())});
        break;
      case Role::kLoop:
      case Role::kPlusLoop: {
        if (!top_is(Kind::kDo))
          return out.Fail(body, i, Code::kUnmatchedLoop, i,
                          fmt::format("`{}` without a matching `do`", b.name));
        const Entry& d = cs.back();
        partner[d.token] = i;
        partner[i] = d.token;
        for (size_t k = d.first_leave; k < out.leaves_.size(); ++k) partner[out.leaves_[k]] = i;
        out.leaves_.resize(d.first_leave);
        cs.pop_back();
        break;
      }
      case Role::kI:
      case Role::kJ:
      case Role::kLeave:
      case Role::kUnloop: {
        const bool j = b.role == Role::kJ;
        const Entry* d = nth_do(j ? 2 : 1);
        if (d == nullptr)
          return out.Fail(
              body, i, Code::kLoopWordOutside, i,
              fmt::format("`{}` outside {}", b.name, j ? "two nested DO loops" : "a DO loop"));
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
  if (cs.empty()) return true;
  // The innermost open entry is the one reported, at the structure's first word.
  const Entry& c = cs.back();
  switch (c.kind) {
    case Kind::kOrig:
      if (c.begin != kNone)
        return out.Fail(body, n, Code::kUnmatchedBegin, c.token,
                        "`while` without a matching `repeat` or `then`");
      return out.Fail(body, n, Code::kUnmatchedIf, c.head, "`if` without a matching `then`");
    case Kind::kDest:
      return out.Fail(body, n, Code::kUnmatchedBegin, c.token,
                      c.whiles > 0 ? "`begin … while` without `repeat`"
                                   : "`begin` without `until`, `repeat` or `again`");
    case Kind::kDo:
      break;
  }
  return out.Fail(body, n, Code::kUnmatchedDo, c.token,
                  "`do` without a matching `loop` or `+loop`");
}

}  // namespace ffb
