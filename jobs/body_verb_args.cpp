#include "jobs/body_verb_args.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace ffb {
namespace {

constexpr std::array<std::string_view, 3> kBodyVerbs = {"infer", "verify", "compose"};
constexpr std::array<std::string_view, 3> kOwnFlags = {"--json", "-h", "--help"};

bool In(auto& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

std::vector<std::string> BodyVerbArgs(const std::vector<std::string>& argv) {
  size_t verb = 1;
  while (verb < argv.size() && argv[verb] != "--" && !In(kBodyVerbs, argv[verb])) ++verb;
  if (verb >= argv.size() || argv[verb] == "--") return argv;
  std::vector<std::string> out(argv.begin(), argv.begin() + static_cast<long>(verb) + 1);
  std::vector<std::string> positionals;
  bool after_dashes = false;
  for (size_t i = verb + 1; i < argv.size(); ++i) {
    if (!after_dashes && argv[i] == "--") {
      after_dashes = true;
    } else if (!after_dashes && In(kOwnFlags, argv[i])) {
      out.push_back(argv[i]);
    } else {
      positionals.push_back(argv[i]);
    }
  }
  if (positionals.empty()) return out;
  out.push_back("--");
  out.insert(out.end(), positionals.begin(), positionals.end());
  return out;
}

}  // namespace ffb
