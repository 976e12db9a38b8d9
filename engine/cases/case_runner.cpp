#include "engine/cases/case_runner.h"

#include <algorithm>

namespace ffb {
namespace {

template <typename Case>
SpecTestResult RunAll(Machine& machine, std::span<const Instr> word, std::span<const Case> cases) {
  SpecTestResult out;
  for (size_t k = 0; k < cases.size(); ++k) {
    std::span<const int64_t> input(cases[k].input), expected(cases[k].expected);
    ExecResult r = machine.Run(word, input);
    Code code = CheckCase(r, expected);
    ++out.run;
    if (code == Code::kNone) {
      ++out.passed;
      continue;
    }
    TestFailure& f = out.failures.emplace_back();
    f.index = static_cast<uint32_t>(k);
    f.code = code;
    f.input.assign(input.begin(), input.end());
    f.expected.assign(expected.begin(), expected.end());
    f.actual.assign(r.stack.begin(), r.stack.end());
  }
  return out;
}

}  // namespace

Code CheckCase(const ExecResult& r, std::span<const int64_t> expected) {
  if (r.code != Code::kNone) return r.code;
  if (r.stack.size() != expected.size()) return Code::kTestWrongDepth;
  if (!std::equal(expected.begin(), expected.end(), r.stack.begin())) return Code::kTestWrongValue;
  return Code::kNone;
}

SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word,
                            std::span<const TestCaseView> cases) {
  return RunAll(machine, word, cases);
}

SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word,
                            std::span<const TestCaseCells> cases) {
  return RunAll(machine, word, cases);
}

SpecTestResult RunSpecTests(Machine& machine, std::span<const Instr> word, const SpecTable& table,
                            uint32_t row) {
  // Cells are copied out of TestValue once per spec into per-thread buffers
  // that only ever grow, so a spec costs no allocation unless a case fails.
  thread_local std::vector<int64_t> cells;
  thread_local std::vector<TestCaseView> views;
  cells.clear();
  views.clear();
  const uint32_t first = table.test_begin[row], last = table.test_begin[row + 1];
  for (uint32_t k = first; k < last; ++k) {
    const TestCase& tc = table.tests[k];
    for (uint32_t v = 0; v < tc.input_count; ++v)
      cells.push_back(table.values[tc.input_begin + v].cell);
    for (uint32_t v = 0; v < tc.output_count; ++v)
      cells.push_back(table.values[tc.output_begin + v].cell);
  }
  size_t at = 0;
  for (uint32_t k = first; k < last; ++k) {
    const TestCase& tc = table.tests[k];
    std::span<const int64_t> input(cells.data() + at, tc.input_count);
    at += tc.input_count;
    std::span<const int64_t> expected(cells.data() + at, tc.output_count);
    at += tc.output_count;
    views.push_back({input, expected});
  }
  return RunAll(machine, word, std::span<const TestCaseView>(views));
}

}  // namespace ffb
