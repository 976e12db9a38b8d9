// One error or warning about a Forth body, positioned by token index and
// 1-based column. Lexer, checker and verifier all report in this form; the
// pipeline copies them into the chunk's error table.
//
//   for (const Diagnostic& d : result.diagnostics) Describe(d.code).id;  // "E2235"
#pragma once

#include <cstdint>
#include <string>

#include "engine/core/error_codes.h"

namespace ffb {

struct Diagnostic {
  Code code = Code::kNone;
  uint32_t token = 0;   // index into the body's tokens (== token count: at the end)
  uint32_t column = 0;  // 1-based byte column in the body; 0 when not positioned
  std::string message;

  bool is_warning() const { return Describe(code).severity == Severity::kWarning; }
};

}  // namespace ffb
