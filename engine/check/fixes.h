// Candidate repairs for a body whose effect check fails, with FastForth's fix
// ids (DROP_EXCESS_001 … OVER_BEFORE_OP_007) plus single-token deletions and
// insertions. The body is lexed once; candidates are edits of its token column
// checked by the inferrer directly, and only those that pass the check are
// returned (as text), so `verified` is always true.
//
//   auto fixes = SuggestFixes("dup dup *", &declared, &resolver);   // DROP_EXCESS_001: "dup dup *
//   drop" FixSearch s = SearchFixes(body, &declared, &resolver);          // s.truncated: the
//   budget ran out
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/checker.h"
#include "engine/core/limits.h"
#include "engine/forth/stack_effect.h"

namespace ffb {

struct Fix {
  std::string id;           // "DROP_EXCESS_001"
  std::string description;  // one line for people and agents
  std::string body;         // the repaired body
  std::string diff;         // "-old\n+new"
  bool verified = true;     // re-inferred and checked; never false in results
};

// The search is bounded by work, not time, so its result is the same on every
// machine: checking a candidate costs its token count (an upper bound on the
// checker's steps) plus kFixCandidateOverheadSteps plus, for each control word
// (if, then, do, ...), the stack height it saves or merges; a candidate whose
// cost would take the total past the budget is not checked, nor is any after
// it. 2^20 steps checks every candidate of a straight-line body up to ~330
// tokens, and is under 10 ms of search on every bench/fixes_bench body.
inline constexpr uint64_t kFixCandidateOverheadSteps = 16;
inline constexpr uint64_t kDefaultFixBudgetSteps = limits::kFixSearchSteps;

struct FixSearchOptions {
  size_t max_fixes = 5;
  uint64_t budget_steps = kDefaultFixBudgetSteps;
};

struct FixSearch {
  std::vector<Fix> fixes;   // at most max_fixes, best first
  uint64_t steps = 0;       // work charged, <= budget_steps
  uint32_t candidates = 0;  // candidates checked
  bool truncated = false;   // the budget ran out: later candidates were not checked
};

// `declared` may be null: then a candidate passes when it infers without error
// (structural fixes such as a missing `then`).
FixSearch SearchFixes(std::string_view body, const StackEffect* declared,
                      const WordResolver* resolver, const FixSearchOptions& options = {});

// SearchFixes(...).fixes with the default budget.
std::vector<Fix> SuggestFixes(std::string_view body, const StackEffect* declared,
                              const WordResolver* resolver, size_t max_fixes = 5);

// The W2237 message for a search that was cut short.
std::string FixSearchTruncatedMessage(const FixSearch& search);

}  // namespace ffb
