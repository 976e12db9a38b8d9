// The heuristic step of body resolution: when a spec names neither code nor
// a pattern, rank the library's patterns that fit its declared effect by what
// the spec says (name keywords, description, tags and hints, stack shuffle).
// The keyword table is data (datasets/patterns/keywords.jsonl), read by
// io/patterns/keyword_reader.h and carried by the PatternLibrary.
//
//   for (const BodyCandidate& c : RankPatterns(fields, lib)) { /* c.score, c.reason */ }
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/resolve/pattern_library.h"
#include "engine/resolve/resolve_body.h"

namespace ffb {

// A name keyword and the patterns it suggests, best first. The effect filter
// picks among them (e.g. `max` is CONDITIONAL_002 for 2 -> 1 and
// CONDITIONAL_007 for 3 -> 1).
struct NameKeyword {
  std::string word;                      // lower-case letters and digits
  std::vector<std::string> pattern_ids;  // every one in the library (checked at load)
};

// The keywords, indexed for matching. Not copyable: the indexes point into it.
class KeywordTable {
 public:
  explicit KeywordTable(std::vector<NameKeyword> keywords);
  KeywordTable(const KeywordTable&) = delete;
  KeywordTable& operator=(const KeywordTable&) = delete;

  std::span<const NameKeyword> keywords() const { return keywords_; }
  // Keywords found anywhere in `text` (lower-cased, separators removed:
  // "sum-of-squares" -> "sumofsquares"), longest first; each occurrence
  // consumes its letters, so "sumofsquares" does not also count as "sum" and
  // "square", nor "isqrt" as "sqr". Ties in file order.
  std::vector<const NameKeyword*> FindIn(const std::string& text) const;
  // The keyword that is exactly `word`, or null.
  const NameKeyword* Exact(std::string_view word) const;

 private:
  std::vector<NameKeyword> keywords_;
  std::vector<const NameKeyword*> by_length_;
  std::unordered_map<std::string_view, const NameKeyword*> by_word_;
};

// Only the heuristic step: every usable pattern whose arity and types fit the
// declared effect, scored, best first (ties in library order), at most
// options.max_candidates, none under options.min_score. Keyword evidence
// comes from lib.keywords() (none when the library has no table).
std::vector<BodyCandidate> RankPatterns(const SpecBodyFields& spec, const PatternLibrary& lib,
                                        const ResolveOptions& options = {});

}  // namespace ffb
