#include "engine/resolve/heuristics.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/core/ascii.h"
#include "engine/resolve/template_expand.h"

namespace ffb {
namespace {

// What each kind of evidence is worth. A candidate needs
// ResolveOptions::min_score: a name keyword, a whole-name tag, a hint naming
// the pattern or the same shuffle is enough alone; a common tag, a name part
// or description words are not.
struct ScoreTable {
  int name_keyword;       // first pattern of a keyword in the name...
  int name_keyword_rank;  // ...minus this per rank after the first
  int desc_keyword;       // same keyword as a description word...
  int desc_keyword_rank;  // ...minus this per rank
  int tag_match;          // a metadata tag / hint equals a pattern tag or category...
  size_t specific_tag;    // ...shared by at most this many patterns;
  int common_tag_match;   // a more common one
  int hint_id;            // a hint names the pattern id
  int name_is_tag;        // the whole name (normalized) equals a pattern tag
  int name_part_tag;      // a part of the name equals a pattern tag
  int desc_tag;           // per description word that equals a pattern tag...
  int desc_tag_max;       // ...counting at most this many words
  int shuffle;            // same pure shuffle, by slot names
  int params_declared;    // the pattern declares every given param
};

constexpr ScoreTable kScore = {
    .name_keyword = 100,
    .name_keyword_rank = 10,
    .desc_keyword = 40,
    .desc_keyword_rank = 5,
    .tag_match = 25,
    .specific_tag = 4,
    .common_tag_match = 10,
    .hint_id = 120,
    .name_is_tag = 60,
    .name_part_tag = 20,
    .desc_tag = 5,
    .desc_tag_max = 3,
    .shuffle = 80,
    .params_declared = 10,
};

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

// Heuristic type fit: -1 incompatible, else a bonus (2 exact concrete, 1 loose,
// 0 numeric cousins int/uint/char).
int TypeFit(SlotType pattern, SlotType declared) {
  auto loose = [](SlotType t) { return t == SlotType::kAny || t == SlotType::kUnknown; };
  if (loose(pattern) || loose(declared)) return 1;
  if (pattern == declared) return 2;
  auto numeric = [](SlotType t) {
    return t == SlotType::kInt || t == SlotType::kUint || t == SlotType::kChar;
  };
  return numeric(pattern) && numeric(declared) ? 0 : -1;
}

bool HasTagFolded(const Pattern& p, std::string_view lower) {
  for (const auto& t : p.tags)
    if (EqualsIgnoreCase(t, lower)) return true;
  return false;
}

// What the spec says, computed once per call.
struct Signals {
  std::string name;  // normalized word name
  std::vector<std::string> name_parts;
  std::vector<std::string> desc_parts;
  std::vector<std::string> labels;  // metadata tags and hints, lower-cased
  std::vector<int> label_weight;
  std::vector<int> shape;  // pure shuffle by slot names, or empty
  struct Boost {
    const Pattern* p;
    int score;
    const NameKeyword* k;
    bool from_name;
  };
  std::vector<Boost> boosts;  // keyword hits resolved to patterns

  Signals(const SpecBodyFields& spec, const PatternLibrary& lib) {
    name = Normalize(spec.word);
    name_parts = Parts(spec.word);
    desc_parts = Parts(spec.description);
    if (const KeywordTable* table = lib.keywords()) {
      std::vector<const NameKeyword*> name_keys = table->FindIn(name);
      std::vector<const NameKeyword*> desc_keys;  // description words that are keywords
      for (const std::string& w : desc_parts) {
        const NameKeyword* k = table->Exact(w);
        if (k && std::find(desc_keys.begin(), desc_keys.end(), k) == desc_keys.end()) {
          desc_keys.push_back(k);
        }
      }
      auto boost = [&](const NameKeyword* k, int first, int step, bool from_name) {
        for (size_t r = 0; r < k->pattern_ids.size(); ++r) {
          if (const Pattern* p = lib.Find(k->pattern_ids[r])) {
            boosts.push_back({p, first - step * static_cast<int>(r), k, from_name});
          }
        }
      };
      for (const NameKeyword* k : name_keys)
        boost(k, kScore.name_keyword, kScore.name_keyword_rank, true);
      for (const NameKeyword* k : desc_keys)
        boost(k, kScore.desc_keyword, kScore.desc_keyword_rank, false);
    }
    for (auto t : spec.tags) labels.push_back(LowerName(t));
    for (auto h : spec.hints) labels.push_back(LowerName(h));
    // A label shared by many patterns ("arithmetic", "loop") says little.
    label_weight.assign(labels.size(), kScore.tag_match);
    for (size_t i = 0; i < labels.size(); ++i) {
      size_t n = 0;
      for (const Pattern& p : lib.patterns())
        n += p.category == labels[i] || HasTagFolded(p, labels[i]);
      if (n > kScore.specific_tag) label_weight[i] = kScore.common_tag_match;
    }
    if (spec.input_names.size() == spec.inputs.size() &&
        spec.output_names.size() == spec.outputs.size()) {
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
    if (why) {
      why->push_back(fmt::format("{} has `{}`", b.from_name ? "name" : "description", b.k->word));
    }
  }
  if (HasTagFolded(p, sig.name)) {
    score += kScore.name_is_tag;
    if (why) why->push_back(fmt::format("name `{}` is a tag", sig.name));
  } else {
    for (const std::string& part : sig.name_parts)
      if (HasTagFolded(p, part)) {
        score += kScore.name_part_tag;
        if (why) why->push_back(fmt::format("name part `{}` is a tag", part));
      }
  }
  for (size_t li = 0; li < sig.labels.size(); ++li) {
    const std::string& l = sig.labels[li];
    if (EqualsIgnoreCase(p.id, l)) {
      score += kScore.hint_id;
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
    score += kScore.desc_tag * std::min(desc_tags, kScore.desc_tag_max);
    if (why) why->push_back("description words are tags");
  }
  if (!sig.shape.empty() && p.shuffle == sig.shape) {
    score += kScore.shuffle;
    if (why) why->push_back("same stack shuffle");
  }
  return score;
}

}  // namespace

KeywordTable::KeywordTable(std::vector<NameKeyword> keywords) : keywords_(std::move(keywords)) {
  for (const NameKeyword& k : keywords_) {
    by_length_.push_back(&k);
    by_word_.emplace(k.word, &k);  // the first of equal words wins
  }
  std::stable_sort(
      by_length_.begin(), by_length_.end(),
      [](const NameKeyword* a, const NameKeyword* b) { return a->word.size() > b->word.size(); });
}

std::vector<const NameKeyword*> KeywordTable::FindIn(const std::string& text) const {
  std::vector<const NameKeyword*> hits;
  std::vector<bool> used(text.size(), false);
  for (const NameKeyword* k : by_length_) {
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

const NameKeyword* KeywordTable::Exact(std::string_view word) const {
  auto it = by_word_.find(word);
  return it == by_word_.end() ? nullptr : it->second;
}

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
    if (!spec.params.empty()) score += kScore.params_declared;
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
    std::optional<std::string> body =
        ExpandTemplateText(*s.p, spec.params, spec.word, diags, options.name_mode);
    if (!body) continue;  // e.g. a variable without default: not a heuristic's to guess
    why.clear();
    Evidence(*s.p, sig, &why);
    if (!spec.params.empty()) why.push_back("declares the given params");
    std::string reason;
    for (size_t i = 0; i < why.size(); ++i) {
      if (i) reason += ", ";
      reason += why[i];
    }
    out.push_back(
        {BodySource::kHeuristic, std::move(*body), s.p, s.score,
         fmt::format("{}; effect {} fits {}", reason, EffectArityText(spec), s.p->effect)});
  }
  return out;
}

}  // namespace ffb
