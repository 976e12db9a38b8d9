// The pattern library (datasets/patterns/patterns.jsonl, format in its
// README): an immutable table of patterns with pre-lexed templates, read by
// io/patterns/pattern_reader.h; looked up by id, filtered by category / tag /
// effect, searched by text. Const methods are safe from any number of threads.
//
//   const Pattern* p = lib.Find("RECURSIVE_004");
//   for (const Pattern* q : lib.List({.category = "recursive"})) { ... }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/core/spec_types.h"
#include "engine/forth/stack_effect.h"
#include "engine/forth/tokens.h"

namespace ffb {

struct PatternSlot {
  std::string name;
  SlotType type = SlotType::kAny;
};

struct PatternVariable {
  std::string name;  // [A-Z][A-Z0-9_]*, never NAME
  std::string description;
  std::optional<std::string> default_value;  // Forth source text
};

struct PatternTest {
  std::vector<TestValue> input, output;  // bottom of stack first; bools are -1/0 (kind kBool)
  std::vector<std::pair<std::string, std::string>> params;  // variable -> Forth text, file order
};

// One whitespace-delimited word of a template (comments dropped).
struct TemplateWord {
  static constexpr int32_t kLiteral = -1;  // plain Forth code
  static constexpr int32_t kName = -2;     // NAME: the word being defined
  std::string text;                        // as written
  uint32_t column = 0;                     // 1-based byte column in the template text
  int32_t variable = kLiteral;             // index into Pattern::variables, or kLiteral / kName
  uint32_t token = 0;                      // for literals: index into Pattern::tokens.Body(0)
};

struct Pattern {
  std::string id;  // case-sensitive
  std::string category, description, effect, performance, notes;
  std::vector<PatternSlot> inputs, outputs;  // deepest first; authoritative arity and types
  std::string template_text;
  std::vector<TemplateWord> words;  // the template, split; variables marked
  TokenColumns tokens;              // body 0: the literal words of the template, lexed
  std::vector<PatternVariable> variables;
  std::vector<std::string> tags;
  std::vector<PatternTest> tests;
  std::optional<std::string> unsupported;  // the reason, when it needs words outside the dialect
  // For a pure stack shuffle (every output is an input, by the names in the
  // effect text, e.g. "( a b -- b a b )"): the input index of each output.
  // Empty otherwise.
  std::vector<int> shuffle;
  std::string origin;  // file it came from
  uint64_t line = 0;   // 1-based line in that file

  bool usable() const { return !unsupported.has_value(); }
  // Index into variables, or -1.
  int FindVariable(std::string_view name) const;
  bool HasTag(std::string_view tag) const;  // exact, case-sensitive
};

class PatternLibrary;
class KeywordTable;  // engine/resolve/heuristics.h

// Queries for List(); empty members match everything.
struct PatternFilter {
  std::string category;               // exact
  std::string tag;                    // exact, one of the pattern's tags
  std::optional<StackEffect> effect;  // same arity; every typed slot compatible
};

class PatternLibrary {
 public:
  size_t size() const { return patterns_.size(); }
  std::span<const Pattern> patterns() const { return patterns_; }  // file order, merged ones after

  const Pattern* Find(std::string_view id) const;

  // Adds every pattern of `other`; one whose id is already here replaces it in
  // place (keeping the position). Returns how many were replaced.
  size_t Merge(const PatternLibrary& other);

  std::vector<const Pattern*> List(const PatternFilter& filter) const;
  // Case-insensitive; every whitespace-separated term of `text` must occur in
  // the id, the description, the category or one of the tags.
  std::vector<const Pattern*> Search(std::string_view text) const;

  // Ids close to `id` for "did you mean": a case-insensitive equal first, then
  // edit distance <= 3 (nearest first, library order on ties), at most `max`.
  std::vector<const Pattern*> Similar(std::string_view id, size_t max) const;

  // Appends a pattern (loader and tests); false when the id already exists.
  bool Add(Pattern p);

  // The name keyword table the heuristics use (datasets/patterns/keywords.jsonl,
  // its ids checked against this library by the reader); null when none.
  // Merge() keeps this library's table.
  const KeywordTable* keywords() const { return keywords_.get(); }
  void SetKeywords(std::shared_ptr<const KeywordTable> keywords) {
    keywords_ = std::move(keywords);
  }

 private:
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, size_t> index_;
  std::shared_ptr<const KeywordTable> keywords_;
};

// Completes a pattern read from a file (io/patterns/pattern_reader.h):
// detects a pure stack shuffle and splits the template into words, variables
// marked and literals lexed. Returns the problem with the template, if any.
std::optional<std::string> Prepare(Pattern& p);

// True when a pattern slot type and a wanted type can be the same cell:
// equal, or either is `any` (or unknown).
bool SlotTypesCompatible(SlotType pattern, SlotType wanted);
// Same arity and every slot compatible.
bool EffectMatches(const Pattern& p, const StackEffect& wanted);

// Input index of each output when every output is named like an input and
// inputs are distinct ("( a b -- b a b )" -> {1, 0, 1}); empty otherwise.
std::vector<int> StackShuffle(std::span<const std::string> inputs,
                              std::span<const std::string> outputs);

// `[A-Z][A-Z0-9_]*`: the shape of a template variable.
bool IsVariableShaped(std::string_view word);

}  // namespace ffb
