// The generate stage (parallel, before define): resolves each valid row's
// body and lexes it once into the chunk's token columns (body b = row b).
// Resolution order: implementation.code, then implementation.pattern (via the
// pattern library, when one is configured), else the row keeps no body.
// Lexical errors (E0xxx) make the row invalid.
//
//   Generate(chunk, options);
#pragma once

#include "engine/table/chunk.h"

namespace ffb {

class PatternLibrary;

struct GenerateOptions {
  const PatternLibrary* patterns = nullptr;  // null: only implementation.code is used
};

void Generate(Chunk& chunk, const GenerateOptions& options);

}  // namespace ffb
