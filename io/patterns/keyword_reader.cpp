#include "io/patterns/keyword_reader.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <optional>
#include <string>
#include <unordered_map>

#include "io/json/json_path.h"
#include "io/json/json_scan.h"

namespace ffb {
namespace {

namespace od = simdjson::ondemand;

const std::initializer_list<std::string_view> kKeys = {"keyword", "patterns"};

// Letters and digits only: names are matched lower-cased with separators
// removed, so any other character could never match.
bool IsKeywordShaped(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

class LineParser {
 public:
  LineParser(std::string_view origin, uint64_t line, const PatternLibrary& lib)
      : origin_(origin), line_(line), lib_(lib) {}

  std::optional<NameKeyword> Parse(od::parser& parser, std::string_view text) {
    simdjson::padded_string json(text);
    base_ = json.data();
    od::document doc;
    od::object obj;
    if (auto e = parser.iterate(json).get(doc)) return NotJson(e);
    od::json_type type;
    if (auto e = doc.type().get(type)) return NotJson(e);
    if (type != od::json_type::object)
      return Fail(root_, "a keyword line must be a JSON object", 1);
    if (auto e = doc.get_object().get(obj)) return NotJson(e);
    NameKeyword k;
    KeySet seen;
    for (auto field_result : obj) {
      od::field field;
      if (auto e = std::move(field_result).get(field)) return NotJson(e);
      const uint32_t key_col = static_cast<uint32_t>(field.key().raw() - base_);  // the quote
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return NotJson(e);
      const Path at = root_.Key(key);
      const int index = KeyIndex(key, kKeys);
      if (index < 0) return Fail(at, "unknown field (expected keyword, patterns)", key_col);
      if (!seen.AddBit(index)) return Fail(at, "duplicate key", key_col);
      od::value v = field.value();
      const uint32_t col = At(v);
      if (index == 0) {
        std::string_view s;
        if (v.get_string().get(s)) return Fail(at, "expected a string", col);
        if (!IsKeywordShaped(s))
          return Fail(at, fmt::format("`{}` is not a keyword (lower-case letters and digits)", s),
                      col);
        k.word = std::string(s);
      } else {
        od::array arr;
        if (v.get_array().get(arr)) return Fail(at, "expected an array of pattern ids", col);
        int64_t i = 0;
        for (auto item : arr) {
          od::value iv;
          if (auto e = item.get(iv)) return NotJson(e);
          const uint32_t icol = At(iv);
          std::string_view id;
          if (iv.get_string().get(id)) return Fail(at.Index(i), "expected a string", icol);
          // The check that makes the table data and not hope: an id that is
          // not in the library would silently never match.
          if (lib_.Find(id) == nullptr)
            return Fail(at.Index(i), fmt::format("unknown pattern id `{}`", id), icol);
          k.pattern_ids.emplace_back(id);
          ++i;
        }
        if (k.pattern_ids.empty()) return Fail(at, "must name at least one pattern", col);
      }
    }
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      return Fail(root_, "trailing content after the JSON object",
                  static_cast<uint32_t>(rest - base_ + 1));
    }
    for (int required = 0; required < 2; ++required) {
      if (!(seen.bits & (1u << required)))
        return Fail(root_.Key(kKeys.begin()[required]), "missing required field", 0);
    }
    return k;
  }

  std::vector<PatternLoadError>& errors() { return errors_; }

 private:
  std::nullopt_t Fail(const Path& field, std::string message, uint32_t column) {
    errors_.push_back(
        {std::string(origin_), line_, column, field.RenderField(), std::move(message)});
    return std::nullopt;
  }
  std::nullopt_t NotJson(simdjson::error_code e) {
    return Fail(root_, fmt::format("not JSON: {}", simdjson::error_message(e)), 0);
  }
  uint32_t At(od::value& v) { return static_cast<uint32_t>(v.raw_json_token().data() - base_ + 1); }

  std::string_view origin_;
  uint64_t line_;
  const PatternLibrary& lib_;
  const char* base_ = nullptr;
  std::vector<PatternLoadError> errors_;
  const Path root_{};
};

}  // namespace

KeywordLoad LoadKeywordText(std::string_view text, std::string_view origin,
                            const PatternLibrary& lib) {
  KeywordLoad load;
  std::vector<NameKeyword> keywords;
  std::unordered_map<std::string, uint64_t> first_line;
  od::parser parser;
  ForEachTextLine(text, [&](uint64_t line_no, std::string_view line) {
    LineParser lp(origin, line_no, lib);
    std::optional<NameKeyword> k = lp.Parse(parser, line);
    if (!k) {
      for (auto& e : lp.errors()) load.errors.push_back(std::move(e));
      return;
    }
    auto [it, fresh] = first_line.emplace(k->word, line_no);
    if (!fresh) {
      load.errors.push_back(
          {std::string(origin), line_no, 0, "keyword",
           fmt::format("duplicate keyword `{}` (first on line {})", k->word, it->second)});
      return;
    }
    keywords.push_back(std::move(*k));
  });
  load.table = std::make_shared<const KeywordTable>(std::move(keywords));
  return load;
}

}  // namespace ffb
