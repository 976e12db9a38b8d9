#include "io/patterns/pattern_sources.h"

#include "io/patterns/keyword_reader.h"

namespace ffb {

PatternLoad LoadRunPatterns(const std::vector<std::string>& extra_files) {
  PatternLoad run = LoadPatternText(BuiltinPatternsText(), "built-in patterns");
  for (const std::string& path : extra_files) {
    PatternLoad extra = LoadPatternFile(path);
    run.errors.insert(run.errors.end(), extra.errors.begin(), extra.errors.end());
    if (extra.ok()) run.library.Merge(extra.library);
  }
  // Checked against the merged library: an override replaces a pattern but
  // never removes its id, so this is the built-in check either way.
  KeywordLoad keywords = LoadKeywordText(BuiltinKeywordsText(), "built-in keywords", run.library);
  run.errors.insert(run.errors.end(), keywords.errors.begin(), keywords.errors.end());
  run.library.SetKeywords(std::move(keywords.table));
  return run;
}

}  // namespace ffb
