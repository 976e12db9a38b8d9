#include "engine/interp/bytecode.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/forth/control_flow.h"

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

// Per-thread scratch, so compiling a body allocates nothing once warm.
struct Scratch {
  ControlFlow flow;
  std::vector<uint32_t> end_pc;   // per token: the body's size after its code
  std::vector<uint32_t> forward;  // branches whose arg is still a partner token
};

// Largest literal index accepted before pick/roll; deeper than any stack the
// interpreter is configured with, and keeps the operand small.
constexpr int64_t kMaxPickIndex = 1 << 20;

class Compiler {
 public:
  Compiler(std::span<const Token> body, const TokenColumns& names, const WordIdResolver& resolve,
           BytecodeColumns& out, std::vector<Diagnostic>& diags, WordId self, Scratch& scratch)
      : body_(body),
        names_(names),
        resolve_(resolve),
        out_(out),
        diags_(diags),
        self_(self),
        flow_(scratch.flow),
        end_pc_(scratch.end_pc),
        forward_(scratch.forward) {}

  // Every branch targets the end of its partner token's code: then, begin and
  // the loop body start (after do) emit nothing or are the branch itself.
  bool Run() {
    MatchControl(body_, flow_);
    end_pc_.resize(body_.size());
    forward_.clear();
    const size_t stop = std::min<size_t>(body_.size(), flow_.fail_at());
    for (token_ = 0; token_ < stop; ++token_) {
      if (!Step(body_[token_])) return false;
      end_pc_[token_] = Here();
    }
    if (!flow_.ok()) return Fail(flow_.error());
    for (uint32_t at : forward_) {
      Instr& in = out_.open_at(at);
      in.arg = end_pc_[static_cast<size_t>(in.arg)];
    }
    Emit(Op::kExit, 0);
    out_.EndBody();
    return true;
  }

 private:
  uint32_t Here() const { return static_cast<uint32_t>(out_.open_size()); }
  void Emit(Op op, int64_t arg) { out_.Push({op, arg}); }
  uint32_t Partner() const { return flow_.partner(static_cast<uint32_t>(token_)); }
  // A branch to code not emitted yet: its arg holds the partner token until
  // Run resolves it.
  void EmitForward(Op op) {
    forward_.push_back(Here());
    Emit(op, Partner());
  }
  void EmitBack(Op op) { Emit(op, end_pc_[Partner()]); }

  bool Fail(Code code, std::string message) {
    uint32_t column = token_ < body_.size() ? body_[token_].column : 0;
    return Fail({code, static_cast<uint32_t>(token_), column, std::move(message)});
  }
  bool Fail(Diagnostic d) {
    out_.DiscardOpenBody();
    out_.EndBody();
    diags_.push_back(std::move(d));
    return false;
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
      // Control words: MatchControl linked each to its partner.
      case Builtin::kIf:
        EmitForward(Op::kBranch0);  // to after the else's branch, or the then
        return true;
      case Builtin::kElse:
        EmitForward(Op::kBranch);
        return true;
      case Builtin::kThen:
      case Builtin::kBegin:
        return true;
      case Builtin::kUntil:
        EmitBack(Op::kBranch0);
        return true;
      case Builtin::kAgain:
      case Builtin::kRepeat:
        EmitBack(Op::kBranch);
        return true;
      case Builtin::kWhile:
        EmitForward(Op::kBranch0);  // to after the repeat, or the then
        return true;
      case Builtin::kDo:
      case Builtin::kQDo:
        EmitForward(b == Builtin::kDo ? Op::kDo : Op::kQDo);  // ?do skips to after the loop
        return true;
      case Builtin::kLoop:
      case Builtin::kPlusLoop:
        EmitBack(b == Builtin::kLoop ? Op::kLoop : Op::kPlusLoop);  // to the body's start
        return true;
      case Builtin::kLeave:
        EmitForward(Op::kLeave);
        return true;
      case Builtin::kUnloop:
        Emit(Op::kUnloop, 0);
        return true;
      case Builtin::kI:
        Emit(Op::kI, 0);
        return true;
      case Builtin::kJ:
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
  ControlFlow& flow_;
  std::vector<uint32_t>& end_pc_;
  std::vector<uint32_t>& forward_;
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
                 const WordIdResolver& resolve, BytecodeColumns& out,
                 std::vector<Diagnostic>& diags, WordId self) {
  thread_local Scratch scratch;
  return Compiler(body, names, resolve, out, diags, self, scratch).Run();
}

}  // namespace ffb
