#include "jobs/verbs/verb_infer.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/check/analyze_body.h"
#include "io/json/json_escape.h"

namespace ffb {
namespace {

std::string DiagnosticsJson(const std::vector<Diagnostic>& ds) {
  std::string s = "[";
  for (size_t i = 0; i < ds.size(); ++i) {
    const Diagnostic& d = ds[i];
    if (i) s += ',';
    s += fmt::format(R"({{"code":{},"message":{},"at":{{"token":{},"column":{}}}}})",
                     JsonQuoted(Describe(d.code).id), JsonQuoted(d.message), d.token, d.column);
  }
  return s + "]";
}

// " at token 2 (column 5)"; nothing for a diagnostic about the whole body
// (column 0 means none: columns are 1-based).
std::string Where(const Diagnostic& d) {
  if (d.column == 0) return {};
  return fmt::format(" at token {} (column {})", d.token, d.column);
}

void Print(const BodyAnalysis& r, bool json, std::ostream& out) {
  if (json) {
    std::string s = fmt::format(R"({{"valid":{})", r.valid ? "true" : "false");
    if (r.declared) s += fmt::format(R"(,"declared":{})", JsonQuoted(*r.declared));
    const std::string inferred = r.inferred ? JsonQuoted(*r.inferred) : "null";
    s += fmt::format(R"(,"inferred":{},"inferred_effect":{})", inferred, inferred);
    if (r.shape) {
      const auto in = r.shape->inputs, outs = r.shape->outputs;
      s += fmt::format(
          R"(,"inputs":{},"outputs":{},"stack_depth_delta":{},"max_depth":{},"returns":{})", in,
          outs, static_cast<long>(outs) - static_cast<long>(in), r.shape->max_depth,
          r.shape->returns ? "true" : "false");
    } else {
      s +=
          R"(,"inputs":null,"outputs":null,"stack_depth_delta":null,"max_depth":null,"returns":null)";
    }
    s += R"(,"errors":)" + DiagnosticsJson(r.errors);
    s += R"(,"warnings":)" + DiagnosticsJson(r.warnings);
    s += R"(,"fixes":[)";
    for (size_t i = 0; i < r.fixes.size(); ++i) {
      const Fix& f = r.fixes[i];
      if (i) s += ',';
      s += fmt::format(R"({{"id":{},"description":{},"body":{},"diff":{},"verified":{}}})",
                       JsonQuoted(f.id), JsonQuoted(f.description), JsonQuoted(f.body),
                       JsonQuoted(f.diff), f.verified ? "true" : "false");
    }
    out << s << "]}\n";
    return;
  }
  if (r.inferred) out << (r.valid ? "ok " : "inferred ") << *r.inferred << "\n";
  for (const Diagnostic& d : r.errors)
    out << fmt::format("error {}{}: {}\n", Describe(d.code).id, Where(d), d.message);
  for (const Diagnostic& d : r.warnings)
    out << fmt::format("warning {}{}: {}\n", Describe(d.code).id, Where(d), d.message);
  for (const Fix& f : r.fixes) out << fmt::format("fix {}: {}: {}\n", f.id, f.description, f.body);
}

}  // namespace

int RunInferVerb(std::string_view code, bool json, std::ostream& out,
                 const WordResolver* resolver) {
  BodyAnalysis r = AnalyzeBody(code, resolver);
  Print(r, json, out);
  return ToInt(r.valid ? ExitCode::kOk : ExitCode::kNotOk);
}

int RunVerifyVerb(std::string_view code, std::string_view effect, bool json, std::ostream& out,
                  const WordResolver* resolver) {
  BodyAnalysis r = VerifyBody(code, effect, resolver);
  Print(r, json, out);
  if (r.bad_effect_text) return ToInt(ExitCode::kUsage);
  return ToInt(r.valid ? ExitCode::kOk : ExitCode::kNotOk);
}

}  // namespace ffb
