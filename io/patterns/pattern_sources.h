// The built-in pattern library (datasets/patterns/patterns.jsonl and its name
// keywords, keywords.jsonl, embedded at build time) and the library a run
// uses: built-in, plus --patterns files that add patterns or override them by
// id, with the built-in keyword table checked against the result.
//
//   PatternLoad lib = LoadRunPatterns({"extra.jsonl"});   // errors name file:line:column
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/patterns/pattern_reader.h"

namespace ffb {

std::string_view BuiltinPatternsText();
std::string_view BuiltinKeywordsText();
// Built-in library merged with each extra file in order, carrying the
// built-in keyword table; a keyword's unknown pattern id is a load error.
PatternLoad LoadRunPatterns(const std::vector<std::string>& extra_files);

}  // namespace ffb
