// Every builtin of the dialect table, one by one: it compiles natively and
// runs the same in the interpreter and in native code (test and object mode)
// on a few small inputs; refused words are refused by both. A builtin added
// to the table without native code fails here even if a `default:` creeps
// back into a switch.
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/forth/builtins.h"
#include "engine/interp/bytecode.h"
#include "tests/support/interp_fixture.h"
#include "tests/support/native_test_support.h"

using namespace ffb;

namespace {

// A body exercising the word and its input count. Data words with a fixed
// effect need no entry: their body is the word itself on `inputs` cells.
struct Sample {
  std::string_view body;
  int inputs;
  bool recursive = false;  // compiled with the declared effect ( inputs -- 1 )
};

const std::map<std::string_view, Sample>& Samples() {
  static const std::map<std::string_view, Sample> samples = {
      {"pick", {"2 pick", 3}},
      {"roll", {"2 roll", 3}},
      {">r", {">r 1 r>", 1}},
      {"r>", {">r r> 1+", 1}},
      {"r@", {">r r@ r> +", 1}},
      {"if", {"0< if 1 else 2 then", 1}},
      {"else", {"dup 0< if 1+ else 1- then", 1}},
      {"then", {"dup 0> if 1+ then", 1}},
      {"begin", {"begin 1- dup 0< until", 1}},
      {"until", {"begin 2 - dup 0< until", 1}},
      {"while", {"begin dup 0> while 1- repeat", 1}},
      {"repeat", {"begin dup 2 > while 2 - repeat", 1}},
      {"again", {"begin 1- dup 0< if exit then again", 1}},
      {"do", {"0 swap 0 do 1+ loop", 1}},
      {"?do", {"0 swap 0 ?do 1+ loop", 1}},
      {"loop", {"0 swap 0 do i + loop", 1}},
      {"+loop", {"0 swap 0 do i + 2 +loop", 1}},
      {"i", {"0 swap 0 do i + loop", 1}},
      {"j", {"0 swap 0 do 3 0 do j + loop loop", 1}},
      {"leave", {"0 swap 0 do i + dup 5 > if leave then loop", 1}},
      {"unloop", {"0 swap 0 do i + dup 5 > if unloop exit then loop", 1}},
      {"exit", {"dup 0< if exit then 1+", 1}},
      {"recurse", {"dup 0> if 1- recurse then", 1, true}},
  };
  return samples;
}

bool IsLimit(Code c) {
  return c == Code::kFuelExhausted || c == Code::kDataStackOverflow ||
         c == Code::kReturnStackOverflow || c == Code::kCallDepthExceeded;
}

}  // namespace

TEST_CASE("every builtin compiles natively and agrees with the interpreter", "[native][builtins]") {
  const std::vector<std::vector<int64_t>> input_sets = {
      {7, 3, 2, 5}, {-9, 4, -2, 1}, {0, 1, 0, 3}, {12, -5, 40, 2}};
  testing::InterpFixture interp;
  test::NativeFixture native;
  int compared = 0;
  for (const BuiltinInfo& b : AllBuiltins()) {
    std::string name = "bw" + std::to_string(static_cast<int>(b.id));
    auto it = Samples().find(b.name);
    const bool data_word = b.role == Role::kPlain || b.role == Role::kArith;
    INFO("builtin `" << b.name << "`");
    if (!b.static_effect()) {
      // Refused by both engines, with the same code.
      CHECK(interp.Define(name, b.name) == Code::kNoStaticEffect);
      CHECK(native.Define(name, std::string(b.name), -1, 0) != "");
      continue;
    }
    // A builtin with a special role needs a sample body above.
    REQUIRE((data_word || it != Samples().end()));
    Sample s = it != Samples().end() ? it->second : Sample{b.name, b.inputs};
    INFO("body: " << s.body);
    REQUIRE(interp.Define(name, s.body) == Code::kNone);
    REQUIRE(native.Define(name, std::string(s.body), s.recursive ? s.inputs : -1,
                          s.recursive ? 1 : -1) == "");
    for (const std::vector<int64_t>& set : input_sets) {
      std::vector<int64_t> input(set.begin(), set.begin() + s.inputs);
      INFO("inputs " << ::Catch::Detail::stringify(input));
      testing::RunOutcome want = interp.Call(name, input);
      NativeRun got = native.Run(name, input);
      std::vector<int64_t> got_stack(got.stack.begin(), got.stack.end());
      if (want.code == Code::kNone) {
        CHECK(got.code == Code::kNone);
        CHECK(got_stack == want.stack);
        if (got.code == Code::kNone) CHECK(native.RunObject(name, input) == want.stack);
      } else if (IsLimit(want.code)) {
        CHECK(IsLimit(got.code));
      } else {
        CHECK(static_cast<int>(got.code) == static_cast<int>(want.code));
      }
      ++compared;
    }
  }
  CHECK(compared >= 4 * 70);
}

TEST_CASE("builtins.def expands into matching table, ops and reserved words", "[builtins]") {
  REQUIRE(AllBuiltins().size() == kBuiltinCount);
  size_t data_words = 0;
  for (const BuiltinInfo& b : AllBuiltins()) {
    INFO("builtin `" << b.name << "`");
    CHECK(LookupBuiltin(b.name) == b.id);
    CHECK(IsReservedWord(b.name));
    auto i = static_cast<size_t>(b.id);
    if (i < kDataOpCount) {
      // The data prefix: one operand-free op of the same value and name.
      CHECK(OpName(static_cast<Op>(i)) == b.name);
      CHECK((b.role == Role::kPlain || b.role == Role::kArith));
      ++data_words;
    }
  }
  CHECK(data_words == kDataOpCount);
  for (std::string_view w : {"->", "CONSTANT", "create", "Variable"}) CHECK(IsReservedWord(w));
  CHECK_FALSE(IsReservedWord("square"));
}
