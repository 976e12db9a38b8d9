#include "io/patterns/pattern_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "engine/forth/lexer.h"
#include "io/json/json_path.h"
#include "io/json/json_scan.h"

namespace ffb {
namespace {

namespace od = simdjson::ondemand;

bool HasSpace(std::string_view s) {
  for (char c : s)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  return false;
}

// The top-level keys, in the order of the unknown-field message; the first
// six are required.
constexpr int kId = 0, kCategory = 1, kEffect = 2, kInputs = 3, kOutputs = 4, kTemplate = 5,
              kDescription = 6, kVariables = 7, kPerformance = 8, kTags = 9, kTestCases = 10,
              kUnsupported = 11, kNotes = 12;
const std::initializer_list<std::string_view> kKeys = {
    "id",        "category",    "effect", "inputs",     "outputs",     "template", "description",
    "variables", "performance", "tags",   "test_cases", "unsupported", "notes"};

// Parses one line into a Pattern; the first problem stops the line and is
// recorded with its field path.
class LineParser {
 public:
  LineParser(std::string_view origin, uint64_t line) : origin_(origin), line_(line) {}

  std::optional<Pattern> Parse(od::parser& parser, std::string_view text) {
    simdjson::padded_string json(text);
    od::document doc;
    if (auto e = parser.iterate(json).get(doc))
      return Fail(root_, fmt::format("not JSON: {}", simdjson::error_message(e)));
    doc_ = &doc;
    base_ = json.data();
    od::json_type type;
    if (auto e = doc.type().get(type))
      return Fail(root_, fmt::format("not JSON: {}", simdjson::error_message(e)), 1);
    if (type != od::json_type::object)
      return Fail(root_, "a pattern line must be a JSON object", 1);
    od::object obj;
    if (auto e = doc.get_object().get(obj)) {
      if (e == simdjson::TRAILING_CONTENT)
        return Fail(root_, "trailing content after the JSON object", 0);
      return Fail(root_, fmt::format("not JSON: {}", simdjson::error_message(e)));
    }
    Pattern p;
    p.origin = std::string(origin_);
    p.line = line_;
    KeySet seen;
    for (auto field_result : obj) {
      od::field field;
      if (auto e = std::move(field_result).get(field))
        return Fail(root_, fmt::format("not JSON: {}", simdjson::error_message(e)));
      const uint32_t key_col = static_cast<uint32_t>(field.key().raw() - base_);  // the quote
      std::string_view key;
      if (auto e = field.unescaped_key().get(key))
        return Fail(root_, fmt::format("bad key: {}", simdjson::error_message(e)));
      const Path k = root_.Key(key);
      const int index = KeyIndex(key, kKeys);
      // An unknown key fails on its first occurrence, so only known keys can
      // repeat.
      if (index >= 0 && !seen.AddBit(index)) return Fail(k, "duplicate key", key_col);
      od::value v = field.value();
      bool ok = true;
      switch (index) {
        case kId:
          ok = String(v, k, p.id);
          break;
        case kCategory:
          ok = String(v, k, p.category);
          break;
        case kDescription:
          ok = String(v, k, p.description);
          break;
        case kEffect:
          ok = String(v, k, p.effect);
          break;
        case kTemplate:
          ok = String(v, k, p.template_text);
          break;
        case kPerformance:
          ok = String(v, k, p.performance);
          break;
        case kNotes:
          ok = String(v, k, p.notes);
          break;
        case kUnsupported: {
          std::string reason;
          const uint32_t col = At(v);
          ok = String(v, k, reason);
          if (ok && reason.empty()) return Fail(k, "the reason must not be empty", col);
          p.unsupported = std::move(reason);
          break;
        }
        case kInputs:
          ok = Slots(v, k, p.inputs);
          break;
        case kOutputs:
          ok = Slots(v, k, p.outputs);
          break;
        case kTags:
          ok = Strings(v, k, p.tags);
          break;
        case kVariables:
          ok = Variables(v, k, p.variables);
          break;
        case kTestCases:
          ok = Tests(v, k, p.tests);
          break;
        default:
          return Fail(k,
                      "unknown field (expected id, category, description, effect, inputs, "
                      "outputs, template, variables, performance, tags, test_cases, "
                      "unsupported, notes)",
                      key_col);
      }
      if (!ok) return std::nullopt;
    }
    doc_ = nullptr;  // cross-field problems below have no single column
    // After the object, current_location() fails exactly when nothing follows.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      Fail(root_, "trailing content after the JSON object");
      errors_.back().column = static_cast<uint32_t>(rest - base_ + 1);
      return std::nullopt;
    }
    for (int required = kId; required <= kTemplate; ++required) {
      if (!(seen.bits & (1u << required))) {
        return Fail(root_.Key(kKeys.begin()[required]), "missing required field");
      }
    }
    if (p.id.empty() || HasSpace(p.id))
      return Fail(root_.Key("id"), "must be non-empty and contain no whitespace");
    if (!Check(p)) return std::nullopt;
    return p;
  }

  std::vector<PatternLoadError>& errors() { return errors_; }

 private:
  static constexpr uint32_t kHere = 0xffffffffu;  // where the parser stands

  // `column` 0: none; kHere: the parser's position (while reading the line).
  std::nullopt_t Fail(const Path& field, std::string message, uint32_t column = kHere) {
    const char* at = nullptr;
    if (column == kHere)
      column = doc_ && doc_->current_location().get(at) == simdjson::SUCCESS
                   ? static_cast<uint32_t>(at - base_ + 1)
                   : 0;
    errors_.push_back(
        {std::string(origin_), line_, column, field.RenderField(), std::move(message)});
    return std::nullopt;
  }
  bool Err(const Path& field, std::string message, uint32_t column = kHere) {
    Fail(field, std::move(message), column);
    return false;
  }
  // 1-based column of the first byte of value v.
  uint32_t At(od::value& v) { return static_cast<uint32_t>(v.raw_json_token().data() - base_ + 1); }

  bool String(od::value v, const Path& path, std::string& out) {
    std::string_view s;
    uint32_t col = At(v);
    if (v.get_string().get(s)) return Err(path, "expected a string", col);
    out.assign(s);
    return true;
  }

  bool Strings(od::value v, const Path& path, std::vector<std::string>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of strings", At(v));
    size_t i = 0;
    for (auto item : arr) {
      od::value iv;
      std::string s;
      if (item.get(iv) || !String(iv, path.Index(i), s)) return Touch(path, i);
      out.push_back(std::move(s));
      ++i;
    }
    return true;
  }

  // Records a generic error for element i unless a more precise one exists.
  bool Touch(const Path& path, size_t i) {
    if (errors_.empty()) Fail(path.Index(i), "malformed JSON");
    return false;
  }

  bool Slots(od::value v, const Path& path, std::vector<PatternSlot>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of {name, type}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      const Path at = path.Index(i);
      od::object obj;
      if (item.get_object().get(obj)) return Err(at, "expected an object {name, type}");
      PatternSlot slot;
      bool has_name = false;
      for (auto f : obj) {
        std::string_view key;
        if (f.unescaped_key().get(key)) return Touch(path, i);
        od::value fv;
        if (f.value().get(fv)) return Touch(path, i);
        if (key == "name") {
          if (!String(fv, at.Key("name"), slot.name)) return false;
          has_name = true;
        } else if (key == "type") {
          std::string t;
          uint32_t col = At(fv);
          if (!String(fv, at.Key("type"), t)) return false;
          auto type = ParseSlotType(t);
          if (!type) {
            return Err(at.Key("type"),
                       fmt::format("unknown type `{}` (int, uint, bool, char, addr, any)", t), col);
          }
          slot.type = *type;
        } else {
          return Err(at.Key(key), "unknown field (expected name, type)");
        }
      }
      if (!has_name) return Err(at.Key("name"), "missing required field", 0);
      out.push_back(std::move(slot));
      ++i;
    }
    if (out.size() > kMaxEffectSlots) {
      return Err(path, fmt::format("more than {} slots", kMaxEffectSlots));
    }
    return true;
  }

  bool Variables(od::value v, const Path& path, std::vector<PatternVariable>& out) {
    od::array arr;
    if (v.get_array().get(arr))
      return Err(path, "expected an array of {name, description, default}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      const Path at = path.Index(i);
      od::object obj;
      if (item.get_object().get(obj))
        return Err(at, "expected an object {name, description, default}");
      PatternVariable var;
      bool has_name = false;
      uint32_t name_col = 0, default_col = 0;
      for (auto f : obj) {
        std::string_view key;
        if (f.unescaped_key().get(key)) return Touch(path, i);
        od::value fv;
        if (f.value().get(fv)) return Touch(path, i);
        if (key == "name") {
          name_col = At(fv);
          if (!String(fv, at.Key("name"), var.name)) return false;
          has_name = true;
        } else if (key == "description") {
          if (!String(fv, at.Key("description"), var.description)) return false;
        } else if (key == "default") {
          std::string d;
          default_col = At(fv);
          if (!String(fv, at.Key("default"), d)) return false;
          var.default_value = std::move(d);
        } else {
          return Err(at.Key(key), "unknown field (expected name, description, default)");
        }
      }
      if (!has_name) return Err(at.Key("name"), "missing required field", 0);
      if (!IsVariableShaped(var.name) || var.name == "NAME") {
        return Err(at.Key("name"),
                   fmt::format("`{}` is not a variable name ([A-Z][A-Z0-9_]*, not NAME)", var.name),
                   name_col);
      }
      for (const auto& other : out) {
        if (other.name == var.name) {
          return Err(at.Key("name"), fmt::format("variable `{}` declared twice", var.name),
                     name_col);
        }
      }
      if (var.default_value) {
        TokenColumns scratch;
        std::vector<Diagnostic> d;
        if (!LexBody(*var.default_value, scratch, d)) {
          return Err(at.Key("default"),
                     fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column,
                                 d.back().message),
                     default_col);
        }
      }
      out.push_back(std::move(var));
      ++i;
    }
    return true;
  }

  bool Value(od::value v, const Path& at, TestValue& out) {
    const uint32_t col = At(v);
    od::json_type type;
    if (v.type().get(type)) return Err(at, "malformed JSON value", col);
    if (type == od::json_type::boolean) {
      bool b = false;
      if (v.get_bool().get(b)) return Err(at, "malformed boolean", col);
      out = {b ? -1 : 0, ValueKind::kBool};
      return true;
    }
    if (type == od::json_type::number) {
      int64_t i = 0;
      if (!v.get_int64().get(i)) {
        out = {i, ValueKind::kInt};
        return true;
      }
      uint64_t u = 0;
      if (!v.get_uint64().get(u)) {
        out = {static_cast<int64_t>(u), ValueKind::kBigUint};
        return true;
      }
      return Err(at, "expected a 64-bit integer", col);
    }
    return Err(at, "expected an integer or a boolean", col);
  }

  bool Values(od::value v, const Path& at, std::vector<TestValue>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(at, "expected an array of integers or booleans", At(v));
    size_t i = 0;
    for (auto item : arr) {
      od::value iv;
      if (item.get(iv)) return Touch(at, i);
      TestValue tv;
      if (!Value(iv, at.Index(i), tv)) return false;
      out.push_back(tv);
      ++i;
    }
    return true;
  }

  bool Tests(od::value v, const Path& path, std::vector<PatternTest>& out) {
    od::array arr;
    if (v.get_array().get(arr))
      return Err(path, "expected an array of {input, output, params}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      const Path at = path.Index(i);
      od::object obj;
      if (item.get_object().get(obj)) return Err(at, "expected an object {input, output, params}");
      PatternTest t;
      bool has_in = false, has_out = false;
      for (auto f : obj) {
        std::string_view key;
        if (f.unescaped_key().get(key)) return Touch(path, i);
        od::value fv;
        if (f.value().get(fv)) return Touch(path, i);
        if (key == "input") {
          if (!Values(fv, at.Key("input"), t.input)) return false;
          has_in = true;
        } else if (key == "output") {
          if (!Values(fv, at.Key("output"), t.output)) return false;
          has_out = true;
        } else if (key == "params") {
          const Path params = at.Key("params");
          od::object po;
          if (fv.get_object().get(po))
            return Err(params, "expected an object {VARIABLE: \"forth text\"}", At(fv));
          for (auto pf : po) {
            std::string_view pk;
            if (pf.unescaped_key().get(pk)) return Touch(path, i);
            od::value pv;
            if (pf.value().get(pv)) return Touch(path, i);
            std::string value;
            if (!String(pv, params.Key(pk), value)) return false;
            t.params.emplace_back(std::string(pk), std::move(value));
          }
        } else {
          return Err(at.Key(key), "unknown field (expected input, output, params)");
        }
      }
      if (!has_in) return Err(at.Key("input"), "missing required field", 0);
      if (!has_out) return Err(at.Key("output"), "missing required field", 0);
      out.push_back(std::move(t));
      ++i;
    }
    return true;
  }

  // Cross-field rules once the whole line is read, then the engine's own
  // preparation of the template.
  bool Check(Pattern& p) {
    const Path tests = root_.Key("test_cases");
    if (p.unsupported && !p.tests.empty())
      return Err(tests, "an unsupported pattern cannot have test cases");
    for (size_t i = 0; i < p.tests.size(); ++i) {
      const PatternTest& t = p.tests[i];
      const Path at = tests.Index(i);
      if (t.input.size() != p.inputs.size()) {
        return Err(at.Key("input"),
                   fmt::format("{} values for {} inputs", t.input.size(), p.inputs.size()));
      }
      if (t.output.size() != p.outputs.size()) {
        return Err(at.Key("output"),
                   fmt::format("{} values for {} outputs", t.output.size(), p.outputs.size()));
      }
      const Path params = at.Key("params");
      for (const auto& [name, value] : t.params) {
        if (p.FindVariable(name) < 0) return Err(params.Key(name), "not a declared variable");
        TokenColumns scratch;
        std::vector<Diagnostic> d;
        if (!LexBody(value, scratch, d)) {
          return Err(params.Key(name),
                     fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column,
                                 d.back().message));
        }
      }
    }
    if (std::optional<std::string> problem = Prepare(p)) {
      return Err(root_.Key("template"), std::move(*problem));
    }
    return true;
  }

  std::string_view origin_;
  uint64_t line_;
  od::document* doc_ = nullptr;  // for error columns
  const char* base_ = nullptr;
  std::vector<PatternLoadError> errors_;
  const Path root_{};
};

}  // namespace

std::string PatternLoadError::Format() const {
  std::string s = origin;
  if (line) s += fmt::format(":{}", line);
  if (line && column) s += fmt::format(":{}", column);
  s += ": ";
  if (!field.empty()) s += field + ": ";
  return s + message;
}

PatternLoad LoadPatternText(std::string_view text, std::string_view origin) {
  PatternLoad load;
  od::parser parser;
  std::unordered_map<std::string, uint64_t> first_line;
  ForEachTextLine(text, [&](uint64_t line_no, std::string_view line) {
    LineParser lp(origin, line_no);
    std::optional<Pattern> p = lp.Parse(parser, line);
    if (!p) {
      for (auto& e : lp.errors()) load.errors.push_back(std::move(e));
      return;
    }
    auto [it, fresh] = first_line.emplace(p->id, line_no);
    if (!fresh) {
      load.errors.push_back(
          {std::string(origin), line_no, 0, "id",
           fmt::format("duplicate id `{}` (first on line {})", p->id, it->second)});
      return;
    }
    load.library.Add(std::move(*p));
  });
  return load;
}

PatternLoad LoadPatternFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PatternLoad load;
    load.errors.push_back({path, 0, 0, "", "cannot open the pattern library file"});
    return load;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    PatternLoad load;
    load.errors.push_back({path, 0, 0, "", "cannot read the pattern library file"});
    return load;
  }
  return LoadPatternText(ss.str(), path);
}

}  // namespace ffb
