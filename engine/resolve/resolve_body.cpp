#include "engine/resolve/resolve_body.h"

#include "engine/core/ascii.h"
#include "engine/forth/stack_effect.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace ffb {
namespace {

// Name keywords and the patterns they suggest, best first. The effect filter
// picks among them (e.g. `max` is CONDITIONAL_002 for 2 -> 1 and
// CONDITIONAL_007 for 3 -> 1). Keywords match anywhere in the lower-cased
// name with separators removed ("sum-of-squares" -> "sumofsquares"); longer
// keywords are matched first and consume their letters, so "sumofsquares"
// does not also count as "sum" and "square", nor "isqrt" as "sqr".
struct Keyword {
  std::string_view word;
  std::array<std::string_view, 6> ids;
};

constexpr Keyword kKeywords[] = {
    {"square", {"DUP_TRANSFORM_001", "ACCUMULATOR_LOOP_006"}},
    {"sqr", {"DUP_TRANSFORM_001"}},
    {"cube", {"DUP_TRANSFORM_003"}},
    {"triangular", {"DUP_TRANSFORM_004"}},
    {"triangle", {"DUP_TRANSFORM_004"}},
    {"abs", {"CONDITIONAL_001", "CONDITIONAL_NEGATE_002", "BINARY_OP_004"}},
    {"absolute", {"CONDITIONAL_001", "CONDITIONAL_NEGATE_002", "BINARY_OP_004"}},
    {"magnitude", {"CONDITIONAL_001"}},
    {"absdiff", {"BINARY_OP_004"}},
    {"difference", {"BINARY_OP_004"}},
    {"distance", {"BINARY_OP_004", "NUMERIC_007"}},
    {"manhattan", {"NUMERIC_007"}},
    {"taxicab", {"NUMERIC_007"}},
    {"umax", {"CONDITIONAL_008"}},
    {"max", {"CONDITIONAL_002", "CONDITIONAL_007", "CONDITIONAL_008"}},
    {"maximum", {"CONDITIONAL_002", "CONDITIONAL_007"}},
    {"largest", {"CONDITIONAL_002", "CONDITIONAL_007"}},
    {"larger", {"CONDITIONAL_002"}},
    {"bigger", {"CONDITIONAL_002"}},
    {"min", {"CONDITIONAL_003", "CONDITIONAL_006"}},
    {"minimum", {"CONDITIONAL_003", "CONDITIONAL_006"}},
    {"smallest", {"CONDITIONAL_003", "CONDITIONAL_006"}},
    {"smaller", {"CONDITIONAL_003"}},
    {"clamp", {"CONDITIONAL_004"}},
    {"clip", {"CONDITIONAL_004"}},
    {"saturate", {"CONDITIONAL_004"}},
    {"sign", {"CONDITIONAL_005"}},
    {"signum", {"CONDITIONAL_005"}},
    {"sgn", {"CONDITIONAL_005"}},
    {"fact", {"ACCUMULATOR_LOOP_002", "RECURSIVE_001", "ACCUMULATOR_LOOP_007", "TAIL_RECURSIVE_001"}},
    {"factorial", {"ACCUMULATOR_LOOP_002", "RECURSIVE_001", "ACCUMULATOR_LOOP_007", "TAIL_RECURSIVE_001"}},
    {"fib", {"ACCUMULATOR_LOOP_005", "RECURSIVE_002", "TAIL_RECURSIVE_002"}},
    {"fibonacci", {"ACCUMULATOR_LOOP_005", "RECURSIVE_002", "TAIL_RECURSIVE_002"}},
    {"gcd", {"BINARY_OP_003", "TAIL_RECURSIVE_008", "RECURSIVE_006"}},
    {"hcf", {"BINARY_OP_003"}},
    {"euclid", {"BINARY_OP_003", "TAIL_RECURSIVE_008"}},
    {"lcm", {"BINARY_OP_005"}},
    {"sum", {"ACCUMULATOR_LOOP_001", "DUP_TRANSFORM_004", "RECURSIVE_003", "BINARY_OP_001", "ACCUMULATOR_LOOP_008",
             "TAIL_RECURSIVE_009"}},
    {"add", {"BINARY_OP_001"}},
    {"plus", {"BINARY_OP_001"}},
    {"sumsq", {"ACCUMULATOR_LOOP_006"}},
    {"sumsquares", {"ACCUMULATOR_LOOP_006"}},
    {"sumofsquares", {"ACCUMULATOR_LOOP_006"}},
    {"squaresum", {"ACCUMULATOR_LOOP_006"}},
    {"sumdigits", {"NUMERIC_001"}},
    {"digitsum", {"NUMERIC_001"}},
    {"sumofdigits", {"NUMERIC_001"}},
    {"digits", {"NUMERIC_002", "NUMERIC_001"}},
    {"numdigits", {"NUMERIC_002"}},
    {"countdigits", {"NUMERIC_002"}},
    {"digitcount", {"NUMERIC_002"}},
    {"reverse", {"NUMERIC_003", "STACK_MANIP_001", "STACK_MANIP_004"}},
    {"rev", {"NUMERIC_003", "STACK_MANIP_001", "STACK_MANIP_004"}},
    {"even", {"PREDICATE_001", "OPTIMIZATION_002"}},
    {"odd", {"PREDICATE_002"}},
    {"negate", {"UNARY_OP_001"}},
    {"neg", {"UNARY_OP_001"}},
    {"minus", {"UNARY_OP_001"}},
    {"opposite", {"UNARY_OP_001"}},
    {"double", {"UNARY_OP_002"}},
    {"twice", {"UNARY_OP_002"}},
    {"half", {"UNARY_OP_003"}},
    {"halve", {"UNARY_OP_003"}},
    {"quarter", {"OPTIMIZATION_005"}},
    {"times8", {"OPTIMIZATION_001"}},
    {"mul8", {"OPTIMIZATION_001"}},
    {"times10", {"OPTIMIZATION_003"}},
    {"mul10", {"OPTIMIZATION_003"}},
    {"timesten", {"OPTIMIZATION_003"}},
    {"tentimes", {"OPTIMIZATION_003"}},
    {"inc", {"UNARY_OP_004", "DUP_TRANSFORM_002"}},
    {"increment", {"UNARY_OP_004"}},
    {"succ", {"UNARY_OP_004", "DUP_TRANSFORM_002"}},
    {"avg", {"BINARY_OP_002", "BINARY_OP_006"}},
    {"average", {"BINARY_OP_002", "BINARY_OP_006"}},
    {"mean", {"BINARY_OP_002", "BINARY_OP_006"}},
    {"midpoint", {"BINARY_OP_006", "BINARY_OP_002"}},
    {"ceil", {"BINARY_OP_007"}},
    {"rounddown", {"BINARY_OP_008"}},
    {"floorto", {"BINARY_OP_008"}},
    {"aligndown", {"BINARY_OP_008"}},
    {"percent", {"BINARY_OP_009"}},
    {"pct", {"BINARY_OP_009"}},
    {"safediv", {"BINARY_OP_010"}},
    {"guarddiv", {"BINARY_OP_010"}},
    {"pow", {"ACCUMULATOR_LOOP_004", "RECURSIVE_005", "ACCUMULATOR_LOOP_003", "OPTIMIZATION_004"}},
    {"power", {"ACCUMULATOR_LOOP_004", "RECURSIVE_005", "ACCUMULATOR_LOOP_003", "OPTIMIZATION_004"}},
    {"pow2", {"OPTIMIZATION_004", "ACCUMULATOR_LOOP_003"}},
    {"powerof2", {"OPTIMIZATION_004", "ACCUMULATOR_LOOP_003"}},
    {"poweroftwo", {"OPTIMIZATION_004", "ACCUMULATOR_LOOP_003"}},
    {"exp2", {"OPTIMIZATION_004", "ACCUMULATOR_LOOP_003"}},
    {"ispow2", {"BIT_OP_004"}},
    {"ispowerof2", {"BIT_OP_004"}},
    {"ispoweroftwo", {"BIT_OP_004"}},
    {"popcount", {"BIT_OP_002", "BIT_OP_001"}},
    {"popcnt", {"BIT_OP_002", "BIT_OP_001"}},
    {"bitcount", {"BIT_OP_002", "BIT_OP_001"}},
    {"countbits", {"BIT_OP_002", "BIT_OP_001"}},
    {"countones", {"BIT_OP_002", "BIT_OP_001"}},
    {"bitlength", {"BIT_OP_003"}},
    {"bitlen", {"BIT_OP_003"}},
    {"lowbit", {"BIT_OP_005"}},
    {"lowestbit", {"BIT_OP_005"}},
    {"lsb", {"BIT_OP_005"}},
    {"testbit", {"BIT_OP_006"}},
    {"bittest", {"BIT_OP_006"}},
    {"setbit", {"BIT_OP_007"}},
    {"clearbit", {"BIT_OP_008"}},
    {"clrbit", {"BIT_OP_008"}},
    {"within", {"PREDICATE_003", "PREDICATE_004"}},
    {"inrange", {"PREDICATE_004", "PREDICATE_003"}},
    {"between", {"PREDICATE_004", "PREDICATE_003"}},
    {"divisible", {"PREDICATE_005"}},
    {"divides", {"PREDICATE_005"}},
    {"multipleof", {"PREDICATE_005"}},
    {"prime", {"PREDICATE_006"}},
    {"palindrome", {"PREDICATE_007"}},
    {"collatz", {"NUMERIC_004"}},
    {"hailstone", {"NUMERIC_004"}},
    {"sqrt", {"NUMERIC_005", "CONTROL_FLOW_005"}},
    {"squareroot", {"NUMERIC_005", "CONTROL_FLOW_005"}},
    {"root", {"NUMERIC_005", "CONTROL_FLOW_005"}},
    {"quadratic", {"NUMERIC_006"}},
    {"horner", {"NUMERIC_006"}},
    {"polynomial", {"NUMERIC_006"}},
    {"log2", {"CONTROL_FLOW_007"}},
    {"ilog", {"CONTROL_FLOW_007"}},
    {"divisor", {"CONTROL_FLOW_003"}},
    {"smallestdivisor", {"CONTROL_FLOW_003"}},
    {"leastfactor", {"CONTROL_FLOW_003"}},
    {"sumeven", {"CONTROL_FLOW_006"}},
    {"evensum", {"CONTROL_FLOW_006"}},
    {"tuck", {"STACK_MANIP_002"}},
    {"rot", {"STACK_MANIP_003"}},
    {"pick", {"STACK_MANIP_005"}},
    {"roll", {"STACK_MANIP_008"}},
    {"sumprod", {"STACK_MANIP_007"}},
    {"sumandproduct", {"STACK_MANIP_007"}},
    {"mask", {"OPTIMIZATION_006"}},
};

constexpr int kNameKeyword = 100;     // first pattern of a name keyword; -10 per rank
constexpr int kDescKeyword = 40;      // same keyword in the description; -5 per rank
constexpr int kTagMatch = 25;         // metadata tag / hint equals a pattern tag or category...
constexpr size_t kSpecificTag = 4;    // ...shared by at most this many patterns;
constexpr int kCommonTagMatch = 10;   // a more common one (not enough alone)
constexpr int kHintId = 120;          // a hint names the pattern id
constexpr int kNameIsTag = 60;        // the whole name (normalized) equals a pattern tag
constexpr int kNamePartTag = 20;      // a part of the name equals a pattern tag (not enough alone)
constexpr int kDescTag = 5;           // a description word equals a pattern tag
constexpr int kShuffle = 80;          // same pure shuffle, by slot names
constexpr int kParamsDeclared = 10;   // the pattern declares every given param


bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string Normalize(std::string_view s) {
  std::string out;
  for (char c : LowerName(s))
    if (IsAlnum(c)) out += c;
  return out;
}

// Lower-cased alphanumeric runs of s.
std::vector<std::string> Parts(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : LowerName(s)) {
    if (IsAlnum(c)) {
      cur += c;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// Keywords found in `text` (already normalized), longest first, each
// occurrence consuming its letters.
std::vector<const Keyword*> FindKeywords(const std::string& text) {
  static const std::vector<const Keyword*> by_length = [] {
    std::vector<const Keyword*> v;
    for (const Keyword& k : kKeywords) v.push_back(&k);
    std::stable_sort(v.begin(), v.end(),
                     [](const Keyword* a, const Keyword* b) { return a->word.size() > b->word.size(); });
    return v;
  }();
  std::vector<const Keyword*> hits;
  std::vector<bool> used(text.size(), false);
  for (const Keyword* k : by_length) {
    bool hit = false;
    for (size_t at = text.find(k->word); at != std::string::npos; at = text.find(k->word, at + 1)) {
      bool free = true;
      for (size_t i = at; i < at + k->word.size(); ++i) free = free && !used[i];
      if (!free) continue;
      for (size_t i = at; i < at + k->word.size(); ++i) used[i] = true;
      hit = true;
    }
    if (hit) hits.push_back(k);
  }
  return hits;
}

// Heuristic type fit: -1 incompatible, else a bonus (2 exact concrete, 1 loose,
// 0 numeric cousins int/uint/char).
int TypeFit(SlotType pattern, SlotType declared) {
  auto loose = [](SlotType t) { return t == SlotType::kAny || t == SlotType::kUnknown; };
  if (loose(pattern) || loose(declared)) return 1;
  if (pattern == declared) return 2;
  auto numeric = [](SlotType t) { return t == SlotType::kInt || t == SlotType::kUint || t == SlotType::kChar; };
  return numeric(pattern) && numeric(declared) ? 0 : -1;
}

std::string ArityText(const SpecBodyFields& s) {
  std::string t;
  auto type = [](const auto& slots) {
    return [&slots](std::string& out, size_t i) { out.append(SlotTypeName(slots[i])); };
  };
  AppendEffectText(t, s.inputs.size(), type(s.inputs), s.outputs.size(), type(s.outputs));
  return t;
}

std::string UnknownPatternMessage(std::string_view id, const PatternLibrary& lib) {
  std::string msg = fmt::format("unknown pattern id `{}`", id);
  std::vector<const Pattern*> near = lib.Similar(id, 3);
  if (!near.empty() && LowerName(near[0]->id) == LowerName(id))
    return msg + fmt::format("; did you mean {}? (pattern ids are case-sensitive)", near[0]->id);
  if (!near.empty()) {
    msg += "; did you mean";
    for (size_t i = 0; i < near.size(); ++i) msg += fmt::format("{} {}", i ? "," : "", near[i]->id);
    msg += "?";
  }
  return msg + " (`ffbatch patterns list` shows the library)";
}

BodyError FromDiagnostic(const Diagnostic& d) {
  BodyError e{d.code, d.message, "$.implementation.params", d.column};
  constexpr std::string_view kPrefix = "implementation.params.";
  if (d.message.rfind(kPrefix, 0) == 0) {
    size_t colon = d.message.find(':');
    if (colon != std::string::npos) e.path = "$." + d.message.substr(0, colon);
  }
  return e;
}

}  // namespace

namespace {


bool HasTagFolded(const Pattern& p, std::string_view lower) {
  for (const auto& t : p.tags)
    if (EqualsIgnoreCase(t, lower)) return true;
  return false;
}

const Keyword* ExactKeyword(std::string_view word) {
  static const std::unordered_map<std::string_view, const Keyword*> by_word = [] {
    std::unordered_map<std::string_view, const Keyword*> m;
    for (const Keyword& k : kKeywords) m.emplace(k.word, &k);
    return m;
  }();
  auto it = by_word.find(word);
  return it == by_word.end() ? nullptr : it->second;
}

// What the spec says, computed once per call.
struct Signals {
  std::string name;                       // normalized word name
  std::vector<const Keyword*> name_keys;  // keywords inside the name
  std::vector<std::string> name_parts;
  std::vector<std::string> desc_parts;
  std::vector<const Keyword*> desc_keys;  // description words that are keywords
  std::vector<std::string> labels;        // metadata tags and hints, lower-cased
  std::vector<int> label_weight;
  std::vector<int> shape;                 // pure shuffle by slot names, or empty
  struct Boost {
    const Pattern* p;
    int score;
    const Keyword* k;
    bool from_name;
  };
  std::vector<Boost> boosts;              // keyword hits resolved to patterns

  Signals(const SpecBodyFields& spec, const PatternLibrary& lib) {
    name = Normalize(spec.word);
    name_keys = FindKeywords(name);
    name_parts = Parts(spec.word);
    desc_parts = Parts(spec.description);
    for (const std::string& w : desc_parts)
      if (const Keyword* k = ExactKeyword(w); k && std::find(desc_keys.begin(), desc_keys.end(), k) == desc_keys.end())
        desc_keys.push_back(k);
    for (const Keyword* k : name_keys)
      for (size_t r = 0; r < k->ids.size() && !k->ids[r].empty(); ++r)
        if (const Pattern* p = lib.Find(k->ids[r])) boosts.push_back({p, kNameKeyword - 10 * static_cast<int>(r), k, true});
    for (const Keyword* k : desc_keys)
      for (size_t r = 0; r < k->ids.size() && !k->ids[r].empty(); ++r)
        if (const Pattern* p = lib.Find(k->ids[r])) boosts.push_back({p, kDescKeyword - 5 * static_cast<int>(r), k, false});
    for (auto t : spec.tags) labels.push_back(LowerName(t));
    for (auto h : spec.hints) labels.push_back(LowerName(h));
    // A label shared by many patterns ("arithmetic", "loop") says little.
    label_weight.assign(labels.size(), kTagMatch);
    for (size_t i = 0; i < labels.size(); ++i) {
      size_t n = 0;
      for (const Pattern& p : lib.patterns()) n += p.category == labels[i] || HasTagFolded(p, labels[i]);
      if (n > kSpecificTag) label_weight[i] = kCommonTagMatch;
    }
    if (spec.input_names.size() == spec.inputs.size() && spec.output_names.size() == spec.outputs.size()) {
      std::vector<std::string> in(spec.input_names.begin(), spec.input_names.end());
      std::vector<std::string> out(spec.output_names.begin(), spec.output_names.end());
      shape = StackShuffle(in, out);
    }
  }
};

// Evidence for pattern p beyond its effect (0: none); reasons appended to
// `why` when it is not null (only for the candidates that are returned).
int Evidence(const Pattern& p, const Signals& sig, std::vector<std::string>* why) {
  int score = 0;
  for (const Signals::Boost& b : sig.boosts) {
    if (b.p != &p) continue;
    score += b.score;
    if (why) why->push_back(fmt::format("{} has `{}`", b.from_name ? "name" : "description", b.k->word));
  }
  if (HasTagFolded(p, sig.name)) {
    score += kNameIsTag;
    if (why) why->push_back(fmt::format("name `{}` is a tag", sig.name));
  } else {
    for (const std::string& part : sig.name_parts)
      if (HasTagFolded(p, part)) {
        score += kNamePartTag;
        if (why) why->push_back(fmt::format("name part `{}` is a tag", part));
      }
  }
  for (size_t li = 0; li < sig.labels.size(); ++li) {
    const std::string& l = sig.labels[li];
    if (EqualsIgnoreCase(p.id, l)) {
      score += kHintId;
      if (why) why->push_back(fmt::format("hint names {}", p.id));
    } else if (l == p.category || HasTagFolded(p, l)) {
      score += sig.label_weight[li];
      if (why) why->push_back(fmt::format("tag `{}`", l));
    }
  }
  int desc_tags = 0;
  for (const std::string& w : sig.desc_parts)
    if (w.size() > 2 && HasTagFolded(p, w)) ++desc_tags;
  if (desc_tags) {
    score += kDescTag * std::min(desc_tags, 3);
    if (why) why->push_back("description words are tags");
  }
  if (!sig.shape.empty() && p.shuffle == sig.shape) {
    score += kShuffle;
    if (why) why->push_back("same stack shuffle");
  }
  return score;
}

}  // namespace

std::vector<BodyCandidate> RankPatterns(const SpecBodyFields& spec, const PatternLibrary& lib,
                                        const ResolveOptions& options) {
  struct Scored {
    const Pattern* p;
    int score;
    size_t order;
  };
  const Signals sig(spec, lib);
  std::vector<Scored> scored;
  size_t order = 0;
  for (const Pattern& p : lib.patterns()) {
    ++order;
    if (!p.usable()) continue;
    if (p.inputs.size() != spec.inputs.size() || p.outputs.size() != spec.outputs.size()) continue;
    int type_bonus = 0;
    bool fits = true;
    for (size_t i = 0; fits && i < p.inputs.size(); ++i) {
      int f = TypeFit(p.inputs[i].type, spec.inputs[i]);
      fits = f >= 0;
      type_bonus += f;
    }
    for (size_t i = 0; fits && i < p.outputs.size(); ++i) {
      int f = TypeFit(p.outputs[i].type, spec.outputs[i]);
      fits = f >= 0;
      type_bonus += f;
    }
    if (!fits) continue;
    bool params_ok = true;
    for (const auto& kv : spec.params) params_ok = params_ok && p.FindVariable(kv.first) >= 0;
    if (!params_ok) continue;
    int score = Evidence(p, sig, nullptr);
    if (score == 0) continue;  // the effect alone is not a reason
    if (!spec.params.empty()) score += kParamsDeclared;
    score += type_bonus;
    if (score < options.min_score) continue;
    scored.push_back({&p, score, order});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.order < b.order;
  });

  std::vector<BodyCandidate> out;
  std::vector<Diagnostic> diags;
  std::vector<std::string> why;
  for (const Scored& s : scored) {
    if (out.size() >= options.max_candidates) break;
    diags.clear();
    std::optional<std::string> body = ExpandTemplateText(*s.p, spec.params, spec.word, diags, options.name_mode);
    if (!body) continue;  // e.g. a variable without default: not a heuristic's to guess
    why.clear();
    Evidence(*s.p, sig, &why);
    if (!spec.params.empty()) why.push_back("declares the given params");
    std::string reason;
    for (size_t i = 0; i < why.size(); ++i) {
      if (i) reason += ", ";
      reason += why[i];
    }
    out.push_back({BodySource::kHeuristic, std::move(*body), s.p, s.score,
                   fmt::format("{}; effect {} fits {}", reason, ArityText(spec), s.p->effect)});
  }
  return out;
}

BodyResolution ResolveBody(const SpecBodyFields& spec, const PatternLibrary& lib, const ResolveOptions& options) {
  BodyResolution r;
  // A code field with no Forth words in it ("", blanks, only comments) is a
  // placeholder, not a body: resolution goes on as if it were absent.
  bool has_code = false;
  if (spec.code) {
    std::vector<ForthWord> words;
    has_code = !SplitForthWords(*spec.code, words) || !words.empty();  // an open comment: let the lexer report it
  }
  if (has_code) {
    r.candidates.push_back({BodySource::kCode, std::string(*spec.code), nullptr, 0, "implementation.code"});
    return r;
  }
  if (spec.pattern) {
    const Pattern* p = lib.Find(*spec.pattern);
    if (!p) {
      r.error = BodyError{Code::kUnknownPattern, UnknownPatternMessage(*spec.pattern, lib),
                          "$.implementation.pattern", 0};
      return r;
    }
    if (!p->usable()) {
      r.error = BodyError{Code::kPatternUnsupported,
                          fmt::format("pattern {} is unsupported: {}", p->id, *p->unsupported),
                          "$.implementation.pattern", 0};
      return r;
    }
    std::vector<Diagnostic> diags;
    std::optional<std::string> body = ExpandTemplateText(*p, spec.params, spec.word, diags, options.name_mode);
    if (!body) {
      r.error = FromDiagnostic(diags.back());
      return r;
    }
    r.candidates.push_back({BodySource::kPattern, std::move(*body), p, 0, "implementation.pattern"});
    return r;
  }
  r.candidates = RankPatterns(spec, lib, options);
  if (r.candidates.empty()) {
    r.error = BodyError{Code::kNoImplementation,
                        fmt::format("no implementation for `{}`: {}, no implementation.pattern, "
                                    "and no library pattern with effect {} matches its name, description or tags; "
                                    "add implementation.code or implementation.pattern",
                                    spec.word, spec.code ? "implementation.code has no Forth words" : "no implementation.code",
                                    ArityText(spec)),
                        "$.implementation", 0};
  }
  return r;
}

SpecBodyFields RowBodyFields(const Chunk& chunk, uint32_t row, RowBodyStorage& st) {
  const SpecTable& t = chunk.table;
  SpecBodyFields f;
  f.word = chunk.Str(t.word[row]);
  f.description = chunk.Str(t.description[row]);
  if (t.fields[row] & kHasCode) f.code = chunk.Str(t.code[row]);
  if (t.fields[row] & kHasPattern) f.pattern = chunk.Str(t.pattern[row]);
  st.params.clear();
  for (uint32_t i = t.param_begin[row]; i < t.param_begin[row + 1]; ++i)
    st.params.emplace_back(chunk.Str(t.params[i].key), chunk.Str(t.params[i].value));
  st.inputs.clear();
  st.input_names.clear();
  for (uint32_t i = t.input_begin[row]; i < t.input_begin[row + 1]; ++i) {
    st.inputs.push_back(t.inputs[i].type);
    st.input_names.push_back(chunk.Str(t.inputs[i].name));
  }
  st.outputs.clear();
  st.output_names.clear();
  for (uint32_t i = t.output_begin[row]; i < t.output_begin[row + 1]; ++i) {
    st.outputs.push_back(t.outputs[i].type);
    st.output_names.push_back(chunk.Str(t.outputs[i].name));
  }
  st.tags.clear();
  for (uint32_t i = t.tag_begin[row]; i < t.tag_begin[row + 1]; ++i) st.tags.push_back(chunk.Str(t.tags[i]));
  st.hints.clear();
  for (uint32_t i = t.hint_begin[row]; i < t.hint_begin[row + 1]; ++i) st.hints.push_back(chunk.Str(t.hints[i]));
  f.params = st.params;
  f.inputs = st.inputs;
  f.outputs = st.outputs;
  f.input_names = st.input_names;
  f.output_names = st.output_names;
  f.tags = st.tags;
  f.hints = st.hints;
  return f;
}

}  // namespace ffb
