#include "engine/core/error_codes.h"

#include <array>

namespace ffb {
namespace {

constexpr Severity E = Severity::kError;
constexpr Severity W = Severity::kWarning;

// Order must follow enum Code; a static_assert below checks the count and
// Describe() checks each entry's position in debug use via the tests.
constexpr std::array<CodeInfo, static_cast<size_t>(Code::kCount)> kCodes = {{
    {Code::kNone, "E0000", E, "no error"},
    {Code::kUnexpectedToken, "E0001", E, "unexpected token in a Forth body"},
    {Code::kUnterminatedComment, "E0002", E, "comment not closed before end of body"},
    {Code::kInvalidNumber, "E0003", E, "malformed number literal"},
    {Code::kJsonSyntax, "E0100", E, "line is not valid JSON"},
    {Code::kInvalidUtf8, "E0101", E, "line is not valid UTF-8"},
    {Code::kNulByte, "E0102", E, "line contains a NUL byte"},
    {Code::kLineTooLong, "E0103", E, "line longer than --max-line-bytes"},
    {Code::kNotAnObject, "E0104", E, "JSON value is not an object"},
    {Code::kTrailingContent, "E0105", E, "content after the JSON object"},
    {Code::kDuplicateKey, "E0106", E, "key appears twice in one object"},
    {Code::kNumberOutOfRange, "E0107", E, "integer outside int64 (or above 2^64-1 for uint)"},
    {Code::kWrongJsonType, "E0108", E, "field has the wrong JSON type"},
    {Code::kNotAnInteger, "E0109", E, "number is not an integer"},
    {Code::kUndefinedWord, "E1000", E, "undefined word"},
    {Code::kRedefinedWord, "E1001", E, "word already defined on an earlier line"},
    {Code::kUnusableCallee, "E1002", E, "calls a word whose own spec failed its checks"},
    {Code::kWholeDefinition, "E1003", E, "body is a whole definition `: name ... ;`"},
    {Code::kLaterWord, "E1004", E, "calls a word defined on a later line"},
    {Code::kMissingField, "E1100", E, "required field missing"},
    {Code::kEmptyName, "E1101", E, "word name is empty"},
    {Code::kNameTooLong, "E1102", E, "word name longer than 64 bytes"},
    {Code::kNameBadChar, "E1103", E, "word name has a character outside [A-Za-z0-9_+*/<>=!?-]"},
    {Code::kNameReserved, "E1104", E, "word name is a builtin or control word"},
    {Code::kUnknownType, "E1110", E, "type is not one of int uint bool char addr any"},
    {Code::kEmptyEffect, "W1111", W, "stack effect ( -- ) has neither inputs nor outputs"},
    {Code::kTooManySlots, "E1112", E, "more than 64 stack slots on one side"},
    {Code::kBadSlotName, "E1113", E, "stack slot name missing, malformed or repeated"},
    {Code::kConstraintSyntax, "E1120", E, "constraint is not a valid expression"},
    {Code::kConstraintUnknownName, "E1121", E, "constraint names no input of the effect"},
    {Code::kConstraintViolated, "E1122", E, "test input violates an input constraint"},
    {Code::kTestInputArity, "E1130", E, "test input count differs from the effect's inputs"},
    {Code::kTestOutputArity, "E1131", E, "test output count differs from the effect's outputs"},
    {Code::kTestValueType, "E1132", E, "test value does not fit the slot's type"},
    {Code::kTestAddrUntestable, "E1133", E, "addr values cannot be tested yet"},
    {Code::kUnknownTestTag, "E1134", E, "test tag is not a known tag"},
    {Code::kTooManyTests, "E1135", E, "more than 10000 test cases"},
    {Code::kTooManyTestValues, "E1136", E, "more values in one test than stack slots allow"},
    {Code::kBadSemver, "E1140", E, "metadata.version is not semver"},
    {Code::kBadTimestamp, "E1141", E, "metadata.created is not RFC 3339"},
    {Code::kUnknownField, "W1150", W, "unknown field (kept; an error with --strict)"},
    {Code::kStrictNoDescription, "E1160", E, "--strict: description required"},
    {Code::kStrictNoProperties, "E1161", E, "--strict: properties required"},
    {Code::kStrictNoTests, "E1162", E, "--strict: test cases required"},
    {Code::kStrictNoBaseCase, "E1163", E, "--strict: at least one base_case test required"},
    {Code::kNoImplementation, "E1170", E, "no implementation: no code, pattern or heuristic match"},
    {Code::kUnknownPattern, "E1171", E, "unknown pattern id"},
    {Code::kTemplateVariable, "E1172", E, "template variable missing or unknown"},
    {Code::kPatternUnsupported, "E1173", E, "pattern needs words outside the dialect"},
    {Code::kEffectSyntax, "E1174", E, "stack effect text is not ( inputs -- outputs )"},
    {Code::kStackUnderflow, "E2000", E, "stack underflow"},
    {Code::kStackOverflow, "E2001", E, "stack depth limit exceeded"},
    {Code::kDepthMismatch, "E2234", E, "inferred effect differs from the declared effect"},
    {Code::kBranchMismatch, "E2235", E, "if/else arms leave different stack heights"},
    {Code::kLoopNotNeutral, "E2236", E, "loop body is not stack-neutral per iteration"},
    {Code::kFixSearchTruncated, "W2237", W,
     "fix search stopped at its work budget; more fixes may exist"},
    {Code::kPassThrough, "W2238", W,
     "body takes fewer inputs than declared; the deepest pass through unchanged"},
    {Code::kKindMismatch, "E2300", E, "value kind differs from the declared type"},
    {Code::kBoolFromNonFlag, "W2301", W, "bool output is not produced by a flag"},
    {Code::kArithmeticOnFlag, "W2302", W, "arithmetic on a flag"},
    {Code::kNoStaticEffect, "E2500", E, "word has no static stack effect"},
    {Code::kReturnStackImbalance, "E2501", E, "return stack unbalanced on some path"},
    {Code::kReturnStackLoopFrame, "E2502", E, "return stack access reaches into a loop frame"},
    {Code::kUnmatchedIf, "E3000", E, "IF without THEN"},
    {Code::kUnmatchedThen, "E3001", E, "THEN without IF"},
    {Code::kUnmatchedElse, "E3002", E, "ELSE without IF"},
    {Code::kUnmatchedDo, "E3010", E, "DO without LOOP"},
    {Code::kUnmatchedLoop, "E3011", E, "LOOP without DO"},
    {Code::kLoopWordOutside, "E3012", E, "I, J, LEAVE or UNLOOP outside a DO loop"},
    {Code::kUnmatchedBegin, "E3020", E, "BEGIN without UNTIL, REPEAT or AGAIN"},
    {Code::kUnmatchedUntil, "E3021", E, "UNTIL, WHILE, REPEAT or AGAIN without BEGIN"},
    {Code::kRecurseOutside, "E3030", E, "RECURSE outside a definition"},
    {Code::kTestWrongValue, "E4000", E, "test produced a wrong value"},
    {Code::kTestWrongDepth, "E4001", E, "test produced the wrong number of results"},
    {Code::kDivisionByZero, "E4002", E, "division by zero"},
    {Code::kFuelExhausted, "E4003", E, "step budget exhausted (likely an endless loop)"},
    {Code::kDataStackOverflow, "E4004", E, "data stack overflow"},
    {Code::kReturnStackOverflow, "E4005", E, "return stack overflow"},
    {Code::kCallDepthExceeded, "E4006", E, "call depth exceeded (unbounded recursion)"},
    {Code::kNoTestCases, "W4007", W, "no test cases: the body was never run"},
    {Code::kCodegenFailed, "E5000", E, "native code generation failed"},
    {Code::kInternal, "E9000", E, "internal error"},
    {Code::kNativeDisagreement, "E9001", E, "native and interpreter results disagree"},
}};

}  // namespace

const CodeInfo& Describe(Code code) { return kCodes[static_cast<size_t>(code)]; }

std::span<const CodeInfo> AllCodes() { return kCodes; }

}  // namespace ffb
