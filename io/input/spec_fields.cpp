// The spec schema's field readers, one per section, in schema order:
// stack_effect (slots), test_cases (values), complexity, implementation
// (params), metadata.
#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/validate/validate.h"
#include "io/input/spec_row_parser.h"
#include "io/json/utf8.h"

namespace ffb::detail {

// The readers marked inline have one caller, in this file: the mark lets the
// compiler fold them into it, as it did when the parser was one file.

void RowParser::StackEffect(od::value v) {
  Path base = root_.Key("stack_effect");
  Fields(v, base, {"inputs", "outputs"}, [&](const Path& path, od::value fv, int index) {
    if (index == 0) {
      t_.fields[row_] |= kHasInputs;
      Slots(fv, path, true);
    } else if (index == 1) {
      t_.fields[row_] |= kHasOutputs;
      Slots(fv, path, false);
    } else {
      Unknown(path, fv);
    }
  });
}

inline void RowParser::Slots(od::value v, const Path& base, bool inputs) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of slots", base, where);
    Walk(v, base, 0);
    return;
  }
  Check(e, base, where);
  auto& out = inputs ? t_.inputs : t_.outputs;
  // Slots beyond the limit are walked for JSON validity but not stored, so a
  // hostile line cannot grow the table without bound; validation reports the
  // count from slot_overflow.
  size_t i = 0;
  for (auto item : arr) {
    od::value sv;
    Path path = base.Index(static_cast<int64_t>(i));
    Check(item.get(sv), path, where);
    ++i;
    if (i > limits_.max_slots + 1) {
      Walk(sv, path, 0);
      continue;
    }
    Slot slot;
    Fields(sv, path, {"name", "type", inputs ? "constraint" : "value"},
           [&](const Path& fpath, od::value fv, int index) {
             if (index == 0) {
               slot.name = String(fv, fpath);
             } else if (index == 1) {
               slot.type_text = String(fv, fpath);
               slot.has_type = 1;
               auto type = ParseSlotType(c_.Str(slot.type_text));
               slot.type = type ? *type : SlotType::kUnknown;
             } else if (index == 2) {
               // An output "value" may be any JSON; keep its raw text.
               if (inputs) {
                 slot.constraint = String(fv, fpath);
               } else {
                 slot.constraint = ScalarText(fv, fpath);
               }
             } else {
               Unknown(fpath, fv);
             }
           });
    out.push_back(slot);
  }
}

void RowParser::Tests(od::value v) {
  const char* where = Here(v);
  Path base = root_.Key("test_cases");
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of test cases", base, where);
    Walk(v, base, 0);
    return;
  }
  Check(e, base, where);
  uint32_t i = 0;
  for (auto item : arr) {
    od::value tv;
    Check(item.get(tv), base, where);
    if (i > limits_.max_tests) {
      Walk(tv, base, 0);  // counted, validated as JSON, not stored
    } else {
      Test(tv, i);
    }
    ++i;
  }
  if (auto v = CheckTestCaseCount(i, limits_.max_tests)) Invalid(v->code, v->message, base, where);
}

inline void RowParser::Test(od::value v, uint32_t index) {
  // Two named nodes: a chained temporary would dangle.
  Path tests = root_.Key("test_cases");
  Path base = tests.Index(index);
  TestCase tc;
  Fields(v, base, {"description", "input", "output", "tags"},
         [&](const Path& path, od::value fv, int key) {
           switch (key) {
             case 0:
               tc.description = String(fv, path);
               break;
             case 1:
               tc.has_input = 1;
               Values(fv, path, tc.input_begin, tc.input_count);
               break;
             case 2:
               tc.has_output = 1;
               Values(fv, path, tc.output_begin, tc.output_count);
               break;
             case 3: {
               // Reused: a vector per test case was an allocation per test.
               thread_local std::vector<StrRef> tags;
               tags.clear();
               StringArray(fv, path, tags);
               for (size_t k = 0; k < tags.size(); ++k) {
                 if (auto v = CheckTestTag(c_.Str(tags[k]), tc.tags)) {
                   Invalid(v->code, v->message, path.Index(static_cast<int64_t>(k)));
                 }
               }
               break;
             }
             default:
               Unknown(path, fv);
           }
         });
  t_.tests.push_back(tc);
}

inline void RowParser::Values(od::value v, const Path& path, uint32_t& begin, uint32_t& count) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of values", path, where);
    Walk(v, path, 0);
    return;
  }
  Check(e, path, where);
  begin = static_cast<uint32_t>(t_.values.size());
  uint32_t n = 0;
  for (auto item : arr) {
    od::value iv;
    Path vpath = path.Index(n);
    Check(item.get(iv), vpath, where);
    if (n <= limits_.max_slots) {
      Value(iv, vpath);
    } else {
      Walk(iv, vpath, 0);
    }
    ++n;
  }
  count = n;
  if (auto v = CheckTestValueCount(n, limits_.max_slots)) Invalid(v->code, v->message, path, where);
}

inline void RowParser::Value(od::value v, const Path& path) {
  // Fast path: nearly every test value is an int64.
  int64_t fast = 0;
  if (v.get_int64().get(fast) == simdjson::SUCCESS) {
    t_.values.push_back({fast, ValueKind::kInt});
    return;
  }
  const char* where = Here(v);
  od::json_type type{};
  Check(v.type().get(type), path, where);
  TestValue out;
  switch (type) {
    case od::json_type::number: {
      od::number_type nt{};
      Check(v.get_number_type().get(nt), path, where);
      // simdjson classifies integers beyond 64 bits as signed/unsigned and
      // then fails to read them: that failure is the out-of-range case.
      if (nt == od::number_type::floating_point_number) {
        double d = 0;
        if (v.get_double().get(d)) {
          Reject(Code::kNumberOutOfRange, "number is outside the range of a double", where, &path);
        }
        out.kind = ValueKind::kReported;
        Invalid(Code::kNotAnInteger, fmt::format("{} is not an integer", d), path, where);
      } else if (nt == od::number_type::signed_integer) {
        int64_t i = 0;
        if (v.get_int64().get(i)) {
          Reject(Code::kNumberOutOfRange, "integer below the int64 minimum (-2^63)", where, &path);
        }
        out.cell = i;
        out.kind = ValueKind::kInt;
      } else {
        uint64_t u = 0;
        if (v.get_uint64().get(u)) {
          Reject(Code::kNumberOutOfRange,
                 "integer above 2^64-1 (a cell is 64 bits; uint takes up to 2^64-1)", where, &path);
        }
        out.cell = static_cast<int64_t>(u);
        out.kind = u > static_cast<uint64_t>(INT64_MAX) ? ValueKind::kBigUint : ValueKind::kInt;
      }
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      Check(v.get_bool().get(b), path, where);
      out.cell = b ? -1 : 0;
      out.kind = ValueKind::kBool;
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      Check(v.get_string().get(s), path, where);
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
      Walk(v, path, 0);
      out.kind = ValueKind::kOther;
  }
  t_.values.push_back(out);
}

void RowParser::Complexity(od::value v) {
  Path base = root_.Key("complexity");
  Fields(v, base, {"time", "space"}, [&](const Path& path, od::value fv, int k) {
    if (k == 0) {
      t_.complexity_time[row_] = String(fv, path);
    } else if (k == 1) {
      t_.complexity_space[row_] = String(fv, path);
    } else {
      Unknown(path, fv);
    }
  });
}

void RowParser::Implementation(od::value v) {
  Path base = root_.Key("implementation");
  Fields(v, base, {"pattern", "hints", "code", "params"},
         [&](const Path& path, od::value fv, int k) {
           switch (k) {
             case 0:
               t_.pattern[row_] = String(fv, path);
               t_.fields[row_] |= kHasPattern;
               break;
             case 1:
               StringArray(fv, path, t_.hints);
               break;
             case 2:
               t_.code[row_] = String(fv, path);
               t_.fields[row_] |= kHasCode;
               break;
             case 3:
               t_.fields[row_] |= kHasParams;
               Params(fv, path);
               break;
             default:
               Unknown(path, fv);
           }
         });
}

inline void RowParser::Params(od::value v, const Path& base) {
  Fields(v, base, {}, [&](const Path& path, od::value fv, int) {
    KeyValue kv;
    kv.key = c_.arena.Add(path.key);
    kv.value = String(fv, path);
    t_.params.push_back(kv);
  });
}

void RowParser::Metadata(od::value v) {
  Path base = root_.Key("metadata");
  Fields(v, base, {"author", "version", "created", "tags"},
         [&](const Path& path, od::value fv, int k) {
           switch (k) {
             case 0:
               t_.author[row_] = String(fv, path);
               t_.fields[row_] |= kHasAuthor;
               break;
             case 1:
               t_.version[row_] = String(fv, path);
               t_.fields[row_] |= kHasVersion;
               break;
             case 2:
               t_.created[row_] = String(fv, path);
               t_.fields[row_] |= kHasCreated;
               break;
             case 3:
               StringArray(fv, path, t_.tags);
               break;
             default:
               Unknown(path, fv);
           }
         });
}

}  // namespace ffb::detail
