#include "engine/forth/stack_effect.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ffb;

TEST_CASE("effect text: one renderer, typed slots and named outputs", "[stack_effect]") {
  Diagnostic err;
  auto e = ParseEffectText("( n:int f:bool x -- r:uint )", &err);
  REQUIRE(e);
  CHECK(FormatEffect(*e) == "( n:int f:bool x -- r:uint )");
  CHECK(ToWordEffect(*e).inputs == 3);
  CHECK(ToWordEffect(*e).out_types[0] == SlotType::kUint);

  std::vector<std::string> none;
  CHECK(FormatEffect(none, none) == "( -- )");

  std::string s;
  AppendEffectText(
      s, 2, [](std::string& o, size_t i) { o += std::to_string(i); }, 1,
      [](std::string& o, size_t) { o += "r"; });
  CHECK(s == "( 0 1 -- r )");

  CHECK(NthSlotName(0) == "a");
  CHECK(NthSlotName(25) == "z");
  CHECK(NthSlotName(26) == "a1");
  std::vector<std::string> names = {"a", "b"};
  std::vector<int> out_input = {1, 0, -1, -1};
  CHECK(FormatNamedEffect(names, out_input) == "( a b -- b a c d )");
}
