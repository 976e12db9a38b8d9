#include "engine/test_run.h"

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

}  // namespace ffb
