#include "engine/resolve/resolve_stage.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/forth/lexer.h"
#include "engine/forth/tokens.h"
#include "engine/resolve/candidate_trial.h"
#include "engine/resolve/resolve_body.h"

namespace ffb {

namespace {

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
      resolution.error =
          BodyError{Code::kNoImplementation, "no implementation: no code and no pattern library",
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
      std::string_view path =
          chosen->source == BodySource::kCode ? "$.implementation.code" : "$.implementation.params";
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
