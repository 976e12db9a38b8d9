// Every per-word failure of the native code generator that a body can reach,
// driven through NativeCodegen::Compile with an effect given by hand (so it
// can disagree with the body): E5000 with the exact message and token, nothing
// appended to the output, and the same generator then compiles a good word to
// exactly the code a fresh generator produces (no state leaks from the failure).
//
// Not reachable from a body, so not here: "out of registers" and "register
// needed while held" (a step's operands never hold more than a few of the 7
// pool registers, and cells below them can always be spilled), "shuffle
// underflow" and "shuffle left a cell in memory" (Step's underflow check and
// the ToReg before each moved cell come first), and "i/j/leave/unloop outside
// a do loop" and "while/until depths differ" (MatchControl's E30xx, checked
// below, rejects those bodies first).
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/forth/lexer.h"
#include "engine/native/codegen.h"
#include "engine/native/jit_runner.h"

using namespace ffb;

namespace {

struct FailCase {
  const char* body;
  NativeWordInfo word;  // word_id, inputs, outputs, max_depth
  const char* message;
  uint32_t token;
};

// `add2` ( a b -- c ) exists for calls; every other name is unknown.
std::optional<NativeCallee> Resolve(std::string_view name) {
  if (name == "add2") return NativeCallee{900, 2, 1};
  return std::nullopt;
}

// ( n -- n+1 | -n+1 ): its `if` branches on a flag that no comparison set, so
// a fused condition left over from a failed word would change its code.
constexpr const char* kGoodBody = "dup if negate then 1+";

NativeCode CompileGood(NativeCodegen& gen, const TokenColumns& cols, size_t row, uint32_t id) {
  NativeCode code;
  Diagnostic err;
  NativeCalleeResolver resolve = Resolve;
  REQUIRE(gen.Compile(cols.Body(row), cols, resolve, {id, 1, 1, 2}, code, &err));
  return code;
}

const std::vector<FailCase>& Cases() {
  static const std::vector<FailCase> cases = {
      // The effect given disagrees with the body.
      {"1 2", {1, 0, 1, 2}, "stack depth at the end differs from the inferred effect", 2},
      {"1 2 drop", {1, 0, 1, 1}, "body reaches depth 2, deeper than the inferred 1", 3},
      {"+", {1, 0, 1, 2}, "stack underflow at `+`", 0},
      {"drop drop", {1, 1, 0, 1}, "stack underflow at `drop`", 1},
      // Calls.
      {"1 nosuch", {1, 0, 1, 2}, "call to unknown word `nosuch`", 1},
      {"1 add2", {1, 0, 1, 2}, "call with too few cells on the stack", 1},
      {"drop recurse", {1, 1, 0, 1}, "call with too few cells on the stack", 1},
      // Well nested, but the depths do not match up.
      {"if then",
       {1, 0, 0, 1},
       "data stack underflow in the code generator (body not verified?)",
       0},
      {"0 if 1 then", {1, 0, 0, 1}, "if arms leave different depths", 3},
      {"0 if 1 else then", {1, 0, 0, 1}, "if arms leave different depths", 4},
      {"begin 1 0 until", {1, 0, 0, 2}, "until: loop not neutral", 3},
      {"begin 1 again", {1, 0, 0, 1}, "loop not neutral", 2},
      {"begin 1 while 1 repeat", {1, 0, 0, 1}, "loop not neutral", 4},
      {"1 do loop", {1, 0, 0, 1}, "do needs limit and start", 1},
      {"10 0 do 1 loop", {1, 0, 0, 3}, "loop not neutral", 4},
      {"10 0 do 1 2 +loop", {1, 0, 0, 3}, "+loop not neutral", 5},
      {"10 0 do dup dup +loop", {1, 1, 1, 4}, "+loop not neutral", 5},
      {"10 0 do +loop",
       {1, 0, 0, 2},
       "data stack underflow in the code generator (body not verified?)",
       3},
      {"10 0 do 1 leave loop", {1, 0, 0, 3}, "leave with a changed depth", 4},
      // Not well nested: MatchControl's E30xx, at the word it names.
      {"1 if", {1, 0, 0, 1}, "E3000 `if` without a matching `then`", 1},
      {"leave", {1, 0, 0, 1}, "E3012 `leave` outside a DO loop", 0},
      {"unloop exit", {1, 0, 0, 1}, "E3012 `unloop` outside a DO loop", 0},
      {"i", {1, 0, 1, 1}, "E3012 `i` outside a DO loop", 0},
      {"10 0 do j drop loop", {1, 0, 0, 3}, "E3012 `j` outside two nested DO loops", 3},
      {"begin 5 1 while drop 0 until",
       {1, 0, 0, 2},
       "E3020 `while` without a matching `repeat` or `then`",
       3},
      // The wider ANS forms compile (codegen_ans_test.cpp); paths that join
      // with different depths still fail, at the join.
      {"if 1 else 2 else 3 then", {1, 1, 1, 2}, "if arms leave different depths", 6},
      // Return stack and loop frames.
      {"r>", {1, 0, 1, 1}, "r> without a matching >r", 0},
      {"r@", {1, 0, 1, 1}, "r@ without a matching >r", 0},
      {"10 0 do r> drop loop", {1, 0, 0, 3}, "r> without a matching >r", 3},
      {"1 >r exit", {1, 0, 0, 1}, "exit with return stack cells or a loop frame (unloop first)", 2},
      {"10 0 do 1 >r unloop exit loop",
       {1, 0, 0, 3},
       "unloop with >r values above the loop frame",
       5},
      // pick / roll and words without a static effect.
      {"dup pick", {1, 1, 2, 2}, "pick/roll needs a literal index", 1},
      {"5 pick", {1, 1, 2, 2}, "pick index out of range", 1},
      {"-1 pick", {1, 1, 2, 2}, "pick index out of range", 1},
      {"5 roll", {1, 1, 1, 2}, "roll index out of range", 1},
      {"?dup", {1, 1, 1, 2}, "word `?dup` has no static stack effect", 0},
      {"depth", {1, 0, 1, 1}, "word `depth` has no static stack effect", 0},
  };
  return cases;
}

}  // namespace

TEST_CASE("native: every reachable codegen failure is E5000 and leaves the generator clean",
          "[native]") {
  for (NativeMode mode : {NativeMode::kTest, NativeMode::kObject}) {
    TokenColumns cols;
    std::vector<Diagnostic> diags;
    REQUIRE(LexBody(kGoodBody, cols, diags));
    NativeCodegen fresh(mode);
    const NativeCode want = CompileGood(fresh, cols, 0, 7);
    NativeCodegen gen(mode);
    // One word already in the output: a failure must append nothing to it.
    NativeCode out = CompileGood(gen, cols, 0, 7);
    const NativeCode before = out;
    NativeCalleeResolver resolve = Resolve;
    for (const FailCase& c : Cases()) {
      INFO((mode == NativeMode::kTest ? "test mode: " : "object mode: ") << c.body);
      size_t row = cols.body_count();
      REQUIRE(LexBody(c.body, cols, diags));
      Diagnostic err;
      CHECK_FALSE(gen.Compile(cols.Body(row), cols, resolve, c.word, out, &err));
      CHECK(err.code == Code::kCodegenFailed);
      CHECK(err.message == c.message);
      CHECK(err.token == c.token);
      CHECK(out.bytes == before.bytes);
      CHECK(out.relocs.size() == before.relocs.size());
      CHECK(out.words.size() == before.words.size());
      NativeCode again = CompileGood(gen, cols, 0, 7);
      CHECK(again.bytes == want.bytes);
      CHECK(again.relocs.size() == want.relocs.size());
    }
  }
}

TEST_CASE("native: after a failed word the generator's next word runs correctly", "[native]") {
  // The failure leaves a fused comparison pending (`<` before an `if` that
  // unloop forbids); the next word's `if` must test its own flag.
  TokenColumns cols;
  std::vector<Diagnostic> diags;
  REQUIRE(LexBody("10 0 do unloop 1 2 < if exit then loop", cols, diags));
  REQUIRE(LexBody(kGoodBody, cols, diags));
  NativeCodegen gen(NativeMode::kTest);
  NativeCalleeResolver resolve = Resolve;
  NativeCode bad;
  Diagnostic err;
  REQUIRE_FALSE(gen.Compile(cols.Body(0), cols, resolve, {1, 0, 0, 4}, bad, &err));
  CHECK(err.message == "after unloop, only straight-line code may come before exit");
  CHECK(err.token == 7);
  NativeCode good = CompileGood(gen, cols, 1, 2);
  JitCode jit(size_t{1} << 20);
  std::string error;
  REQUIRE(jit.Publish(good, &error));
  NativeMachine m(jit);
  auto run = [&](int64_t n) {
    const int64_t in[] = {n};
    NativeRun r = m.Run(2, in);
    REQUIRE(r.code == Code::kNone);
    return std::vector<int64_t>(r.stack.begin(), r.stack.end());
  };
  CHECK(run(5) == std::vector<int64_t>{-4});
  CHECK(run(0) == std::vector<int64_t>{1});
}
