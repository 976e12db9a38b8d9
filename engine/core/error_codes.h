// The one table of ffbatch error and warning codes (DESIGN.md §6).
// Ranges keep FastForth's numbering where it has one: E0xxx lexical and
// ingest, E1xxx names and specs, E2xxx stack effects, E3xxx control flow,
// E4xxx tests and execution, E5xxx code generation, E9xxx internal.
// Warnings use the same numbers with a W prefix.
//
//   const CodeInfo& info = Describe(Code::kRedefinedWord);  // "E1001"
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace ffb {

enum class Code : uint16_t {
  kNone = 0,
  // E0xxx: lexical (Forth bodies) and ingest (JSON lines).
  kUnexpectedToken,      // E0001
  kUnterminatedComment,  // E0002
  kInvalidNumber,        // E0003
  kJsonSyntax,           // E0100
  kInvalidUtf8,          // E0101
  kNulByte,              // E0102
  kLineTooLong,          // E0103
  kNotAnObject,          // E0104
  kTrailingContent,      // E0105
  kDuplicateKey,         // E0106
  kNumberOutOfRange,     // E0107
  kWrongJsonType,        // E0108
  kNotAnInteger,         // E0109
  // E1xxx: names and specs.
  kUndefinedWord,          // E1000
  kRedefinedWord,          // E1001
  kUnusableCallee,         // E1002
  kWholeDefinition,        // E1003
  kLaterWord,              // E1004
  kMissingField,           // E1100
  kEmptyName,              // E1101
  kNameTooLong,            // E1102
  kNameBadChar,            // E1103
  kNameReserved,           // E1104
  kUnknownType,            // E1110
  kEmptyEffect,            // W1111 (was E1111 until ( -- ) became valid)
  kTooManySlots,           // E1112
  kBadSlotName,            // E1113
  kConstraintSyntax,       // E1120
  kConstraintUnknownName,  // E1121
  kConstraintViolated,     // E1122
  kTestInputArity,         // E1130
  kTestOutputArity,        // E1131
  kTestValueType,          // E1132
  kTestAddrUntestable,     // E1133
  kUnknownTestTag,         // E1134
  kTooManyTests,           // E1135
  kTooManyTestValues,      // E1136
  kBadSemver,              // E1140
  kBadTimestamp,           // E1141
  kUnknownField,           // W1150 (an error under --strict)
  kStrictNoDescription,    // E1160
  kStrictNoProperties,     // E1161
  kStrictNoTests,          // E1162
  kStrictNoBaseCase,       // E1163
  kNoImplementation,       // E1170
  kUnknownPattern,         // E1171
  kTemplateVariable,       // E1172
  kPatternUnsupported,     // E1173
  kEffectSyntax,           // E1174
  // E2xxx: stack effects.
  kStackUnderflow,        // E2000
  kStackOverflow,         // E2001
  kDepthMismatch,         // E2234
  kBranchMismatch,        // E2235
  kLoopNotNeutral,        // E2236
  kFixSearchTruncated,    // W2237
  kPassThrough,           // W2238
  kKindMismatch,          // E2300
  kBoolFromNonFlag,       // W2301
  kArithmeticOnFlag,      // W2302
  kNoStaticEffect,        // E2500
  kReturnStackImbalance,  // E2501
  kReturnStackLoopFrame,  // E2502
  // E3xxx: control flow.
  kUnmatchedIf,      // E3000
  kUnmatchedThen,    // E3001
  kUnmatchedElse,    // E3002
  kUnmatchedDo,      // E3010
  kUnmatchedLoop,    // E3011
  kLoopWordOutside,  // E3012
  kUnmatchedBegin,   // E3020
  kUnmatchedUntil,   // E3021
  kRecurseOutside,   // E3030
  // E4xxx: tests and execution.
  kTestWrongValue,       // E4000
  kTestWrongDepth,       // E4001
  kDivisionByZero,       // E4002
  kFuelExhausted,        // E4003
  kDataStackOverflow,    // E4004
  kReturnStackOverflow,  // E4005
  kCallDepthExceeded,    // E4006
  kNoTestCases,          // W4007
  // E5xxx: code generation.
  kCodegenFailed,  // E5000
  // E9xxx: internal.
  kInternal,            // E9000
  kNativeDisagreement,  // E9001
  kCount
};

enum class Severity : uint8_t { kError, kWarning };

struct CodeInfo {
  Code code;
  std::string_view id;  // "E1001"; warnings "W1150"
  Severity severity;
  std::string_view summary;  // one line, for the README table and --help
};

const CodeInfo& Describe(Code code);
std::span<const CodeInfo> AllCodes();

}  // namespace ffb
