// The spec parser's row parser (internal to io/input): one class whose
// methods are split by schema section, as DuckDB splits its executors:
// spec_parser.cpp holds the line, the top level and the generic readers
// (strings, arrays, unknown fields); spec_fields.cpp the field readers.
#pragma once

#include <fmt/format.h>
#include <simdjson.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "engine/table/chunk.h"
#include "io/input/spec_parser.h"
#include "io/json/json_path.h"
#include "io/json/json_scan.h"

namespace ffb::detail {

namespace od = simdjson::ondemand;

class RowParser {
 public:
  RowParser(Chunk& chunk, uint32_t row, const ParseLimits& limits)
      : c_(chunk), t_(chunk.table), row_(row), limits_(limits) {
    line_ = chunk.Raw(row);
    in_place_ok_ = chunk.bytes.size() < Chunk::kInBytes;
  }

  // False when the line was rejected: ParseChunk then drops what the row
  // appended. A rejection is an expected outcome (bad lines are common), so
  // it is a return value, not an exception.
  [[nodiscard]] bool Run(od::parser& parser);

 private:
  // Every reader that can reject returns false once it has, and its caller
  // returns false at once: after the first rejection nothing more of the line
  // is read or stored, and the On Demand document, whose iteration state is
  // then unspecified, is never touched again (Run returns; the next line
  // starts a fresh iterate()).
  //
  // The error paths are out of line (spec_parser.cpp); only the test of
  // Check() is inline, so the readers stay small enough to inline.

  // Line-level rejection: the record is unusable as a spec. Always false.
  // Reject, Broken and Duplicate are cold, as the throw was, so the compiler
  // treats the paths that reach them as rare.
  [[nodiscard, gnu::cold]] bool Reject(Code code, std::string_view message,
                                       const char* where = nullptr, const Path* path = nullptr);
  // Schema problem: the row becomes invalid, parsing goes on.
  void Invalid(Code code, std::string_view message, const Path& path, const char* where = nullptr);
  int32_t Column(const char* where) const {
    if (where == nullptr || where < line_.data() || where > line_.data() + line_.size()) return 0;
    return static_cast<int32_t>(where - line_.data()) + 1;
  }
  // Where an unconsumed value starts, for error columns. Same pointer as
  // v.current_location() at that point, but inline: that call is out of
  // line and was made for nearly every value.
  const char* Here(od::value& v) { return v.raw_json_token().data(); }
  // Any simdjson error while walking a line is a JSON-level rejection, except
  // type errors, which the callers handle as schema problems. False when it
  // rejected.
  [[nodiscard]] bool Check(simdjson::error_code e, const Path& path, const char* where = nullptr) {
    if (e) [[unlikely]]
      return Broken(e, path, where);
    return true;
  }
  [[nodiscard, gnu::cold]] bool Broken(simdjson::error_code e, const Path& path, const char* where);
  [[nodiscard, gnu::cold]] bool Duplicate(std::string_view key, const Path& path,
                                          const char* where);

  simdjson::error_code Key(simdjson::simdjson_result<od::field>& field, std::string_view& key);
  // The string readers store into `out` only when they do not reject; a
  // value of the wrong type stores the empty string.
  [[nodiscard]] bool String(od::value& v, const Path& path, StrRef& out) {
    StrRef s = ReadString(v, path);
    if (rejected_) return false;
    out = s;
    return true;
  }
  [[nodiscard]] bool ScalarText(od::value& v, const Path& path, StrRef& out) {
    StrRef s = ReadScalarText(v, path);
    if (rejected_) return false;
    out = s;
    return true;
  }
  // Their bodies, which signal a rejection through rejected_ rather than a
  // second return value: String is the most called reader, and an out
  // parameter or a bool beside the text cost it a register and spills in the
  // escape scan (callgrind: about 4 instructions a call).
  StrRef ReadString(od::value& v, const Path& path);
  StrRef ReadScalarText(od::value& v, const Path& path);
  [[nodiscard]] bool StringArray(od::value& v, const Path& path, std::vector<StrRef>& out);
  [[nodiscard]] bool Unknown(const Path& path, od::value& v);
  [[nodiscard]] bool Walk(od::value& v, const Path& path, int depth);
  [[nodiscard]] bool Top(od::object obj);
  [[nodiscard]] bool ValidateScalarDocument(od::document& doc, od::json_type type);
  [[nodiscard]] bool StackEffect(od::value& v);
  [[nodiscard]] bool StackEffectText(od::value& v, const Path& base, const char* where);
  [[nodiscard]] bool Slots(od::value& v, const Path& base, bool inputs);
  [[nodiscard]] bool Tests(od::value& v);
  [[nodiscard]] bool Test(od::value& v, uint32_t index);
  [[nodiscard]] bool Values(od::value& v, const Path& path, uint32_t& begin, uint32_t& count);
  [[nodiscard]] bool Value(od::value& v, const Path& path);
  [[nodiscard]] bool Complexity(od::value& v);
  [[nodiscard]] bool Implementation(od::value& v);
  [[nodiscard]] bool Params(od::value& v, const Path& base);
  [[nodiscard]] bool Metadata(od::value& v);
  // Iterates an object's fields, rejecting duplicate keys; calls
  // on_field(key, value, known_index) where known_index is the key's index
  // in `known` or -1, and stops with false as soon as on_field returns false
  // (it rejected).
  template <typename F>
  [[nodiscard]] bool Fields(od::value& v, const Path& path,
                            std::initializer_list<std::string_view> known, F&& on_field);

  Chunk& c_;
  SpecTable& t_;
  uint32_t row_;
  const ParseLimits& limits_;
  std::string_view line_;
  bool rejected_ = false;    // set by Reject(), never cleared: the line is over
  bool type_error_ = false;  // the last String()/Fields() met the wrong JSON type
  // Whether strings may point into the line bytes (Chunk::InBytes needs the
  // chunk's bytes below 2^31).
  bool in_place_ok_ = false;
  const Path root_{};
};

// The hot generic readers are defined here, not in spec_parser.cpp, so both
// parser TUs (spec_parser.cpp, spec_fields.cpp) inline them: they run once per
// JSON key or string, and an out-of-line call each cost the split ~30% of
// parse time (ingest_bench).

// A key without escapes is read where it stands; unescaping (a copy into
// simdjson's string buffer) is left for the rare key that needs it.
inline simdjson::error_code RowParser::Key(simdjson::simdjson_result<od::field>& field,
                                           std::string_view& key) {
  if (field.error()) return field.error();
  od::field& f = field.value_unsafe();
  if (UnescapedText(f.key().raw(), line_.data() + line_.size(), key)) return simdjson::SUCCESS;
  return f.unescaped_key().get(key);
}

inline StrRef RowParser::ReadString(od::value& v, const Path& path) {
  // Fast path: a string without escapes is referenced where it stands in the
  // chunk's line bytes, skipping simdjson's unescape copy and the arena copy.
  std::string_view token = v.raw_json_token();
  std::string_view text;
  if (in_place_ok_ && !token.empty() && token[0] == '"' &&
      UnescapedText(token.data() + 1, line_.data() + line_.size(), text)) {
    od::raw_json_string consumed;
    if (v.get_raw_json_string().get(consumed) == simdjson::SUCCESS) {
      type_error_ = false;
      return c_.InBytes(text);
    }
  }
  const char* where = Here(v);
  std::string_view s;
  auto e = v.get_string().get(s);
  type_error_ = e == simdjson::INCORRECT_TYPE;
  if (e == simdjson::INCORRECT_TYPE) {
    od::json_type type{};
    if (!Check(v.type().get(type), path, where)) return {};
    Invalid(Code::kWrongJsonType, fmt::format("expected a string, found {}", JsonTypeName(type)),
            path, where);
    // Empty either way: a rejection inside is in rejected_.
    static_cast<void>(Walk(v, path, 0));
    return {};
  }
  if (!Check(e, path, where)) return {};
  return c_.arena.Add(s);
}

inline bool RowParser::StringArray(od::value& v, const Path& path, std::vector<StrRef>& out) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of strings", path, where);
    return Walk(v, path, 0);
  }
  if (!Check(e, path, where)) return false;
  size_t i = 0;
  for (auto item : arr) {
    od::value iv;
    if (!Check(item.get(iv), path, where)) return false;
    StrRef s;
    if (!String(iv, path.Index(static_cast<int64_t>(i)), s)) return false;
    out.push_back(s);
    ++i;
  }
  return true;
}

// Here, not in spec_parser.cpp: the field readers in spec_fields.cpp
// instantiate it with their own lambdas.
template <typename F>
bool RowParser::Fields(od::value& v, const Path& path,
                       std::initializer_list<std::string_view> known, F&& on_field) {
  const char* where = Here(v);
  od::object obj;
  auto e = v.get_object().get(obj);
  if (e == simdjson::INCORRECT_TYPE) {
    od::json_type type{};
    if (!Check(v.type().get(type), path, where)) return false;
    Invalid(Code::kWrongJsonType, fmt::format("expected an object, found {}", JsonTypeName(type)),
            path, where);
    if (!Walk(v, path, 0)) return false;
    type_error_ = true;
    return true;
  }
  if (!Check(e, path, where)) return false;
  type_error_ = false;
  KeySet keys;
  for (auto field : obj) {
    std::string_view key;
    if (!Check(Key(field, key), path, where)) return false;
    int index = KeyIndex(key, known);
    Path child = path.Key(key);
    bool fresh = index >= 0 ? keys.AddBit(index) : keys.AddOther(key);
    if (!fresh) return Duplicate(key, child, where);
    od::value fv;
    if (!Check(field.value().get(fv), child, where)) return false;
    if (!on_field(child, fv, index)) return false;
  }
  return true;
}

}  // namespace ffb::detail
