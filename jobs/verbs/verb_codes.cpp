#include "jobs/verbs/verb_codes.h"

#include <fmt/format.h>

#include "engine/core/error_codes.h"

namespace ffb {

std::string FormatCodeTable(bool markdown) {
  std::string out;
  if (markdown) out = "| code | meaning |\n|---|---|\n";
  for (const CodeInfo& info : AllCodes()) {
    if (info.code == Code::kNone) continue;
    out += markdown ? fmt::format("| {} | {} |\n", info.id, info.summary)
                    : fmt::format("{}  {}\n", info.id, info.summary);
  }
  return out;
}

}  // namespace ffb
