// FastForth-compatible agent verbs `infer` and `verify` as plain functions the
// CLI wires up: infer a body's stack effect, or check it against a declared
// effect, and print a human line or one JSON object. Exit codes follow
// sysexits: 0 valid, 65 not valid, 64 bad usage (unparsable effect text).
//
//   int rc = RunVerifyVerb("dup dup *", "( n -- n² )", /*json=*/true, std::cout);  // 65 + fixes
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "engine/check/checker.h"
#include "engine/core/run_error.h"

namespace ffb {

// `resolver` supplies earlier words (null: only builtins are known).
int RunInferVerb(std::string_view code, bool json, std::ostream& out,
                 const WordResolver* resolver = nullptr);
int RunVerifyVerb(std::string_view code, std::string_view effect, bool json, std::ostream& out,
                  const WordResolver* resolver = nullptr);

}  // namespace ffb
