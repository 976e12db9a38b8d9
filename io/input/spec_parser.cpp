#include "io/input/spec_parser.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>
#include <string>

#include "engine/core/hash.h"
#include "io/input/spec_row_parser.h"
#include "io/json/utf8.h"

namespace ffb {

namespace detail {

// Errors.

bool RowParser::Reject(Code code, std::string_view message, const char* where, const Path* path) {
  AddError(c_, row_, Stage::kParse, code, message, path ? path->Render() : std::string(),
           Column(where), Status::kRejected);
  // Rejection overrides a schema problem found earlier on the line: the
  // rest of the line was not read, so no rule may judge what is missing.
  t_.status[row_] = Status::kRejected;
  rejected_ = true;
  return false;
}

void RowParser::Invalid(Code code, std::string_view message, const Path& path, const char* where) {
  AddError(c_, row_, Stage::kParse, code, message, path.Render(), Column(where), Status::kInvalid);
}

bool RowParser::Broken(simdjson::error_code e, const Path& path, const char* where) {
  if (e == simdjson::NUMBER_OUT_OF_RANGE) {
    return Reject(Code::kNumberOutOfRange, "integer does not fit in 64 bits", where, &path);
  }
  // simdjson reports text after the top-level object as a broken
  // document; name the real cause when that is what happened.
  if (size_t end = ObjectEnd(line_); end != 0 && end < line_.size()) {
    return Reject(Code::kTrailingContent, "content after the JSON object", line_.data() + end);
  }
  return Reject(Code::kJsonSyntax, fmt::format("invalid JSON: {}", simdjson::error_message(e)),
                where, &path);
}

bool RowParser::Duplicate(std::string_view key, const Path& path, const char* where) {
  return Reject(Code::kDuplicateKey, fmt::format("key \"{}\" appears twice", key), where, &path);
}

// The line: byte-level checks first, then the document and the top level.

// A line that is not an object is rejected either way; this only decides
// whether it is valid JSON of another type (E0104) or not JSON at all (E0100).
inline bool RowParser::ValidateScalarDocument(od::document& doc, od::json_type type) {
  simdjson::error_code e = simdjson::SUCCESS;
  switch (type) {
    case od::json_type::null: {
      bool is_null = false;
      e = doc.is_null().get(is_null);
      if (!e && !is_null) e = simdjson::N_ATOM_ERROR;
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      e = doc.get_bool().get(b);
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      e = doc.get_string().get(s);
      break;
    }
    case od::json_type::number: {
      // A number too large for a double is still a number, not an object.
      double d = 0;
      e = doc.get_double().get(d);
      if (e == simdjson::NUMBER_ERROR) e = simdjson::SUCCESS;
      break;
    }
    case od::json_type::array: {
      od::value v;
      e = doc.get_value().get(v);
      if (!e && !Walk(v, root_, 0)) return false;
      const char* rest = nullptr;
      if (!e && doc.current_location().get(rest) == simdjson::SUCCESS) {
        return Reject(Code::kJsonSyntax, "invalid JSON: more than one value on the line", rest,
                      &root_);
      }
      break;
    }
    case od::json_type::object:
      break;
  }
  // Root scalars report TRAILING_CONTENT themselves.
  if (e) {
    return Reject(Code::kJsonSyntax, fmt::format("invalid JSON: {}", simdjson::error_message(e)),
                  line_.data(), &root_);
  }
  return true;
}

bool RowParser::Run(od::parser& parser) {
  // Checks that need the raw bytes come first: they give the precise cause
  // that a JSON parser would blur into "syntax error".
  if (t_.raw_length[row_] > limits_.max_line_bytes) {
    return Reject(Code::kLineTooLong,
                  fmt::format("line is {} bytes; the limit is {} (--max-line-bytes)",
                              t_.raw_length[row_], limits_.max_line_bytes));
  }
  if (const void* nul = std::memchr(line_.data(), '\0', line_.size())) {
    return Reject(Code::kNulByte, "NUL byte in line", static_cast<const char*>(nul));
  }
  if (size_t bad = FirstInvalidUtf8(line_); bad != line_.size()) {
    return Reject(Code::kInvalidUtf8, fmt::format("invalid UTF-8 at byte {}", bad + 1),
                  line_.data() + bad);
  }
  size_t capacity = c_.bytes.size() - t_.raw[row_].offset;
  simdjson::padded_string_view padded(line_.data(), line_.size(), capacity);
  od::document doc;
  if (!Check(parser.iterate(padded).get(doc), root_)) return false;
  od::json_type type{};
  auto e = doc.type().get(type);
  if (e) {
    const char* where = nullptr;
    if (doc.current_location().get(where)) where = nullptr;
    if (!Check(e, root_, where)) return false;
  }
  if (type != od::json_type::object) {
    if (!ValidateScalarDocument(doc, type)) return false;
    return Reject(Code::kNotAnObject,
                  fmt::format("line is {}, not a JSON object", JsonTypeName(type)), line_.data(),
                  &root_);
  }
  od::object obj;
  if (!Check(doc.get_object().get(obj), root_)) return false;
  if (!Top(obj)) return false;
  // After the object is consumed, current_location() fails with
  // OUT_OF_BOUNDS exactly when nothing follows (simdjson 3.0 has no at_end()).
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) {
    return Reject(Code::kTrailingContent, "content after the JSON object", rest);
  }
  return true;
}

inline bool RowParser::Top(od::object obj) {
  KeySet keys;
  const std::initializer_list<std::string_view> kKnown = {
      "word",       "description", "stack_effect",   "properties",
      "test_cases", "complexity",  "implementation", "metadata"};
  for (auto field : obj) {
    std::string_view key;
    if (!Check(Key(field, key), root_)) return false;
    int index = KeyIndex(key, kKnown);
    Path path = root_.Key(key);
    bool fresh = index >= 0 ? keys.AddBit(index) : keys.AddOther(key);
    od::value v;
    if (!Check(field.value().get(v), path)) return false;
    if (!fresh) return Duplicate(key, path, Here(v));
    switch (index) {
      case 0:
        if (!String(v, path, t_.word[row_])) return false;
        // A word of the wrong JSON type is reported once, here, and not
        // again by validation as empty or missing.
        t_.fields[row_] |= type_error_ ? kWordTypeError : kHasWord;
        break;
      case 1:
        if (!String(v, path, t_.description[row_])) return false;
        t_.fields[row_] |= kHasDescription;
        break;
      case 2:
        if (!StackEffect(v)) return false;
        t_.fields[row_] |= type_error_ ? kEffectTypeError : kHasStackEffect;
        break;
      case 3:
        t_.fields[row_] |= kHasProperties;
        if (!StringArray(v, path, t_.properties)) return false;
        break;
      case 4:
        t_.fields[row_] |= kHasTestCases;
        if (!Tests(v)) return false;
        break;
      case 5:
        t_.fields[row_] |= kHasComplexity;
        if (!Complexity(v)) return false;
        break;
      case 6:
        t_.fields[row_] |= kHasImplementation;
        if (!Implementation(v)) return false;
        break;
      case 7:
        t_.fields[row_] |= kHasMetadata;
        if (!Metadata(v)) return false;
        break;
      default:
        if (!Unknown(path, v)) return false;
    }
  }
  return true;
}

// Generic readers, used by every section.

StrRef RowParser::ReadScalarText(od::value& v, const Path& path) {
  const char* where = Here(v);
  od::json_type type{};
  if (!Check(v.type().get(type), path, where)) return {};
  if (type == od::json_type::string) return ReadString(v, path);
  if (type == od::json_type::array || type == od::json_type::object) {
    Invalid(Code::kWrongJsonType, "expected a string or a scalar", path, where);
    static_cast<void>(Walk(v, path, 0));
    return {};
  }
  std::string_view raw;
  raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == ',' ||
                          raw.back() == '}' || raw.back() == ']')) {
    raw.remove_suffix(1);
  }
  if (!Walk(v, path, 0)) return {};
  return c_.arena.Add(raw);
}

// Fields the schema does not know are kept (as warnings) but still fully
// walked, so malformed JSON or duplicate keys inside them cannot slip by.
bool RowParser::Unknown(const Path& path, od::value& v) {
  t_.unknown_fields.push_back(c_.arena.Add(path.Render()));
  return Walk(v, path, 0);
}

bool RowParser::Walk(od::value& v, const Path& path, int depth) {
  const char* where = Here(v);
  if (depth > static_cast<int>(limits::kMaxJsonDepth)) {
    return Reject(Code::kJsonSyntax,
                  fmt::format("JSON nested deeper than {} levels", limits::kMaxJsonDepth), where,
                  &path);
  }
  od::json_type type{};
  if (!Check(v.type().get(type), path, where)) return false;
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      if (!Check(v.get_object().get(obj), path, where)) return false;
      KeySet keys;
      for (auto field : obj) {
        std::string_view key;
        if (!Check(Key(field, key), path, where)) return false;
        Path child = path.Key(key);
        if (!keys.AddOther(key)) return Duplicate(key, child, where);
        od::value fv;
        if (!Check(field.value().get(fv), child, where)) return false;
        if (!Walk(fv, child, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array arr;
      if (!Check(v.get_array().get(arr), path, where)) return false;
      for (auto item : arr) {
        od::value iv;
        if (!Check(item.get(iv), path, where)) return false;
        if (!Walk(iv, path, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::number: {
      // Unknown fields may hold any JSON number, even beyond 64 bits.
      od::number_type nt{};
      return Check(v.get_number_type().get(nt), path, where);
    }
    case od::json_type::string: {
      std::string_view s;
      return Check(v.get_string().get(s), path, where);
    }
    case od::json_type::boolean: {
      bool b = false;
      return Check(v.get_bool().get(b), path, where);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (!Check(v.is_null().get(is_null), path, where)) return false;
      if (!is_null) return Reject(Code::kJsonSyntax, "invalid JSON literal", where, &path);
      return true;
    }
  }
  return true;
}

}  // namespace detail

void ParseChunk(Chunk& chunk, const ParseLimits& limits) {
  thread_local simdjson::ondemand::parser parser;
  SpecTable& t = chunk.table;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    t.content_hash[row] = HashBytes(chunk.Raw(row));
    const size_t values_before = t.values.size();
    if (!detail::RowParser(chunk, row, limits).Run(parser)) {
      // The row is rejected; anything it appended to CSR arrays is dropped.
      t.inputs.resize(t.input_begin[row]);
      t.outputs.resize(t.output_begin[row]);
      t.properties.resize(t.property_begin[row]);
      t.tests.resize(t.test_begin[row]);
      t.hints.resize(t.hint_begin[row]);
      t.params.resize(t.param_begin[row]);
      t.tags.resize(t.tag_begin[row]);
      t.unknown_fields.resize(t.unknown_begin[row]);
      t.values.resize(values_before);
      // Keep what was read of the name, so the record still says which word
      // the line meant; nothing else of a rejected line is used.
      t.fields[row] &= kHasWord;
    }
    t.FinishRow(row);
  }
}

}  // namespace ffb
