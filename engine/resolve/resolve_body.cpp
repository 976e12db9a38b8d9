#include "engine/resolve/resolve_body.h"

#include <fmt/format.h>

#include "engine/core/ascii.h"
#include "engine/forth/stack_effect.h"
#include "engine/resolve/heuristics.h"

namespace ffb {
namespace {

std::string UnknownPatternMessage(std::string_view id, const PatternLibrary& lib) {
  std::string msg = fmt::format("unknown pattern id `{}`", id);
  std::vector<const Pattern*> near = lib.Similar(id, 3);
  if (!near.empty() && LowerName(near[0]->id) == LowerName(id))
    return msg + fmt::format("; did you mean {}? (pattern ids are case-sensitive)", near[0]->id);
  if (!near.empty()) {
    msg += "; did you mean";
    for (size_t i = 0; i < near.size(); ++i) msg += fmt::format("{} {}", i ? "," : "", near[i]->id);
    msg += "?";
  }
  return msg + " (`ffbatch patterns list` shows the library)";
}

BodyError FromDiagnostic(const Diagnostic& d) {
  BodyError e{d.code, d.message, "$.implementation.params", d.column};
  constexpr std::string_view kPrefix = "implementation.params.";
  if (d.message.rfind(kPrefix, 0) == 0) {
    size_t colon = d.message.find(':');
    if (colon != std::string::npos) e.path = "$." + d.message.substr(0, colon);
  }
  return e;
}

}  // namespace

std::string EffectArityText(const SpecBodyFields& s) {
  std::string t;
  auto type = [](const auto& slots) {
    return [&slots](std::string& out, size_t i) { out.append(SlotTypeName(slots[i])); };
  };
  AppendEffectText(t, s.inputs.size(), type(s.inputs), s.outputs.size(), type(s.outputs));
  return t;
}

BodyResolution ResolveBody(const SpecBodyFields& spec, const PatternLibrary& lib,
                           const ResolveOptions& options) {
  BodyResolution r;
  // A code field is the body, even one with no Forth words in it ("",
  // blanks, only comments): that is the empty definition `: w ;`. Only a
  // missing code field falls back to a pattern or the heuristics.
  if (spec.code) {
    r.candidates.push_back(
        {BodySource::kCode, std::string(*spec.code), nullptr, 0, "implementation.code"});
    return r;
  }
  if (spec.pattern) {
    const Pattern* p = lib.Find(*spec.pattern);
    if (!p) {
      r.error = BodyError{Code::kUnknownPattern, UnknownPatternMessage(*spec.pattern, lib),
                          "$.implementation.pattern", 0};
      return r;
    }
    if (!p->usable()) {
      r.error = BodyError{Code::kPatternUnsupported,
                          fmt::format("pattern {} is unsupported: {}", p->id, *p->unsupported),
                          "$.implementation.pattern", 0};
      return r;
    }
    std::vector<Diagnostic> diags;
    std::optional<std::string> body =
        ExpandTemplateText(*p, spec.params, spec.word, diags, options.name_mode);
    if (!body) {
      r.error = FromDiagnostic(diags.back());
      return r;
    }
    r.candidates.push_back(
        {BodySource::kPattern, std::move(*body), p, 0, "implementation.pattern"});
    return r;
  }
  r.candidates = RankPatterns(spec, lib, options);
  if (r.candidates.empty()) {
    r.error = BodyError{
        Code::kNoImplementation,
        fmt::format("no implementation for `{}`: no implementation.code, no "
                    "implementation.pattern, "
                    "and no library pattern with effect {} matches its name, description or tags; "
                    "add implementation.code or implementation.pattern",
                    spec.word, EffectArityText(spec)),
        "$.implementation", 0};
  }
  return r;
}

SpecBodyFields RowBodyFields(const Chunk& chunk, uint32_t row, RowBodyStorage& st) {
  const SpecTable& t = chunk.table;
  SpecBodyFields f;
  f.word = chunk.Str(t.word[row]);
  f.description = chunk.Str(t.description[row]);
  if (t.fields[row] & kHasCode) f.code = chunk.Str(t.code[row]);
  if (t.fields[row] & kHasPattern) f.pattern = chunk.Str(t.pattern[row]);
  st.params.clear();
  for (uint32_t i = t.param_begin[row]; i < t.param_begin[row + 1]; ++i)
    st.params.emplace_back(chunk.Str(t.params[i].key), chunk.Str(t.params[i].value));
  st.inputs.clear();
  st.input_names.clear();
  for (uint32_t i = t.input_begin[row]; i < t.input_begin[row + 1]; ++i) {
    st.inputs.push_back(t.inputs[i].type);
    st.input_names.push_back(chunk.Str(t.inputs[i].name));
  }
  st.outputs.clear();
  st.output_names.clear();
  for (uint32_t i = t.output_begin[row]; i < t.output_begin[row + 1]; ++i) {
    st.outputs.push_back(t.outputs[i].type);
    st.output_names.push_back(chunk.Str(t.outputs[i].name));
  }
  st.tags.clear();
  for (uint32_t i = t.tag_begin[row]; i < t.tag_begin[row + 1]; ++i)
    st.tags.push_back(chunk.Str(t.tags[i]));
  st.hints.clear();
  for (uint32_t i = t.hint_begin[row]; i < t.hint_begin[row + 1]; ++i)
    st.hints.push_back(chunk.Str(t.hints[i]));
  f.params = st.params;
  f.inputs = st.inputs;
  f.outputs = st.outputs;
  f.input_names = st.input_names;
  f.output_names = st.output_names;
  f.tags = st.tags;
  f.hints = st.hints;
  return f;
}

}  // namespace ffb
