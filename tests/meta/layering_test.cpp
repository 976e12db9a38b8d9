// The layering rule of engine/README.md, checked on every #include "…" of
// the source tree: engine folders stack in one order, only engine/api may
// include io/, io/ never includes engine/api or jobs/, and kernels/ includes
// nothing of ffbatch.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace {

// A folder may include only folders of a lower rank (or itself).
const std::map<std::string, int>& EngineRank() {
  static const std::map<std::string, int> rank = {
      {"core", 0},   {"forth", 1},  {"table", 2}, {"validate", 3}, {"define", 3},  {"pipeline", 3},
      {"interp", 4}, {"native", 4}, {"check", 4}, {"cases", 5},    {"resolve", 6}, {"api", 7}};
  return rank;
}

// "engine/check" for engine/check/x.h, "io" for io/…, "kernels", "jobs".
std::string Unit(const std::string& path) {
  std::smatch m;
  static const std::regex engine(R"(^engine/([a-z_]+)/)");
  if (std::regex_search(path, m, engine)) return "engine/" + m[1].str();
  return path.substr(0, path.find('/'));
}

// Why `from` may not include `to`, or nothing when it may.
std::optional<std::string> Forbidden(const std::string& from, const std::string& to) {
  std::string a = Unit(from), b = Unit(to);
  if (a == b) return std::nullopt;
  if (a == "kernels" && (b == "engine" || b.starts_with("engine/") || b == "io" || b == "jobs"))
    return "kernels/ includes nothing of ffbatch";
  if (a.starts_with("engine/")) {
    if (b == "jobs") return "the engine never includes the CLI";
    if (b == "io" && a != "engine/api") return "only engine/api may include io/";
    if (b.starts_with("engine/")) {
      const auto& rank = EngineRank();
      auto ra = rank.find(a.substr(7)), rb = rank.find(b.substr(7));
      if (ra == rank.end() || rb == rank.end())
        return "engine folder missing from the layering order";
      if (rb->second >= ra->second) return "engine folders include only folders below them";
    }
  }
  if (a == "io" && (b == "engine/api" || b == "jobs")) return "io/ sits below engine/api and jobs/";
  return std::nullopt;
}

}  // namespace

TEST_CASE("layering: the rule itself", "[meta]") {
  CHECK(Forbidden("engine/check/checker.cpp", "engine/forth/lexer.h") == std::nullopt);
  CHECK(Forbidden("engine/forth/lexer.cpp", "engine/check/checker.h").has_value());
  CHECK(Forbidden("engine/check/checker.cpp", "engine/native/codegen.h").has_value());  // same rank
  CHECK(Forbidden("engine/check/x.cpp", "io/json/json_escape.h").has_value());
  CHECK(Forbidden("engine/api/batch.cpp", "io/input/line_reader.h") == std::nullopt);
  CHECK(Forbidden("io/output/run_report.h", "engine/api/batch.h").has_value());
  CHECK(Forbidden("io/output/run_report.h", "engine/pipeline/run_stats.h") == std::nullopt);
  CHECK(Forbidden("kernels/effect_compose.cpp", "engine/core/hash.h").has_value());
  CHECK(Forbidden("engine/newfolder/x.cpp", "engine/core/hash.h").has_value());
}

TEST_CASE("layering: no #include crosses the order", "[meta]") {
  const std::string root = FFBATCH_SOURCE_DIR;
  static const std::regex include(R"re(#include "((engine|io|kernels|jobs)/[^"]+)")re");
  size_t checked = 0;
  for (const char* top : {"engine", "io", "kernels", "jobs"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/" + top)) {
      std::string ext = entry.path().extension().string();
      if (ext != ".h" && ext != ".cpp" && ext != ".in") continue;
      std::string rel = std::filesystem::relative(entry.path(), root).string();
      std::string text = ffb::test::ReadFile(entry.path().string());
      for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
        std::string target = (*it)[1];
        auto why = Forbidden(rel, target);
        INFO(rel << " includes " << target);
        CHECK_FALSE(why.has_value());
        ++checked;
      }
    }
  }
  CHECK(checked > 200);  // the scan really saw the tree
}
