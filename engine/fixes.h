// Candidate repairs for a body whose effect check fails, with FastForth's fix
// ids (DROP_EXCESS_001 … OVER_BEFORE_OP_007) plus single-token deletions and
// insertions. Every candidate is re-lexed and re-inferred; only those that
// pass the check are returned, so `verified` is always true.
//
//   auto fixes = SuggestFixes("dup dup *", &declared, &resolver);   // DROP_EXCESS_001: "dup dup * drop"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/effect_text.h"
#include "engine/infer.h"

namespace ffb {

struct Fix {
  std::string id;           // "DROP_EXCESS_001"
  std::string description;  // one line for people and agents
  std::string body;         // the repaired body
  std::string diff;         // "-old\n+new"
  bool verified = true;     // re-inferred and checked; never false in results
};

// `declared` may be null: then a candidate passes when it infers without error
// (structural fixes such as a missing `then`). At most `max_fixes`, best first.
std::vector<Fix> SuggestFixes(std::string_view body, const StackEffect* declared, const WordResolver* resolver,
                              size_t max_fixes = 5);

}  // namespace ffb
