#include "engine/define/define_stage.h"

#include <fmt/format.h>

#include <vector>

#include "engine/core/word_name_scan.h"

namespace ffb {

namespace {

// Each row's first error (kNone if none), in one pass over the chunk's errors.
void FirstErrors(const Chunk& chunk, std::vector<Code>& first) {
  first.assign(chunk.table.rows(), Code::kNone);
  for (const ErrorRow& e : chunk.errors.rows)
    if (!e.warning && first[e.row] == Code::kNone) first[e.row] = e.code;
}

// A line the parser rejected (bad JSON, a NUL byte, too long...) whose word
// name can still be read off its raw text: later callers are told that the
// word's line was rejected (E1002 with its first error) instead of
// "undefined word". A name already defined is left alone, as is a line
// whose name cannot be recovered (then callers get E1000).
void NoteRejected(const Chunk& chunk, uint32_t row, Code first_error, Dictionary& dict) {
  std::optional<std::string_view> name = ScanWordName(chunk.Raw(row));
  if (!name || name->empty() || name->size() > 64 || dict.Find(*name) != nullptr) return;
  dict.NoteUnusable(*name, {chunk.input_index, chunk.table.line[row], first_error});
}

}  // namespace

void Define(Chunk& chunk, Dictionary& dict, const std::vector<std::string>& input_names) {
  SpecTable& t = chunk.table;
  thread_local std::vector<Code> first;
  FirstErrors(chunk, first);
  // Rows ahead whose first dictionary slot is loaded while this one is
  // defined; the per-row work is short, so one row ahead is too close.
  constexpr uint32_t kPrefetchRows = 8;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (uint32_t ahead = row + kPrefetchRows;
        ahead < t.rows() && t.status[ahead] != Status::kRejected && (t.fields[ahead] & kHasWord)) {
      dict.Prefetch(chunk.Str(t.word[ahead]));
    }
    if (t.status[row] == Status::kRejected) {
      NoteRejected(chunk, row, first[row], dict);
      continue;
    }
    if (!(t.fields[row] & kHasWord)) continue;
    std::string_view name = chunk.Str(t.word[row]);
    if (name.empty()) continue;
    // A name taken on an earlier line is reported even when the row is
    // already invalid for another reason; only ok rows enter the dictionary.
    // An ok row goes straight to Add, which returns the earlier entry when
    // the name is taken: one hash and probe per word instead of two.
    const WordEntry* earlier = nullptr;
    if (t.status[row] != Status::kOk) {
      earlier = dict.Find(name);
      if (earlier == nullptr) {
        dict.NoteUnusable(name, {chunk.input_index, t.line[row], first[row]});
      }
    } else {
      WordEntry entry;
      entry.input_index = chunk.input_index;
      entry.line = t.line[row];
      entry.inputs = static_cast<uint16_t>(t.input_begin[row + 1] - t.input_begin[row]);
      entry.outputs = static_cast<uint16_t>(t.output_begin[row + 1] - t.output_begin[row]);
      for (size_t k = 0; k < WordEntry::kMaxTypedSlots; ++k) {
        entry.in_types[k] =
            k < entry.inputs ? t.inputs[t.input_begin[row] + k].type : SlotType::kAny;
        entry.out_types[k] =
            k < entry.outputs ? t.outputs[t.output_begin[row] + k].type : SlotType::kAny;
      }
      earlier = dict.Add(name, entry);
      if (earlier == nullptr) {
        t.word_id[row] = dict.size() - 1;
        continue;
      }
    }
    if (earlier == nullptr) continue;
    std::string where =
        earlier->input_index == chunk.input_index
            ? fmt::format("line {}", earlier->line)
            : fmt::format("{} line {}", input_names[earlier->input_index], earlier->line);
    AddError(chunk, row, Stage::kDefine, Code::kRedefinedWord,
             fmt::format("word \"{}\" is already defined on {}", name, where), "$.word");
  }
}

}  // namespace ffb
