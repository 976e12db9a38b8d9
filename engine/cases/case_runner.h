// Runs one spec's test cases on the reference interpreter and reports, as
// plain data, how many ran and passed and what every failure looked like.
// A case fails with E4001 (wrong depth), E4000 (wrong value) or its trap code.
//
//   std::vector<TestCaseCells> cases = {{{3}, {9}}, {{-2}, {4}}};
//   SpecTestResult r = RunSpecTests(machine, table.Find(id), cases);
//   r.run == 2; r.passed == 2; r.failures.empty()
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/interp/interpreter.h"
#include "engine/table/spec_table.h"

namespace ffb {

struct TestCaseCells {
  std::vector<int64_t> input;     // bottom of stack first
  std::vector<int64_t> expected;  // bottom of stack first
};

// One case as views into the caller's storage (e.g. a chunk's value column).
struct TestCaseView {
  std::span<const int64_t> input;
  std::span<const int64_t> expected;
};

struct TestFailure {
  uint32_t index = 0;  // position of the case in the spec's test list
  Code code = Code::kNone;
  std::vector<int64_t> input, expected, actual;  // actual: stack at the end or at the trap
};

struct SpecTestResult {
  uint32_t run = 0, passed = 0;
  std::vector<TestFailure> failures;
};

// The outcome of one case: kNone when the final stack equals `expected`.
Code CheckCase(const ExecResult& r, std::span<const int64_t> expected);

// Runs every case of one spec on `word` (its compiled body). Allocates only
// for failures.
SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word,
                            std::span<const TestCaseView> cases);
SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word,
                            std::span<const TestCaseCells> cases);
// The test cases of spec table row `row` (TestCase ranges into
// table.values; every value kind is used through its cell).
SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word, const SpecTable& table,
                            uint32_t row);

}  // namespace ffb
