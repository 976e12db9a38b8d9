// Where a spec's body comes from, in this order: implementation.code, else
// implementation.pattern (instantiated), else heuristics that rank library
// patterns by the declared effect, the word name, the description and the
// tags/hints, else E1170 "no implementation" — never an empty body. A pure
// function over the spec's fields and the library, callable per row from any
// thread.
//
//   RowBodyStorage storage;
//   BodyResolution r = ResolveBody(RowBodyFields(chunk, row, storage), lib);
//   if (!r.ok()) AddError(chunk, row, Stage::kGenerate, r.error->code, r.error->message,
//   r.error->path); for (const BodyCandidate& c : r.candidates) { /* lex c.body, infer, run tests;
//   first that passes wins */ } BodySourceName(c.source);  // "code" | "pattern" | "heuristic";
//   c.pattern->id for the record
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/core/spec_types.h"
#include "engine/resolve/pattern_library.h"
#include "engine/resolve/template_expand.h"
#include "engine/table/chunk.h"

namespace ffb {

// BodySource and BodySourceName live in engine/table/spec_table.h (a table column).

// The fields of one spec that resolution reads (views; nothing is copied).
struct SpecBodyFields {
  std::string_view word;
  std::optional<std::string_view> code;     // implementation.code, when present; one with no Forth
                                            // words ("", only comments) counts as absent
  std::optional<std::string_view> pattern;  // implementation.pattern, when present
  std::span<const TemplateParam> params;    // implementation.params
  std::span<const SlotType> inputs, outputs;                    // declared effect, deepest first
  std::span<const std::string_view> input_names, output_names;  // optional (shuffle matching)
  std::string_view description;
  std::span<const std::string_view> tags;   // metadata.tags
  std::span<const std::string_view> hints;  // implementation.hints
};

struct BodyCandidate {
  BodySource source = BodySource::kCode;
  std::string body;                  // code verbatim; a pattern's canonical instantiation
  const Pattern* pattern = nullptr;  // null for code
  int score = 0;                     // heuristics: higher is better
  std::string reason;                // heuristics: why it was picked, e.g. "name has `fact`"
};

struct BodyError {
  Code code = Code::kNone;  // E1170, E1171, E1172, E1173, or the E0xxx of a param value
  std::string message;
  std::string path;     // JSON path: "$.implementation.pattern", "$.implementation.params.OP", ...
  uint32_t column = 0;  // within the field's text, when known
};

struct BodyResolution {
  // Ranked, best first. code and pattern give exactly one; heuristics one or
  // more (the caller still checks inference and tests, and may try the next).
  std::vector<BodyCandidate> candidates;
  std::optional<BodyError> error;  // set exactly when candidates is empty
  bool ok() const { return !candidates.empty(); }
};

struct ResolveOptions {
  size_t max_candidates = 5;
  int min_score =
      25;  // heuristics: weaker matches are not proposed (one tag-like hint alone is not enough)
  NameMode name_mode = NameMode::kRecurse;
};

// The heuristic step is RankPatterns (engine/resolve/heuristics.h).
BodyResolution ResolveBody(const SpecBodyFields& spec, const PatternLibrary& lib,
                           const ResolveOptions& options = {});

// The declared effect as "( int int -- int )", for messages.
std::string EffectArityText(const SpecBodyFields& spec);

// Backing store for the views of RowBodyFields (reuse one per thread).
struct RowBodyStorage {
  std::vector<TemplateParam> params;
  std::vector<SlotType> inputs, outputs;
  std::vector<std::string_view> input_names, output_names, tags, hints;
};

// The fields of chunk row `row` (views into the chunk and `storage`).
SpecBodyFields RowBodyFields(const Chunk& chunk, uint32_t row, RowBodyStorage& storage);

}  // namespace ffb
