// The validation rules for specs, all in one place (validate.cpp): word
// names, types, effects, constraints (compiled to programs and checked
// against every test input), test cases, metadata formats, unknown fields
// and --strict. Runs over a whole chunk; rows that were rejected by the
// parser are skipped.
//
//   ValidateOptions opt{.strict = true};
//   Validate(chunk, opt);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/core/limits.h"
#include "engine/table/chunk.h"

namespace ffb {

struct ValidateOptions {
  bool strict = false;
  uint32_t max_slots = limits::kMaxEffectSlots;  // per side of the effect
  uint32_t max_name_bytes = limits::kMaxNameBytes;
};

void Validate(Chunk& chunk, const ValidateOptions& options);

// Three rules the parser applies while it reads, because they decide what it
// stores (a capped prefix of the test cases and values, the tag bits); they
// are defined in validate.cpp with every other rule, and the parser raises
// them where it meets them (stage parse, in document order).
struct RuleViolation {
  Code code;
  std::string message;
};
// E1135: more than `max` test cases.
std::optional<RuleViolation> CheckTestCaseCount(uint32_t count, uint32_t max);
// E1136: more than `max` values on one side of a test case.
std::optional<RuleViolation> CheckTestValueCount(uint32_t count, uint32_t max);
// E1134: a tag that is not a known test tag; otherwise ORs its bit into `tags`.
std::optional<RuleViolation> CheckTestTag(std::string_view tag, uint8_t& tags);

}  // namespace ffb
