// ctest runs each Catch2 test by name: a name starting with '-' is read as an
// option and a ';' splits it in two, so such a test silently never runs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/test_util.h"

TEST_CASE("test names are safe for ctest", "[meta]") {
  std::regex test_case(R"re(TEST_CASE\("([^"]*)")re");
  size_t seen = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(FFBATCH_SOURCE_DIR) + "/tests")) {
    if (entry.path().extension() != ".cpp") continue;
    std::string text = ffb::test::ReadFile(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), test_case), end; it != end; ++it) {
      std::string name = (*it)[1];
      INFO(entry.path().filename().string() << ": " << name);
      CHECK_FALSE(name.empty());
      CHECK(name.front() != '-');
      CHECK(name.find(';') == std::string::npos);
      ++seen;
    }
  }
  CHECK(seen > 100);
}
