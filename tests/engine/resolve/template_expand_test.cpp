// Template instantiation: whole-token substitution only, E1172 for missing or
// unknown variables, param values lexed on their own, and every usable pattern
// of the shipped library expanding to a body that lexes and infers to the
// pattern's declared arity.
#include "engine/resolve/template_expand.h"

#include <catch2/catch.hpp>
#include <string>

#include "engine/check/checker.h"
#include "engine/forth/lexer.h"
#include "engine/resolve/pattern_library.h"
#include "io/patterns/pattern_reader.h"

namespace {

using namespace ffb;

Pattern Make(const std::string& tmpl, const std::string& variables) {
  PatternLoad load = LoadPatternText(
      R"J({"id":"T_001","category":"test","effect":"( a b -- c )","inputs":[{"name":"a","type":"int"},{"name":"b","type":"int"}],"outputs":[{"name":"c","type":"int"}],"template":")J" +
          tmpl + R"J(","variables":)J" + variables + "}",
      "t");
  for (const auto& e : load.errors) FAIL(e.Format());
  REQUIRE(load.library.size() == 1);
  return load.library.patterns()[0];
}

const PatternLibrary& Shipped() {
  static const PatternLibrary lib =
      LoadPatternFile(std::string(FFBATCH_SOURCE_DIR) + "/datasets/patterns/patterns.jsonl")
          .library;
  return lib;
}

}  // namespace

TEST_CASE("Substitution replaces whole variable tokens only", "[patlib]") {
  Pattern p = Make("OP OPX drop DROP ( OP ) xOP OP_ OP",
                   R"J([{"name":"OP","description":"","default":"+"}])J");
  std::vector<Diagnostic> diags;
  Params params = {{"OP", "dup"}};
  auto body = ExpandTemplate(p, params, "w", diags);
  REQUIRE(body);
  CHECK(diags.empty());
  CHECK(body->text == "dup OPX drop DROP xOP OP_ dup");
  auto toks = body->Body();
  REQUIRE(toks.size() == 7);
  CHECK(toks[0].Is(Builtin::kDup));
  CHECK(toks[0].column == 1);
  CHECK(toks[1].kind == TokenKind::kUserWord);
  CHECK(body->tokens.Name(static_cast<uint32_t>(toks[1].value)) == "opx");
  CHECK(toks[2].Is(Builtin::kDrop));
  CHECK(toks[3].Is(Builtin::kDrop));  // DROP is code, not an undeclared variable
  CHECK(toks[6].Is(Builtin::kDup));
  CHECK(toks[6].column == 27);  // columns index the canonical text

  // Defaults apply without params; several words and comments in a value.
  CHECK(ExpandTemplateText(p, {}, "w", diags) == "+ OPX drop DROP xOP OP_ +");
  Params multi = {{"OP", "  2 ( two ) +  \\ add two\n"}};
  CHECK(ExpandTemplateText(p, multi, "w", diags) == "2 + OPX drop DROP xOP OP_ 2 +");
  CHECK(diags.empty());
}

TEST_CASE("Missing or unknown variables are E1172", "[patlib]") {
  Pattern p =
      Make("A B +",
           R"J([{"name":"A","description":"x","default":"1"},{"name":"B","description":"y"}])J");
  std::vector<Diagnostic> diags;
  // B has no default and no param.
  CHECK_FALSE(ExpandTemplateText(p, {}, "w", diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::kTemplateVariable);
  CHECK(diags[0].message ==
        "pattern T_001 needs a value for variable `B`: add implementation.params.B");
  diags.clear();
  Params unknown = {{"B", "2"}, {"C", "3"}};
  CHECK_FALSE(ExpandTemplateText(p, unknown, "w", diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::kTemplateVariable);
  CHECK(diags[0].message ==
        "implementation.params.C: pattern T_001 has no variable `C` (declared: A B)");
  diags.clear();
  Params twice = {{"B", "2"}, {"B", "3"}};
  CHECK_FALSE(ExpandTemplateText(p, twice, "w", diags));
  CHECK(diags.at(0).message == "implementation.params.B: given twice");
  diags.clear();
  Params empty = {{"B", " ( nothing ) "}};
  CHECK_FALSE(ExpandTemplateText(p, empty, "w", diags));
  CHECK(diags.at(0).code == Code::kTemplateVariable);
  CHECK(diags.at(0).message == "implementation.params.B: the value has no Forth words");
  diags.clear();
  Params ok = {{"B", "2"}};
  CHECK(ExpandTemplateText(p, ok, "w", diags) == "1 2 +");
  // Variable names are case-sensitive: `a` is not A.
  Params lower = {{"a", "5"}, {"B", "2"}};
  CHECK_FALSE(ExpandTemplateText(p, lower, "w", diags));
  CHECK(diags.back().code == Code::kTemplateVariable);
}

TEST_CASE("Param values must lex on their own and cannot smuggle definitions", "[patlib]") {
  Pattern p = Make("OP", R"J([{"name":"OP","description":"","default":"+"}])J");
  std::vector<Diagnostic> diags;
  Params open = {{"OP", "+ ( swallow"}};
  CHECK_FALSE(ExpandTemplate(p, open, "w", diags));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == Code::kUnterminatedComment);
  CHECK(diags[0].column == 3);
  CHECK(diags[0].message == "implementation.params.OP: comment `(` is not closed by `)`");
  diags.clear();
  Params close = {{"OP", ") drop"}};
  CHECK_FALSE(ExpandTemplate(p, close, "w", diags));
  CHECK(diags.at(0).code == Code::kUnexpectedToken);
  diags.clear();
  Params number = {{"OP", "$xyz"}};
  CHECK_FALSE(ExpandTemplate(p, number, "w", diags));
  CHECK(diags.at(0).code == Code::kInvalidNumber);
  diags.clear();
  // `:` and `;` are just (undefined) user words: inference rejects them.
  Params define = {{"OP", "+ ; : evil 1 ;"}};
  auto body = ExpandTemplate(p, define, "w", diags);
  REQUIRE(body);
  CHECK(body->text == "+ ; : evil 1 ;");
  auto toks = body->Body();
  REQUIRE(toks.size() == 6);
  CHECK(toks[1].kind == TokenKind::kUserWord);
  CHECK(body->tokens.Name(static_cast<uint32_t>(toks[1].value)) == ";");
  CHECK(body->tokens.Name(static_cast<uint32_t>(toks[2].value)) == ":");
  EffectChecker inf;
  const InferResult& r = inf.Infer(toks, body->tokens, nullptr, nullptr);
  CHECK_FALSE(r.ok);
  REQUIRE(r.FirstError());
  CHECK(r.FirstError()->code == Code::kUndefinedWord);
}

TEST_CASE("NAME is the word itself: recurse by default, or the word's name", "[patlib]") {
  Pattern p = Make("dup 0> if 1- NAME then", "[]");
  std::vector<Diagnostic> diags;
  auto body = ExpandTemplate(p, {}, "Count-Down", diags);
  REQUIRE(body);
  CHECK(body->text == "dup 0> if 1- recurse then");
  CHECK(body->Body()[4].Is(Builtin::kRecurse));
  auto named = ExpandTemplate(p, {}, "Count-Down", diags, NameMode::kWord);
  REQUIRE(named);
  CHECK(named->text == "dup 0> if 1- Count-Down then");
  CHECK(named->Body()[4].kind == TokenKind::kUserWord);
  CHECK(named->tokens.Name(static_cast<uint32_t>(named->Body()[4].value)) == "count-down");
  // NAME cannot be declared or given as a param.
  Params as_param = {{"NAME", "x"}};
  CHECK_FALSE(ExpandTemplateText(p, as_param, "w", diags));
  CHECK(diags.back().code == Code::kTemplateVariable);
}

TEST_CASE("Forth words are split exactly like the lexer splits them", "[patlib]") {
  std::vector<ForthWord> w;
  REQUIRE(SplitForthWords("  a ( c ) b\t\\ x y\n (c) ( ) d", w));
  REQUIRE(w.size() == 4);
  CHECK(w[0].text == "a");
  CHECK(w[0].offset == 2);
  CHECK(w[1].text == "b");
  CHECK(w[2].text == "(c)");
  CHECK(w[3].text == "d");
  w.clear();
  CHECK_FALSE(SplitForthWords("a ( b", w));
}

TEST_CASE("Every usable pattern expands, lexes and infers to its declared arity", "[patlib]") {
  const PatternLibrary& lib = Shipped();
  REQUIRE(lib.size() == 94);
  size_t expanded = 0;
  EffectChecker inf;
  for (const Pattern& p : lib.patterns()) {
    if (!p.usable()) continue;
    // Defaults, then each test case's params.
    std::vector<Params> bindings = {{}};
    for (const PatternTest& t : p.tests) {
      if (t.params.empty()) continue;
      Params b;
      for (const auto& [k, v] : t.params) b.emplace_back(k, v);
      bindings.push_back(b);
    }
    for (const Params& b : bindings) {
      INFO(p.id << " " << p.template_text);
      std::vector<Diagnostic> diags;
      auto body = ExpandTemplate(p, b, "pattern-word", diags);
      REQUIRE(body);
      CHECK(diags.empty());
      // The canonical text lexes to the same tokens on its own.
      TokenColumns again;
      REQUIRE(LexBody(body->text, again, diags));
      CHECK(again.Body(0).size() == body->Body().size());
      WordEffect self;
      self.inputs = static_cast<uint8_t>(p.inputs.size());
      self.outputs = static_cast<uint8_t>(p.outputs.size());
      for (size_t i = 0; i < p.inputs.size(); ++i) self.in_types[i] = p.inputs[i].type;
      for (size_t i = 0; i < p.outputs.size(); ++i) self.out_types[i] = p.outputs[i].type;
      const InferResult& r = inf.Infer(body->Body(), body->tokens, nullptr, &self);
      INFO(body->text << (r.FirstError() ? " -> " + r.FirstError()->message : std::string()));
      CHECK(r.ok);
      CHECK(r.inputs.size() == p.inputs.size());
      CHECK(r.outputs.size() == p.outputs.size());
      ++expanded;
    }
  }
  CHECK(expanded >= 88 + 7);
}
