#include "engine/validate/constraint_compiler.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace ffb {

namespace {

enum class Tok : uint8_t { kName, kNumber, kCmp, kAnd, kOr, kLParen, kRParen, kEnd, kBad };

struct Token {
  Tok kind;
  size_t pos;  // 0-based byte offset in the text
  std::string_view text;
  ConstraintOpKind cmp = ConstraintOpKind::kEq;
  int64_t number = 0;
};

// std::isspace in the "C" locale (ffbatch never sets another), without the
// out-of-line locale lookup it costs per character.
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsOperatorChar(char c) { return c == '<' || c == '>' || c == '=' || c == '!'; }
bool IsNameChar(char c) {
  return !IsSpace(c) && !IsOperatorChar(c) && c != '(' && c != ')' && c != '&' && c != '|';
}

class Compiler {
 public:
  Compiler(std::string_view text, std::span<const std::string_view> inputs,
           std::vector<ConstraintOp>& out)
      : text_(text), inputs_(inputs), out_(out) {}

  ConstraintError Run() {
    Advance();
    if (tok_.kind == Tok::kEnd) return Fail(0, "constraint is empty");
    if (!Expr()) return err_;
    if (tok_.kind != Tok::kEnd) {
      return Fail(tok_.pos, fmt::format("unexpected \"{}\" after the expression", tok_.text));
    }
    if (max_stack_ > kMaxConstraintStack) {
      return Fail(0, "constraint nests too deeply");
    }
    return err_;
  }

 private:
  ConstraintError Fail(size_t pos, std::string message, Code code = Code::kConstraintSyntax) {
    if (err_.code == Code::kNone) {
      err_.code = code;
      err_.column = static_cast<int32_t>(pos) + 1;
      err_.message = std::move(message);
    }
    return err_;
  }

  void Advance() {
    while (i_ < text_.size() && IsSpace(text_[i_])) ++i_;
    tok_ = Token{Tok::kEnd, i_, {}};
    if (i_ >= text_.size()) return;
    size_t start = i_;
    char c = text_[i_];
    if (c == '(' || c == ')') {
      tok_ = {c == '(' ? Tok::kLParen : Tok::kRParen, start, text_.substr(start, 1)};
      ++i_;
      return;
    }
    if ((c == '&' || c == '|') && i_ + 1 < text_.size() && text_[i_ + 1] == c) {
      tok_ = {c == '&' ? Tok::kAnd : Tok::kOr, start, text_.substr(start, 2)};
      i_ += 2;
      return;
    }
    if (IsOperatorChar(c)) {
      while (i_ < text_.size() && IsOperatorChar(text_[i_])) ++i_;
      std::string_view op = text_.substr(start, i_ - start);
      tok_ = {Tok::kCmp, start, op};
      if (op == "<")
        tok_.cmp = ConstraintOpKind::kLt;
      else if (op == "<=")
        tok_.cmp = ConstraintOpKind::kLe;
      else if (op == ">")
        tok_.cmp = ConstraintOpKind::kGt;
      else if (op == ">=")
        tok_.cmp = ConstraintOpKind::kGe;
      else if (op == "=" || op == "==")
        tok_.cmp = ConstraintOpKind::kEq;
      else if (op == "!=" || op == "<>")
        tok_.cmp = ConstraintOpKind::kNe;
      else
        tok_.kind = Tok::kBad;
      return;
    }
    while (i_ < text_.size() && IsNameChar(text_[i_])) ++i_;
    if (i_ == start) {  // a lone '&' or '|'
      ++i_;
      tok_ = {Tok::kBad, start, text_.substr(start, 1)};
      return;
    }
    std::string_view word = text_.substr(start, i_ - start);
    tok_ = {Tok::kName, start, word};
    if (word == "and" || word == "AND") {
      tok_.kind = Tok::kAnd;
    } else if (word == "or" || word == "OR") {
      tok_.kind = Tok::kOr;
    } else if (std::isdigit(static_cast<unsigned char>(word[0])) ||
               (word[0] == '-' && word.size() > 1)) {
      auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), tok_.number);
      tok_.kind = (ec == std::errc() && p == word.data() + word.size()) ? Tok::kNumber : Tok::kBad;
    }
  }

  void Emit(ConstraintOp op, int delta) {
    out_.push_back(op);
    depth_ += delta;
    if (depth_ > max_stack_) max_stack_ = depth_;
  }

  bool Operand(ConstraintOp& op) {
    if (tok_.kind == Tok::kNumber) {
      op = {ConstraintOpKind::kLiteral, 0, tok_.number};
      Advance();
      return true;
    }
    if (tok_.kind == Tok::kName) {
      for (size_t k = 0; k < inputs_.size(); ++k) {
        if (inputs_[k] == tok_.text) {
          op = {ConstraintOpKind::kInput, static_cast<uint16_t>(k), 0};
          Advance();
          return true;
        }
      }
      Fail(tok_.pos, fmt::format("\"{}\" is not an input of this word", tok_.text),
           Code::kConstraintUnknownName);
      return false;
    }
    if (tok_.kind == Tok::kBad) {
      Fail(tok_.pos, fmt::format("\"{}\" is not a number, name or operator", tok_.text));
    } else if (tok_.kind == Tok::kEnd) {
      Fail(tok_.pos, "expression ends where an operand is expected");
    } else {
      Fail(tok_.pos, fmt::format("expected an input name or integer, found \"{}\"", tok_.text));
    }
    return false;
  }

  bool Term() {
    if (tok_.kind == Tok::kLParen) {
      Advance();
      if (!Expr()) return false;
      if (tok_.kind != Tok::kRParen) {
        Fail(tok_.pos, "missing \")\"");
        return false;
      }
      Advance();
      return true;
    }
    ConstraintOp left;
    size_t start = tok_.pos;
    if (!Operand(left)) return false;
    if (tok_.kind != Tok::kCmp) {
      Fail(tok_.kind == Tok::kEnd ? start : tok_.pos,
           "expected a comparison (<, <=, >, >=, =, !=)");
      return false;
    }
    bool first = true;
    while (tok_.kind == Tok::kCmp) {
      ConstraintOpKind cmp = tok_.cmp;
      Advance();
      ConstraintOp right;
      if (!Operand(right)) return false;
      Emit(left, +1);
      Emit(right, +1);
      Emit({cmp, 0, 0}, -1);
      if (!first) Emit({ConstraintOpKind::kAnd, 0, 0}, -1);
      first = false;
      left = right;
    }
    if (tok_.kind == Tok::kBad) {
      Fail(tok_.pos, fmt::format("\"{}\" is not a comparison operator", tok_.text));
      return false;
    }
    return true;
  }

  bool Conj() {
    if (!Term()) return false;
    while (tok_.kind == Tok::kAnd) {
      Advance();
      if (!Term()) return false;
      Emit({ConstraintOpKind::kAnd, 0, 0}, -1);
    }
    return true;
  }

  bool Expr() {
    if (!Conj()) return false;
    while (tok_.kind == Tok::kOr) {
      Advance();
      if (!Conj()) return false;
      Emit({ConstraintOpKind::kOr, 0, 0}, -1);
    }
    return true;
  }

  std::string_view text_;
  std::span<const std::string_view> inputs_;
  std::vector<ConstraintOp>& out_;
  size_t i_ = 0;
  Token tok_{Tok::kEnd, 0, {}};
  ConstraintError err_;
  int depth_ = 0, max_stack_ = 0;
};

}  // namespace

ConstraintError CompileConstraint(std::string_view text, std::span<const std::string_view> inputs,
                                  std::vector<ConstraintOp>& out) {
  size_t before = out.size();
  ConstraintError err = Compiler(text, inputs, out).Run();
  if (err.code != Code::kNone) out.resize(before);
  return err;
}

}  // namespace ffb
