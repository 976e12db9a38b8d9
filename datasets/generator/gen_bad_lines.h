// The kinds of bad line ffgen mixes into a corpus, the ffbatch error code
// each one is meant to provoke (engine/core/error_codes.h), and the mutations
// that make them. Each kind has a few variants, chosen by rotation
// (occurrence number of that kind modulo the variant count), so a test can
// predict exactly what a line contains from its kind and occurrence.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "gen_programs.h"
#include "gen_rng.h"
#include "gen_spec.h"

namespace ffgen {

enum class BadKind : uint8_t {
  kMalformedJson,
  kInvalidUtf8,
  kNulByte,
  kLineTooLong,
  kNotObject,
  kTrailingGarbage,
  kDuplicateKey,
  kIntOutOfRange,
  kBlankLine,
  kCrlf,
  kBadName,
  kUnknownType,
  kEmptyEffect,
  kBadConstraint,
  kConstraintViolation,
  kArityMismatch,
  kWrongValueType,
  kUnknownTag,
  kBadSemver,
  kBadTimestamp,
  kUnknownField,
  kDuplicateName,
  kCount
};
constexpr size_t kBadKindCount = static_cast<size_t>(BadKind::kCount);

constexpr std::array<std::string_view, kBadKindCount> kBadKindNames = {
    "malformed_json", "invalid_utf8",     "nul_byte",
    "line_too_long",  "not_object",       "trailing_garbage",
    "duplicate_key",  "int_out_of_range", "blank_line",
    "crlf",           "bad_name",         "unknown_type",
    "empty_effect",   "bad_constraint",   "constraint_violation",
    "arity_mismatch", "wrong_value_type", "unknown_tag",
    "bad_semver",     "bad_timestamp",    "unknown_field",
    "duplicate_name"};

inline std::string_view BadKindName(BadKind k) { return kBadKindNames[static_cast<size_t>(k)]; }

// Line length of a line_too_long line: well past the 1 MiB default limit.
constexpr size_t kLongLineBytes = (1u << 20) + 64 * 1024;

// Number of variants of each kind (see MakeBadLine for what they are).
constexpr std::array<uint8_t, kBadKindCount> kVariantCount = {4, 5, 1, 1, 5, 4, 3, 3, 1, 1, 12,
                                                              5, 1, 4, 2, 2, 3, 4, 6, 6, 3, 1};

// The code ffbatch is expected to report for a line of this kind/variant;
// "-" where the engine decides (a blank line, a CRLF terminator).
inline std::string_view ExpectedCode(BadKind k, unsigned variant) {
  switch (k) {
    case BadKind::kMalformedJson:
      return "E0100";
    case BadKind::kInvalidUtf8:
      return "E0101";
    case BadKind::kNulByte:
      return "E0102";
    case BadKind::kLineTooLong:
      return "E0103";
    case BadKind::kNotObject:
      return "E0104";
    case BadKind::kTrailingGarbage:
      return "E0105";
    case BadKind::kDuplicateKey:
      return "E0106";
    case BadKind::kIntOutOfRange:
      return "E0107";
    case BadKind::kBlankLine:
      return "-";
    case BadKind::kCrlf:
      return "-";
    case BadKind::kBadName: {
      static constexpr std::string_view kCodes[] = {"E1103", "E1102", "E1104"};
      return kCodes[variant % 3];
    }
    case BadKind::kUnknownType:
      return "E1110";
    case BadKind::kEmptyEffect:
      return "W1111";  // ( -- ) is valid: a warning, the spec is ok
    case BadKind::kBadConstraint:
      return variant % 2 == 0 ? "E1120" : "E1121";
    case BadKind::kConstraintViolation:
      return "E1122";
    case BadKind::kArityMismatch:
      return variant % 2 == 0 ? "E1130" : "E1131";
    case BadKind::kWrongValueType:
      return "E1132";
    case BadKind::kUnknownTag:
      return "E1134";
    case BadKind::kBadSemver:
      return "E1140";
    case BadKind::kBadTimestamp:
      return "E1141";
    case BadKind::kUnknownField:
      return "W1150";
    case BadKind::kDuplicateName:
      return "E1001";
    case BadKind::kCount:
      break;
  }
  return "-";
}

// Kinds whose mutation needs a first input slot of type int with a range
// constraint: they are built on the affine family.
inline bool NeedsIntInput(BadKind k) {
  return k == BadKind::kIntOutOfRange || k == BadKind::kBadConstraint ||
         k == BadKind::kConstraintViolation || k == BadKind::kArityMismatch ||
         k == BadKind::kWrongValueType;
}

// Changes a fully built good draft so it breaks one spec-level rule.
// `earlier_good` is a name from an earlier good line (for duplicate_name).
// `line_no` keeps bad names recognisable (w-<line> <family>, ...).
inline void MutateDraft(BadKind k, unsigned v, uint64_t line_no, SplitMix64& r, const Prog& p,
                        Draft& d, std::string_view earlier_good) {
  switch (k) {
    case BadKind::kDuplicateKey: {
      std::string& m = d.extra_members;
      if (v == 0) {
        m = "\"word\":\"";
        m += d.name;
        m += '"';
      } else if (v == 1) {
        m = "\"description\":\"a second description\"";
      } else {
        m = "\"properties\":[]";
      }
      break;
    }
    case BadKind::kIntOutOfRange: {
      static constexpr const char* kRaw[] = {"99999999999999999999", "-9223372036854775809",
                                             "18446744073709551616"};
      d.in[0].constraint.clear();  // so the range is the only rule broken
      d.tests[0].in[0] = Value{0, ValueForm::kRaw, kRaw[v]};
      break;
    }
    case BadKind::kBadName: {
      d.name.clear();
      unsigned sub = v / 3;
      std::string_view fam = FamilyName(p.fam);
      switch (v % 3) {
        case 0: {  // illegal character
          static constexpr const char* kFmt[] = {"w-{} {}", "w-{}.{}", "w-{}-{}#",
                                                 "w-{}-\xC3\xA9{}"};
          d.name = fmt::format(fmt::runtime(kFmt[sub % 4]), line_no, fam);
          break;
        }
        case 1:  // 65+ bytes
          d.name = fmt::format("w-{}-{}-{}", line_no, std::string(60, 'x'), fam);
          break;
        default: {  // builtin
          static constexpr const char* kBuiltins[] = {"dup", "swap", "+", "DROP"};
          d.name = kBuiltins[sub % 4];
          break;
        }
      }
      break;
    }
    case BadKind::kUnknownType: {
      static constexpr std::string_view kTypes[] = {"float", "integer", "string", "i64", "double"};
      d.out[0].type_text = kTypes[v];
      break;
    }
    case BadKind::kEmptyEffect:
      d.nin = d.nout = 0;
      for (int t = 0; t < d.ntests; ++t) d.tests[t].nin = d.tests[t].nout = 0;
      d.code = "0 drop";
      break;
    case BadKind::kBadConstraint: {
      static constexpr const char* kBad[] = {"n >= and n <= 100", "m >= 0", "n => 5",
                                             "n >= 0 and k < 10"};
      d.in[0].constraint = kBad[v];
      break;
    }
    case BadKind::kConstraintViolation: {
      Slot& s = d.in[0];
      s.constraint = fmt::format("{} >= {} and {} <= {}", s.name, s.lo, s.name, s.hi);
      int64_t bad = r.Below(2) ? s.hi + 1 + static_cast<int64_t>(r.Below(100))
                               : s.lo - 1 - static_cast<int64_t>(r.Below(100));
      TestCase& tc = d.tests[0];
      tc.in[0].cell = bad;
      int64_t cells[kMaxSlots] = {}, outs[kMaxSlots] = {};
      for (int i = 0; i < tc.nin; ++i) cells[i] = tc.in[i].cell;
      Eval(p, cells, outs);
      for (int i = 0; i < tc.nout; ++i) tc.out[i].cell = outs[i];
      break;
    }
    case BadKind::kArityMismatch:
      if (v == 0)
        d.tests[0].in[d.tests[0].nin++] = Value{7, ValueForm::kInt, nullptr};
      else
        d.tests[0].nout = 0;
      break;
    case BadKind::kWrongValueType: {
      static constexpr const char* kStr[] = {"seven", "12", ""};
      d.in[0].constraint.clear();  // a string cannot be compared with it anyway
      d.tests[0].in[0] = Value{0, ValueForm::kString, kStr[v]};
      break;
    }
    case BadKind::kUnknownTag: {
      TestCase& tc = d.tests[0];
      static constexpr const char* kTags[] = {"regression", "smoke", "slow", "edge-case"};
      tc.tags[0] = v == 2 ? "base_case" : kTags[v];
      tc.ntags = 1;
      if (v == 2) tc.tags[tc.ntags++] = kTags[v];
      break;
    }
    case BadKind::kBadSemver: {
      static constexpr const char* kVer[] = {"1.0",     "v1.2.3", "1.02.3",
                                             "1.0.0.0", "1.0.0-", "latest"};
      d.version = kVer[v];
      break;
    }
    case BadKind::kBadTimestamp: {
      static constexpr const char* kTs[] = {"2026-13-01T00:00:00Z", "2026-11-29 10:00:00Z",
                                            "2026-11-29T10:00:00",  "29/11/2026",
                                            "2026-11-29T25:00:00Z", "yesterday"};
      d.created = kTs[v];
      break;
    }
    case BadKind::kUnknownField: {
      static constexpr const char* kFields[] = {"\"priority\":3", "\"reviewed\":true",
                                                "\"x_source\":\"import\""};
      d.extra_members = kFields[v];
      break;
    }
    case BadKind::kDuplicateName:
      d.name.clear();
      for (char c : earlier_good) d.name += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
      break;
    case BadKind::kLineTooLong: {
      static constexpr std::string_view kFiller =
          " This description was padded to exceed the line length limit.";
      size_t target = kLongLineBytes;
      while (d.description.size() < target) d.description += kFiller;
      break;
    }
    default:
      break;  // line-level kinds: see MutateLine
  }
}

// Changes the serialised line for kinds that break JSON or bytes rather than
// spec rules. `line` holds one valid JSON object.
inline void MutateLine(BadKind k, unsigned v, std::string& line, const Draft& d) {
  // Just inside the description string: a place where raw bytes are in a
  // JSON string, so only the byte-level rule is broken.
  auto desc_pos = [&] {
    size_t at = line.find("\"description\":\"");
    return at == std::string::npos ? size_t{1}
                                   : at + 15 + std::min<size_t>(d.description.size(), 6);
  };
  switch (k) {
    case BadKind::kMalformedJson:
      switch (v) {
        case 0:
          line.resize(line.size() / 2);
          break;  // truncated object
        case 1:
          line.erase(line.find(':'), 1);
          break;  // "word" "w-1-x"
        case 2:
          line.insert(line.size() - 1, ",");
          break;  // trailing comma
        default:
          line.replace(1, 6, "'word'");
          break;  // single quotes
      }
      break;
    case BadKind::kInvalidUtf8: {
      static constexpr std::string_view kBytes[] = {"\xFF", "\xC3\x28", "\xC0\xAF", "\xED\xA0\x80",
                                                    "\xE2\x82"};
      line.insert(desc_pos(), kBytes[v]);
      break;
    }
    case BadKind::kNulByte:
      line.insert(desc_pos(), 1, '\0');
      break;
    case BadKind::kNotObject:
      switch (v) {
        case 0:
          line.insert(0, "[");
          line += ']';
          break;
        case 1:
          line = "42";
          break;
        case 2:
          line = "\"" + d.name + "\"";
          break;
        case 3:
          line = "null";
          break;
        default:
          line = "true";
          break;
      }
      break;
    case BadKind::kTrailingGarbage: {
      static constexpr std::string_view kTail[] = {"}", " x", " {\"word\":\"extra\"}", ","};
      line += kTail[v];
      break;
    }
    case BadKind::kBlankLine:
      line.clear();
      break;
    default:
      break;
  }
}

}  // namespace ffgen
