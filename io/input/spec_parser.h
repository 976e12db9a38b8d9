// Parses every row of a chunk with simdjson On Demand, one line at a time
// (never iterate_many, which abandons the stream at the first bad line), into
// the chunk's spec table. JSON-level problems (syntax, UTF-8, NUL, length,
// not an object, trailing content, duplicate keys, integers beyond 64 bits)
// reject the row; schema-type problems make it invalid.
//
//   ParseChunk(chunk);   // after LineReader::Next(), before Validate()
#pragma once

#include "engine/core/limits.h"
#include "engine/table/chunk.h"

namespace ffb {

struct ParseLimits {
  size_t max_line_bytes = limits::kMaxLineBytes;
  uint32_t max_tests = limits::kMaxTestCases;
  uint32_t max_slots = limits::kMaxEffectSlots;
};

void ParseChunk(Chunk& chunk, const ParseLimits& limits);

}  // namespace ffb
