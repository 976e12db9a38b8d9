#include "engine/check/fixes.h"

#include <catch2/catch.hpp>

#include "engine/check/verify.h"
#include "tests/support/infer_test_support.h"

using namespace ffb;

namespace {
StackEffect Eff(std::string_view t) {
  Diagnostic d;
  return *ParseEffectText(t, &d);
}
bool Has(const std::vector<Fix>& fs, std::string_view id, std::string_view body) {
  for (const Fix& f : fs)
    if (f.id == id && f.body == body) return true;
  return false;
}
}  // namespace

TEST_CASE("fixes: named FastForth repairs", "[fixes][infer]") {
  auto e = Eff("( n -- n² )");
  auto f = SuggestFixes("dup dup *", &e, nullptr);
  REQUIRE(!f.empty());
  CHECK(f[0].id == "DROP_EXCESS_001");
  CHECK(f[0].body == "dup dup * drop");
  CHECK(f[0].diff == "-dup dup *\n+dup dup * drop");
  CHECK(Has(f, "REMOVE_WORD_008", "dup *"));

  auto two = Eff("( a b -- c )");
  auto g = SuggestFixes("dup *", &two, nullptr);
  CHECK(Has(g, "ADD_INPUTS_002", "nip dup *"));
  CHECK(Has(g, "ADD_INPUTS_002", "drop dup *"));

  auto t = SuggestFixes("dup 0< if negate", nullptr, nullptr);
  REQUIRE(!t.empty());
  CHECK(t[0].id == "ADD_THEN_003");
  CHECK(t[0].body == "dup 0< if negate then");
  CHECK(SuggestFixes("10 0 do i drop", nullptr, nullptr)[0].id == "ADD_LOOP_004");
  CHECK(SuggestFixes("begin 1- dup 0=", nullptr, nullptr)[0].body == "begin 1- dup 0= until");

  auto over = Eff("( a b -- a c )");
  CHECK(Has(SuggestFixes("+", &over, nullptr), "OVER_BEFORE_OP_007", "over +"));
}

TEST_CASE("fixes: every reported fix verifies, passing bodies get none", "[fixes][infer]") {
  const char* bodies[] = {"dup dup *", "swap",           "+ +",      "if dup then",
                          "1 2",       "drop drop drop", "\\ c\ndup"};
  const char* effects[] = {"( n -- m )", "( a b -- b a )", "( a b -- c )", "( a b -- c )"};
  EffectChecker inf;
  for (const char* b : bodies) {
    for (const char* e : effects) {
      auto eff = Eff(e);
      for (const Fix& f : SuggestFixes(b, &eff, nullptr)) {
        INFO(b << " vs " << e << " -> " << f.body);
        auto c = ffb::testing::Check(f.body, e);
        REQUIRE(c.result.ok);
        std::vector<Diagnostic> d;
        CHECK(VerifyEffect(c.result, eff, d));
        CHECK(f.verified);
      }
    }
  }
  auto sw = Eff("( a b -- b a )");
  CHECK(SuggestFixes("swap", &sw, nullptr).empty());
  auto one = Eff("( a -- a a a )");
  auto cm = SuggestFixes("dup \\ comment", &one, nullptr);
  REQUIRE(!cm.empty());
  CHECK(cm[0].body == "dup \\ comment\ndup");
}

TEST_CASE("fixes: a body accepted by effect<= is not repaired into another program",
          "[fixes][infer][passthru]") {
  // Before effect<=, `+` for ( x a b -- x c ) was offered `+ swap`.
  const char* accepted[][2] = {
      {"+", "( x a b -- x c )"},         {"dup", "( a b -- a b b )"},
      {"drop", "( a b -- a )"},          {"", "( a -- a )"},
      {"+", "( a b c -- d e )"},         {"if + else drop then", "( x a b f -- x c )"},
      {"swap", "( x y a b -- x y b a )"}};
  for (const auto& [body, effect] : accepted) {
    INFO(body << " vs " << effect);
    auto e = Eff(effect);
    FixSearch search = SearchFixes(body, &e, nullptr);
    CHECK(search.fixes.empty());
    CHECK_FALSE(search.truncated);
  }
  // A depth-changing body still gets fixes, and each one passes effect<=
  // (a fix may itself leave deeper inputs untouched).
  auto three = Eff("( a b c -- d )");
  auto f = SuggestFixes("+", &three, nullptr);
  REQUIRE(!f.empty());
  CHECK(Has(f, "INSERT_WORD_009", "+ nip"));
  CHECK(Has(f, "INSERT_WORD_009", "+ drop"));  // ( a b -- ) under `a`: effect<= too
  for (const Fix& fix : f) {
    INFO(fix.body);
    auto c = ffb::testing::Check(fix.body, "( a b c -- d )");
    REQUIRE(c.result.ok);
    std::vector<Diagnostic> d;
    CHECK(VerifyEffect(c.result, three, d));
  }
}

namespace {
std::string Times(std::string_view word, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.append(word);
  return s;
}
}  // namespace

TEST_CASE("fixes: a 400 KB body stops at the work budget, flagged", "[fixes][budget]") {
  // 1 x N then + x (N-1): overflows the 1024-cell stack. Each of its ~1.8 M
  // candidates used to be re-lexed from 400 KB of text.
  const size_t n = 102401;
  const std::string body = Times("1 ", n) + Times("+ ", n - 1);
  REQUIRE(body.size() >= 400 * 1024);
  auto e = Eff("( -- n )");
  FixSearch s = SearchFixes(body, &e, nullptr);
  CHECK(s.truncated);
  CHECK(s.fixes.empty());
  CHECK(s.steps <= kDefaultFixBudgetSteps);
  CHECK(s.candidates >= 1);
  // Every candidate costs at least its 2N-1 tokens.
  CHECK(s.candidates <= kDefaultFixBudgetSteps / (2 * n - 1));
  // Deterministic: the same work on a second run.
  FixSearch again = SearchFixes(body, &e, nullptr);
  CHECK(again.steps == s.steps);
  CHECK(again.candidates == s.candidates);
  CHECK(FixSearchTruncatedMessage(s).find("fix search stopped at its work budget") == 0);
}

TEST_CASE("fixes: the budget cuts the search at an exact, deterministic point", "[fixes][budget]") {
  auto e = Eff("( n -- n² )");
  FixSearch full = SearchFixes("dup dup *", &e, nullptr);
  CHECK_FALSE(full.truncated);
  REQUIRE(full.fixes.size() == 5);
  CHECK(full.candidates > 0);
  CHECK(full.steps > 0);
  CHECK(full.steps <= kDefaultFixBudgetSteps);

  // A budget of exactly the work used finds the same fixes; one step less
  // cuts the last candidate, and with it the last fix.
  FixSearchOptions exact;
  exact.budget_steps = full.steps;
  FixSearch same = SearchFixes("dup dup *", &e, nullptr, exact);
  CHECK_FALSE(same.truncated);
  CHECK(same.candidates == full.candidates);
  REQUIRE(same.fixes.size() == full.fixes.size());
  for (size_t i = 0; i < full.fixes.size(); ++i) CHECK(same.fixes[i].body == full.fixes[i].body);

  FixSearchOptions short_by_one;
  short_by_one.budget_steps = full.steps - 1;
  FixSearch cut = SearchFixes("dup dup *", &e, nullptr, short_by_one);
  CHECK(cut.truncated);
  CHECK(cut.candidates == full.candidates - 1);
  REQUIRE(cut.fixes.size() == full.fixes.size() - 1);
  for (size_t i = 0; i < cut.fixes.size(); ++i) CHECK(cut.fixes[i].body == full.fixes[i].body);

  // No budget: nothing is checked, and that is reported.
  FixSearchOptions none;
  none.budget_steps = 0;
  FixSearch zero = SearchFixes("dup dup *", &e, nullptr, none);
  CHECK(zero.truncated);
  CHECK(zero.candidates == 0);
  CHECK(zero.fixes.empty());
  // A passing body costs nothing and is not truncated.
  auto sq = Eff("( n -- n² )");
  FixSearch pass = SearchFixes("dup *", &sq, nullptr, none);
  CHECK_FALSE(pass.truncated);
  CHECK(pass.candidates == 0);
}

TEST_CASE("fixes: control words cost the stack height they save", "[fixes][budget]") {
  // 1000 literals and 300 `0 if then`s: every `if` saves a 1000-cell stack.
  const std::string body = Times("1 ", 1000) + Times("0 if then ", 300);
  auto e = Eff("( -- n )");
  FixSearch s = SearchFixes(body, &e, nullptr);
  CHECK(s.truncated);
  CHECK(s.candidates <= 2);  // token count alone (1900) would allow ~550
  CHECK(s.steps <= kDefaultFixBudgetSteps);
}

TEST_CASE("fixes: text that does not lex to the candidate's tokens is judged as text",
          "[fixes][infer]") {
  // `\` then a tab opens a comment the seam rule does not see, so "insert
  // `dup` at the end" would be written into the comment: its tokens pass, its
  // text does not, and it must not be offered.
  auto e = Eff("( a -- a a a )");
  auto f = SuggestFixes("dup \\\tc", &e, nullptr);
  REQUIRE(!f.empty());
  CHECK(Has(f, "INSERT_WORD_009", "dup dup \\\tc"));
  for (const Fix& x : f) {
    INFO(x.body);
    CHECK(x.body != "dup \\\tc dup");
    auto c = ffb::testing::Check(x.body, "( a -- a a a )");
    REQUIRE(c.result.ok);
    std::vector<Diagnostic> d;
    CHECK(VerifyEffect(c.result, e, d));
  }
}

TEST_CASE("fixes: undefined words are refused without running the checker, same verdicts",
          "[fixes][infer]") {
  auto e = Eff("( a -- a a )");
  const auto& dict = ffb::testing::TestDictionary();
  auto f = SuggestFixes("sqaure dup", &e, &dict);
  REQUIRE(!f.empty());
  CHECK(f[0].id == "REMOVE_WORD_008");
  CHECK(f[0].body == "dup");
  CHECK(f[0].description == "remove `sqaure` (word 1)");
  CHECK(f.size() == 1);  // every other candidate keeps the undefined word
}
