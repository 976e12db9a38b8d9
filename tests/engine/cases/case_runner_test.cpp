// RunSpecTests over a chunk's spec table: each row's TestCase ranges into the
// value column become cases; results per row as plain data.
#include "engine/cases/case_runner.h"

#include <catch2/catch.hpp>

#include "tests/support/interp_fixture.h"

namespace {

void AddCase(ffb::SpecTable& t, std::vector<int64_t> in, std::vector<int64_t> out) {
  ffb::TestCase tc;
  tc.input_begin = static_cast<uint32_t>(t.values.size());
  tc.input_count = static_cast<uint32_t>(in.size());
  for (int64_t v : in) t.values.push_back({v, ffb::ValueKind::kInt});
  tc.output_begin = static_cast<uint32_t>(t.values.size());
  tc.output_count = static_cast<uint32_t>(out.size());
  for (int64_t v : out)
    t.values.push_back({v, v == -1 ? ffb::ValueKind::kBool : ffb::ValueKind::kInt});
  tc.has_input = tc.has_output = 1;
  t.tests.push_back(tc);
}

}  // namespace

TEST_CASE("RunSpecTests reads a spec table row's cases", "[interp]") {
  ffb::testing::InterpFixture f;
  REQUIRE(f.Define("sq", "dup *") == ffb::Code::kNone);
  REQUIRE(f.Define("neg?", "0<") == ffb::Code::kNone);
  REQUIRE(f.Define("div", "/") == ffb::Code::kNone);

  ffb::SpecTable t;
  uint32_t r0 = t.AddRow(1, 0, {}, 0);
  AddCase(t, {3}, {9});
  AddCase(t, {-4}, {16});
  AddCase(t, {5}, {26});
  t.FinishRow(r0);
  uint32_t r1 = t.AddRow(2, 0, {}, 0);
  AddCase(t, {-4}, {-1});
  AddCase(t, {4}, {0});
  t.FinishRow(r1);
  uint32_t r2 = t.AddRow(3, 0, {}, 0);
  AddCase(t, {7, 2}, {3});
  AddCase(t, {7, 0}, {0});
  AddCase(t, {-7, 2}, {-4, 0});
  t.FinishRow(r2);
  uint32_t r3 = t.AddRow(4, 0, {}, 0);  // no test cases
  t.FinishRow(r3);

  auto a = ffb::RunSpecTests(f.machine(), f.table().Find(0), t, r0);
  CHECK(a.run == 3);
  CHECK(a.passed == 2);
  REQUIRE(a.failures.size() == 1);
  CHECK(a.failures[0].index == 2);
  CHECK(a.failures[0].code == ffb::Code::kTestWrongValue);
  CHECK(a.failures[0].input == std::vector<int64_t>{5});
  CHECK(a.failures[0].expected == std::vector<int64_t>{26});
  CHECK(a.failures[0].actual == std::vector<int64_t>{25});

  auto b = ffb::RunSpecTests(f.machine(), f.table().Find(1), t, r1);
  CHECK(b.run == 2);
  CHECK(b.passed == 2);

  auto c = ffb::RunSpecTests(f.machine(), f.table().Find(2), t, r2);
  CHECK(c.run == 3);
  CHECK(c.passed == 1);
  REQUIRE(c.failures.size() == 2);
  CHECK(c.failures[0].code == ffb::Code::kDivisionByZero);
  CHECK(c.failures[0].actual == std::vector<int64_t>{7, 0});
  CHECK(c.failures[1].code == ffb::Code::kTestWrongDepth);
  CHECK(c.failures[1].actual == std::vector<int64_t>{-4});

  auto d = ffb::RunSpecTests(f.machine(), f.table().Find(0), t, r3);
  CHECK(d.run == 0);
  CHECK(d.failures.empty());
}
