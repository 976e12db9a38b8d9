#include "engine/table/declared_effect.h"

#include <algorithm>

namespace ffb {

StackEffect DeclaredEffect(const Chunk& chunk, uint32_t row) {
  const SpecTable& t = chunk.table;
  StackEffect e;
  for (uint32_t k = t.input_begin[row]; k < t.input_begin[row + 1]; ++k) {
    e.inputs.push_back({std::string(chunk.Str(t.inputs[k].name)), t.inputs[k].type});
  }
  for (uint32_t k = t.output_begin[row]; k < t.output_begin[row + 1]; ++k) {
    e.outputs.push_back({std::string(chunk.Str(t.outputs[k].name)), t.outputs[k].type});
  }
  return e;
}

WordEffect DeclaredWordEffect(const Chunk& chunk, uint32_t row) {
  const SpecTable& t = chunk.table;
  WordEffect w;
  // Validation caps both sides at kMaxEffectSlots before any stage asks.
  size_t ins = std::min<size_t>(t.input_begin[row + 1] - t.input_begin[row], kMaxEffectSlots);
  size_t outs = std::min<size_t>(t.output_begin[row + 1] - t.output_begin[row], kMaxEffectSlots);
  w.inputs = static_cast<uint8_t>(ins);
  w.outputs = static_cast<uint8_t>(outs);
  for (size_t k = 0; k < ins; ++k) w.in_types[k] = t.inputs[t.input_begin[row] + k].type;
  for (size_t k = 0; k < outs; ++k) w.out_types[k] = t.outputs[t.output_begin[row] + k].type;
  return w;
}

void AppendDeclaredEffectText(const Chunk& chunk, uint32_t row, std::string& out) {
  const SpecTable& t = chunk.table;
  const uint32_t in0 = t.input_begin[row], out0 = t.output_begin[row];
  AppendEffectText(
      out, t.input_begin[row + 1] - in0,
      [&](std::string& s, size_t i) { s.append(chunk.Str(t.inputs[in0 + i].name)); },
      t.output_begin[row + 1] - out0,
      [&](std::string& s, size_t k) { s.append(chunk.Str(t.outputs[out0 + k].name)); });
}

void DeclaredInputNames(const Chunk& chunk, uint32_t row, std::vector<std::string>& out) {
  const SpecTable& t = chunk.table;
  out.clear();
  for (uint32_t k = t.input_begin[row]; k < t.input_begin[row + 1]; ++k) {
    out.emplace_back(chunk.Str(t.inputs[k].name));
  }
}

}  // namespace ffb
