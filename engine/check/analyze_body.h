// One body checked on its own, as the infer and verify verbs report it: the
// inferred effect, errors and warnings, and fix suggestions when it is not
// valid. A value, so any front end (CLI verbs, the library) can render it.
//
//   BodyAnalysis a = AnalyzeBody("dup *");                 // a.inferred == "( a -- b )"
//   BodyAnalysis v = VerifyBody("dup dup *", "( n -- n² )");  // !v.valid, v.fixes
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/check/checker.h"
#include "engine/check/fixes.h"
#include "engine/core/diagnostic.h"

namespace ffb {

struct BodyAnalysis {
  bool valid = false;
  bool bad_effect_text = false;  // verify: the declared effect does not parse (errors[0] says why)
  std::optional<std::string> declared, inferred;
  // Set when inference ran to completion.
  struct Shape {
    size_t inputs = 0, outputs = 0;
    uint32_t max_depth = 0;
    bool returns = true;
  };
  std::optional<Shape> shape;
  std::vector<Diagnostic> errors, warnings;
  std::vector<Fix> fixes;
};

// `resolver` supplies earlier words (null: only builtins are known).
BodyAnalysis AnalyzeBody(std::string_view code, const WordResolver* resolver = nullptr);
BodyAnalysis VerifyBody(std::string_view code, std::string_view effect,
                        const WordResolver* resolver = nullptr);

}  // namespace ffb
