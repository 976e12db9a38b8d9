#include "io/patterns/pattern_sources.h"

namespace ffb {

PatternLoad LoadRunPatterns(const std::vector<std::string>& extra_files) {
  PatternLoad run = LoadPatternText(BuiltinPatternsText(), "built-in patterns");
  for (const std::string& path : extra_files) {
    PatternLoad extra = LoadPatternFile(path);
    run.errors.insert(run.errors.end(), extra.errors.begin(), extra.errors.end());
    if (extra.ok()) run.library.Merge(extra.library);
  }
  return run;
}

}  // namespace ffb
