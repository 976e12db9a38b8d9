// Per-record problems are data: every stage appends rows here instead of
// throwing. A row names the spec row, the stage, the code, a message and a
// position (JSON path and/or column), and is written into results/rejects.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/arena.h"
#include "engine/core/error_codes.h"

namespace ffb {

enum class Stage : uint8_t { kIngest, kParse, kValidate, kDefine, kGenerate, kInfer, kTest };
std::string_view StageName(Stage s);

struct ErrorRow {
  uint32_t row;  // spec row within the chunk
  Stage stage;
  Code code;
  StrRef message;  // in the chunk arena
  StrRef path;     // JSON path like $.stack_effect.inputs[0].type, may be empty
  int32_t column;  // 1-based column within the line or the field's text; 0 = none
  bool warning;    // a warning never changes the row's status
};

struct ErrorTable {
  std::vector<ErrorRow> rows;
  void Clear() { rows.clear(); }
};

}  // namespace ffb
