#include "engine/cases/cases_stage.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/cases/case_runner.h"
#include "engine/forth/lexer.h"
#include "engine/native/native_stage.h"

namespace ffb {

namespace {

// A trapped deep recursion can leave a thousand cells; records keep the top
// kMaxFailureCells (the cells nearest the failure) and say how deep it was.
void AddFailure(SpecTable& t, const TestFailure& f) {
  FailureRow& row = t.failures.emplace_back();
  row.index = f.index;
  row.code = f.code;
  row.cells_begin = static_cast<uint32_t>(t.failure_cells.size());
  row.inputs = static_cast<uint32_t>(f.input.size());
  row.expected = static_cast<uint32_t>(f.expected.size());
  row.actual_depth = static_cast<uint32_t>(f.actual.size());
  row.actual_shown = std::min(row.actual_depth, kMaxFailureCells);
  t.failure_cells.insert(t.failure_cells.end(), f.input.begin(), f.input.end());
  t.failure_cells.insert(t.failure_cells.end(), f.expected.begin(), f.expected.end());
  t.failure_cells.insert(t.failure_cells.end(), f.actual.end() - row.actual_shown, f.actual.end());
}

std::string StackText(const std::vector<int64_t>& cells) {
  std::string s = "(";
  if (cells.size() > 8) s += fmt::format(" <{} cells> ...", cells.size());
  for (size_t i = cells.size() > 8 ? cells.size() - 8 : 0; i < cells.size(); ++i) {
    s += fmt::format(" {}", cells[i]);
  }
  return s + " )";
}

// Runs the spec's tests on each fix suggestion of a row (its callees are
// published by now), so fixes that also pass the tests rank first.
void TestFixes(Chunk& chunk, uint32_t row, const Dictionary& dictionary, Machine& machine) {
  SpecTable& t = chunk.table;
  if (t.fix_begin[row] == t.fix_begin[row + 1] || t.test_begin[row] == t.test_begin[row + 1]) {
    return;
  }
  thread_local TokenColumns tokens;
  thread_local BytecodeColumns code;
  thread_local std::vector<Diagnostic> diags;
  // Fixes exist only for rows that were defined (the infer stage computes
  // them), so the row's id bounds what its fixes may call: earlier lines.
  uint32_t self = t.word_id[row];
  if (self == SpecTable::kNoWord) return;
  WordIdResolver resolve = [&](std::string_view name) -> std::optional<WordId> {
    const WordEntry* e = dictionary.Find(name, self + 1);
    if (e == nullptr) return std::nullopt;
    return e->id;
  };
  for (uint32_t k = t.fix_begin[row]; k < t.fix_begin[row + 1]; ++k) {
    FixRow& f = t.fixes[k];
    tokens.Clear();
    code.Clear();
    diags.clear();
    if (!LexBody(chunk.Str(f.body), tokens, diags) ||
        !CompileBody(tokens.Body(0), tokens, resolve, code, diags, self)) {
      f.tests = FixTests::kFail;
      continue;
    }
    SpecTestResult r = RunSpecTests(machine, code.Body(0), t, row);
    f.tests = r.failures.empty() ? FixTests::kPass : FixTests::kFail;
  }
}

// Resource limits differ between the interpreter and native code (steps vs
// loop iterations, cells vs machine stack bytes), so a test that hits one in
// either engine is not compared.
bool ResourceLimit(Code c) {
  return c == Code::kFuelExhausted || c == Code::kDataStackOverflow ||
         c == Code::kReturnStackOverflow || c == Code::kCallDepthExceeded;
}

// Runs every test of a row natively and in the interpreter. The native
// outcome decides (a spec is ok only when every test passes natively); the
// interpreter is the oracle, and any disagreement is E9001 naming the test.
SpecTestResult RunBoth(Chunk& chunk, uint32_t row, Machine& machine, NativeMachine& native) {
  SpecTable& t = chunk.table;
  SpecTestResult out;
  // Per-thread buffers: a passing test allocates nothing; the result stacks
  // are compared in place (each stays valid until its engine's next run) and
  // copied only into a failure.
  thread_local std::vector<int64_t> in, expected;
  std::span<const Instr> body = chunk.bytecode->Body(row);
  auto vec = [](std::span<const int64_t> s) { return std::vector<int64_t>(s.begin(), s.end()); };
  for (uint32_t k = t.test_begin[row]; k < t.test_begin[row + 1]; ++k) {
    const TestCase& tc = t.tests[k];
    in.clear();
    expected.clear();
    for (uint32_t j = 0; j < tc.input_count; ++j) in.push_back(t.values[tc.input_begin + j].cell);
    for (uint32_t j = 0; j < tc.output_count; ++j) {
      expected.push_back(t.values[tc.output_begin + j].cell);
    }
    ExecResult ir = machine.Run(body, in);
    Code icode = CheckCase(ir, expected);
    NativeRun nr = native.Run(t.word_id[row], in);
    Code ncode = nr.code;
    if (ncode == Code::kNone) {
      ncode = nr.stack.size() != expected.size() ? Code::kTestWrongDepth
              : std::equal(expected.begin(), expected.end(), nr.stack.begin())
                  ? Code::kNone
                  : Code::kTestWrongValue;
    }
    uint32_t index = k - t.test_begin[row];
    if (nr.code == Code::kInternal && ir.code != Code::kInternal) {
      // The word calls one without native code (a callee whose effect was
      // wrong is never compiled): the interpreter's outcome stands, and a
      // pass there is still not a native pass.
      ncode = icode != Code::kNone ? icode : Code::kCodegenFailed;
      ++out.run;
      out.failures.push_back({index, ncode, in, expected, vec(ir.stack)});
      continue;
    }
    bool comparable = !ResourceLimit(ir.code) && !ResourceLimit(nr.code);
    bool agree = ir.code == nr.code &&
                 (ir.code != Code::kNone ||
                  std::equal(ir.stack.begin(), ir.stack.end(), nr.stack.begin(), nr.stack.end()));
    if (comparable && !agree) {
      AddError(
          chunk, row, Stage::kTest, Code::kNativeDisagreement,
          fmt::format("native code and interpreter disagree on `{}` test {}: interpreter {} "
                      "{}, native {} {}",
                      chunk.Str(t.word[row]), index, Describe(ir.code).id, StackText(vec(ir.stack)),
                      Describe(nr.code).id, StackText(vec(nr.stack))),
          fmt::format("$.test_cases[{}]", index), 0, Status::kFailed);
    }
    ++out.run;
    if (ncode == Code::kNone) {
      ++out.passed;
    } else {
      out.failures.push_back(
          {index, ncode, in, expected, nr.stack.empty() ? vec(ir.stack) : vec(nr.stack)});
    }
  }
  return out;
}

}  // namespace

void TestStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary,
               NativeContext* native) {
  SpecTable& t = chunk.table;
  Machine& machine = context.machines.local();
  NativeMachine* native_machine = native ? native->machines.local().get() : nullptr;
  // Rows with native code: the chunk's words in row order.
  std::vector<uint8_t> has_native(t.rows(), 0);
  if (native != nullptr && chunk.native_test) {
    size_t w = 0;
    for (uint32_t row = 0; row < t.rows() && w < chunk.native_test->words.size(); ++row) {
      if (chunk.native_test->words[w].word_id == t.word_id[row]) {
        has_native[row] = 1;
        ++w;
      }
    }
  }
  for (uint32_t row = 0; row < t.rows(); ++row) {
    TestFixes(chunk, row, dictionary, machine);
    // Mismatched words are compiled (later words may call them) but their
    // tests are not run: the declared effect they would be checked against
    // is already known to be wrong.
    if (chunk.bytecode_ids[row] != kNoWordId && t.status[row] == Status::kOk &&
        t.test_begin[row] == t.test_begin[row + 1]) {
      // Ok only statically: say so (under --strict no tests is E1162 already).
      AddWarning(chunk, row, Stage::kTest, Code::kNoTestCases,
                 "no test cases: the body passed the static checks but was never run",
                 "$.test_cases");
    }
    if (chunk.bytecode_ids[row] != kNoWordId && t.status[row] == Status::kOk) {
      SpecTestResult r = has_native[row] ? RunBoth(chunk, row, machine, *native_machine)
                                         : RunSpecTests(machine, chunk.bytecode->Body(row), t, row);
      t.tests_run[row] = r.run;
      t.tests_passed[row] = r.passed;
      for (const TestFailure& f : r.failures) AddFailure(t, f);
      if (!r.failures.empty()) {
        const TestFailure& f = r.failures.front();
        // A wrong value or depth compares stacks; a trap (E4002-E4006) stops
        // the run, and its stack at the stop may even equal the expected one.
        const bool compared = f.code == Code::kTestWrongValue || f.code == Code::kTestWrongDepth;
        AddError(chunk, row, Stage::kTest, f.code,
                 fmt::format("{} of {} tests failed; test {}: {}{} expected {}, {} {}",
                             r.failures.size(), r.run, f.index, Describe(f.code).summary,
                             compared ? "" : ";", StackText(f.expected),
                             compared ? "got" : "the stack when it stopped", StackText(f.actual)),
                 fmt::format("$.test_cases[{}]", f.index), 0, Status::kFailed);
      }
    }
    t.failure_begin[row + 1] = static_cast<uint32_t>(t.failures.size());
  }
}

}  // namespace ffb
