#include "io/objects/symbol_mangling.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace ffb;

TEST_CASE("mangling: DESIGN.md examples", "[native][mangling]") {
  CHECK(MangleWordName("2*") == "ffw_2_2a");
  CHECK(MangleWordName("my-word") == "ffw_my_2dword");
  CHECK(MangleWordName("My_Word") == "ffw_my__word");
  CHECK(MangleWordName("") == "ffw_");
  CHECK(*DemangleSymbol("ffw_2_2a") == "2*");
  CHECK(*DemangleSymbol("ffw_my_2dword") == "my-word");
}

TEST_CASE("mangling: rejects symbols it never makes", "[native][mangling]") {
  CHECK_FALSE(DemangleSymbol("foo"));
  CHECK_FALSE(DemangleSymbol("ffw_a_"));
  CHECK_FALSE(DemangleSymbol("ffw_a_2"));
  CHECK_FALSE(DemangleSymbol("ffw_a_2A"));  // upper-case hex
  CHECK_FALSE(DemangleSymbol("ffw_a_61"));  // 'a' escaped
  CHECK_FALSE(DemangleSymbol("ffw_a_5f"));  // '_' escaped
  CHECK_FALSE(DemangleSymbol("ffw_A"));
}

TEST_CASE("mangling: round-trips and is injective over the legal name alphabet",
          "[native][mangling]") {
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_+*/<>=!?-";
  std::set<std::string> symbols;
  size_t names = 0;
  // Every name of length 1..3 over the alphabet (47^3 ≈ 100k names).
  std::string name;
  for (size_t len = 1; len <= 3; ++len) {
    std::vector<size_t> idx(len, 0);
    while (true) {
      name.clear();
      for (size_t k : idx) name.push_back(alphabet[k]);
      std::string sym = MangleWordName(name);
      auto back = DemangleSymbol(sym);
      REQUIRE(back);
      REQUIRE(*back == name);
      for (char c : sym) {
        REQUIRE(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'));
      }
      symbols.insert(sym);
      ++names;
      size_t k = 0;
      while (k < len && ++idx[k] == alphabet.size()) idx[k++] = 0;
      if (k == len) break;
    }
  }
  CHECK(symbols.size() == names);
  // Upper case maps to the same symbol as lower case.
  CHECK(MangleWordName("SQ+R") == MangleWordName("sq+r"));
  // Every byte value round-trips (names are lower-cased first).
  for (int b = 1; b < 256; ++b) {
    std::string s(1, static_cast<char>(b));
    if (b >= 'A' && b <= 'Z') s[0] = static_cast<char>(b - 'A' + 'a');
    CHECK(*DemangleSymbol(MangleWordName(s)) == s);
  }
}
