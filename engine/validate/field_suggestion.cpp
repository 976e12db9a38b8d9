#include "engine/validate/field_suggestion.h"

#include <array>
#include <utility>

#include "engine/core/edit_distance.h"

namespace ffb {
namespace {

constexpr std::array<std::string_view, 8> kTopLevel = {
    "word",       "description", "stack_effect",   "properties",
    "test_cases", "complexity",  "implementation", "metadata"};

// Names generated specs use for a field, too far from it by edits alone.
constexpr auto kSynonyms = std::to_array<std::pair<std::string_view, std::string_view>>({
    {"tests", "test_cases"},
    {"test", "test_cases"},
    {"cases", "test_cases"},
    {"examples", "test_cases"},
    {"testcases", "test_cases"},
    {"effect", "stack_effect"},
    {"stack", "stack_effect"},
    {"signature", "stack_effect"},
    {"name", "word"},
    {"code", "implementation"},
    {"impl", "implementation"},
    {"body", "implementation"},
    {"desc", "description"},
    {"props", "properties"},
});

}  // namespace

std::string_view SuggestSpecField(std::string_view path) {
  if (path.substr(0, 2) != "$.") return {};
  const std::string_view key = path.substr(2);
  if (key.find_first_of(".[") != std::string_view::npos) return {};
  for (const auto& [from, to] : kSynonyms) {
    if (key == from) return to;
  }
  std::string_view best;
  size_t best_d = 3;
  for (std::string_view known : kTopLevel) {
    const size_t d = EditDistance(key, known);
    if (d < best_d) {
      best_d = d;
      best = known;
    }
  }
  return best;
}

}  // namespace ffb
