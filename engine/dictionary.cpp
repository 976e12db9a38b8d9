#include "engine/dictionary.h"

#include <fmt/format.h>

namespace ffb {

std::string LowerName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<WordEntry> Dictionary::Find(std::string_view name, uint32_t before_id) const {
  auto it = words_.find(LowerName(name));
  if (it == words_.end() || it->second.id >= before_id) return std::nullopt;
  return it->second;
}

std::optional<WordEntry> Dictionary::Add(std::string_view name, WordEntry entry) {
  auto [it, inserted] = words_.emplace(LowerName(name), entry);
  if (!inserted) return it->second;
  return std::nullopt;
}

void Define(Chunk& chunk, Dictionary& dict, const std::vector<std::string>& input_names) {
  SpecTable& t = chunk.table;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kOk) continue;
    WordEntry entry;
    entry.id = dict.next_id();
    entry.input_index = chunk.input_index;
    entry.line = t.line[row];
    entry.inputs = static_cast<uint16_t>(t.input_begin[row + 1] - t.input_begin[row]);
    entry.outputs = static_cast<uint16_t>(t.output_begin[row + 1] - t.output_begin[row]);
    std::string_view name = chunk.Str(t.word[row]);
    if (auto earlier = dict.Add(name, entry)) {
      std::string where = earlier->input_index == chunk.input_index
                              ? fmt::format("line {}", earlier->line)
                              : fmt::format("{} line {}", input_names[earlier->input_index],
                                            earlier->line);
      AddError(chunk, row, Stage::kDefine, Code::kRedefinedWord,
               fmt::format("word \"{}\" is already defined on {}", name, where), "$.word");
      continue;
    }
    t.word_id[row] = dict.TakeId();
  }
}

}  // namespace ffb
