// The name index's scan (engine/define/name_index.h): reads every input
// that can be read a second time (not stdin) line by line through the same
// reader as the run, and adds the word name of each line that has one
// (engine/core/word_name_scan.h), in input order.
//
//   NameIndex names(options.inputs, [&](NameIndex& ix) { ScanInputNames(options.inputs, ix); });
#pragma once

#include <string>
#include <vector>

#include "engine/define/name_index.h"

namespace ffb {

void ScanInputNames(const std::vector<std::string>& inputs, NameIndex& index);

}  // namespace ffb
