// Reads the name keyword table (datasets/patterns/keywords.jsonl: one
// {"keyword": "fact", "patterns": ["ACCUMULATOR_LOOP_002", ...]} per line,
// best pattern first) and checks it against a pattern library: a keyword
// naming a pattern id the library lacks is a load error that names the id.
//
//   KeywordLoad kw = LoadKeywordText(text, "built-in keywords", lib);
//   if (kw.ok()) lib.SetKeywords(kw.table);
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/resolve/heuristics.h"
#include "io/patterns/pattern_reader.h"

namespace ffb {

struct KeywordLoad {
  std::shared_ptr<const KeywordTable> table;  // the good lines, in file order; never null
  std::vector<PatternLoadError> errors;       // every bad line, in order
  bool ok() const { return errors.empty(); }
};

// Blank lines are skipped; `origin` names the text in errors.
KeywordLoad LoadKeywordText(std::string_view text, std::string_view origin,
                            const PatternLibrary& lib);

}  // namespace ffb
