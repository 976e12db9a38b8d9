#include "engine/check/verify.h"

#include <fmt/format.h>

namespace ffb {
namespace {

bool IsNumber(SlotType t) {
  return t == SlotType::kInt || t == SlotType::kUint || t == SlotType::kChar ||
         t == SlotType::kBool;
}

// addr and numbers do not mix; `any`/unknown mixes with everything.
bool TypesConflict(SlotType from, SlotType to) {
  return (from == SlotType::kAddr && IsNumber(to)) || (IsNumber(from) && to == SlotType::kAddr);
}

template <typename TypeAt>
bool OutputKindConflict(const InferredSlot& s, SlotType declared, TypeAt input_type) {
  if (s.input >= 0) return TypesConflict(input_type(s.input), declared);
  return declared == SlotType::kAddr && s.kind == CellKind::kFlag;
}

}  // namespace

EffectCheck CheckEffect(const InferResult& r, const WordEffect& d) {
  if (!r.ok) return EffectCheck::kDepthMismatch;
  if (r.inputs.size() != d.inputs) return EffectCheck::kDepthMismatch;
  if (r.returns && r.outputs.size() != d.outputs) return EffectCheck::kDepthMismatch;
  auto in_type = [&](int16_t k) { return d.in_types[static_cast<size_t>(k)]; };
  for (size_t j = 0; j < r.outputs.size(); ++j)
    if (OutputKindConflict(r.outputs[j], d.out_types[j], in_type))
      return EffectCheck::kKindMismatch;
  return EffectCheck::kOk;
}

bool VerifyEffect(const InferResult& r, const StackEffect& d, std::vector<Diagnostic>& out,
                  uint32_t at_token) {
  const bool counts_ok =
      r.inputs.size() == d.inputs.size() && (!r.returns || r.outputs.size() == d.outputs.size());
  if (!counts_ok) {
    std::vector<std::string> names;
    for (const auto& s : d.inputs) names.push_back(s.name);
    std::string what;
    if (r.inputs.size() != d.inputs.size())
      what = fmt::format("takes {} input{} but {} {} declared", r.inputs.size(),
                         r.inputs.size() == 1 ? "" : "s", d.inputs.size(),
                         d.inputs.size() == 1 ? "is" : "are");
    else
      what = fmt::format("leaves {} output{} but {} {} declared", r.outputs.size(),
                         r.outputs.size() == 1 ? "" : "s", d.outputs.size(),
                         d.outputs.size() == 1 ? "is" : "are");
    out.push_back({Code::kDepthMismatch, at_token, 0,
                   fmt::format("declared {}, inferred {}: the body {}", FormatEffect(d),
                               FormatInferred(r, names), what)});
    return false;
  }
  bool ok = true;
  auto in_type = [&](int16_t k) { return d.inputs[static_cast<size_t>(k)].type; };
  for (size_t j = 0; j < r.outputs.size(); ++j) {
    const InferredSlot& s = r.outputs[j];
    const EffectSlot& want = d.outputs[j];
    if (OutputKindConflict(s, want.type, in_type)) {
      std::string from = s.input >= 0 ? fmt::format("input `{}` ({})", d.inputs[s.input].name,
                                                    SlotTypeName(in_type(s.input)))
                                      : std::string("a flag");
      out.push_back({Code::kKindMismatch, at_token, 0,
                     fmt::format("output `{}` is declared {} but is {}", want.name,
                                 SlotTypeName(want.type), from)});
      ok = false;
      continue;
    }
    if (want.type != SlotType::kBool || s.kind == CellKind::kFlag) continue;
    bool non_flag =
        s.input >= 0 ? (in_type(s.input) != SlotType::kBool && in_type(s.input) != SlotType::kAny &&
                        in_type(s.input) != SlotType::kUnknown)
                     : s.kind == CellKind::kInt;
    if (non_flag)
      out.push_back(
          {Code::kBoolFromNonFlag, at_token, 0,
           fmt::format("output `{}` is declared bool but is not produced by a flag (a comparison, "
                       "true/false or a bool input)",
                       want.name)});
  }
  return ok;
}

}  // namespace ffb
