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

#include "engine/table/chunk.h"

namespace ffb {

struct ValidateOptions {
  bool strict = false;
  uint32_t max_slots = 64;      // per side of the effect
  uint32_t max_name_bytes = 64;
};

void Validate(Chunk& chunk, const ValidateOptions& options);

}  // namespace ffb
