#include "engine/resolve/pattern_library.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "engine/core/ascii.h"
#include "engine/core/edit_distance.h"
#include "engine/forth/lexer.h"
#include "engine/resolve/template_expand.h"

namespace ffb {
namespace {

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
  if (p.inputs.size() != wanted.inputs.size() || p.outputs.size() != wanted.outputs.size())
    return false;
  for (size_t i = 0; i < p.inputs.size(); ++i)
    if (!SlotTypesCompatible(p.inputs[i].type, wanted.inputs[i].type)) return false;
  for (size_t i = 0; i < p.outputs.size(); ++i)
    if (!SlotTypesCompatible(p.outputs[i].type, wanted.outputs[i].type)) return false;
  return true;
}

std::vector<int> StackShuffle(std::span<const std::string> inputs,
                              std::span<const std::string> outputs) {
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
  std::stable_sort(near.begin(), near.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
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

namespace {

// Slot names from the effect text when it has one word per slot (the
// inputs/outputs arrays need unique names, the effect text does not).
std::vector<int> ShuffleOf(const Pattern& p) {
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
std::optional<std::string> SplitTemplate(Pattern& p) {
  std::vector<ForthWord> words;
  if (!SplitForthWords(p.template_text, words)) {
    TokenColumns scratch;
    std::vector<Diagnostic> d;
    LexBody(p.template_text, scratch, d);
    uint32_t col = d.empty() ? 0 : d.back().column;
    return fmt::format("E0002 at column {}: comment `(` is not closed by `)`", col);
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
    if (tw.variable != TemplateWord::kLiteral) {
      literal_only.replace(w.offset, w.text.size(), w.text.size(), ' ');
    }
    p.words.push_back(std::move(tw));
  }
  std::vector<Diagnostic> d;
  if (!LexBody(literal_only, p.tokens, d)) {
    return fmt::format("{} at column {}: {}", Describe(d.back().code).id, d.back().column,
                       d.back().message);
  }
  if (p.tokens.Body(0).size() != literal_count) {
    return "internal: template words and tokens disagree";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Prepare(Pattern& p) {
  p.shuffle = ShuffleOf(p);
  return SplitTemplate(p);
}

}  // namespace ffb
