// Test helpers for the stack-effect checker: a small dictionary of "earlier
// words" and a one-call lex + infer.
#pragma once

#include <map>
#include <string>

#include "engine/check/checker.h"
#include "engine/forth/lexer.h"
#include "engine/forth/stack_effect.h"

namespace ffb::testing {

struct MapResolver : WordResolver {
  std::map<std::string, WordEffect, std::less<>> words;
  void Add(const std::string& name, std::string_view effect) {
    Diagnostic d;
    words[name] = ToWordEffect(*ParseEffectText(effect, &d));
  }
  const WordEffect* Lookup(std::string_view n) const override {
    auto it = words.find(n);
    if (it == words.end()) return nullptr;
    return &it->second;
  }
  void ForEachName(const std::function<void(std::string_view)>& fn) const override {
    for (const auto& [k, v] : words) fn(k);
  }
};

inline const MapResolver& TestDictionary() {
  static const MapResolver r = [] {
    MapResolver m;
    m.Add("square", "( n -- n² )");
    m.Add("sum3", "( a b c -- d )");
    m.Add("is-even", "( n -- f:bool )");
    m.Add("pair", "( -- x y )");
    m.Add("clamp", "( n lo hi -- n' )");
    m.Add("noop", "( -- )");
    return m;
  }();
  return r;
}

struct Checked {
  bool lexed = false;
  InferResult result;
  std::vector<Diagnostic> lex_diags;
  // "( a -- b )" when ok, else the first error id ("E2235").
  std::string outcome;
};

inline Checked Check(std::string_view body, std::string_view self_effect = {}) {
  Checked c;
  TokenColumns cols;
  c.lexed = LexBody(body, cols, c.lex_diags);
  if (!c.lexed) {
    c.outcome = std::string(Describe(c.lex_diags[0].code).id);
    return c;
  }
  std::optional<WordEffect> self;
  if (!self_effect.empty()) {
    Diagnostic d;
    self = ToWordEffect(*ParseEffectText(self_effect, &d));
  }
  static EffectChecker inf;
  inf.Infer(cols.Body(0), cols, &TestDictionary(), self ? &*self : nullptr, c.result);
  if (c.result.ok)
    c.outcome = FormatInferred(c.result);
  else
    c.outcome = std::string(Describe(c.result.FirstError()->code).id);
  return c;
}

}  // namespace ffb::testing
