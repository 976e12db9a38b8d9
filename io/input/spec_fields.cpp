// The spec schema's field readers, one per section, in schema order:
// stack_effect (slots), test_cases (values), complexity, implementation
// (params), metadata.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/forth/stack_effect.h"
#include "engine/validate/validate.h"
#include "io/input/spec_row_parser.h"
#include "io/json/utf8.h"

namespace ffb::detail {

// The readers marked inline have one caller, in this file: the mark lets the
// compiler fold them into it, as it did when the parser was one file.

bool RowParser::StackEffect(od::value& v) {
  Path base = root_.Key("stack_effect");
  const char* where = Here(v);
  od::json_type type{};
  if (!Check(v.type().get(type), base, where)) return false;
  if (type == od::json_type::string) return StackEffectText(v, base, where);
  return Fields(v, base, {"inputs", "outputs"}, [&](const Path& path, od::value fv, int index) {
    if (index == 0) {
      t_.fields[row_] |= kHasInputs;
      return Slots(fv, path, true);
    }
    if (index == 1) {
      t_.fields[row_] |= kHasOutputs;
      return Slots(fv, path, false);
    }
    return Unknown(path, fv);
  });
}

// "stack_effect": "( n -- n*n )", read by the effect parser verify uses;
// untyped slots are `any`, as there.
inline bool RowParser::StackEffectText(od::value& v, const Path& base, const char* where) {
  std::string_view text;
  if (!Check(v.get_string().get(text), base, where)) return false;
  Diagnostic d;
  std::optional<ffb::StackEffect> effect = ParseEffectText(text, &d);
  if (!effect) {
    Invalid(d.code, fmt::format("stack effect \"{}\": {} (column {})", text, d.message, d.column),
            base, where);
    type_error_ = true;  // present but unusable: not also "missing" or ( -- )
    return true;
  }
  type_error_ = false;
  t_.fields[row_] |= kHasInputs | kHasOutputs;
  for (bool inputs : {true, false}) {
    for (const EffectSlot& es : inputs ? effect->inputs : effect->outputs) {
      Slot slot;
      slot.name = c_.arena.Add(es.name);
      slot.type = es.type;
      slot.type_text = c_.arena.Add(SlotTypeName(es.type));
      slot.has_type = 1;
      (inputs ? t_.inputs : t_.outputs).push_back(slot);
    }
  }
  return true;
}

inline bool RowParser::Slots(od::value& v, const Path& base, bool inputs) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of slots", base, where);
    return Walk(v, base, 0);
  }
  if (!Check(e, base, where)) return false;
  auto& out = inputs ? t_.inputs : t_.outputs;
  // Slots beyond the limit are walked for JSON validity but not stored, so a
  // hostile line cannot grow the table without bound; validation reports the
  // count from slot_overflow.
  size_t i = 0;
  for (auto item : arr) {
    od::value sv;
    Path path = base.Index(static_cast<int64_t>(i));
    if (!Check(item.get(sv), path, where)) return false;
    ++i;
    if (i > limits_.max_slots + 1) {
      if (!Walk(sv, path, 0)) return false;
      continue;
    }
    Slot slot;
    bool ok = Fields(sv, path, {"name", "type", inputs ? "constraint" : "value"},
                     [&](const Path& fpath, od::value fv, int index) {
                       if (index == 0) return String(fv, fpath, slot.name);
                       if (index == 1) {
                         if (!String(fv, fpath, slot.type_text)) return false;
                         slot.has_type = 1;
                         auto type = ParseSlotType(c_.Str(slot.type_text));
                         slot.type = type ? *type : SlotType::kUnknown;
                         return true;
                       }
                       if (index == 2) {
                         // An output "value" may be any JSON; keep its raw text.
                         return inputs ? String(fv, fpath, slot.constraint)
                                       : ScalarText(fv, fpath, slot.constraint);
                       }
                       return Unknown(fpath, fv);
                     });
    if (!ok) return false;
    out.push_back(slot);
  }
  return true;
}

bool RowParser::Tests(od::value& v) {
  const char* where = Here(v);
  Path base = root_.Key("test_cases");
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of test cases", base, where);
    return Walk(v, base, 0);
  }
  if (!Check(e, base, where)) return false;
  uint32_t i = 0;
  for (auto item : arr) {
    od::value tv;
    if (!Check(item.get(tv), base, where)) return false;
    // Past the limit: counted, validated as JSON, not stored.
    bool ok = i > limits_.max_tests ? Walk(tv, base, 0) : Test(tv, i);
    if (!ok) return false;
    ++i;
  }
  if (auto v = CheckTestCaseCount(i, limits_.max_tests)) Invalid(v->code, v->message, base, where);
  return true;
}

inline bool RowParser::Test(od::value& v, uint32_t index) {
  // Two named nodes: a chained temporary would dangle.
  Path tests = root_.Key("test_cases");
  Path base = tests.Index(index);
  TestCase tc;
  bool ok = Fields(v, base, {"description", "input", "output", "tags"},
                   [&](const Path& path, od::value fv, int key) {
                     switch (key) {
                       case 0:
                         return String(fv, path, tc.description);
                       case 1:
                         tc.has_input = 1;
                         return Values(fv, path, tc.input_begin, tc.input_count);
                       case 2:
                         tc.has_output = 1;
                         return Values(fv, path, tc.output_begin, tc.output_count);
                       case 3: {
                         // Reused: a vector per test case was an allocation per test.
                         thread_local std::vector<StrRef> tags;
                         tags.clear();
                         if (!StringArray(fv, path, tags)) return false;
                         for (size_t k = 0; k < tags.size(); ++k) {
                           if (auto v = CheckTestTag(c_.Str(tags[k]), tc.tags)) {
                             Invalid(v->code, v->message, path.Index(static_cast<int64_t>(k)));
                           }
                         }
                         return true;
                       }
                       default:
                         return Unknown(path, fv);
                     }
                   });
  if (!ok) return false;
  t_.tests.push_back(tc);
  return true;
}

inline bool RowParser::Values(od::value& v, const Path& path, uint32_t& begin, uint32_t& count) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of values", path, where);
    return Walk(v, path, 0);
  }
  if (!Check(e, path, where)) return false;
  begin = static_cast<uint32_t>(t_.values.size());
  uint32_t n = 0;
  for (auto item : arr) {
    od::value iv;
    Path vpath = path.Index(n);
    if (!Check(item.get(iv), vpath, where)) return false;
    bool ok = n <= limits_.max_slots ? Value(iv, vpath) : Walk(iv, vpath, 0);
    if (!ok) return false;
    ++n;
  }
  count = n;
  if (auto v = CheckTestValueCount(n, limits_.max_slots)) Invalid(v->code, v->message, path, where);
  return true;
}

inline bool RowParser::Value(od::value& v, const Path& path) {
  // Fast path: nearly every test value is an int64.
  int64_t fast = 0;
  if (v.get_int64().get(fast) == simdjson::SUCCESS) {
    t_.values.push_back({fast, ValueKind::kInt});
    return true;
  }
  const char* where = Here(v);
  od::json_type type{};
  if (!Check(v.type().get(type), path, where)) return false;
  TestValue out;
  switch (type) {
    case od::json_type::number: {
      od::number_type nt{};
      if (!Check(v.get_number_type().get(nt), path, where)) return false;
      // simdjson classifies integers beyond 64 bits as signed/unsigned and
      // then fails to read them: that failure is the out-of-range case.
      if (nt == od::number_type::floating_point_number) {
        double d = 0;
        if (v.get_double().get(d)) {
          return Reject(Code::kNumberOutOfRange, "number is outside the range of a double", where,
                        &path);
        }
        out.kind = ValueKind::kReported;
        Invalid(Code::kNotAnInteger, fmt::format("{} is not an integer", d), path, where);
      } else if (nt == od::number_type::signed_integer) {
        int64_t i = 0;
        if (v.get_int64().get(i)) {
          return Reject(Code::kNumberOutOfRange, "integer below the int64 minimum (-2^63)", where,
                        &path);
        }
        out.cell = i;
        out.kind = ValueKind::kInt;
      } else {
        uint64_t u = 0;
        if (v.get_uint64().get(u)) {
          return Reject(Code::kNumberOutOfRange,
                        "integer above 2^64-1 (a cell is 64 bits; uint takes up to 2^64-1)", where,
                        &path);
        }
        out.cell = static_cast<int64_t>(u);
        out.kind = u > static_cast<uint64_t>(INT64_MAX) ? ValueKind::kBigUint : ValueKind::kInt;
      }
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (!Check(v.get_bool().get(b), path, where)) return false;
      out.cell = b ? -1 : 0;
      out.kind = ValueKind::kBool;
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      if (!Check(v.get_string().get(s), path, where)) return false;
      int32_t cp = SingleCodePoint(s);
      if (cp >= 0) {
        out.cell = cp;
        out.kind = ValueKind::kChar;
      } else {
        out.cell = static_cast<int64_t>(s.size());
        out.kind = ValueKind::kString;
      }
      break;
    }
    default:
      if (!Walk(v, path, 0)) return false;
      out.kind = ValueKind::kOther;
  }
  t_.values.push_back(out);
  return true;
}

bool RowParser::Complexity(od::value& v) {
  Path base = root_.Key("complexity");
  return Fields(v, base, {"time", "space"}, [&](const Path& path, od::value fv, int k) {
    if (k == 0) return String(fv, path, t_.complexity_time[row_]);
    if (k == 1) return String(fv, path, t_.complexity_space[row_]);
    return Unknown(path, fv);
  });
}

bool RowParser::Implementation(od::value& v) {
  Path base = root_.Key("implementation");
  return Fields(v, base, {"pattern", "hints", "code", "params"},
                [&](const Path& path, od::value fv, int k) {
                  switch (k) {
                    case 0:
                      if (!String(fv, path, t_.pattern[row_])) return false;
                      t_.fields[row_] |= kHasPattern;
                      return true;
                    case 1:
                      return StringArray(fv, path, t_.hints);
                    case 2:
                      if (!String(fv, path, t_.code[row_])) return false;
                      t_.fields[row_] |= kHasCode;
                      return true;
                    case 3:
                      t_.fields[row_] |= kHasParams;
                      return Params(fv, path);
                    default:
                      return Unknown(path, fv);
                  }
                });
}

inline bool RowParser::Params(od::value& v, const Path& base) {
  return Fields(v, base, {}, [&](const Path& path, od::value fv, int) {
    KeyValue kv;
    kv.key = c_.arena.Add(path.key);
    if (!String(fv, path, kv.value)) return false;
    t_.params.push_back(kv);
    return true;
  });
}

bool RowParser::Metadata(od::value& v) {
  Path base = root_.Key("metadata");
  return Fields(v, base, {"author", "version", "created", "tags"},
                [&](const Path& path, od::value fv, int k) {
                  switch (k) {
                    case 0:
                      if (!String(fv, path, t_.author[row_])) return false;
                      t_.fields[row_] |= kHasAuthor;
                      return true;
                    case 1:
                      if (!String(fv, path, t_.version[row_])) return false;
                      t_.fields[row_] |= kHasVersion;
                      return true;
                    case 2:
                      if (!String(fv, path, t_.created[row_])) return false;
                      t_.fields[row_] |= kHasCreated;
                      return true;
                    case 3:
                      return StringArray(fv, path, t_.tags);
                    default:
                      return Unknown(path, fv);
                  }
                });
}

}  // namespace ffb::detail
