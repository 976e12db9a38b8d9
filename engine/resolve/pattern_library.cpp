#include "engine/resolve/pattern_library.h"

#include "engine/core/ascii.h"
#include "engine/core/edit_distance.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "engine/forth/lexer.h"
#include "engine/resolve/template_expand.h"

namespace ffb {
namespace {

namespace od = simdjson::ondemand;

bool HasSpace(std::string_view s) {
  for (char c : s)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  return false;
}

// Parses one line into a Pattern; the first problem stops the line and is
// recorded with its field path.
class LineParser {
 public:
  LineParser(std::string_view origin, uint64_t line) : origin_(origin), line_(line) {}

  std::optional<Pattern> Parse(od::parser& parser, std::string_view text) {
    simdjson::padded_string json(text);
    od::document doc;
    if (auto e = parser.iterate(json).get(doc)) return Fail("", fmt::format("not JSON: {}", simdjson::error_message(e)));
    doc_ = &doc;
    base_ = json.data();
    od::json_type type;
    if (auto e = doc.type().get(type)) return Fail("", fmt::format("not JSON: {}", simdjson::error_message(e)), 1);
    if (type != od::json_type::object) return Fail("", "a pattern line must be a JSON object", 1);
    od::object obj;
    if (auto e = doc.get_object().get(obj)) {
      if (e == simdjson::TRAILING_CONTENT) return Fail("", "trailing content after the JSON object", 0);
      return Fail("", fmt::format("not JSON: {}", simdjson::error_message(e)));
    }
    Pattern p;
    p.origin = std::string(origin_);
    p.line = line_;
    std::unordered_set<std::string> seen;
    for (auto field_result : obj) {
      od::field field;
      if (auto e = std::move(field_result).get(field)) return Fail("", fmt::format("not JSON: {}", simdjson::error_message(e)));
      const uint32_t key_col = static_cast<uint32_t>(field.key().raw() - base_);  // the opening quote
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return Fail("", fmt::format("bad key: {}", simdjson::error_message(e)));
      std::string k(key);
      if (!seen.insert(k).second) return Fail(k, "duplicate key", key_col);
      od::value v = field.value();
      bool ok = true;
      if (k == "id") ok = String(v, k, p.id);
      else if (k == "category") ok = String(v, k, p.category);
      else if (k == "description") ok = String(v, k, p.description);
      else if (k == "effect") ok = String(v, k, p.effect);
      else if (k == "template") ok = String(v, k, p.template_text);
      else if (k == "performance") ok = String(v, k, p.performance);
      else if (k == "notes") ok = String(v, k, p.notes);
      else if (k == "unsupported") {
        std::string reason;
        const uint32_t col = At(v);
        ok = String(v, k, reason);
        if (ok && reason.empty()) return Fail(k, "the reason must not be empty", col);
        p.unsupported = std::move(reason);
      } else if (k == "inputs") ok = Slots(v, k, p.inputs);
      else if (k == "outputs") ok = Slots(v, k, p.outputs);
      else if (k == "tags") ok = Strings(v, k, p.tags);
      else if (k == "variables") ok = Variables(v, k, p.variables);
      else if (k == "test_cases") ok = Tests(v, k, p.tests);
      else return Fail(k, "unknown field (expected id, category, description, effect, inputs, outputs, "
                          "template, variables, performance, tags, test_cases, unsupported, notes)", key_col);
      if (!ok) return std::nullopt;
    }
    doc_ = nullptr;  // cross-field problems below have no single column
    // After the object, current_location() fails exactly when nothing follows.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      Fail("", "trailing content after the JSON object");
      errors_.back().column = static_cast<uint32_t>(rest - base_ + 1);
      return std::nullopt;
    }
    for (const char* required : {"id", "category", "effect", "inputs", "outputs", "template"})
      if (!seen.count(required)) return Fail(required, "missing required field");
    if (p.id.empty() || HasSpace(p.id)) return Fail("id", "must be non-empty and contain no whitespace");
    if (!Check(p)) return std::nullopt;
    return p;
  }

  std::vector<PatternLoadError>& errors() { return errors_; }

 private:
  static constexpr uint32_t kHere = 0xffffffffu;  // where the parser stands

  // `column` 0: none; kHere: the parser's position (while reading the line).
  std::nullopt_t Fail(std::string field, std::string message, uint32_t column = kHere) {
    const char* at = nullptr;
    if (column == kHere)
      column = doc_ && doc_->current_location().get(at) == simdjson::SUCCESS ? static_cast<uint32_t>(at - base_ + 1) : 0;
    errors_.push_back({std::string(origin_), line_, column, std::move(field), std::move(message)});
    return std::nullopt;
  }
  bool Err(std::string field, std::string message, uint32_t column = kHere) {
    Fail(std::move(field), std::move(message), column);
    return false;
  }
  // 1-based column of the first byte of value v.
  uint32_t At(od::value& v) { return static_cast<uint32_t>(v.raw_json_token().data() - base_ + 1); }

  bool String(od::value v, const std::string& path, std::string& out) {
    std::string_view s;
    uint32_t col = At(v);
    if (v.get_string().get(s)) return Err(path, "expected a string", col);
    out.assign(s);
    return true;
  }

  bool Strings(od::value v, const std::string& path, std::vector<std::string>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of strings", At(v));
    size_t i = 0;
    for (auto item : arr) {
      od::value iv;
      std::string s;
      if (item.get(iv) || !String(iv, fmt::format("{}[{}]", path, i), s)) return Touch(path, i);
      out.push_back(std::move(s));
      ++i;
    }
    return true;
  }

  // Records a generic error for element i unless a more precise one exists.
  bool Touch(const std::string& path, size_t i) {
    if (errors_.empty()) Fail(fmt::format("{}[{}]", path, i), "malformed JSON");
    return false;
  }

  bool Slots(od::value v, const std::string& path, std::vector<PatternSlot>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of {name, type}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      std::string at = fmt::format("{}[{}]", path, i);
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
          if (!String(fv, at + ".name", slot.name)) return false;
          has_name = true;
        } else if (key == "type") {
          std::string t;
          uint32_t col = At(fv);
          if (!String(fv, at + ".type", t)) return false;
          auto type = ParseSlotType(t);
          if (!type) return Err(at + ".type", fmt::format("unknown type `{}` (int, uint, bool, char, addr, any)", t), col);
          slot.type = *type;
        } else {
          return Err(fmt::format("{}.{}", at, key), "unknown field (expected name, type)");
        }
      }
      if (!has_name) return Err(at + ".name", "missing required field", 0);
      out.push_back(std::move(slot));
      ++i;
    }
    if (out.size() > kMaxEffectSlots) return Err(path, "more than 64 slots");
    return true;
  }

  bool Variables(od::value v, const std::string& path, std::vector<PatternVariable>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of {name, description, default}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      std::string at = fmt::format("{}[{}]", path, i);
      od::object obj;
      if (item.get_object().get(obj)) return Err(at, "expected an object {name, description, default}");
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
          if (!String(fv, at + ".name", var.name)) return false;
          has_name = true;
        } else if (key == "description") {
          if (!String(fv, at + ".description", var.description)) return false;
        } else if (key == "default") {
          std::string d;
          default_col = At(fv);
          if (!String(fv, at + ".default", d)) return false;
          var.default_value = std::move(d);
        } else {
          return Err(fmt::format("{}.{}", at, key), "unknown field (expected name, description, default)");
        }
      }
      if (!has_name) return Err(at + ".name", "missing required field", 0);
      if (!IsVariableShaped(var.name) || var.name == "NAME")
        return Err(at + ".name", fmt::format("`{}` is not a variable name ([A-Z][A-Z0-9_]*, not NAME)", var.name),
                   name_col);
      for (const auto& other : out)
        if (other.name == var.name)
          return Err(at + ".name", fmt::format("variable `{}` declared twice", var.name), name_col);
      if (var.default_value) {
        TokenColumns scratch;
        std::vector<Diagnostic> d;
        if (!LexBody(*var.default_value, scratch, d))
          return Err(at + ".default",
                     fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column, d.back().message),
                     default_col);
      }
      out.push_back(std::move(var));
      ++i;
    }
    return true;
  }

  bool Value(od::value v, const std::string& at, TestValue& out) {
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

  bool Values(od::value v, const std::string& at, std::vector<TestValue>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(at, "expected an array of integers or booleans", At(v));
    size_t i = 0;
    for (auto item : arr) {
      od::value iv;
      if (item.get(iv)) return Touch(at, i);
      TestValue tv;
      if (!Value(iv, fmt::format("{}[{}]", at, i), tv)) return false;
      out.push_back(tv);
      ++i;
    }
    return true;
  }

  bool Tests(od::value v, const std::string& path, std::vector<PatternTest>& out) {
    od::array arr;
    if (v.get_array().get(arr)) return Err(path, "expected an array of {input, output, params}", At(v));
    size_t i = 0;
    for (auto item : arr) {
      std::string at = fmt::format("{}[{}]", path, i);
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
          if (!Values(fv, at + ".input", t.input)) return false;
          has_in = true;
        } else if (key == "output") {
          if (!Values(fv, at + ".output", t.output)) return false;
          has_out = true;
        } else if (key == "params") {
          od::object po;
          if (fv.get_object().get(po)) return Err(at + ".params", "expected an object {VARIABLE: \"forth text\"}", At(fv));
          for (auto pf : po) {
            std::string_view pk;
            if (pf.unescaped_key().get(pk)) return Touch(path, i);
            od::value pv;
            if (pf.value().get(pv)) return Touch(path, i);
            std::string value;
            if (!String(pv, fmt::format("{}.params.{}", at, pk), value)) return false;
            t.params.emplace_back(std::string(pk), std::move(value));
          }
        } else {
          return Err(fmt::format("{}.{}", at, key), "unknown field (expected input, output, params)");
        }
      }
      if (!has_in) return Err(at + ".input", "missing required field", 0);
      if (!has_out) return Err(at + ".output", "missing required field", 0);
      out.push_back(std::move(t));
      ++i;
    }
    return true;
  }

  // Cross-field rules once the whole line is read.
  bool Check(Pattern& p) {
    if (p.unsupported && !p.tests.empty())
      return Err("test_cases", "an unsupported pattern cannot have test cases");
    for (size_t i = 0; i < p.tests.size(); ++i) {
      const PatternTest& t = p.tests[i];
      std::string at = fmt::format("test_cases[{}]", i);
      if (t.input.size() != p.inputs.size())
        return Err(at + ".input", fmt::format("{} values for {} inputs", t.input.size(), p.inputs.size()));
      if (t.output.size() != p.outputs.size())
        return Err(at + ".output", fmt::format("{} values for {} outputs", t.output.size(), p.outputs.size()));
      for (const auto& [name, value] : t.params) {
        if (p.FindVariable(name) < 0)
          return Err(fmt::format("{}.params.{}", at, name), "not a declared variable");
        TokenColumns scratch;
        std::vector<Diagnostic> d;
        if (!LexBody(value, scratch, d))
          return Err(fmt::format("{}.params.{}", at, name),
                      fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column,
                                  d.back().message));
      }
    }
    p.shuffle = ShuffleOf(p);
    return SplitTemplate(p);
  }

  // Slot names from the effect text when it has one word per slot (the
  // inputs/outputs arrays need unique names, the effect text does not).
  static std::vector<int> ShuffleOf(const Pattern& p) {
    std::vector<std::string> in, out;
    std::istringstream words(p.effect);
    bool outputs = false;
    for (std::string w; words >> w;) {
      if (w == "(" || w == ")") continue;
      if (w == "--") {
        outputs = true;
        continue;
      }
      (outputs ? out : in).push_back(w);
    }
    if (in.size() != p.inputs.size() || out.size() != p.outputs.size()) {
      in.clear();
      out.clear();
      for (const auto& s : p.inputs) in.push_back(s.name);
      for (const auto& s : p.outputs) out.push_back(s.name);
    }
    return StackShuffle(in, out);
  }

  // Splits the template into words, marks variables, and lexes the literal
  // words in place (variables blanked, so token columns are template columns).
  bool SplitTemplate(Pattern& p) {
    std::vector<ForthWord> words;
    if (!SplitForthWords(p.template_text, words)) {
      TokenColumns scratch;
      std::vector<Diagnostic> d;
      LexBody(p.template_text, scratch, d);
      uint32_t col = d.empty() ? 0 : d.back().column;
      return Err("template", fmt::format("E0002 at column {}: comment `(` is not closed by `)`", col));
    }
    std::string literal_only = p.template_text;
    uint32_t literal_count = 0;
    for (const ForthWord& w : words) {
      TemplateWord tw;
      tw.text = std::string(w.text);
      tw.column = w.offset + 1;
      if (w.text == "NAME") {
        tw.variable = TemplateWord::kName;
      } else if (IsVariableShaped(w.text) && p.FindVariable(w.text) >= 0) {
        tw.variable = p.FindVariable(w.text);
      } else {
        tw.token = literal_count++;
      }
      if (tw.variable != TemplateWord::kLiteral) literal_only.replace(w.offset, w.text.size(), w.text.size(), ' ');
      p.words.push_back(std::move(tw));
    }
    std::vector<Diagnostic> d;
    if (!LexBody(literal_only, p.tokens, d))
      return Err("template", fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column,
                                          d.back().message));
    if (p.tokens.Body(0).size() != literal_count)
      return Err("template", "internal: template words and tokens disagree");
    return true;
  }

  std::string_view origin_;
  uint64_t line_;
  od::document* doc_ = nullptr;  // for error columns
  const char* base_ = nullptr;
  std::vector<PatternLoadError> errors_;
};

bool ContainsFolded(std::string_view haystack, std::string_view lower_needle) {
  return LowerName(haystack).find(lower_needle) != std::string::npos;
}

}  // namespace

int Pattern::FindVariable(std::string_view name) const {
  for (size_t i = 0; i < variables.size(); ++i)
    if (variables[i].name == name) return static_cast<int>(i);
  return -1;
}

bool Pattern::HasTag(std::string_view tag) const {
  for (const auto& t : tags)
    if (t == tag) return true;
  return false;
}

std::string PatternLoadError::Format() const {
  std::string s = origin;
  if (line) s += fmt::format(":{}", line);
  if (line && column) s += fmt::format(":{}", column);
  s += ": ";
  if (!field.empty()) s += field + ": ";
  return s + message;
}

const Pattern* PatternLibrary::Find(std::string_view id) const {
  auto it = index_.find(std::string(id));
  return it == index_.end() ? nullptr : &patterns_[it->second];
}

bool PatternLibrary::Add(Pattern p) {
  if (index_.count(p.id)) return false;
  index_.emplace(p.id, patterns_.size());
  patterns_.push_back(std::move(p));
  return true;
}

size_t PatternLibrary::Merge(const PatternLibrary& other) {
  size_t replaced = 0;
  for (const Pattern& p : other.patterns_) {
    auto it = index_.find(p.id);
    if (it != index_.end()) {
      patterns_[it->second] = p;
      ++replaced;
    } else {
      Add(p);
    }
  }
  return replaced;
}

bool SlotTypesCompatible(SlotType pattern, SlotType wanted) {
  if (pattern == wanted) return true;
  auto loose = [](SlotType t) { return t == SlotType::kAny || t == SlotType::kUnknown; };
  return loose(pattern) || loose(wanted);
}

bool EffectMatches(const Pattern& p, const StackEffect& wanted) {
  if (p.inputs.size() != wanted.inputs.size() || p.outputs.size() != wanted.outputs.size()) return false;
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (!SlotTypesCompatible(p.inputs[i].type, wanted.inputs[i].type)) return false;
  for (size_t i = 0; i < p.outputs.size(); ++i)
    if (!SlotTypesCompatible(p.outputs[i].type, wanted.outputs[i].type)) return false;
  return true;
}

std::vector<int> StackShuffle(std::span<const std::string> inputs, std::span<const std::string> outputs) {
  std::vector<int> shape;
  if (inputs.empty() || outputs.empty()) return shape;
  for (size_t i = 0; i < inputs.size(); ++i)
    for (size_t j = i + 1; j < inputs.size(); ++j)
      if (inputs[i] == inputs[j]) return {};
  for (const auto& o : outputs) {
    auto it = std::find(inputs.begin(), inputs.end(), o);
    if (it == inputs.end()) return {};
    shape.push_back(static_cast<int>(it - inputs.begin()));
  }
  return shape;
}

bool IsVariableShaped(std::string_view w) {
  if (w.empty() || w[0] < 'A' || w[0] > 'Z') return false;
  for (char c : w)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::vector<const Pattern*> PatternLibrary::List(const PatternFilter& f) const {
  std::vector<const Pattern*> out;
  for (const Pattern& p : patterns_) {
    if (!f.category.empty() && p.category != f.category) continue;
    if (!f.tag.empty() && !p.HasTag(f.tag)) continue;
    if (f.effect && !EffectMatches(p, *f.effect)) continue;
    out.push_back(&p);
  }
  return out;
}

std::vector<const Pattern*> PatternLibrary::Similar(std::string_view id, size_t max) const {
  const std::string lower = LowerName(id);
  std::vector<std::pair<size_t, const Pattern*>> near;
  for (const Pattern& p : patterns_) {
    const std::string other = LowerName(p.id);
    size_t d = other == lower ? 0 : EditDistance(lower, other) + 1;
    if (d <= 4) near.emplace_back(d, &p);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Pattern*> out;
  for (size_t i = 0; i < near.size() && out.size() < max; ++i) out.push_back(near[i].second);
  return out;
}

std::vector<const Pattern*> PatternLibrary::Search(std::string_view text) const {
  std::vector<std::string> terms;
  std::istringstream in{std::string(text)};
  for (std::string t; in >> t;) terms.push_back(LowerName(t));
  std::vector<const Pattern*> out;
  if (terms.empty()) return out;
  for (const Pattern& p : patterns_) {
    bool all = true;
    for (const auto& term : terms) {
      bool hit = ContainsFolded(p.id, term) || ContainsFolded(p.description, term) ||
                 ContainsFolded(p.category, term);
      for (size_t i = 0; !hit && i < p.tags.size(); ++i) hit = ContainsFolded(p.tags[i], term);
      if (!hit) {
        all = false;
        break;
      }
    }
    if (all) out.push_back(&p);
  }
  return out;
}

PatternLoad LoadPatternText(std::string_view text, std::string_view origin) {
  PatternLoad load;
  od::parser parser;
  std::unordered_map<std::string, uint64_t> first_line;
  uint64_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    LineParser lp(origin, line_no);
    std::optional<Pattern> p = lp.Parse(parser, line);
    if (!p) {
      for (auto& e : lp.errors()) load.errors.push_back(std::move(e));
      continue;
    }
    auto [it, fresh] = first_line.emplace(p->id, line_no);
    if (!fresh) {
      load.errors.push_back({std::string(origin), line_no, 0, "id",
                             fmt::format("duplicate id `{}` (first on line {})", p->id, it->second)});
      continue;
    }
    load.library.Add(std::move(*p));
  }
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
