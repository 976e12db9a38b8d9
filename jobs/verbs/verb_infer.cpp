#include "jobs/verbs/verb_infer.h"

#include "io/json/json_escape.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "engine/forth/stack_effect.h"
#include "engine/check/fixes.h"
#include "engine/forth/lexer.h"
#include "engine/check/verify.h"

namespace ffb {
namespace {

struct Report {
  bool valid = false;
  std::optional<std::string> declared;
  std::optional<std::string> inferred;
  const InferResult* result = nullptr;  // set when inference ran to completion
  std::vector<Diagnostic> errors;
  std::vector<Diagnostic> warnings;
  std::vector<Fix> fixes;
};

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

void Print(const Report& r, bool json, std::ostream& out) {
  if (json) {
    std::string s = fmt::format(R"({{"valid":{})", r.valid ? "true" : "false");
    if (r.declared) s += fmt::format(R"(,"declared":{})", JsonQuoted(*r.declared));
    const std::string inferred = r.inferred ? JsonQuoted(*r.inferred) : "null";
    s += fmt::format(R"(,"inferred":{},"inferred_effect":{})", inferred, inferred);
    if (r.result) {
      const auto in = r.result->inputs.size(), outs = r.result->outputs.size();
      s += fmt::format(R"(,"inputs":{},"outputs":{},"stack_depth_delta":{},"max_depth":{},"returns":{})", in, outs,
                       static_cast<long>(outs) - static_cast<long>(in), r.result->max_depth,
                       r.result->returns ? "true" : "false");
    } else {
      s += R"(,"inputs":null,"outputs":null,"stack_depth_delta":null,"max_depth":null,"returns":null)";
    }
    s += R"(,"errors":)" + DiagnosticsJson(r.errors);
    s += R"(,"warnings":)" + DiagnosticsJson(r.warnings);
    s += R"(,"fixes":[)";
    for (size_t i = 0; i < r.fixes.size(); ++i) {
      const Fix& f = r.fixes[i];
      if (i) s += ',';
      s += fmt::format(R"({{"id":{},"description":{},"body":{},"diff":{},"verified":{}}})", JsonQuoted(f.id),
                       JsonQuoted(f.description), JsonQuoted(f.body), JsonQuoted(f.diff),
                       f.verified ? "true" : "false");
    }
    out << s << "]}\n";
    return;
  }
  if (r.inferred) out << (r.valid ? "ok " : "inferred ") << *r.inferred << "\n";
  for (const Diagnostic& d : r.errors)
    out << fmt::format("error {} at token {} (column {}): {}\n", Describe(d.code).id, d.token, d.column,
                       d.message);
  for (const Diagnostic& d : r.warnings)
    out << fmt::format("warning {} at token {} (column {}): {}\n", Describe(d.code).id, d.token, d.column,
                       d.message);
  for (const Fix& f : r.fixes) out << fmt::format("fix {}: {}: {}\n", f.id, f.description, f.body);
}

void Split(const std::vector<Diagnostic>& ds, Report& r) {
  for (const Diagnostic& d : ds) (d.is_warning() ? r.warnings : r.errors).push_back(d);
}

// Fixes for an invalid body; W2237 (unpositioned) when the search was cut short.
void AddFixes(std::string_view code, const StackEffect* declared, const WordResolver* resolver, Report& r) {
  FixSearch search = SearchFixes(code, declared, resolver);
  if (search.truncated) r.warnings.push_back({Code::kFixSearchTruncated, 0, 0, FixSearchTruncatedMessage(search)});
  r.fixes = std::move(search.fixes);
}

// Lexes and infers; fills errors/warnings/inferred. Returns the result holder.
void InferInto(std::string_view code, const WordResolver* resolver, const WordEffect* self,
               const std::vector<std::string>* names, InferResult& result, Report& r) {
  TokenColumns cols;
  std::vector<Diagnostic> lex;
  if (!LexBody(code, cols, lex)) {
    Split(lex, r);
    return;
  }
  Inferrer inf;
  inf.Infer(cols.Body(0), cols, resolver, self, result);
  Split(result.diagnostics, r);
  if (result.ok) {
    r.result = &result;
    r.inferred = names ? FormatInferred(result, *names) : FormatInferred(result);
  }
}

}  // namespace

int RunInferVerb(std::string_view code, bool json, std::ostream& out, const WordResolver* resolver) {
  Report r;
  InferResult result;
  InferInto(code, resolver, nullptr, nullptr, result, r);
  r.valid = r.errors.empty();
  if (!r.valid) AddFixes(code, nullptr, resolver, r);
  Print(r, json, out);
  return ToInt(r.valid ? ExitCode::kOk : ExitCode::kNotOk);
}

int RunVerifyVerb(std::string_view code, std::string_view effect, bool json, std::ostream& out,
                  const WordResolver* resolver) {
  Diagnostic perr;
  std::optional<StackEffect> declared = ParseEffectText(effect, &perr);
  if (!declared) {
    Report r;
    r.errors.push_back(perr);
    Print(r, json, out);
    return ToInt(ExitCode::kUsage);
  }
  Report r;
  r.declared = FormatEffect(*declared);
  WordEffect self = ToWordEffect(*declared);
  std::vector<std::string> names;
  for (const auto& s : declared->inputs) names.push_back(s.name);
  InferResult result;
  InferInto(code, resolver, &self, &names, result, r);
  if (r.errors.empty() && r.result) {
    std::vector<Diagnostic> v;
    VerifyEffect(result, *declared, v, static_cast<uint32_t>(0));
    Split(v, r);
  }
  r.valid = r.errors.empty();
  if (!r.valid) AddFixes(code, &*declared, resolver, r);
  Print(r, json, out);
  return ToInt(r.valid ? ExitCode::kOk : ExitCode::kNotOk);
}

}  // namespace ffb
