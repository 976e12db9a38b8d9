// The bytecode compiler on small bodies: the exact instructions and branch
// targets it emits for literals, builtins, fused pick/roll, each control
// structure, loops with leave, calls and recursion, that bodies share one
// CSR column with body-relative targets, where its diagnostics point, and
// the results of the compiled code on the interpreter.
#include "engine/interp/bytecode.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "engine/forth/lexer.h"
#include "tests/support/interp_fixture.h"

namespace {

using ffb::Code;
using ffb::Instr;
using ffb::Op;
using ffb::testing::InterpFixture;
using Listing = std::vector<std::string>;
using Stack = std::vector<int64_t>;

bool HasOperand(Op op) {
  switch (op) {
    case Op::kLit:
    case Op::kPick:
    case Op::kRoll:
    case Op::kBranch:
    case Op::kBranch0:
    case Op::kDo:
    case Op::kQDo:
    case Op::kLoop:
    case Op::kPlusLoop:
    case Op::kLeave:
    case Op::kCall:
      return true;
    default:
      return false;
  }
}

// "lit 3", "branch0 4", "dup": one entry per instruction, targets as indices.
Listing ListingOf(std::span<const Instr> code) {
  Listing out;
  for (const Instr& in : code) {
    std::string line(ffb::OpName(in.op));
    if (HasOperand(in.op)) {
      line += ' ';
      line += std::to_string(in.arg);
    }
    out.push_back(line);
  }
  return out;
}

// Compiles `body` in a fixture where "sq" is word 0 and "cube" word 1.
struct Compiled {
  Code code = Code::kNone;
  Listing listing;
};

Compiled Compile(InterpFixture& f, std::string_view body, ffb::WordId self = ffb::kNoWordId) {
  std::span<const Instr> code;
  Compiled c;
  c.code = f.Compile(body, self, &code);
  if (c.code == Code::kNone) c.listing = ListingOf(code);
  return c;
}

Listing L(InterpFixture& f, std::string_view body) {
  Compiled c = Compile(f, body);
  INFO("body: " << body);
  REQUIRE(c.code == Code::kNone);
  return c.listing;
}

Stack Ok(InterpFixture& f, std::string_view body, Stack in = {}) {
  auto r = f.Run(body, in);
  INFO("body: " << body);
  REQUIRE(r.code == Code::kNone);
  return r.stack;
}

}  // namespace

TEST_CASE("bytecode: literals, builtins and the closing exit", "[bytecode]") {
  InterpFixture f;
  CHECK(L(f, "") == Listing{"exit"});
  CHECK(L(f, "1 -2 $ff %101 'a'") ==
        Listing{"lit 1", "lit -2", "lit 255", "lit 5", "lit 97", "exit"});
  CHECK(L(f, "-9223372036854775808") == Listing{"lit -9223372036854775808", "exit"});
  CHECK(L(f, "+ dup swap */mod 2over within true") ==
        Listing{"+", "dup", "swap", "*/mod", "2over", "within", "true", "exit"});
  CHECK(L(f, ">r r@ r>") == Listing{">r", "r@", "r>", "exit"});
  // Comments compile to nothing; words are case-insensitive.
  CHECK(L(f, "DUP ( x -- x x ) \\ rest") == Listing{"dup", "exit"});
  // `exit` in the middle returns early.
  CHECK(L(f, "1 exit 2") == Listing{"lit 1", "exit", "lit 2", "exit"});
  CHECK(Ok(f, "1 exit 2") == Stack{1});
  CHECK(Ok(f, "1 -2 $ff %101 'a'") == Stack{1, -2, 255, 5, 97});
}

TEST_CASE("bytecode: a literal index fuses into pick and roll", "[bytecode]") {
  InterpFixture f;
  CHECK(L(f, "2 pick") == Listing{"pick 2", "exit"});
  CHECK(L(f, "0 pick 3 roll") == Listing{"pick 0", "roll 3", "exit"});
  CHECK(L(f, "1048576 pick") == Listing{"pick 1048576", "exit"});
  CHECK(Ok(f, "2 pick", {10, 20, 30}) == Stack{10, 20, 30, 10});
  CHECK(Ok(f, "2 roll", {10, 20, 30}) == Stack{20, 30, 10});
}

TEST_CASE("bytecode: if, else, then", "[bytecode]") {
  InterpFixture f;
  CHECK(L(f, "if 1 then") == Listing{"branch0 2", "lit 1", "exit"});
  CHECK(L(f, "if 1 else 2 then") == Listing{"branch0 3", "lit 1", "branch 4", "lit 2", "exit"});
  CHECK(L(f, "if if 1 else 2 then else 3 then") == Listing{"branch0 6", "branch0 4", "lit 1",
                                                           "branch 5", "lit 2", "branch 7", "lit 3",
                                                           "exit"});
  CHECK(Ok(f, "if 1 else 2 then", {-1}) == Stack{1});
  CHECK(Ok(f, "if 1 else 2 then", {0}) == Stack{2});
  CHECK(Ok(f, "if 1 else 2 then", {7}) == Stack{1});  // any non-zero flag is true
  // The outer if takes the top of the stack (the last input).
  CHECK(Ok(f, "if if 1 else 2 then else 3 then", {0, -1}) == Stack{2});
  CHECK(Ok(f, "if if 1 else 2 then else 3 then", {-1, 0}) == Stack{-1, 3});
}

TEST_CASE("bytecode: begin until, again, while repeat", "[bytecode]") {
  InterpFixture f;
  CHECK(L(f, "begin 1- dup 0= until") == Listing{"1-", "dup", "0=", "branch0 0", "exit"});
  CHECK(L(f, "begin exit again") == Listing{"exit", "branch 0", "exit"});
  CHECK(L(f, "begin dup while 1- repeat") == Listing{"dup", "branch0 4", "1-", "branch 0", "exit"});
  // ANS: `then` resolves a `while`'s origin after `again`.
  CHECK(L(f, "begin dup while 1- again then") ==
        Listing{"dup", "branch0 4", "1-", "branch 0", "exit"});
  // Two whiles: repeat resolves the inner one, then the outer one.
  CHECK(L(f, "begin 1 while 2 while repeat then") ==
        Listing{"lit 1", "branch0 5", "lit 2", "branch0 5", "branch 0", "exit"});
  // A loop after other code branches back to its own start, not to 0.
  CHECK(L(f, "0 swap begin swap 1+ swap 1- dup 0= until drop") ==
        Listing{"lit 0", "swap", "swap", "1+", "swap", "1-", "dup", "0=", "branch0 2", "drop",
                "exit"});
  CHECK(Ok(f, "begin 1- dup 0= until", {5}) == Stack{0});
  CHECK(Ok(f, "0 swap begin swap 1+ swap 1- dup 0= until drop", {4}) == Stack{4});
  CHECK(Ok(f, "begin dup while 1- repeat", {3}) == Stack{0});
  CHECK(Ok(f, "begin dup while 1- repeat", {0}) == Stack{0});
}

TEST_CASE("bytecode: do loops, +loop, ?do, leave, i and j", "[bytecode]") {
  InterpFixture f;
  // do's operand is patched to after the loop like ?do's; only ?do uses it.
  CHECK(L(f, "10 0 do i loop") == Listing{"lit 10", "lit 0", "do 5", "i", "loop 3", "exit"});
  CHECK(L(f, "?do i 2 +loop") == Listing{"?do 4", "i", "lit 2", "+loop 1", "exit"});
  CHECK(L(f, "do i 5 = if leave then loop") ==
        Listing{"do 7", "i", "lit 5", "=", "branch0 6", "leave 7", "loop 1", "exit"});
  CHECK(L(f, "do do j loop loop") == Listing{"do 5", "do 4", "j", "loop 2", "loop 1", "exit"});
  // A leave in the inner loop jumps past the inner loop only.
  CHECK(L(f, "do do leave loop i loop") ==
        Listing{"do 6", "do 4", "leave 4", "loop 2", "i", "loop 1", "exit"});
  CHECK(L(f, "do unloop exit loop") == Listing{"do 4", "unloop", "exit", "loop 1", "exit"});

  CHECK(Ok(f, "10 0 do i loop", {}) == Stack{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(Ok(f, "?do i 2 +loop", {7, 1}) == Stack{1, 3, 5});
  CHECK(Ok(f, "?do i 2 +loop", {3, 3}).empty());  // ?do skips an empty range
  CHECK(Ok(f, "do i 5 = if leave then loop 99", {10, 0}) == Stack{99});
  CHECK(Ok(f, "3 1 do 2 0 do j i loop loop") == Stack{1, 0, 1, 1, 2, 0, 2, 1});
  CHECK(Ok(f, "3 0 do 5 0 do leave loop i loop") == Stack{0, 1, 2});
}

TEST_CASE("bytecode: calls bind word ids, and the word's own name compiles to recurse",
          "[bytecode]") {
  InterpFixture f;
  REQUIRE(f.Define("sq", "dup *") == Code::kNone);       // word 0
  REQUIRE(f.Define("cube", "dup sq *") == Code::kNone);  // word 1
  CHECK(ListingOf(f.table().Find(1)) == Listing{"dup", "call 0", "*", "exit"});
  CHECK(L(f, "sq CUBE sq") == Listing{"call 0", "call 1", "call 0", "exit"});
  CHECK(Ok(f, "sq cube", {2}) == Stack{64});

  // Compiling as word 1 ("cube"), a call to cube is a recursion.
  Compiled self = Compile(f, "dup if 1- cube then", 1);
  REQUIRE(self.code == Code::kNone);
  CHECK(self.listing == Listing{"dup", "branch0 4", "1-", "recurse", "exit"});
  CHECK(L(f, "recurse") == Listing{"recurse", "exit"});

  REQUIRE(f.Define("down", "dup 0> if 1- down then") == Code::kNone);
  CHECK(f.Call("down", {5}).stack == Stack{0});
}

TEST_CASE("bytecode: bodies share one column, with targets relative to each body", "[bytecode]") {
  ffb::TokenColumns tokens;
  std::vector<ffb::Diagnostic> diags;
  ffb::BytecodeColumns code;
  ffb::WordIdResolver none = [](std::string_view) { return std::nullopt; };
  for (std::string_view body : {"if 1 then", "then", "7 if 1 then"}) {
    REQUIRE(ffb::LexBody(body, tokens, diags));
    size_t b = tokens.body_count() - 1;
    ffb::CompileBody(tokens.Body(b), tokens, none, code, diags);
  }
  REQUIRE(code.body_count() == 3);
  CHECK(ListingOf(code.Body(0)) == Listing{"branch0 2", "lit 1", "exit"});
  // A body that fails is closed empty, so body indices still match rows.
  CHECK(code.Body(1).empty());
  CHECK(ListingOf(code.Body(2)) == Listing{"lit 7", "branch0 3", "lit 1", "exit"});
  CHECK(code.instrs().size() == 7);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::kUnmatchedThen);
}

namespace {

struct Failure {
  Code code = Code::kNone;
  uint32_t token = 0, column = 0;
  std::string message;
};

Failure Fails(std::string_view body) {
  InterpFixture f;
  REQUIRE(f.Define("sq", "dup *") == Code::kNone);
  std::span<const Instr> code;
  Failure out;
  out.code = f.Compile(body, ffb::kNoWordId, &code);
  INFO("body: " << body);
  REQUIRE(out.code != Code::kNone);
  REQUIRE(f.diagnostics().size() == 1);
  out.token = f.diagnostics()[0].token;
  out.column = f.diagnostics()[0].column;
  out.message = f.diagnostics()[0].message;
  return out;
}

}  // namespace

TEST_CASE("bytecode: diagnostics name the offending token", "[bytecode]") {
  Failure e = Fails("1 foo sq");
  CHECK(e.code == Code::kUndefinedWord);
  CHECK(e.token == 1);
  CHECK(e.column == 3);
  CHECK(e.message == "undefined word `foo`");

  e = Fails("dup pick");
  CHECK(e.code == Code::kNoStaticEffect);
  CHECK(e.token == 1);
  CHECK(e.message == "`pick` needs a literal index right before it");
  e = Fails("-1 roll");
  CHECK(e.code == Code::kNoStaticEffect);
  CHECK(e.message == "`-1 roll`: index out of range");
  CHECK(Fails("1048577 pick").code == Code::kNoStaticEffect);
  e = Fails("1 ?dup");
  CHECK(e.code == Code::kNoStaticEffect);
  CHECK(e.token == 1);
  CHECK(e.message.rfind("`?dup` has no static stack effect: ", 0) == 0);
  CHECK(Fails("depth").code == Code::kNoStaticEffect);
  CHECK(Fails("execute").code == Code::kNoStaticEffect);

  // An unclosed structure is reported at its opening token.
  e = Fails("1 if 2 if 3 then");
  CHECK(e.code == Code::kUnmatchedIf);
  CHECK(e.token == 1);
  CHECK(e.column == 3);
  e = Fails("dup begin 1-");
  CHECK(e.code == Code::kUnmatchedBegin);
  CHECK(e.token == 1);
  e = Fails("0 0 do");
  CHECK(e.code == Code::kUnmatchedDo);
  CHECK(e.token == 2);

  e = Fails("1 2 then");
  CHECK(e.code == Code::kUnmatchedThen);
  CHECK(e.token == 2);
  CHECK(e.column == 5);
  CHECK(Fails("begin else").code == Code::kUnmatchedElse);
  CHECK(Fails("if 1 then 2 else 3 then").code == Code::kUnmatchedElse);
  e = Fails("0 0 do loop loop");
  CHECK(e.code == Code::kUnmatchedLoop);
  CHECK(e.token == 4);
  CHECK(e.message == "`loop` without a matching `do`");
  e = Fails("if 0 until");
  CHECK(e.code == Code::kUnmatchedUntil);
  CHECK(e.message == "`until` without a matching `begin`");
  CHECK(Fails("begin repeat").code == Code::kUnmatchedUntil);
  // The outer while's origin is left open without its then.
  CHECK(Fails("begin 1 while 2 while repeat").code == Code::kUnmatchedBegin);

  e = Fails("i");
  CHECK(e.code == Code::kLoopWordOutside);
  CHECK(e.message == "`i` outside a DO loop");
  e = Fails("do j loop");
  CHECK(e.code == Code::kLoopWordOutside);
  CHECK(e.message == "`j` outside two nested DO loops");
  CHECK(Fails("leave").code == Code::kLoopWordOutside);
  CHECK(Fails("begin unloop again").code == Code::kLoopWordOutside);
}
