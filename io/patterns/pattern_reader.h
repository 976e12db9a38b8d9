// Reads pattern library files (JSON Lines, format in datasets/patterns/README.md)
// into a PatternLibrary: every line checked, every problem reported with its
// file, line, column and field; a file with any problem loads nothing usable.
//
//   PatternLoad built = LoadPatternFile("datasets/patterns/patterns.jsonl");
//   if (!built.ok()) for (const auto& e : built.errors) std::cerr << e.Format() << "\n";
//   PatternLibrary lib = std::move(built.library);
//   if (auto extra = LoadPatternFile(user_file); extra.ok()) lib.Merge(extra.library);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/resolve/pattern_library.h"

namespace ffb {

// A problem with a library file: where (file, line, JSON field) and what.
struct PatternLoadError {
  std::string origin;
  uint64_t line = 0;    // 1-based; 0 for the file as a whole (cannot open)
  uint32_t column = 0;  // 1-based byte column in the line where the parser stood; 0 when unknown
  std::string field;    // e.g. "variables[1].name"; empty for the line as a whole
  std::string message;
  std::string Format() const;  // "file:12:40: variables[1].name: ..." (column when known)
};

struct PatternLoad {
  PatternLibrary library;
  std::vector<PatternLoadError> errors;  // every bad line, in order
  bool ok() const { return errors.empty(); }
};

// Parses JSON Lines text; `origin` names it in errors. Blank lines are skipped.
// Any error makes the whole load fail (library then holds the good lines only).
PatternLoad LoadPatternText(std::string_view text, std::string_view origin);
// Reads and parses a file (error at line 0 when it cannot be read).
PatternLoad LoadPatternFile(const std::string& path);

}  // namespace ffb
