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

// Output j of the word seen with `pass` pass-through cells under the body:
// the deepest `pass` outputs are those inputs unchanged, the body's own
// outputs follow, their input numbers shifted past the pass-through ones.
InferredSlot WordOutput(const InferResult& r, size_t pass, size_t j) {
  if (j < pass) return {CellKind::kAny, static_cast<int16_t>(j)};
  InferredSlot s = r.outputs[j - pass];
  if (s.input >= 0) s.input = static_cast<int16_t>(s.input + pass);
  return s;
}

std::string DepthText(int64_t d) { return d == 0 ? "0" : fmt::format("{:+}", d); }

}  // namespace

int PassThroughCount(const InferResult& r, size_t declared_inputs, size_t declared_outputs) {
  if (r.inputs.size() > declared_inputs) return -1;
  const size_t pass = declared_inputs - r.inputs.size();
  // A body that never returns leaves no outputs to compare.
  if (!r.returns) return static_cast<int>(pass);
  if (r.outputs.size() + pass != declared_outputs) return -1;
  return static_cast<int>(pass);
}

EffectCheck CheckEffect(const InferResult& r, const WordEffect& d) {
  if (!r.ok) return EffectCheck::kDepthMismatch;
  const int pass = PassThroughCount(r, d.inputs, d.outputs);
  if (pass < 0) return EffectCheck::kDepthMismatch;
  auto in_type = [&](int16_t k) { return d.in_types[static_cast<size_t>(k)]; };
  const size_t outs = r.returns ? d.outputs : 0;
  for (size_t j = 0; j < outs; ++j)
    if (OutputKindConflict(WordOutput(r, static_cast<size_t>(pass), j), d.out_types[j], in_type))
      return EffectCheck::kKindMismatch;
  return EffectCheck::kOk;
}

bool VerifyEffect(const InferResult& r, const StackEffect& d, std::vector<Diagnostic>& out,
                  uint32_t at_token) {
  const int pass_count = PassThroughCount(r, d.inputs.size(), d.outputs.size());
  if (pass_count < 0) {
    std::vector<std::string> names;
    for (const auto& s : d.inputs) names.push_back(s.name);
    std::string what;
    if (r.inputs.size() > d.inputs.size()) {
      what = fmt::format("takes {} input{} but {} {} declared", r.inputs.size(),
                         r.inputs.size() == 1 ? "" : "s", d.inputs.size(),
                         d.inputs.size() == 1 ? "is" : "are");
    } else if (r.inputs.size() < d.inputs.size()) {
      // Fewer inputs are fine on their own (the rest pass through); the
      // depth change is what differs.
      auto body = static_cast<int64_t>(r.outputs.size()) - static_cast<int64_t>(r.inputs.size());
      auto want = static_cast<int64_t>(d.outputs.size()) - static_cast<int64_t>(d.inputs.size());
      what = fmt::format("changes the depth by {} but the declared effect by {}", DepthText(body),
                         DepthText(want));
    } else {
      what = fmt::format("leaves {} output{} but {} {} declared", r.outputs.size(),
                         r.outputs.size() == 1 ? "" : "s", d.outputs.size(),
                         d.outputs.size() == 1 ? "is" : "are");
    }
    out.push_back({Code::kDepthMismatch, at_token, 0,
                   fmt::format("declared {}, inferred {}: the body {}", FormatEffect(d),
                               FormatInferred(r, names), what)});
    return false;
  }
  const auto pass = static_cast<size_t>(pass_count);
  if (pass > 0 && r.returns) {
    // Factor's effect<=: the deepest declared inputs the body never touches
    // are the deepest outputs, unchanged.
    std::string slots;
    bool renamed = false;
    for (size_t j = 0; j < pass; ++j) {
      renamed = renamed || d.inputs[j].name != d.outputs[j].name;
      slots += fmt::format("{}`{}`", j == 0 ? "" : ", ", d.inputs[j].name);
    }
    std::string as;
    if (renamed) {
      as = pass == 1 ? " as output " : " as outputs ";
      for (size_t j = 0; j < pass; ++j)
        as += fmt::format("{}`{}`", j == 0 ? "" : ", ", d.outputs[j].name);
    }
    // The word's whole effect, in the declared input names.
    std::vector<std::string> names;
    for (const auto& in : d.inputs) names.push_back(in.name);
    std::vector<int> out_input;
    for (size_t j = 0; j < d.outputs.size(); ++j) out_input.push_back(WordOutput(r, pass, j).input);
    out.push_back({Code::kPassThrough, at_token, 0,
                   fmt::format("the body's own effect {} takes {} of the {} declared inputs; {} "
                               "pass{} through unchanged{} (the word is {})",
                               FormatInferred(r), r.inputs.size(), d.inputs.size(), slots,
                               pass == 1 ? "es" : "", as, FormatNamedEffect(names, out_input))});
  }
  bool ok = true;
  auto in_type = [&](int16_t k) { return d.inputs[static_cast<size_t>(k)].type; };
  const size_t outs = r.returns ? d.outputs.size() : 0;  // no path returns: no outputs
  for (size_t j = 0; j < outs; ++j) {
    const InferredSlot s = WordOutput(r, pass, j);
    const EffectSlot& want = d.outputs[j];
    if (OutputKindConflict(s, want.type, in_type)) {
      std::string from = s.input >= 0 ? fmt::format("input `{}` ({})", d.inputs[s.input].name,
                                                    SlotTypeName(in_type(s.input)))
                                      : std::string("a flag");
      out.push_back(
          {Code::kKindMismatch, at_token, 0,
           fmt::format("output `{}` is declared {} but is {}{}", want.name, SlotTypeName(want.type),
                       from, j < pass ? ", passed through unchanged" : "")});
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
