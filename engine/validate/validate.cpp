#include "engine/validate/validate.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/forth/builtins.h"
#include "engine/validate/constraint_cache.h"
#include "engine/validate/constraint_compiler.h"
#include "engine/validate/field_suggestion.h"
#include "engine/validate/metadata_formats.h"
#include "kernels/constraint_check.h"

namespace ffb {

namespace {

bool IsNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '*' || c == '/' || c == '<' || c == '>' || c == '=' || c == '!' ||
         c == '?' || c == '-';
}

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  }
  return false;
}

class RowValidator {
 public:
  RowValidator(Chunk& chunk, uint32_t row, const ValidateOptions& options)
      : c_(chunk), t_(chunk.table), row_(row), opt_(options) {}

  void Run() {
    Name();
    Effect();
    Tests();
    Metadata();
    UnknownFields();
    if (opt_.strict) Strict();
  }

 private:
  void Error(Code code, std::string_view message, std::string_view path, int32_t column = 0) {
    AddError(c_, row_, Stage::kValidate, code, message, path, column, Status::kInvalid);
  }

  void Name() {
    if (t_.fields[row_] & kWordTypeError) return;
    if (!(t_.fields[row_] & kHasWord)) {
      Error(Code::kMissingField, "required field \"word\" is missing", "$.word");
      return;
    }
    std::string_view name = c_.Str(t_.word[row_]);
    if (name.empty()) {
      Error(Code::kEmptyName, "word name is empty", "$.word");
      return;
    }
    if (name.size() > opt_.max_name_bytes) {
      Error(Code::kNameTooLong,
            fmt::format("word name is {} bytes; at most {}", name.size(), opt_.max_name_bytes),
            "$.word", static_cast<int32_t>(opt_.max_name_bytes) + 1);
    }
    for (size_t i = 0; i < name.size(); ++i) {
      if (!IsNameChar(name[i])) {
        unsigned char b = static_cast<unsigned char>(name[i]);
        std::string shown = (b >= 0x20 && b < 0x7f) ? fmt::format("'{}'", name[i])
                                                    : fmt::format("byte 0x{:02x}", b);
        Error(
            Code::kNameBadChar,
            fmt::format("word name has {} at position {}; allowed: A-Z a-z 0-9 _ + * / < > = ! ? -",
                        shown, i + 1),
            "$.word", static_cast<int32_t>(i) + 1);
        return;
      }
    }
    if (IsReservedWord(name)) {
      Error(Code::kNameReserved,
            fmt::format("\"{}\" is reserved (a word of the dialect or the test harness)", name),
            "$.word");
    } else if (IsNumberLike(name)) {
      // A body would read it as a literal, never as a call.
      Error(Code::kNameReserved,
            fmt::format("\"{}\" reads as a number literal, so it cannot name a word", name),
            "$.word");
    }
  }

  // Decimal literals, optionally negative (the only number forms whose
  // characters are legal in names).
  static bool IsNumberLike(std::string_view name) {
    size_t i = (name.size() > 1 && name[0] == '-') ? 1 : 0;
    for (; i < name.size(); ++i) {
      if (name[i] < '0' || name[i] > '9') return false;
    }
    return true;
  }

  void Slots(bool inputs) {
    const auto& begin = inputs ? t_.input_begin : t_.output_begin;
    const auto& slots = inputs ? t_.inputs : t_.outputs;
    std::string_view side = inputs ? "inputs" : "outputs";
    uint32_t n = begin[row_ + 1] - begin[row_];
    if (n > opt_.max_slots) {
      Error(Code::kTooManySlots,
            fmt::format("more than {} {} slots", opt_.max_slots, inputs ? "input" : "output"),
            fmt::format("$.stack_effect.{}", side));
      return;
    }
    for (uint32_t k = 0; k < n; ++k) {
      const Slot& s = slots[begin[row_] + k];
      // Rendered only for an error: formatting it for every slot was a
      // measurable share of ingest.
      auto path = [&](std::string_view field) {
        return fmt::format("$.stack_effect.{}[{}].{}", side, k, field);
      };
      std::string_view name = c_.Str(s.name);
      if (name.empty()) {
        Error(Code::kBadSlotName, "slot name is missing or empty", path("name"));
      } else if (HasSpace(name)) {
        Error(Code::kBadSlotName, fmt::format("slot name \"{}\" contains whitespace", name),
              path("name"));
      } else if (inputs) {
        // Input names are referenced by constraints, so they must be unique;
        // output names may repeat, as in ( a -- a a ).
        for (uint32_t j = 0; j < k; ++j) {
          if (c_.Str(slots[begin[row_] + j].name) == name) {
            Error(Code::kBadSlotName, fmt::format("slot name \"{}\" repeats {}[{}]", name, side, j),
                  path("name"));
            break;
          }
        }
      }
      if (!s.has_type) {
        Error(Code::kMissingField, "slot type is missing", path("type"));
      } else if (s.type == SlotType::kUnknown) {
        Error(Code::kUnknownType,
              fmt::format("unknown type \"{}\"; known: int uint bool char addr any",
                          c_.Str(s.type_text)),
              path("type"));
      }
    }
  }

  void Effect() {
    if (t_.fields[row_] & kEffectTypeError) return;
    if (!(t_.fields[row_] & kHasStackEffect)) {
      Error(Code::kMissingField, "required field \"stack_effect\" is missing", "$.stack_effect");
      return;
    }
    Slots(true);
    Slots(false);
    uint32_t ins = t_.input_begin[row_ + 1] - t_.input_begin[row_];
    uint32_t outs = t_.output_begin[row_ + 1] - t_.output_begin[row_];
    if (ins == 0 && outs == 0) {
      // ( -- ) is a valid effect (Forth has many such words); the word can
      // only be observed through its tests' empty stacks, so say so.
      AddWarning(c_, row_, Stage::kValidate, Code::kEmptyEffect,
                 "stack effect ( -- ) has neither inputs nor outputs: the word takes and leaves "
                 "nothing on the data stack",
                 "$.stack_effect");
    }
    Constraints(ins);
  }

  void Constraints(uint32_t ins) {
    if (ins > opt_.max_slots) return;
    // Reused across rows: one allocation per thread, not one per spec.
    thread_local std::vector<std::string_view> names;
    names.clear();
    for (uint32_t k = 0; k < ins; ++k)
      names.push_back(c_.Str(t_.inputs[t_.input_begin[row_] + k].name));
    auto& ops = t_.constraint_ops;
    size_t programs = 0;
    for (uint32_t k = 0; k < ins; ++k) {
      const Slot& s = t_.inputs[t_.input_begin[row_] + k];
      std::string_view text = c_.Str(s.constraint);
      if (s.constraint.empty()) continue;
      thread_local ConstraintCache cache;
      ConstraintError err = cache.Compile(text, names, ops);
      if (err.code != Code::kNone) {
        Error(err.code, fmt::format("constraint \"{}\": {}", text, err.message),
              fmt::format("$.stack_effect.inputs[{}].constraint", k), err.column);
        continue;
      }
      // All constraints of a row form one program: their conjunction.
      if (programs++ > 0) ops.push_back({ConstraintOpKind::kAnd, 0, 0});
      // Conjunctions stack one value per program; a huge number of
      // constraints stays within the evaluator's stack because each And pops.
    }
    t_.constraint_begin[row_ + 1] = static_cast<uint32_t>(ops.size());
  }

  // Checks one value against its slot type; returns false (with an error)
  // when it does not fit.
  // `path` is rendered only when the value does not fit.
  template <typename PathFn>
  bool FitsType(const TestValue& v, SlotType type, const PathFn& path) {
    auto bad = [&](std::string_view want) {
      Error(Code::kTestValueType,
            fmt::format("{} does not fit type {} (expects {})", TestValueText(v),
                        SlotTypeName(type), want),
            path());
      return false;
    };
    if (v.kind == ValueKind::kReported) return false;
    if (v.kind == ValueKind::kOther || v.kind == ValueKind::kString) {
      if (type == SlotType::kChar) return bad("a one-character string or a code point");
      if (type == SlotType::kAddr) goto addr;
      return bad(type == SlotType::kBool ? "true/false or -1/0" : "an integer");
    }
    switch (type) {
      case SlotType::kInt:
        if (v.kind == ValueKind::kBigUint) {
          Error(Code::kNumberOutOfRange,
                fmt::format("{} is above the int64 maximum; only uint slots take values up to "
                            "2^64-1",
                            TestValueText(v)),
                path());
          return false;
        }
        if (v.kind != ValueKind::kInt) return bad("an integer");
        return true;
      case SlotType::kUint:
        if (v.kind == ValueKind::kBigUint) return true;
        if (v.kind != ValueKind::kInt || v.cell < 0) return bad("a non-negative integer");
        return true;
      case SlotType::kBool:
        if (v.kind == ValueKind::kBool) return true;
        if (v.kind == ValueKind::kInt && (v.cell == 0 || v.cell == -1)) return true;
        return bad("true/false or -1/0");
      case SlotType::kChar:
        if (v.kind == ValueKind::kChar) return true;
        if (v.kind == ValueKind::kInt && v.cell >= 0 && v.cell <= 0x10FFFF) return true;
        return bad("a one-character string or a code point 0..0x10FFFF");
      case SlotType::kAny:
        if (v.kind == ValueKind::kInt || v.kind == ValueKind::kBool) return true;
        if (v.kind == ValueKind::kBigUint) {
          Error(Code::kNumberOutOfRange,
                fmt::format("{} is above the int64 maximum", TestValueText(v)), path());
          return false;
        }
        return bad("an integer or a bool");
      case SlotType::kAddr:
        goto addr;
      case SlotType::kUnknown:
        return false;  // already reported on the slot
    }
    return true;
  addr:
    Error(Code::kTestAddrUntestable, "addr values cannot be tested yet (no memory words)", path());
    return false;
  }

  void Tests() {
    uint32_t ins = t_.input_begin[row_ + 1] - t_.input_begin[row_];
    uint32_t outs = t_.output_begin[row_ + 1] - t_.output_begin[row_];
    bool effect_ok =
        (t_.fields[row_] & kHasStackEffect) && ins <= opt_.max_slots && outs <= opt_.max_slots;
    std::span<const ConstraintOp> program(
        t_.constraint_ops.data() + t_.constraint_begin[row_],
        t_.constraint_begin[row_ + 1] - t_.constraint_begin[row_]);
    // Inputs of every test that passed the arity and type checks, row-major
    // [test][slot], for one SIMD constraint check over all of them.
    thread_local std::vector<int64_t> matrix;
    thread_local std::vector<uint32_t> matrix_tests;
    thread_local std::vector<uint8_t> holds;
    matrix.clear();
    matrix_tests.clear();
    for (uint32_t k = t_.test_begin[row_]; k < t_.test_begin[row_ + 1]; ++k) {
      const TestCase& tc = t_.tests[k];
      uint32_t index = k - t_.test_begin[row_];
      auto base = [index] { return fmt::format("$.test_cases[{}]", index); };
      if (!tc.has_input) {
        Error(Code::kMissingField, "test case has no \"input\"", base() + ".input");
      }
      if (!tc.has_output) {
        Error(Code::kMissingField, "test case has no \"output\"", base() + ".output");
      }
      if (!effect_ok) continue;
      bool inputs_ok = tc.has_input;
      if (tc.has_input && tc.input_count != ins) {
        Error(Code::kTestInputArity,
              fmt::format("test has {} inputs; the effect takes {}", tc.input_count, ins),
              base() + ".input");
        inputs_ok = false;
      }
      if (tc.has_output && tc.output_count != outs) {
        Error(Code::kTestOutputArity,
              fmt::format("test has {} outputs; the effect gives {}", tc.output_count, outs),
              base() + ".output");
      }
      if (inputs_ok) {
        for (uint32_t j = 0; j < ins; ++j) {
          const Slot& s = t_.inputs[t_.input_begin[row_] + j];
          if (!FitsType(t_.values[tc.input_begin + j], s.type,
                        [&] { return fmt::format("{}.input[{}]", base(), j); })) {
            inputs_ok = false;
          }
        }
      }
      if (tc.has_output && tc.output_count == outs) {
        for (uint32_t j = 0; j < outs; ++j) {
          const Slot& s = t_.outputs[t_.output_begin[row_] + j];
          FitsType(t_.values[tc.output_begin + j], s.type,
                   [&] { return fmt::format("{}.output[{}]", base(), j); });
        }
      }
      if (inputs_ok && !program.empty()) {
        for (uint32_t j = 0; j < ins; ++j) matrix.push_back(t_.values[tc.input_begin + j].cell);
        matrix_tests.push_back(index);
      }
    }
    if (matrix_tests.empty()) return;
    holds.resize(matrix_tests.size());
    if (!CheckConstraints(program, matrix.data(), matrix_tests.size(), ins, holds.data())) {
      Error(Code::kInternal, "constraint program failed its own validity check",
            "$.stack_effect.inputs");
      return;
    }
    for (size_t k = 0; k < matrix_tests.size(); ++k) {
      if (holds[k]) continue;
      std::vector<int64_t> cells(matrix.begin() + k * ins, matrix.begin() + (k + 1) * ins);
      ConstraintViolation(fmt::format("$.test_cases[{}]", matrix_tests[k]), cells);
    }
  }

  // Names the first constraint the test breaks, evaluating each input's own
  // program again; only runs on failure.
  void ConstraintViolation(const std::string& base, const std::vector<int64_t>& cells) {
    std::vector<std::string_view> names;
    uint32_t ins = t_.input_begin[row_ + 1] - t_.input_begin[row_];
    for (uint32_t k = 0; k < ins; ++k)
      names.push_back(c_.Str(t_.inputs[t_.input_begin[row_] + k].name));
    std::vector<ConstraintOp> one;
    for (uint32_t k = 0; k < ins; ++k) {
      std::string_view text = c_.Str(t_.inputs[t_.input_begin[row_] + k].constraint);
      if (text.empty()) continue;
      one.clear();
      if (CompileConstraint(text, names, one).code != Code::kNone) continue;
      uint8_t holds = 1;
      CheckConstraintsScalar(one, cells.data(), 1, cells.size(), &holds);
      if (!holds) {
        std::string values;
        for (size_t j = 0; j < cells.size(); ++j) {
          values += fmt::format("{}{} = {}", j ? ", " : "", names[j], cells[j]);
        }
        Error(Code::kConstraintViolated,
              fmt::format("test input violates constraint \"{}\" of input {} ({})", text, names[k],
                          values),
              base + ".input");
        return;
      }
    }
  }

  void Metadata() {
    if (t_.fields[row_] & kHasVersion) {
      std::string_view v = c_.Str(t_.version[row_]);
      if (auto bad = CheckSemver(v)) {
        Error(Code::kBadSemver,
              fmt::format("version \"{}\" is not semver (MAJOR.MINOR.PATCH[-pre][+build])", v),
              "$.metadata.version", static_cast<int32_t>(*bad) + 1);
      }
    }
    if (t_.fields[row_] & kHasCreated) {
      std::string_view v = c_.Str(t_.created[row_]);
      if (auto bad = CheckRfc3339(v)) {
        Error(Code::kBadTimestamp,
              fmt::format("created \"{}\" is not an RFC 3339 timestamp "
                          "(e.g. 2026-11-29T02:28:00Z)",
                          v),
              "$.metadata.created", static_cast<int32_t>(*bad) + 1);
      }
    }
  }

  void UnknownFields() {
    for (uint32_t k = t_.unknown_begin[row_]; k < t_.unknown_begin[row_ + 1]; ++k) {
      std::string_view path = c_.Str(t_.unknown_fields[k]);
      std::string message = fmt::format("unknown field {} (kept, not used)", path);
      if (std::string_view near = SuggestSpecField(path); !near.empty()) {
        message += fmt::format("; did you mean `{}`?", near);
      }
      if (opt_.strict) {
        Error(Code::kUnknownField, message + "; an error under --strict", path);
      } else {
        AddWarning(c_, row_, Stage::kValidate, Code::kUnknownField, message, path);
      }
    }
  }

  void Strict() {
    uint32_t f = t_.fields[row_];
    if (!(f & kHasDescription) || t_.description[row_].empty()) {
      Error(Code::kStrictNoDescription, "--strict: description is required", "$.description");
    }
    if (t_.property_begin[row_ + 1] == t_.property_begin[row_]) {
      Error(Code::kStrictNoProperties, "--strict: at least one property is required",
            "$.properties");
    }
    uint32_t first = t_.test_begin[row_], last = t_.test_begin[row_ + 1];
    if (first == last) {
      Error(Code::kStrictNoTests, "--strict: at least one test case is required", "$.test_cases");
      return;
    }
    for (uint32_t k = first; k < last; ++k) {
      if (t_.tests[k].tags & kTagBaseCase) return;
    }
    Error(Code::kStrictNoBaseCase, "--strict: at least one test case tagged base_case is required",
          "$.test_cases");
  }

  Chunk& c_;
  SpecTable& t_;
  uint32_t row_;
  const ValidateOptions& opt_;
};

}  // namespace

void Validate(Chunk& chunk, const ValidateOptions& options) {
  SpecTable& t = chunk.table;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kRejected) RowValidator(chunk, row, options).Run();
    t.constraint_begin[row + 1] = static_cast<uint32_t>(t.constraint_ops.size());
  }
}

std::optional<RuleViolation> CheckTestCaseCount(uint32_t count, uint32_t max) {
  if (count <= max) return std::nullopt;
  return RuleViolation{Code::kTooManyTests,
                       fmt::format("{} test cases; at most {} are allowed", count, max)};
}

std::optional<RuleViolation> CheckTestValueCount(uint32_t count, uint32_t max) {
  if (count <= max) return std::nullopt;
  return RuleViolation{Code::kTooManyTestValues,
                       fmt::format("{} values; at most {} per side", count, max)};
}

std::optional<RuleViolation> CheckTestTag(std::string_view tag, uint8_t& tags) {
  if (std::optional<uint8_t> bit = ParseTestTag(tag)) {
    tags |= *bit;
    return std::nullopt;
  }
  return RuleViolation{Code::kUnknownTestTag,
                       fmt::format("unknown tag \"{}\"; known: base_case edge_case boundary "
                                   "error performance property",
                                   tag)};
}

}  // namespace ffb
