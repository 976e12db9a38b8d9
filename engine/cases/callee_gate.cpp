#include "engine/cases/callee_gate.h"

#include <fmt/format.h>

#include <algorithm>

namespace ffb {

namespace {

// Each row's first error (kNone if it has none), in one pass over the table.
void FirstErrors(const Chunk& chunk, std::vector<Code>& first) {
  first.assign(chunk.table.rows(), Code::kNone);
  for (const ErrorRow& e : chunk.errors.rows)
    if (!e.warning && first[e.row] == Code::kNone) first[e.row] = e.code;
}

// The first callee of `row` (in body order) whose outcome is not ok, or null.
const WordEntry* BrokenCallee(const Chunk& chunk, uint32_t row, const Dictionary& dictionary,
                              const std::vector<CalleeState>& outcomes) {
  const uint32_t self = chunk.table.word_id[row];
  for (const Token& tok : chunk.tokens.Body(row)) {
    if (tok.kind != TokenKind::kUserWord) continue;
    const WordEntry* e = dictionary.Find(chunk.tokens.Name(static_cast<uint32_t>(tok.value)), self);
    if (e == nullptr) continue;  // unknown names failed earlier; self-calls are found as self
    if (e->id >= outcomes.size() || !outcomes[e->id].usable) return e;
  }
  return nullptr;
}

// Adds E1002 as the row's first error: the caller's own test failures, if
// any, follow it (they ran against a callee that is itself broken).
void AddFirst(Chunk& chunk, uint32_t row, const WordEntry& callee, Code callee_error) {
  AddError(chunk, row, Stage::kTest, Code::kUnusableCallee,
           fmt::format("calls `{}` (line {}), which is not usable: its own spec failed with {}",
                       callee.name, callee.line,
                       callee_error == Code::kNone ? "an error" : Describe(callee_error).id),
           "$.implementation", 0, Status::kFailed);
  std::vector<ErrorRow>& rows = chunk.errors.rows;
  auto first = std::find_if(rows.begin(), rows.end() - 1,
                            [row](const ErrorRow& e) { return e.row == row && !e.warning; });
  std::rotate(first, rows.end() - 1, rows.end());
}

}  // namespace

void GateCallers(Chunk& chunk, TestContext& context, const Dictionary& dictionary) {
  SpecTable& t = chunk.table;
  std::vector<CalleeState>& outcomes = context.outcomes;
  thread_local std::vector<Code> first;
  FirstErrors(chunk, first);
  for (uint32_t row = 0; row < t.rows(); ++row) {
    const uint32_t id = t.word_id[row];
    if (id == SpecTable::kNoWord) continue;
    const bool ran = t.status[row] == Status::kOk || t.status[row] == Status::kFailed;
    if (ran && t.body_source[row] != BodySource::kNone && first[row] != Code::kUnusableCallee) {
      if (const WordEntry* callee = BrokenCallee(chunk, row, dictionary, outcomes)) {
        AddFirst(chunk, row, *callee, outcomes[callee->id].first_error);
        first[row] = Code::kUnusableCallee;
      }
    }
    if (id >= outcomes.size()) outcomes.resize(id + 1);
    CalleeState& s = outcomes[id];
    s.usable = t.status[row] == Status::kOk;
    s.first_error = s.usable ? Code::kNone : first[row];
    s.line = t.line[row];
  }
}

}  // namespace ffb
