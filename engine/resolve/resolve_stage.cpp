#include "engine/resolve/resolve_stage.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/resolve/resolve_body.h"
#include "engine/forth/tokens.h"
#include "engine/interp/bytecode.h"
#include "engine/table/declared_effect.h"
#include "engine/forth/stack_effect.h"
#include "engine/check/checker.h"
#include "engine/interp/interpreter.h"
#include "engine/forth/lexer.h"
#include "engine/cases/case_runner.h"
#include "engine/check/verify.h"
#include "engine/interp/word_table.h"

namespace ffb {

namespace {

// Per-thread scratch for trying heuristic candidates in isolation: patterns
// use only builtins and `recurse`, so a candidate is checked and tested
// without the dictionary (before define, in parallel).
struct CandidateTrial {
  TokenColumns tokens;
  std::vector<Diagnostic> diags;
  EffectChecker inferrer;
  InferResult result;
  BytecodeColumns code;
  WordTable empty_words;
  Machine machine{empty_words};
};

// Why a heuristic candidate was not taken, or empty when it passes: its
// effect must check against the declared one and every test must pass.
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

void Accept(Chunk& chunk, uint32_t row, BodySource source, const Pattern* pattern) {
  SpecTable& t = chunk.table;
  t.body_source[row] = source;
  if (pattern != nullptr) t.body_pattern[row] = chunk.arena.Add(pattern->id);
  std::string text;
  RenderBody(chunk.tokens.Body(row), chunk.tokens, text);
  t.body[row] = chunk.arena.Add(text);
}

}  // namespace

void Generate(Chunk& chunk, const GenerateOptions& options) {
  SpecTable& t = chunk.table;
  TokenColumns& tokens = chunk.tokens;
  tokens.Clear();
  thread_local std::vector<Diagnostic> diags;
  thread_local RowBodyStorage storage;
  thread_local CandidateTrial trial;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kOk) {
      tokens.EndBody();
      continue;
    }
    BodyResolution resolution;
    if (options.patterns != nullptr) {
      resolution = ResolveBody(RowBodyFields(chunk, row, storage), *options.patterns);
    } else if (t.fields[row] & kHasCode) {
      BodyCandidate code;
      code.source = BodySource::kCode;
      code.body = std::string(chunk.Str(t.code[row]));
      resolution.candidates.push_back(std::move(code));
    } else {
      resolution.error = BodyError{Code::kNoImplementation,
                                   "no implementation: no code and no pattern library",
                                   "$.implementation"};
    }
    if (!resolution.ok()) {
      tokens.EndBody();
      AddError(chunk, row, Stage::kGenerate, resolution.error->code, resolution.error->message,
               resolution.error->path, static_cast<int32_t>(resolution.error->column));
      continue;
    }
    const BodyCandidate* chosen = &resolution.candidates.front();
    if (chosen->source == BodySource::kHeuristic) {
      // A guessed body must earn its place: the first candidate whose effect
      // checks and whose tests all pass is taken.
      std::string tried;
      chosen = nullptr;
      for (const BodyCandidate& c : resolution.candidates) {
        std::string why = TryCandidate(chunk, row, c, trial);
        if (why.empty()) {
          chosen = &c;
          break;
        }
        tried += fmt::format("{}{} {}", tried.empty() ? "" : "; ", c.pattern->id, why);
      }
      if (chosen == nullptr) {
        tokens.EndBody();
        AddError(chunk, row, Stage::kGenerate, Code::kNoImplementation,
                 fmt::format("no implementation: no code or pattern given, and no library "
                             "pattern fits (tried: {})",
                             tried),
                 "$.implementation");
        continue;
      }
    }
    diags.clear();
    if (!LexBody(chosen->body, tokens, diags)) {
      std::string_view path = chosen->source == BodySource::kCode ? "$.implementation.code"
                                                                  : "$.implementation.params";
      for (const Diagnostic& d : diags) {
        AddError(chunk, row, Stage::kGenerate, d.code, d.message, path,
                 static_cast<int32_t>(d.column));
      }
      continue;
    }
    Accept(chunk, row, chosen->source, chosen->pattern);
  }
}

}  // namespace ffb
