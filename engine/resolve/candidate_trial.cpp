#include "engine/resolve/candidate_trial.h"

#include <fmt/format.h>

#include "engine/cases/case_runner.h"
#include "engine/check/verify.h"
#include "engine/forth/lexer.h"
#include "engine/table/declared_effect.h"

namespace ffb {

std::string TryCandidate(const Chunk& chunk, uint32_t row, const BodyCandidate& c,
                         CandidateTrial& trial) {
  trial.tokens.Clear();
  trial.diags.clear();
  if (!LexBody(c.body, trial.tokens, trial.diags)) return "does not lex";
  WordEffect declared = DeclaredWordEffect(chunk, row);
  trial.inferrer.Infer(trial.tokens.Body(0), trial.tokens, nullptr, &declared, trial.result);
  if (!trial.result.ok) return "does not infer";
  if (CheckEffect(trial.result, declared) != EffectCheck::kOk) return "wrong stack effect";
  trial.code.Clear();
  WordIdResolver none = [](std::string_view) -> std::optional<WordId> { return std::nullopt; };
  // The candidate runs as a word of its own (id 0 in an empty table): only
  // `recurse` refers to it.
  if (!CompileBody(trial.tokens.Body(0), trial.tokens, none, trial.code, trial.diags, 0)) {
    return "does not compile";
  }
  SpecTestResult r = RunSpecTests(trial.machine, trial.code.Body(0), chunk.table, row);
  if (!r.failures.empty()) {
    return fmt::format("fails test {} ({})", r.failures.front().index,
                       Describe(r.failures.front().code).id);
  }
  return {};
}

}  // namespace ffb
