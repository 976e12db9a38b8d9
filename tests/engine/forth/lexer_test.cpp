#include "engine/forth/lexer.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "engine/forth/builtins.h"

using namespace ffb;

TEST_CASE("builtin table: names unique, lookup case-insensitive", "[lexer][builtins]") {
  std::set<std::string_view> names;
  for (const BuiltinInfo& b : AllBuiltins()) {
    CHECK(names.insert(b.name).second);
    REQUIRE(LookupBuiltin(b.name) == b.id);
    std::string upper(b.name);
    for (char& c : upper) c = static_cast<char>(toupper(c));
    CHECK(LookupBuiltin(upper) == b.id);
  }
  CHECK(AllBuiltins().size() == kBuiltinCount);
  CHECK(!LookupBuiltin("foo"));
  CHECK(!LookupBuiltin(""));
  CHECK(!LookupBuiltin("toolongname"));
  CHECK(Info(Builtin::kRot).out[0] == 1);
  CHECK(!Info(Builtin::kQDup).static_effect());
  CHECK(Info(Builtin::kDup).static_effect());
}

namespace {
struct Lexed {
  TokenColumns cols;
  std::vector<Diagnostic> diags;
  bool ok;
  explicit Lexed(std::string_view s) { ok = LexBody(s, cols, diags); }
  std::span<const Token> toks() const { return cols.Body(0); }
};
}  // namespace

TEST_CASE("lexer: numbers in every base", "[lexer]") {
  Lexed l("42 -7 $ff #12 %101 'a' -$10 $-10 18446744073709551615 0");
  REQUIRE(l.ok);
  std::vector<int64_t> want = {42, -7, 255, 12, 5, 97, -16, -16, -1, 0};
  REQUIRE(l.toks().size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    CHECK(l.toks()[i].kind == TokenKind::kNumber);
    CHECK(l.toks()[i].value == want[i]);
  }
  CHECK(l.toks()[1].column == 4);
}

TEST_CASE("lexer: builtins, user words, comments, case", "[lexer]") {
  Lexed l("DUP ( a comment ) Square \\ line comment\n2dup sq 1+ square");
  REQUIRE(l.ok);
  auto t = l.toks();
  REQUIRE(t.size() == 6);
  CHECK(t[0].Is(Builtin::kDup));
  CHECK(t[1].kind == TokenKind::kUserWord);
  CHECK(l.cols.Name(static_cast<uint32_t>(t[1].value)) == "square");
  CHECK(t[1].column == 19);
  CHECK(t[2].Is(Builtin::kTwoDup));
  CHECK(t[3].kind == TokenKind::kUserWord);
  CHECK(t[4].Is(Builtin::kOnePlus));
  CHECK(t[5].value == t[1].value);  // interned once
  CHECK(l.cols.name_count() == 2);
}

TEST_CASE("lexer: errors carry code and column", "[lexer]") {
  struct Case {
    const char* body;
    Code code;
    uint32_t column;
  };
  const Case cases[] = {
      {"dup ( oops", Code::kUnterminatedComment, 5},
      {"$xyz", Code::kInvalidNumber, 1},
      {"1 %102", Code::kInvalidNumber, 3},
      {"'ab'", Code::kInvalidNumber, 1},
      {"99999999999999999999", Code::kInvalidNumber, 1},
      {"dup )", Code::kUnexpectedToken, 5},
      {"dup \x01x", Code::kUnexpectedToken, 5},
      {"#", Code::kInvalidNumber, 1},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    Lexed l(c.body);
    CHECK(!l.ok);
    REQUIRE(l.diags.size() == 1);
    CHECK(l.diags[0].code == c.code);
    CHECK(l.diags[0].column == c.column);
    CHECK(l.cols.body_count() == 1);
    CHECK(l.toks().empty());
  }
}

TEST_CASE("lexer: many bodies into one TokenColumns", "[lexer]") {
  TokenColumns cols;
  std::vector<Diagnostic> diags;
  CHECK(LexBody("dup *", cols, diags));
  CHECK(!LexBody("( bad", cols, diags));
  CHECK(LexBody("", cols, diags));
  CHECK(LexBody("foo bar foo", cols, diags));
  REQUIRE(cols.body_count() == 4);
  CHECK(cols.Body(0).size() == 2);
  CHECK(cols.Body(1).empty());
  CHECK(cols.Body(2).empty());
  CHECK(cols.Body(3).size() == 3);
  CHECK(diags.size() == 1);
}
