#include "engine/interp/bytecode.h"

#include <fmt/format.h>

#include <array>

namespace ffb {
namespace {

// Data builtins map one to one, in order, onto the first ops.
#define FFB_DATA_WORD(Id, ...) \
  static_assert(static_cast<int>(Op::k##Id) == static_cast<int>(Builtin::k##Id));
#include "engine/forth/builtins.def"

// clang-format off
constexpr std::array<std::string_view, kOpCount> kOpNames = {
#define FFB_DATA_WORD(Id, name, ...) name,
#include "engine/forth/builtins.def"
    ">r", "r>", "r@", "i", "j", "unloop", "lit", "pick", "roll", "branch", "branch0", "do", "?do",
    "loop", "+loop", "leave", "call", "recurse", "exit"};
// clang-format on
static_assert(kOpNames[kOpCount - 1] == "exit", "kOpNames must follow enum Op");

// An open control structure; `at` is the instruction to patch (if/else/while/
// ?do) or the branch-back target (begin, do body start).
enum class Open : uint8_t { kIf, kElse, kBegin, kWhile, kDo };

struct OpenEntry {
  Open kind;
  uint32_t at;
  uint32_t token;
  uint32_t first_leave;  // kDo: index into the leave list where its leaves start
};

// Largest literal index accepted before pick/roll; deeper than any stack the
// interpreter is configured with, and keeps the operand small.
constexpr int64_t kMaxPickIndex = 1 << 20;

class Compiler {
 public:
  Compiler(std::span<const Token> body, const TokenColumns& names, const WordIdResolver& resolve,
           BytecodeColumns& out, std::vector<Diagnostic>& diags, WordId self)
      : body_(body), names_(names), resolve_(resolve), out_(out), diags_(diags), self_(self) {}

  bool Run() {
    for (token_ = 0; token_ < body_.size(); ++token_) {
      if (!Step(body_[token_])) return false;
    }
    if (!opens_.empty()) {
      const OpenEntry& e = opens_.back();
      token_ = e.token;
      switch (e.kind) {
        case Open::kIf:
        case Open::kElse:
          return Fail(Code::kUnmatchedIf, "`if` has no matching `then`");
        case Open::kBegin:
        case Open::kWhile:
          return Fail(Code::kUnmatchedBegin,
                      "`begin` is not closed by `until`, `again` or `repeat`");
        case Open::kDo:
          return Fail(Code::kUnmatchedDo, "`do` has no matching `loop` or `+loop`");
      }
    }
    Emit(Op::kExit, 0);
    out_.EndBody();
    return true;
  }

 private:
  uint32_t Here() const { return static_cast<uint32_t>(out_.open_size()); }
  void Emit(Op op, int64_t arg) { out_.Push({op, arg}); }
  void Patch(uint32_t at, uint32_t target) { out_.open_at(at).arg = target; }

  bool Fail(Code code, std::string message) {
    uint32_t column = token_ < body_.size() ? body_[token_].column : 0;
    out_.DiscardOpenBody();
    out_.EndBody();
    diags_.push_back({code, static_cast<uint32_t>(token_), column, std::move(message)});
    return false;
  }

  // Innermost open do, or nullptr; `skip` counts do's to pass over (j).
  const OpenEntry* InnermostDo(int skip = 0) const {
    for (auto it = opens_.rbegin(); it != opens_.rend(); ++it)
      if (it->kind == Open::kDo && skip-- == 0) return &*it;
    return nullptr;
  }

  bool Step(const Token& t) {
    switch (t.kind) {
      case TokenKind::kNumber:
        Emit(Op::kLit, t.value);
        return true;
      case TokenKind::kUserWord:
        return UserWord(t);
      case TokenKind::kBuiltin:
        return BuiltinWord(t.builtin());
    }
    return Fail(Code::kInternal, "unknown token kind");
  }

  bool UserWord(const Token& t) {
    std::string_view name = names_.Name(static_cast<uint32_t>(t.value));
    std::optional<WordId> id = resolve_ ? resolve_(name) : std::nullopt;
    if (!id) return Fail(Code::kUndefinedWord, fmt::format("undefined word `{}`", name));
    if (*id == self_)
      Emit(Op::kRecurse, 0);
    else
      Emit(Op::kCall, *id);
    return true;
  }

  bool LiteralIndex(Builtin b) {
    std::string_view word = Info(b).name;
    bool literal = token_ > 0 && body_[token_ - 1].kind == TokenKind::kNumber;
    if (!literal)
      return Fail(Code::kNoStaticEffect,
                  fmt::format("`{}` needs a literal index right before it", word));
    int64_t n = body_[token_ - 1].value;
    if (n < 0 || n > kMaxPickIndex)
      return Fail(Code::kNoStaticEffect, fmt::format("`{} {}`: index out of range", n, word));
    // The literal was just emitted as kLit; fuse it into this instruction.
    Instr& last = out_.open_at(Here() - 1);
    last.op = b == Builtin::kPick ? Op::kPick : Op::kRoll;
    last.arg = n;
    return true;
  }

  // One case per builtin and no default: -Werror=switch turns a builtin
  // without bytecode into a build error.
  bool BuiltinWord(Builtin b) {
    switch (b) {
      // clang-format off
      // Data builtins map one to one onto the first ops.
#define FFB_DATA_WORD(Id, ...) case Builtin::k##Id:
#include "engine/forth/builtins.def"
        Emit(static_cast<Op>(b), 0);
        return true;
      // clang-format on
      case Builtin::kPick:
      case Builtin::kRoll:
        return LiteralIndex(b);
      case Builtin::kToR:
        Emit(Op::kToR, 0);
        return true;
      case Builtin::kRFrom:
        Emit(Op::kRFrom, 0);
        return true;
      case Builtin::kRFetch:
        Emit(Op::kRFetch, 0);
        return true;
      case Builtin::kIf:
        opens_.push_back({Open::kIf, Here(), static_cast<uint32_t>(token_), 0});
        Emit(Op::kBranch0, 0);
        return true;
      case Builtin::kElse: {
        if (opens_.empty() || opens_.back().kind != Open::kIf)
          return Fail(Code::kUnmatchedElse, "`else` without an open `if`");
        uint32_t jump = Here();
        Emit(Op::kBranch, 0);
        Patch(opens_.back().at, Here());
        opens_.back() = {Open::kElse, jump, static_cast<uint32_t>(token_), 0};
        return true;
      }
      case Builtin::kThen: {
        // ANS: `then` resolves any forward origin, including a `while`'s.
        if (opens_.empty() ||
            (opens_.back().kind != Open::kIf && opens_.back().kind != Open::kElse &&
             opens_.back().kind != Open::kWhile))
          return Fail(Code::kUnmatchedThen, "`then` without an open `if`");
        Patch(opens_.back().at, Here());
        opens_.pop_back();
        return true;
      }
      case Builtin::kBegin:
        opens_.push_back({Open::kBegin, Here(), static_cast<uint32_t>(token_), 0});
        return true;
      case Builtin::kUntil:
      case Builtin::kAgain: {
        if (opens_.empty() || opens_.back().kind != Open::kBegin)
          return Fail(Code::kUnmatchedUntil,
                      fmt::format("`{}` without an open `begin`", Info(b).name));
        Emit(b == Builtin::kUntil ? Op::kBranch0 : Op::kBranch, opens_.back().at);
        opens_.pop_back();
        return true;
      }
      case Builtin::kWhile: {
        if (opens_.empty() || opens_.back().kind != Open::kBegin)
          return Fail(Code::kUnmatchedUntil, "`while` without an open `begin`");
        // The while's origin goes under the begin's destination (ANS).
        OpenEntry dest = opens_.back();
        opens_.back() = {Open::kWhile, Here(), static_cast<uint32_t>(token_), 0};
        opens_.push_back(dest);
        Emit(Op::kBranch0, 0);
        return true;
      }
      case Builtin::kRepeat: {
        if (opens_.size() < 2 || opens_.back().kind != Open::kBegin ||
            opens_[opens_.size() - 2].kind != Open::kWhile)
          return Fail(Code::kUnmatchedUntil, "`repeat` without `begin … while`");
        Emit(Op::kBranch, opens_.back().at);
        opens_.pop_back();
        Patch(opens_.back().at, Here());
        opens_.pop_back();
        return true;
      }
      case Builtin::kDo:
      case Builtin::kQDo: {
        Emit(b == Builtin::kDo ? Op::kDo : Op::kQDo, 0);
        opens_.push_back({Open::kDo, Here(), static_cast<uint32_t>(token_),
                          static_cast<uint32_t>(leaves_.size())});
        return true;
      }
      case Builtin::kLoop:
      case Builtin::kPlusLoop: {
        if (opens_.empty() || opens_.back().kind != Open::kDo)
          return Fail(Code::kUnmatchedLoop, fmt::format("`{}` without an open `do`", Info(b).name));
        const OpenEntry d = opens_.back();
        opens_.pop_back();
        Emit(b == Builtin::kLoop ? Op::kLoop : Op::kPlusLoop, d.at);
        uint32_t after = Here();
        Patch(d.at - 1, after);  // ?do skips here; harmless for do
        for (size_t k = d.first_leave; k < leaves_.size(); ++k) Patch(leaves_[k], after);
        leaves_.resize(d.first_leave);
        return true;
      }
      case Builtin::kLeave: {
        if (!InnermostDo()) return Fail(Code::kLoopWordOutside, "`leave` outside a `do` loop");
        leaves_.push_back(Here());
        Emit(Op::kLeave, 0);
        return true;
      }
      case Builtin::kUnloop:
        if (!InnermostDo()) return Fail(Code::kLoopWordOutside, "`unloop` outside a `do` loop");
        Emit(Op::kUnloop, 0);
        return true;
      case Builtin::kI:
        if (!InnermostDo()) return Fail(Code::kLoopWordOutside, "`i` outside a `do` loop");
        Emit(Op::kI, 0);
        return true;
      case Builtin::kJ:
        if (!InnermostDo(1))
          return Fail(Code::kLoopWordOutside, "`j` outside two nested `do` loops");
        Emit(Op::kJ, 0);
        return true;
      case Builtin::kExit:
        Emit(Op::kExit, 0);
        return true;
      case Builtin::kRecurse:
        Emit(Op::kRecurse, 0);
        return true;
      case Builtin::kQDup:
      case Builtin::kDepth:
      case Builtin::kExecute:
        return Fail(Code::kNoStaticEffect, fmt::format("`{}` has no static stack effect: {}",
                                                       Info(b).name, Info(b).suggestion));
    }
    return Fail(Code::kInternal, fmt::format("builtin `{}` has no bytecode", Info(b).name));
  }

  std::span<const Token> body_;
  const TokenColumns& names_;
  const WordIdResolver& resolve_;
  BytecodeColumns& out_;
  std::vector<Diagnostic>& diags_;
  WordId self_;
  size_t token_ = 0;
  std::vector<OpenEntry> opens_;
  std::vector<uint32_t> leaves_;  // kLeave instructions awaiting their loop's end
};

}  // namespace

std::string_view OpName(Op op) {
  size_t i = static_cast<size_t>(op);
  return i < kOpNames.size() ? kOpNames[i] : "?";
}

void BytecodeColumns::Clear() {
  begin_.assign(1, 0);
  instrs_.clear();
}

bool CompileBody(std::span<const Token> body, const TokenColumns& names,
                 const WordIdResolver& resolve, BytecodeColumns& out, std::vector<Diagnostic>& diags,
                 WordId self) {
  return Compiler(body, names, resolve, out, diags, self).Run();
}

}  // namespace ffb
