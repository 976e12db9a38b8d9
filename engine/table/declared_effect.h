// A row's declared stack effect (its stack_effect slots) in the forms the
// stages need, built in one place: as a StackEffect for the checker and fix
// search, as a WordEffect (counts and types only), as "( a b -- c )" text for
// records and headers, and as the list of input names.
//
//   StackEffect e = DeclaredEffect(chunk, row);
//   std::string text; AppendDeclaredEffectText(chunk, row, text);   // "( n -- n² )"
#pragma once

#include <string>
#include <vector>

#include "engine/forth/stack_effect.h"
#include "engine/table/chunk.h"

namespace ffb {

StackEffect DeclaredEffect(const Chunk& chunk, uint32_t row);
WordEffect DeclaredWordEffect(const Chunk& chunk, uint32_t row);
void AppendDeclaredEffectText(const Chunk& chunk, uint32_t row, std::string& out);
void DeclaredInputNames(const Chunk& chunk, uint32_t row, std::vector<std::string>& out);

}  // namespace ffb
