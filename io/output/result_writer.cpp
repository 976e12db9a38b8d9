#include "io/output/result_writer.h"

#include <fmt/format.h>

#include <span>

#include "engine/table/declared_effect.h"
#include "io/json/json_escape.h"
#include "io/json/utf8.h"
#include "io/objects/symbol_mangling.h"
#include "io/output/output_layout.h"

namespace ffb {

namespace {

// Error rows of a chunk grouped by spec row, keeping stage order within a row.
struct ErrorIndex {
  std::vector<uint32_t> begin;  // rows+1
  std::vector<uint32_t> order;  // indexes into chunk.errors.rows
  explicit ErrorIndex(const Chunk& chunk) {
    size_t rows = chunk.table.rows();
    begin.assign(rows + 1, 0);
    for (const ErrorRow& e : chunk.errors.rows) ++begin[e.row + 1];
    for (size_t r = 0; r < rows; ++r) begin[r + 1] += begin[r];
    order.resize(chunk.errors.rows.size());
    std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
    for (uint32_t i = 0; i < chunk.errors.rows.size(); ++i) {
      order[next[chunk.errors.rows[i].row]++] = i;
    }
  }
};

void AppendEffect(const Chunk& chunk, uint32_t row, std::string& out) {
  const SpecTable& t = chunk.table;
  if (!(t.fields[row] & kHasStackEffect)) {
    out.append("null");
    return;
  }
  thread_local std::string text;
  text.clear();
  AppendDeclaredEffectText(chunk, row, text);
  AppendJsonString(out, text);
}

void AppendOptionalString(const Chunk& chunk, StrRef s, bool present, std::string& out) {
  if (!present) {
    out.append("null");
    return;
  }
  AppendJsonString(out, chunk.Str(s));
}

void AppendAt(const Chunk& chunk, const ErrorRow& e, std::string& out) {
  out.append("{");
  bool comma = false;
  if (!e.path.empty()) {
    out.append("\"path\":");
    AppendJsonString(out, chunk.Str(e.path));
    comma = true;
  }
  if (e.column > 0) {
    if (comma) out.push_back(',');
    fmt::format_to(std::back_inserter(out), "\"column\":{}", e.column);
    // Columns of parse errors are positions in the line itself, so they
    // also have an absolute input offset.
    if (e.stage == Stage::kParse) {
      fmt::format_to(std::back_inserter(out), ",\"byte_offset\":{}",
                     chunk.table.byte_offset[e.row] + static_cast<uint64_t>(e.column - 1));
    }
  }
  out.append("}");
}

void AppendProblem(const Chunk& chunk, const ErrorRow& e, std::string& out) {
  const CodeInfo& info = Describe(e.code);
  out.append("{\"code\":\"");
  out.append(info.id);
  out.append("\",\"stage\":\"");
  out.append(StageName(e.stage));
  out.append("\",\"message\":");
  AppendJsonString(out, chunk.Str(e.message));
  out.append(",\"at\":");
  AppendAt(chunk, e, out);
  out.append("}");
}

// Appends the errors (or warnings) of one row as a JSON array.
void AppendProblems(const Chunk& chunk, const ErrorIndex& index, uint32_t row, bool warnings,
                    std::string& out) {
  out.push_back('[');
  bool first = true;
  for (uint32_t k = index.begin[row]; k < index.begin[row + 1]; ++k) {
    const ErrorRow& e = chunk.errors.rows[index.order[k]];
    if (e.warning != warnings) continue;
    if (!first) out.push_back(',');
    first = false;
    AppendProblem(chunk, e, out);
  }
  out.push_back(']');
}

const ErrorRow* FirstError(const Chunk& chunk, const ErrorIndex& index, uint32_t row) {
  for (uint32_t k = index.begin[row]; k < index.begin[row + 1]; ++k) {
    const ErrorRow& e = chunk.errors.rows[index.order[k]];
    if (!e.warning) return &e;
  }
  return nullptr;
}

// The last kMaxFailureCells cells, bottom first.
void AppendCells(std::span<const int64_t> cells, std::string& out) {
  size_t from = cells.size() > kMaxFailureCells ? cells.size() - kMaxFailureCells : 0;
  out.push_back('[');
  for (size_t i = from; i < cells.size(); ++i) {
    if (i != from) out.push_back(',');
    fmt::format_to(std::back_inserter(out), "{}", cells[i]);
  }
  out.push_back(']');
}

void AppendFailure(const SpecTable& t, const FailureRow& f, std::string& out) {
  std::span<const int64_t> cells(t.failure_cells.data() + f.cells_begin,
                                 f.inputs + f.expected + f.actual_shown);
  fmt::format_to(std::back_inserter(out), "{{\"index\":{},\"code\":\"{}\",\"input\":", f.index,
                 Describe(f.code).id);
  AppendCells(cells.subspan(0, f.inputs), out);
  out.append(",\"expected\":");
  AppendCells(cells.subspan(f.inputs, f.expected), out);
  out.append(",\"actual\":");
  AppendCells(cells.subspan(f.inputs + f.expected), out);
  if (f.actual_depth > kMaxFailureCells) {
    fmt::format_to(std::back_inserter(out), ",\"actual_depth\":{},\"actual_truncated\":true",
                   f.actual_depth);
  }
  out.push_back('}');
}

void AppendLineHead(const Chunk& chunk, uint32_t row, bool with_input, std::string_view input_name,
                    std::string& out) {
  fmt::format_to(std::back_inserter(out), "{{\"line\":{}", chunk.table.line[row]);
  if (with_input) {
    out.append(",\"input\":");
    AppendJsonString(out, input_name);
  }
}

}  // namespace

void ResultWriter::FormatResults(const Chunk& chunk, bool with_input, std::string_view input_name,
                                 std::string& out) {
  const SpecTable& t = chunk.table;
  ErrorIndex index(chunk);
  for (uint32_t row = 0; row < t.rows(); ++row) {
    AppendLineHead(chunk, row, with_input, input_name, out);
    out.append(",\"word\":");
    AppendOptionalString(chunk, t.word[row], t.fields[row] & kHasWord, out);
    out.append(",\"status\":\"");
    out.append(StatusName(t.status[row]));
    out.append("\",\"declared\":");
    AppendEffect(chunk, row, out);
    out.append(",\"inferred\":");
    AppendOptionalString(chunk, t.inferred[row], !t.inferred[row].empty(), out);
    if (t.max_depth[row] > 0)
      fmt::format_to(std::back_inserter(out), ",\"max_depth\":{}", t.max_depth[row]);
    // The canonical body once resolved (rendered from tokens); before that,
    // the author's code as written.
    out.append(",\"body\":");
    if (t.body_source[row] != BodySource::kNone) {
      AppendJsonString(out, chunk.Str(t.body[row]));
    } else {
      AppendOptionalString(chunk, t.code[row], t.fields[row] & kHasCode, out);
    }
    out.append(",\"body_source\":");
    if (t.body_source[row] != BodySource::kNone) {
      AppendJsonString(out, BodySourceName(t.body_source[row]));
    } else {
      out.append("null");
    }
    out.append(",\"pattern\":");
    if (!t.body_pattern[row].empty()) {
      AppendJsonString(out, chunk.Str(t.body_pattern[row]));
    } else {
      AppendOptionalString(chunk, t.pattern[row], t.fields[row] & kHasPattern, out);
    }
    out.append(",\"errors\":");
    AppendProblems(chunk, index, row, false, out);
    out.append(",\"warnings\":");
    AppendProblems(chunk, index, row, true, out);
    out.append(",\"fixes\":[");
    // Fixes whose body also passes the spec's tests rank first (stable).
    bool first_fix = true;
    for (FixTests pass : {FixTests::kPass, FixTests::kNotRun, FixTests::kFail}) {
      for (uint32_t k = t.fix_begin[row]; k < t.fix_begin[row + 1]; ++k) {
        const FixRow& f = t.fixes[k];
        if (f.tests != pass) continue;
        if (!first_fix) out.push_back(',');
        first_fix = false;
        out.append("{\"id\":");
        AppendJsonString(out, chunk.Str(f.id));
        out.append(",\"description\":");
        AppendJsonString(out, chunk.Str(f.description));
        out.append(",\"body\":");
        AppendJsonString(out, chunk.Str(f.body));
        out.append(",\"diff\":");
        AppendJsonString(out, chunk.Str(f.diff));
        out.append(",\"verified\":true,\"tests\":");
        out.append(f.tests == FixTests::kPass   ? "\"pass\""
                   : f.tests == FixTests::kFail ? "\"fail\""
                                                : "null");
        out.append("}");
      }
    }
    out.append("],\"tests\":");
    if (t.tests_run[row] == SpecTable::kNotRun) {
      out.append("null");
    } else {
      fmt::format_to(std::back_inserter(out), "{{\"run\":{},\"passed\":{},\"failures\":[",
                     t.tests_run[row], t.tests_passed[row]);
      for (uint32_t k = t.failure_begin[row]; k < t.failure_begin[row + 1]; ++k) {
        if (k != t.failure_begin[row]) out.push_back(',');
        AppendFailure(t, t.failures[k], out);
      }
      out.append("]}");
    }
    if (t.object_part[row] != SpecTable::kNoPart) {
      thread_local std::string symbol;
      symbol.clear();
      AppendMangledWordName(symbol, chunk.Str(t.word[row]));
      out.append(",\"symbol\":");
      AppendJsonString(out, symbol);
      fmt::format_to(std::back_inserter(out), ",\"object\":\"{}/{}\"", layout::kObjectDir,
                     layout::ObjectPart(t.object_part[row]));
    }
    out.append("}\n");
  }
}

void ResultWriter::FormatRejects(const Chunk& chunk, bool with_input, std::string_view input_name,
                                 std::string& out) {
  const SpecTable& t = chunk.table;
  ErrorIndex index(chunk);
  for (uint32_t row = 0; row < t.rows(); ++row) {
    Status s = t.status[row];
    if (s != Status::kRejected && s != Status::kInvalid) continue;
    const ErrorRow* first = FirstError(chunk, index, row);
    AppendLineHead(chunk, row, with_input, input_name, out);
    fmt::format_to(std::back_inserter(out), ",\"byte_offset\":{},\"status\":\"{}\"",
                   t.byte_offset[row], StatusName(s));
    if (first != nullptr) {
      out.append(",\"stage\":\"");
      out.append(StageName(first->stage));
      out.append("\",\"code\":\"");
      out.append(Describe(first->code).id);
      out.append("\",\"message\":");
      AppendJsonString(out, chunk.Str(first->message));
      if (first->column > 0)
        fmt::format_to(std::back_inserter(out), ",\"column\":{}", first->column);
    }
    out.append(",\"errors\":");
    AppendProblems(chunk, index, row, false, out);
    std::string_view raw = chunk.Raw(row);
    if (t.raw_length[row] > raw.size()) {
      fmt::format_to(std::back_inserter(out), ",\"raw_truncated\":true,\"raw_length\":{}",
                     t.raw_length[row]);
    }
    if (FirstInvalidUtf8(raw) == raw.size()) {
      out.append(",\"raw\":");
      AppendJsonString(out, raw);
    } else {
      out.append(",\"raw_b64\":\"");
      AppendBase64(out, raw);
      out.push_back('"');
    }
    out.append("}\n");
  }
}

ResultWriter::ResultWriter(const OutputDir& out, std::vector<std::string> inputs,
                           Compression compression)
    : inputs_(std::move(inputs)) {
  results_ = std::make_unique<RecordFile>(out, layout::kResults, compression);
  rejects_ = std::make_unique<RecordFile>(out, layout::kRejects, compression);
}

ResultWriter::ResultWriter(const OutputDir* out, std::vector<std::string> inputs,
                           Compression compression)
    : inputs_(std::move(inputs)), stdout_(std::make_unique<StdoutSink>()) {
  if (out != nullptr) rejects_ = std::make_unique<RecordFile>(*out, layout::kRejects, compression);
}

void ResultWriter::Write(const Chunk& chunk) {
  bool with_input = inputs_.size() > 1;
  std::string_view name = inputs_.empty() ? std::string_view() : inputs_[chunk.input_index];
  buffer_.clear();
  FormatResults(chunk, with_input, name, buffer_);
  if (stdout_) {
    stdout_->Write(buffer_);
  } else {
    results_->Write(buffer_);
  }
  if (!rejects_) return;
  buffer_.clear();
  FormatRejects(chunk, with_input, name, buffer_);
  rejects_->Write(buffer_);
}

void ResultWriter::Finish() {
  if (results_) results_->Commit();
  if (rejects_) rejects_->Commit();
}

}  // namespace ffb
