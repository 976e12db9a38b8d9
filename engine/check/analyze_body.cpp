#include "engine/check/analyze_body.h"

#include "engine/check/verify.h"
#include "engine/forth/lexer.h"
#include "engine/forth/stack_effect.h"

namespace ffb {
namespace {

void Split(const std::vector<Diagnostic>& ds, BodyAnalysis& r) {
  for (const Diagnostic& d : ds) (d.is_warning() ? r.warnings : r.errors).push_back(d);
}

// Fixes for an invalid body; W2237 (unpositioned) when the search was cut short.
void AddFixes(std::string_view code, const StackEffect* declared, const WordResolver* resolver,
              BodyAnalysis& r) {
  FixSearch search = SearchFixes(code, declared, resolver);
  if (search.truncated) {
    r.warnings.push_back({Code::kFixSearchTruncated, 0, 0, FixSearchTruncatedMessage(search)});
  }
  r.fixes = std::move(search.fixes);
}

// Lexes and infers; fills errors, warnings, inferred and shape.
void InferInto(std::string_view code, const WordResolver* resolver, const WordEffect* self,
               const std::vector<std::string>* names, InferResult& result, BodyAnalysis& r) {
  TokenColumns cols;
  std::vector<Diagnostic> lex;
  if (!LexBody(code, cols, lex)) {
    Split(lex, r);
    return;
  }
  EffectChecker inf;
  inf.Infer(cols.Body(0), cols, resolver, self, result);
  Split(result.diagnostics, r);
  if (result.ok) {
    r.shape = BodyAnalysis::Shape{result.inputs.size(), result.outputs.size(), result.max_depth,
                                  result.returns};
    r.inferred = names ? FormatInferred(result, *names) : FormatInferred(result);
  }
}

}  // namespace

BodyAnalysis AnalyzeBody(std::string_view code, const WordResolver* resolver) {
  BodyAnalysis r;
  InferResult result;
  InferInto(code, resolver, nullptr, nullptr, result, r);
  r.valid = r.errors.empty();
  if (!r.valid) AddFixes(code, nullptr, resolver, r);
  return r;
}

BodyAnalysis VerifyBody(std::string_view code, std::string_view effect,
                        const WordResolver* resolver) {
  BodyAnalysis r;
  Diagnostic perr;
  std::optional<StackEffect> declared = ParseEffectText(effect, &perr);
  if (!declared) {
    r.bad_effect_text = true;
    r.errors.push_back(perr);
    return r;
  }
  r.declared = FormatEffect(*declared);
  WordEffect self = ToWordEffect(*declared);
  std::vector<std::string> names;
  for (const auto& s : declared->inputs) names.push_back(s.name);
  InferResult result;
  InferInto(code, resolver, &self, &names, result, r);
  if (r.errors.empty() && r.shape) {
    std::vector<Diagnostic> v;
    VerifyEffect(result, *declared, v, static_cast<uint32_t>(0));
    Split(v, r);
  }
  r.valid = r.errors.empty();
  if (!r.valid) AddFixes(code, &*declared, resolver, r);
  return r;
}

}  // namespace ffb
