#include "engine/interp/interp_stage.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/interp/bytecode.h"

namespace ffb {

void CompileStage(Chunk& chunk, const Dictionary& dictionary) {
  SpecTable& t = chunk.table;
  chunk.bytecode = std::make_shared<BytecodeColumns>();
  chunk.bytecode_ids.assign(t.rows(), kNoWordId);
  thread_local std::vector<Diagnostic> diags;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] == Status::kRejected || t.status[row] == Status::kInvalid ||
        t.body_source[row] == BodySource::kNone || t.word_id[row] == SpecTable::kNoWord) {
      chunk.bytecode->EndBody();
      continue;
    }
    uint32_t self = t.word_id[row];
    WordIdResolver resolve = [&](std::string_view name) -> std::optional<WordId> {
      const WordEntry* e = dictionary.Find(name, self + 1);
      if (e == nullptr) return std::nullopt;
      return e->id;
    };
    diags.clear();
    if (!CompileBody(chunk.tokens.Body(row), chunk.tokens, resolve, *chunk.bytecode, diags, self)) {
      // Inference accepted the body, so this is an engine bug, reported as such.
      for (const Diagnostic& d : diags) {
        AddError(chunk, row, Stage::kTest, Code::kInternal,
                 fmt::format("bytecode compiler refused a verified body: {} {}",
                             Describe(d.code).id, d.message),
                 "$.implementation", static_cast<int32_t>(d.column));
      }
      continue;
    }
    chunk.bytecode_ids[row] = self;
  }
}

namespace {

Code FirstError(const Chunk& chunk, uint32_t row) {
  for (const ErrorRow& e : chunk.errors.rows)
    if (e.row == row && !e.warning) return e.code;
  return Code::kNone;
}

// A verified row that calls a word which is not usable (its own spec was
// invalid or mismatched, or its code could not be compiled) fails with
// E1002 naming the callee, instead of running a body that was never
// accepted. Rows are visited in input order, so a failure propagates to
// callers of callers.
void CheckCallees(Chunk& chunk, uint32_t row, const Dictionary& dictionary,
                  const std::vector<CalleeState>& callees) {
  SpecTable& t = chunk.table;
  const uint32_t self = t.word_id[row];
  for (const Token& tok : chunk.tokens.Body(row)) {
    if (tok.kind != TokenKind::kUserWord) continue;
    std::string_view name = chunk.tokens.Name(static_cast<uint32_t>(tok.value));
    const WordEntry* e = dictionary.Find(name, self + 1);
    if (e == nullptr || e->id == self) continue;  // inference already refused unknown names
    const CalleeState* s = e->id < callees.size() ? &callees[e->id] : nullptr;
    if (s != nullptr && s->usable) continue;
    AddError(chunk, row, Stage::kTest, Code::kUnusableCallee,
             fmt::format("calls `{}` (line {}), which is not usable: its own spec failed with {}",
                         name, e->line, s ? Describe(s->first_error).id : "an error"),
             "$.implementation", 0, Status::kFailed);
    return;
  }
}

}  // namespace

void PublishStage(Chunk& chunk, TestContext& context, const Dictionary& dictionary) {
  SpecTable& t = chunk.table;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    const uint32_t id = t.word_id[row];
    if (id == SpecTable::kNoWord) continue;
    if (t.status[row] == Status::kOk) CheckCallees(chunk, row, dictionary, context.callees);
    if (id >= context.callees.size()) context.callees.resize(id + 1);
    CalleeState& s = context.callees[id];
    s.usable = t.status[row] == Status::kOk && chunk.bytecode_ids[row] != kNoWordId;
    s.first_error = s.usable ? Code::kNone : FirstError(chunk, row);
    s.line = t.line[row];
  }
  // The word table keeps this chunk's bytecode for the rest of the run (later
  // words may call these), so drop the vectors' growth slack first.
  chunk.bytecode->ShrinkToFit();
  context.words.Publish(chunk.bytecode, chunk.bytecode_ids);
}

}  // namespace ffb
