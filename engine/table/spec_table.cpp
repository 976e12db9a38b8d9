#include "engine/table/spec_table.h"

namespace ffb {

void SpecTable::Clear() {
  // clear() keeps capacity: a recycled chunk's table fills without
  // reallocating or page-faulting.
  auto reset = [](auto& v) { v.clear(); };
  auto reset_csr = [](std::vector<uint32_t>& v) {
    v.clear();
    v.push_back(0);
  };
  reset(line), reset(byte_offset), reset(raw), reset(raw_length), reset(status), reset(fields);
  reset(word), reset(description), reset(complexity_time), reset(complexity_space);
  reset(pattern), reset(code), reset(author), reset(version), reset(created);
  reset(word_id), reset(content_hash);
  reset_csr(input_begin), reset_csr(output_begin), reset_csr(property_begin);
  reset_csr(test_begin), reset_csr(hint_begin), reset_csr(param_begin), reset_csr(tag_begin);
  reset_csr(unknown_begin), reset_csr(constraint_begin);
  reset(inputs), reset(outputs), reset(properties), reset(tests), reset(values), reset(hints);
  reset(params), reset(tags), reset(unknown_fields), reset(constraint_ops);
  reset(body_source), reset(body), reset(body_pattern), reset(inferred), reset(max_depth);
  reset_csr(fix_begin), reset(fixes), reset(tests_run), reset(tests_passed);
  reset_csr(failure_begin), reset(failures), reset(failure_cells), reset(object_part);
}

std::string_view BodySourceName(BodySource s) {
  switch (s) {
    case BodySource::kCode:
      return "code";
    case BodySource::kPattern:
      return "pattern";
    case BodySource::kHeuristic:
      return "heuristic";
    case BodySource::kNone:
      break;
  }
  return "none";
}

uint32_t SpecTable::AddRow(uint64_t line_no, uint64_t offset, StrRef raw_bytes,
                           uint32_t full_length) {
  auto row = static_cast<uint32_t>(line.size());
  line.push_back(line_no);
  byte_offset.push_back(offset);
  raw.push_back(raw_bytes);
  raw_length.push_back(full_length);
  status.push_back(Status::kOk);
  fields.push_back(0);
  word.emplace_back();
  description.emplace_back();
  complexity_time.emplace_back();
  complexity_space.emplace_back();
  pattern.emplace_back();
  code.emplace_back();
  author.emplace_back();
  version.emplace_back();
  created.emplace_back();
  word_id.push_back(kNoWord);
  content_hash.push_back(0);
  // CSR ends: each new row starts empty at the current end of its array.
  input_begin.push_back(static_cast<uint32_t>(inputs.size()));
  output_begin.push_back(static_cast<uint32_t>(outputs.size()));
  property_begin.push_back(static_cast<uint32_t>(properties.size()));
  test_begin.push_back(static_cast<uint32_t>(tests.size()));
  hint_begin.push_back(static_cast<uint32_t>(hints.size()));
  param_begin.push_back(static_cast<uint32_t>(params.size()));
  tag_begin.push_back(static_cast<uint32_t>(tags.size()));
  unknown_begin.push_back(static_cast<uint32_t>(unknown_fields.size()));
  constraint_begin.push_back(static_cast<uint32_t>(constraint_ops.size()));
  body_source.push_back(BodySource::kNone);
  body.emplace_back();
  body_pattern.emplace_back();
  inferred.emplace_back();
  max_depth.push_back(0);
  fix_begin.push_back(static_cast<uint32_t>(fixes.size()));
  tests_run.push_back(kNotRun);
  tests_passed.push_back(0);
  failure_begin.push_back(static_cast<uint32_t>(failures.size()));
  object_part.push_back(kNoPart);
  return row;
}

void SpecTable::FinishRow(uint32_t row) {
  const size_t end = row + 1;
  input_begin[end] = static_cast<uint32_t>(inputs.size());
  output_begin[end] = static_cast<uint32_t>(outputs.size());
  property_begin[end] = static_cast<uint32_t>(properties.size());
  test_begin[end] = static_cast<uint32_t>(tests.size());
  hint_begin[end] = static_cast<uint32_t>(hints.size());
  param_begin[end] = static_cast<uint32_t>(params.size());
  tag_begin[end] = static_cast<uint32_t>(tags.size());
  unknown_begin[end] = static_cast<uint32_t>(unknown_fields.size());
  constraint_begin[end] = static_cast<uint32_t>(constraint_ops.size());
}

}  // namespace ffb
