// The define stage (serial, in input order): gives every valid row a word id
// in input order; a row whose name an earlier row already took becomes
// invalid (E1001), and its message names that earlier line.
//
//   Dictionary dict;  Define(chunk, dict, input_names);   // once per chunk, in chunk order
#pragma once

#include <string>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/table/chunk.h"

namespace ffb {

void Define(Chunk& chunk, Dictionary& dict, const std::vector<std::string>& input_names);

}  // namespace ffb
