#include "io/input/spec_parser.h"

#include <simdjson.h>

#include <cstring>
#include <string>

#include <fmt/format.h>

#include "engine/core/hash.h"
#include "io/json/utf8.h"

namespace ffb {

namespace od = simdjson::ondemand;

namespace {

// Keys of one JSON object seen so far, for duplicate detection. Known keys
// use bits; unknown keys (rare) are compared by value.
struct KeySet {
  uint32_t bits = 0;
  std::vector<std::string> others;
  bool AddBit(int bit) {
    uint32_t m = 1u << bit;
    if (bits & m) return false;
    bits |= m;
    return true;
  }
  bool AddOther(std::string_view key) {
    for (const auto& k : others) {
      if (k == key) return false;
    }
    others.emplace_back(key);
    return true;
  }
};

// Equality of two n-byte strings by (overlapping) word loads: every key of
// every object is matched this way, and a memcmp call per key showed up in
// profiles. Reads only the n bytes of each.
bool SameBytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  };
  auto load4 = [](const char* p) {
    uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
  };
  if (n >= 8) {
    if (n > 16 && std::memcmp(a, b, n - 8) != 0) return false;
    return (n > 16 || load8(a) == load8(b)) && load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

int KeyIndex(std::string_view key, std::initializer_list<std::string_view> names) {
  int i = 0;
  for (auto n : names) {
    if (n.size() == key.size() && SameBytes(n.data(), key.data(), n.size())) return i;
    ++i;
  }
  return -1;
}

std::string_view JsonTypeName(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "a value";
}

// Offset just past the top-level object's closing brace, skipping trailing
// blanks, or 0 when the line does not start with a complete object. Only
// called on the error path.
size_t ObjectEnd(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  if (i >= line.size() || line[i] != '{') return 0;
  int depth = 0;
  bool in_string = false;
  for (; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if ((c == '}' || c == ']') && --depth == 0) {
      ++i;
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      return i;
    }
  }
  return 0;
}

// The text of a string starting at `p` (just past its opening quote) when
// it holds no escapes, so the bytes are the value as they stand; false when
// a backslash comes first. The closing quote is there: simdjson's stage 1
// has already rejected unclosed strings (and control characters).
// Scans eight bytes at a time (SWAR) while they lie before `limit`.
bool UnescapedText(const char* p, const char* limit, std::string_view& out) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const char* q = p;
  while (limit - q >= 8) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    uint64_t quote = w ^ (kOnes * '"');
    uint64_t slash = w ^ (kOnes * '\\');
    // High bit set in the lowest byte that is zero in either (borrows can
    // only mark bytes above a true match, so the lowest mark is exact).
    uint64_t hit = ((quote - kOnes) & ~quote & kHigh) | ((slash - kOnes) & ~slash & kHigh);
    if (hit != 0) {
      q += __builtin_ctzll(hit) / 8;
      break;
    }
    q += 8;
  }
  for (; q < limit; ++q) {
    if (*q == '"') {
      out = {p, static_cast<size_t>(q - p)};
      return true;
    }
    if (*q == '\\') return false;
  }
  return false;
}

// A JSON path built lazily: nodes live on the call stack and are rendered
// to "$.a.b[3]" only when an error needs it, so the happy path formats and
// allocates nothing. Keys are views into the parser's string buffer, which
// stays valid for the whole line.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // empty for an index step (and for the root)
  int64_t index = -1;
  Path Key(std::string_view k) const { return {this, k, -1}; }
  Path Index(int64_t i) const { return {this, {}, i}; }
  void RenderTo(std::string& out) const {
    if (parent == nullptr) {
      out += '$';
      return;
    }
    parent->RenderTo(out);
    if (index >= 0) {
      fmt::format_to(std::back_inserter(out), "[{}]", index);
    } else {
      out += '.';
      out += key;
    }
  }
  std::string Render() const {
    std::string out;
    RenderTo(out);
    return out;
  }
};

// Thrown inside one line's parse to abandon that line only; caught in
// ParseRow. Never crosses a module boundary.
struct RejectLine {};

class RowParser {
 public:
  RowParser(Chunk& chunk, uint32_t row, const ParseLimits& limits)
      : c_(chunk), t_(chunk.table), row_(row), limits_(limits) {
    line_ = chunk.Raw(row);
    in_place_ok_ = chunk.bytes.size() < Chunk::kInBytes;
  }

  void Run(od::parser& parser);

 private:
  // Line-level rejection: the record is unusable as a spec.
  [[noreturn]] void Reject(Code code, std::string_view message, const char* where = nullptr,
                           const Path* path = nullptr) {
    AddError(c_, row_, Stage::kParse, code, message, path ? path->Render() : std::string(),
             Column(where), Status::kRejected);
    // Rejection overrides a schema problem found earlier on the line: the
    // rest of the line was not read, so no rule may judge what is missing.
    t_.status[row_] = Status::kRejected;
    throw RejectLine{};
  }
  // Schema problem: the row becomes invalid, parsing goes on.
  void Invalid(Code code, std::string_view message, const Path& path,
               const char* where = nullptr) {
    AddError(c_, row_, Stage::kParse, code, message, path.Render(), Column(where),
             Status::kInvalid);
  }
  int32_t Column(const char* where) const {
    if (where == nullptr || where < line_.data() || where > line_.data() + line_.size()) return 0;
    return static_cast<int32_t>(where - line_.data()) + 1;
  }
  // Where an unconsumed value starts, for error columns. Same pointer as
  // v.current_location() at that point, but inline: that call is out of
  // line and was made for nearly every value.
  const char* Here(od::value& v) { return v.raw_json_token().data(); }
  // Any simdjson error while walking a line is a JSON-level rejection, except
  // type errors, which the callers handle as schema problems.
  void Check(simdjson::error_code e, const Path& path, const char* where = nullptr) {
    if (!e) return;
    if (e == simdjson::NUMBER_OUT_OF_RANGE) {
      Reject(Code::kNumberOutOfRange, "integer does not fit in 64 bits", where, &path);
    }
    // simdjson reports text after the top-level object as a broken
    // document; name the real cause when that is what happened.
    if (size_t end = ObjectEnd(line_); end != 0 && end < line_.size()) {
      Reject(Code::kTrailingContent, "content after the JSON object", line_.data() + end);
    }
    Reject(Code::kJsonSyntax, fmt::format("invalid JSON: {}", simdjson::error_message(e)), where,
           &path);
  }
  void Duplicate(std::string_view key, const Path& path, const char* where) {
    Reject(Code::kDuplicateKey, fmt::format("key \"{}\" appears twice", key), where, &path);
  }

  simdjson::error_code Key(simdjson::simdjson_result<od::field>& field, std::string_view& key);
  StrRef String(od::value v, const Path& path);
  StrRef ScalarText(od::value v, const Path& path);
  void StringArray(od::value v, const Path& path, std::vector<StrRef>& out);
  void Unknown(const Path& path, od::value v);
  void Walk(od::value v, const Path& path, int depth);
  void Top(od::object obj);
  void ValidateScalarDocument(od::document& doc, od::json_type type);
  void StackEffect(od::value v);
  void Slots(od::value v, const Path& base, bool inputs);
  void Tests(od::value v);
  void Test(od::value v, uint32_t index);
  void Values(od::value v, const Path& path, uint32_t& begin, uint32_t& count);
  void Value(od::value v, const Path& path);
  void Complexity(od::value v);
  void Implementation(od::value v);
  void Params(od::value v, const Path& base);
  void Metadata(od::value v);
  // Iterates an object's fields, rejecting duplicate keys; calls
  // on_field(key, value, known_index) where known_index is the key's index
  // in `known` or -1.
  template <typename F>
  void Fields(od::value v, const Path& path, std::initializer_list<std::string_view> known,
              F&& on_field);

  Chunk& c_;
  SpecTable& t_;
  uint32_t row_;
  const ParseLimits& limits_;
  std::string_view line_;
  bool type_error_ = false;  // the last String()/Fields() met the wrong JSON type
  // Whether strings may point into the line bytes (Chunk::InBytes needs the
  // chunk's bytes below 2^31).
  bool in_place_ok_ = false;
  const Path root_{};
};

// A key without escapes is read where it stands; unescaping (a copy into
// simdjson's string buffer) is left for the rare key that needs it.
simdjson::error_code RowParser::Key(simdjson::simdjson_result<od::field>& field,
                                    std::string_view& key) {
  if (field.error()) return field.error();
  od::field& f = field.value_unsafe();
  if (UnescapedText(f.key().raw(), line_.data() + line_.size(), key)) return simdjson::SUCCESS;
  return f.unescaped_key().get(key);
}

StrRef RowParser::String(od::value v, const Path& path) {
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
    Check(v.type().get(type), path, where);
    Invalid(Code::kWrongJsonType, fmt::format("expected a string, found {}", JsonTypeName(type)),
            path, where);
    Walk(v, path, 0);
    return {};
  }
  Check(e, path, where);
  return c_.arena.Add(s);
}

StrRef RowParser::ScalarText(od::value v, const Path& path) {
  const char* where = Here(v);
  od::json_type type{};
  Check(v.type().get(type), path, where);
  if (type == od::json_type::string) return String(v, path);
  if (type == od::json_type::array || type == od::json_type::object) {
    Invalid(Code::kWrongJsonType, "expected a string or a scalar", path, where);
    Walk(v, path, 0);
    return {};
  }
  std::string_view raw;
  raw = v.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == ',' ||
                          raw.back() == '}' || raw.back() == ']')) {
    raw.remove_suffix(1);
  }
  Walk(v, path, 0);
  return c_.arena.Add(raw);
}

void RowParser::StringArray(od::value v, const Path& path, std::vector<StrRef>& out) {
  const char* where = Here(v);
  od::array arr;
  auto e = v.get_array().get(arr);
  if (e == simdjson::INCORRECT_TYPE) {
    Invalid(Code::kWrongJsonType, "expected an array of strings", path, where);
    Walk(v, path, 0);
    return;
  }
  Check(e, path, where);
  size_t i = 0;
  for (auto item : arr) {
    od::value iv;
    Check(item.get(iv), path, where);
    StrRef s = String(iv, path.Index(static_cast<int64_t>(i)));
    out.push_back(s);
    ++i;
  }
}

// Fields the schema does not know are kept (as warnings) but still fully
// walked, so malformed JSON or duplicate keys inside them cannot slip by.
void RowParser::Unknown(const Path& path, od::value v) {
  t_.unknown_fields.push_back(c_.arena.Add(path.Render()));
  Walk(v, path, 0);
}

void RowParser::Walk(od::value v, const Path& path, int depth) {
  const char* where = Here(v);
  if (depth > 64) Reject(Code::kJsonSyntax, "JSON nested deeper than 64 levels", where, &path);
  od::json_type type{};
  Check(v.type().get(type), path, where);
  switch (type) {
    case od::json_type::object: {
      od::object obj;
      Check(v.get_object().get(obj), path, where);
      KeySet keys;
      for (auto field : obj) {
        std::string_view key;
        Check(Key(field, key), path, where);
        Path child = path.Key(key);
        if (!keys.AddOther(key)) Duplicate(key, child, where);
        od::value fv;
        Check(field.value().get(fv), child, where);
        Walk(fv, child, depth + 1);
      }
      break;
    }
    case od::json_type::array: {
      od::array arr;
      Check(v.get_array().get(arr), path, where);
      for (auto item : arr) {
        od::value iv;
        Check(item.get(iv), path, where);
        Walk(iv, path, depth + 1);
      }
      break;
    }
    case od::json_type::number: {
      // Unknown fields may hold any JSON number, even beyond 64 bits.
      od::number_type nt{};
      Check(v.get_number_type().get(nt), path, where);
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      Check(v.get_string().get(s), path, where);
      break;
    }
    case od::json_type::boolean: {
      bool b = false;
      Check(v.get_bool().get(b), path, where);
      break;
    }
    case od::json_type::null: {
      bool is_null = false;
      Check(v.is_null().get(is_null), path, where);
      if (!is_null) Reject(Code::kJsonSyntax, "invalid JSON literal", where, &path);
      break;
    }
  }
}

template <typename F>
void RowParser::Fields(od::value v, const Path& path,
                       std::initializer_list<std::string_view> known, F&& on_field) {
  const char* where = Here(v);
  od::object obj;
  auto e = v.get_object().get(obj);
  if (e == simdjson::INCORRECT_TYPE) {
    od::json_type type{};
    Check(v.type().get(type), path, where);
    Invalid(Code::kWrongJsonType, fmt::format("expected an object, found {}", JsonTypeName(type)),
            path, where);
    Walk(v, path, 0);
    type_error_ = true;
    return;
  }
  Check(e, path, where);
  type_error_ = false;
  KeySet keys;
  for (auto field : obj) {
    std::string_view key;
    Check(Key(field, key), path, where);
    int index = KeyIndex(key, known);
    Path child = path.Key(key);
    bool fresh = index >= 0 ? keys.AddBit(index) : keys.AddOther(key);
    if (!fresh) Duplicate(key, child, where);
    od::value fv;
    Check(field.value().get(fv), child, where);
    on_field(child, fv, index);
  }
}

void RowParser::Top(od::object obj) {
  KeySet keys;
  const std::initializer_list<std::string_view> kKnown = {
      "word",       "description",    "stack_effect", "properties",
      "test_cases", "complexity",     "implementation", "metadata"};
  for (auto field : obj) {
    std::string_view key;
    Check(Key(field, key), root_);
    int index = KeyIndex(key, kKnown);
    Path path = root_.Key(key);
    bool fresh = index >= 0 ? keys.AddBit(index) : keys.AddOther(key);
    od::value v;
    Check(field.value().get(v), path);
    if (!fresh) Duplicate(key, path, Here(v));
    switch (index) {
      case 0:
        t_.word[row_] = String(v, path);
        // A word of the wrong JSON type is reported once, here, and not
        // again by validation as empty or missing.
        t_.fields[row_] |= type_error_ ? kWordTypeError : kHasWord;
        break;
      case 1:
        t_.description[row_] = String(v, path);
        t_.fields[row_] |= kHasDescription;
        break;
      case 2:
        StackEffect(v);
        t_.fields[row_] |= type_error_ ? kEffectTypeError : kHasStackEffect;
        break;
      case 3:
        t_.fields[row_] |= kHasProperties;
        StringArray(v, path, t_.properties);
        break;
      case 4:
        t_.fields[row_] |= kHasTestCases;
        Tests(v);
        break;
      case 5:
        t_.fields[row_] |= kHasComplexity;
        Complexity(v);
        break;
      case 6:
        t_.fields[row_] |= kHasImplementation;
        Implementation(v);
        break;
      case 7:
        t_.fields[row_] |= kHasMetadata;
        Metadata(v);
        break;
      default:
        Unknown(path, v);
    }
  }
}

void RowParser::StackEffect(od::value v) {
  Path base = root_.Key("stack_effect");
  Fields(v, base, {"inputs", "outputs"},
         [&](const Path& path, od::value fv, int index) {
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

void RowParser::Slots(od::value v, const Path& base, bool inputs) {
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
  if (i > limits_.max_tests) {
    Invalid(Code::kTooManyTests,
            fmt::format("{} test cases; at most {} are allowed", i, limits_.max_tests),
            base, where);
  }
}

void RowParser::Test(od::value v, uint32_t index) {
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
                 auto bit = ParseTestTag(c_.Str(tags[k]));
                 if (bit) {
                   tc.tags |= *bit;
                 } else {
                   Invalid(Code::kUnknownTestTag,
                           fmt::format("unknown tag \"{}\"; known: base_case edge_case boundary "
                                       "error performance property",
                                       c_.Str(tags[k])),
                           path.Index(static_cast<int64_t>(k)));
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

void RowParser::Values(od::value v, const Path& path, uint32_t& begin, uint32_t& count) {
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
  if (n > limits_.max_slots) {
    Invalid(Code::kTooManyTestValues,
            fmt::format("{} values; at most {} per side", n, limits_.max_slots), path, where);
  }
}

void RowParser::Value(od::value v, const Path& path) {
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

void RowParser::Params(od::value v, const Path& base) {
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

// A line that is not an object is rejected either way; this only decides
// whether it is valid JSON of another type (E0104) or not JSON at all (E0100).
void RowParser::ValidateScalarDocument(od::document& doc, od::json_type type) {
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
      if (!e) Walk(v, root_, 0);
      const char* rest = nullptr;
      if (!e && doc.current_location().get(rest) == simdjson::SUCCESS) {
        Reject(Code::kJsonSyntax, "invalid JSON: more than one value on the line", rest, &root_);
      }
      break;
    }
    case od::json_type::object:
      break;
  }
  // Root scalars report TRAILING_CONTENT themselves.
  if (e) Reject(Code::kJsonSyntax, fmt::format("invalid JSON: {}", simdjson::error_message(e)),
                line_.data(), &root_);
}

void RowParser::Run(od::parser& parser) {
  // Checks that need the raw bytes come first: they give the precise cause
  // that a JSON parser would blur into "syntax error".
  if (t_.raw_length[row_] > limits_.max_line_bytes) {
    Reject(Code::kLineTooLong,
           fmt::format("line is {} bytes; the limit is {} (--max-line-bytes)",
                       t_.raw_length[row_], limits_.max_line_bytes));
  }
  if (const void* nul = std::memchr(line_.data(), '\0', line_.size())) {
    Reject(Code::kNulByte, "NUL byte in line", static_cast<const char*>(nul));
  }
  if (size_t bad = FirstInvalidUtf8(line_); bad != line_.size()) {
    Reject(Code::kInvalidUtf8, fmt::format("invalid UTF-8 at byte {}", bad + 1),
           line_.data() + bad);
  }
  size_t capacity = c_.bytes.size() - t_.raw[row_].offset;
  od::document doc;
  Check(parser.iterate(simdjson::padded_string_view(line_.data(), line_.size(), capacity))
            .get(doc),
        root_);
  od::json_type type{};
  auto e = doc.type().get(type);
  if (e) {
    const char* where = nullptr;
    if (doc.current_location().get(where)) where = nullptr;
    Check(e, root_, where);
  }
  if (type != od::json_type::object) {
    ValidateScalarDocument(doc, type);
    Reject(Code::kNotAnObject, fmt::format("line is {}, not a JSON object", JsonTypeName(type)),
           line_.data(), &root_);
  }
  od::object obj;
  Check(doc.get_object().get(obj), root_);
  Top(obj);
  // After the object is consumed, current_location() fails with
  // OUT_OF_BOUNDS exactly when nothing follows (simdjson 3.0 has no at_end()).
  const char* rest = nullptr;
  if (doc.current_location().get(rest) == simdjson::SUCCESS) {
    Reject(Code::kTrailingContent, "content after the JSON object", rest);
  }
}

}  // namespace

void ParseChunk(Chunk& chunk, const ParseLimits& limits) {
  thread_local od::parser parser;
  SpecTable& t = chunk.table;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    t.content_hash[row] = HashBytes(chunk.Raw(row));
    const size_t values_before = t.values.size();
    try {
      RowParser(chunk, row, limits).Run(parser);
    } catch (const RejectLine&) {
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
