// The built-in pattern library (datasets/patterns/patterns.jsonl, embedded at
// build time) and the library a run uses: built-in, plus --patterns files
// that add patterns or override them by id.
//
//   PatternLoad lib = LoadRunPatterns({"extra.jsonl"});   // errors name file:line:column
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/patterns/pattern_reader.h"

namespace ffb {

std::string_view BuiltinPatternsText();
// Built-in library merged with each extra file in order.
PatternLoad LoadRunPatterns(const std::vector<std::string>& extra_files);

}  // namespace ffb
