// Small value types shared by the spec table, validation and later stages:
// slot types, statuses, test values and tags.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ffb {

enum class SlotType : uint8_t { kInt, kUint, kBool, kChar, kAddr, kAny, kUnknown };

std::string_view SlotTypeName(SlotType t);
std::optional<SlotType> ParseSlotType(std::string_view s);

// Per-row outcome, in the order a record can fail: rejected (unusable line),
// invalid (spec breaks a rule), mismatch (effect check), failed (a test).
enum class Status : uint8_t { kOk, kRejected, kInvalid, kMismatch, kFailed };
std::string_view StatusName(Status s);
constexpr int kStatusCount = 5;

// What a JSON test value was, before it is checked against the slot type.
enum class ValueKind : uint8_t {
  kInt,       // fits int64
  kBigUint,   // in (2^63-1, 2^64-1]: a cell bit pattern, legal only for uint
  kBool,      // true/false, stored as -1/0
  kChar,      // one-code-point string, stored as the code point
  kString,    // any other string (never a legal value; kept for the message)
  kOther,     // null, object, array
  kReported,  // already reported by the parser (e.g. a float): no further checks
};

struct TestValue {
  int64_t cell = 0;
  ValueKind kind = ValueKind::kInt;
};
// A test value for messages, the way the spec author wrote it: true, 7,
// 18446744073709551615, "char U+0041", "a 3-byte string".
std::string TestValueText(const TestValue& v);

// Test tags as bits, so a spec's tag set is one byte.
// (Bit masks are named constants, not an enum: they combine.)
inline constexpr uint8_t kTagBaseCase = 1 << 0;
inline constexpr uint8_t kTagEdgeCase = 1 << 1;
inline constexpr uint8_t kTagBoundary = 1 << 2;
inline constexpr uint8_t kTagError = 1 << 3;
inline constexpr uint8_t kTagPerformance = 1 << 4;
inline constexpr uint8_t kTagProperty = 1 << 5;

std::optional<uint8_t> ParseTestTag(std::string_view s);

}  // namespace ffb
