// The chunk's structure-of-arrays spec table (DESIGN.md §2): one column per
// field, CSR (begin offsets, size rows+1) for variable-length parts, strings
// as StrRef into the chunk arena. Rows are appended in line order by the
// parser; later stages read some columns and write others.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/core/arena.h"
#include "engine/core/error_codes.h"
#include "engine/core/limits.h"
#include "engine/core/spec_types.h"
#include "kernels/constraint_program.h"

namespace ffb {

// Which optional fields a row had; a bit per field so validation can apply
// "required" rules without looking at strings.
// (Bit masks are named constants, not an enum: they combine.)
inline constexpr uint32_t kHasWord = 1u << 0;
inline constexpr uint32_t kHasDescription = 1u << 1;
inline constexpr uint32_t kHasStackEffect = 1u << 2;
inline constexpr uint32_t kHasInputs = 1u << 3;
inline constexpr uint32_t kHasOutputs = 1u << 4;
inline constexpr uint32_t kHasProperties = 1u << 5;
inline constexpr uint32_t kHasTestCases = 1u << 6;
inline constexpr uint32_t kHasComplexity = 1u << 7;
inline constexpr uint32_t kHasImplementation = 1u << 8;
inline constexpr uint32_t kHasPattern = 1u << 9;
inline constexpr uint32_t kHasCode = 1u << 10;
inline constexpr uint32_t kHasParams = 1u << 11;
inline constexpr uint32_t kHasMetadata = 1u << 12;
inline constexpr uint32_t kHasVersion = 1u << 13;
inline constexpr uint32_t kHasCreated = 1u << 14;
inline constexpr uint32_t kHasAuthor = 1u << 15;
inline constexpr uint32_t kWordTypeError = 1u << 16;    // "word" present but not a string
inline constexpr uint32_t kEffectTypeError = 1u << 17;  // "stack_effect" present but not an object

struct Slot {
  StrRef name;
  StrRef type_text;  // as written, for messages
  SlotType type = SlotType::kUnknown;
  StrRef constraint;  // inputs: constraint text; outputs: "value" text
  uint8_t has_type = 0;
};

struct KeyValue {
  StrRef key;
  StrRef value;
};

// One test case; its values are ranges into SpecTable::values.
struct TestCase {
  StrRef description;
  uint32_t input_begin = 0, input_count = 0;
  uint32_t output_begin = 0, output_count = 0;
  uint8_t tags = 0;  // kTag… bits
  uint8_t has_input = 0, has_output = 0;
};

// One verified fix suggestion (engine/check/fixes.h) for a row's body. The test
// stage runs the spec's tests on it when it can; passing fixes rank first.
enum class FixTests : uint8_t { kNotRun, kPass, kFail };
// One failed test case. Its cells sit back to back in failure_cells: the
// inputs, the expected outputs, then the last actual_shown cells of the actual
// stack (nearest the failure), whose full depth is actual_depth.
struct FailureRow {
  uint32_t index = 0;  // the case's position in the spec's test list
  Code code = Code::kNone;
  uint32_t cells_begin = 0;
  uint32_t inputs = 0, expected = 0, actual_shown = 0, actual_depth = 0;
};
// A failure keeps at most this many cells of the actual stack.
inline constexpr uint32_t kMaxFailureCells = limits::kMaxFailureCells;

struct FixRow {
  StrRef id, description, body, diff;
  FixTests tests = FixTests::kNotRun;
};

// Where a row's body came from (results.jsonl "body_source").
enum class BodySource : uint8_t { kNone, kCode, kPattern, kHeuristic };
std::string_view BodySourceName(BodySource s);

struct SpecTable {
  // Per row.
  std::vector<uint64_t> line;         // 1-based line number in its input
  std::vector<uint64_t> byte_offset;  // of the line's first byte in its input
  std::vector<StrRef> raw;            // exact line bytes (no terminator), chunk bytes
  std::vector<uint32_t> raw_length;   // true length; > raw.length when truncated
  std::vector<Status> status;
  std::vector<uint32_t> fields;  // kHas… bits
  std::vector<StrRef> word, description;
  std::vector<StrRef> complexity_time, complexity_space;
  std::vector<StrRef> pattern, code;
  std::vector<StrRef> author, version, created;
  std::vector<uint32_t> word_id;       // assigned by the define stage; kNoWord otherwise
  std::vector<uint64_t> content_hash;  // of the raw line, for provenance

  // CSR columns: X_begin has rows+1 entries; row r owns [X_begin[r], X_begin[r+1]).
  std::vector<uint32_t> input_begin{0}, output_begin{0};
  std::vector<Slot> inputs, outputs;
  std::vector<uint32_t> property_begin{0};
  std::vector<StrRef> properties;
  std::vector<uint32_t> test_begin{0};
  std::vector<TestCase> tests;
  std::vector<TestValue> values;  // test inputs and outputs, ranges per TestCase
  std::vector<uint32_t> hint_begin{0};
  std::vector<StrRef> hints;
  std::vector<uint32_t> param_begin{0};
  std::vector<KeyValue> params;
  std::vector<uint32_t> tag_begin{0};
  std::vector<StrRef> tags;  // metadata.tags
  std::vector<uint32_t> unknown_begin{0};
  std::vector<StrRef> unknown_fields;  // JSON paths of fields the schema lacks
  // Filled by validation: every input constraint of a row, conjoined.
  std::vector<uint32_t> constraint_begin{0};
  std::vector<ConstraintOp> constraint_ops;

  // Filled by generate / infer / verify (parallel, after define).
  std::vector<BodySource> body_source;
  std::vector<StrRef> body;          // canonical body text, rendered from tokens
  std::vector<StrRef> body_pattern;  // pattern id the body came from, if any
  std::vector<StrRef> inferred;      // "( a b -- c )"
  std::vector<uint32_t> max_depth;
  std::vector<uint32_t> fix_begin{0};
  std::vector<FixRow> fixes;
  // Filled by the test stage.
  std::vector<uint32_t> tests_run, tests_passed;
  std::vector<uint32_t> failure_begin{0};
  std::vector<FailureRow> failures;
  std::vector<int64_t> failure_cells;
  // Filled by object placement (engine/native/object_placement.h).
  std::vector<uint32_t> object_part;  // kNoPart when not in an object

  static constexpr uint32_t kNoWord = 0xffffffffu;
  static constexpr uint32_t kNoPart = 0xffffffffu;
  static constexpr uint32_t kNotRun = 0xffffffffu;

  size_t rows() const { return line.size(); }
  void Clear();
  // Appends one row with every per-row column defaulted and every CSR closed
  // empty (the reader adds all rows of a chunk first). The parser then fills
  // rows one at a time, in order, and calls FinishRow(row), which closes row's
  // CSR ranges at the current end of each array.
  uint32_t AddRow(uint64_t line_no, uint64_t offset, StrRef raw_bytes, uint32_t full_length);
  void FinishRow(uint32_t row);
};

}  // namespace ffb
