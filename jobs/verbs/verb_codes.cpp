#include "jobs/verbs/verb_codes.h"

#include <fmt/format.h>

#include <cctype>

#include "engine/core/edit_distance.h"
#include "engine/core/error_codes.h"
#include "engine/core/run_error.h"
#include "io/json/json_escape.h"
#include "jobs/verbs/code_examples.h"

namespace ffb {
namespace {

std::string_view SeverityName(Severity s) { return s == Severity::kError ? "error" : "warning"; }

std::string CodeJson(const CodeInfo& info) {
  return fmt::format(R"({{"code":{},"severity":"{}","summary":{},"example":{}}})",
                     JsonQuoted(info.id), SeverityName(info.severity), JsonQuoted(info.summary),
                     JsonQuoted(CodeExample(info.id)));
}

}  // namespace

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

std::string FormatCodeTableJson() {
  std::string out = "[";
  for (const CodeInfo& info : AllCodes()) {
    if (info.code == Code::kNone) continue;
    if (out.size() > 1) out += ',';
    out += CodeJson(info);
  }
  return out + "]\n";
}

int RunCodesVerb(std::string_view id, bool markdown, bool json, std::ostream& out,
                 std::ostream& err) {
  if (id.empty()) {
    out << (json ? FormatCodeTableJson() : FormatCodeTable(markdown));
    return ToInt(ExitCode::kOk);
  }
  std::string want(id);
  for (char& c : want) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view nearest;
  size_t best = 3;
  for (const CodeInfo& info : AllCodes()) {
    if (info.id == want) {
      if (json) {
        out << CodeJson(info) << "\n";
      } else {
        out << fmt::format("{} ({}): {}\nexample: {}\n", info.id, SeverityName(info.severity),
                           info.summary, CodeExample(info.id));
      }
      return ToInt(ExitCode::kOk);
    }
    // The nearest id within two edits, for the did-you-mean line.
    const size_t d = EditDistance(want, info.id);
    if (d < best) {
      best = d;
      nearest = info.id;
    }
  }
  err << fmt::format("ffbatch codes: no code `{}`", id);
  if (!nearest.empty()) err << fmt::format("; did you mean `{}`?", nearest);
  err << "\n";
  return ToInt(ExitCode::kNotOk);
}

}  // namespace ffb
