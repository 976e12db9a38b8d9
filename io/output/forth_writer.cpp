#include "io/output/forth_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/forth/stack_effect.h"
#include "engine/forth/tokens.h"
#include "io/json/json_escape.h"
#include "io/output/output_file.h"
#include "io/output/output_layout.h"
#include "io/output/safe_text.h"

namespace ffb {

namespace {

constexpr const char* kPreludeFile = layout::kForthPrelude;
// Spec words live in a wordlist of their own that is searched (and compiled
// into) only between kOpen and kClose. Spec names may use only
// A-Z a-z 0-9 _ + * / < > = ! ? - and may not be numbers or dialect words,
// so no spec word can shadow what a part runs inside that region (`:`, `;`,
// `(`, `\`, `T{`, `->`, `}T`, the dialect's builtins, and the two words
// below, whose names hold `{`/`}`); everything else a loader runs
// (`require`, `include`, `bye`, `-e` arguments) runs outside it, where spec
// words are not visible.
constexpr const char* kPrelude =
    "\\ The wordlist for spec words; parts open it with ffbatch-words{ and close it\n"
    "\\ with }ffbatch-words, so a spec word can never shadow the loader's words.\n"
    "wordlist constant ffbatch-wordlist\n"
    ": ffbatch-words{ ( -- ) get-order ffbatch-wordlist swap 1+ set-order ffbatch-wordlist "
    "set-current ;\n"
    ": }ffbatch-words ( -- ) get-order nip 1- set-order forth-wordlist set-current ;\n";
// The gforth gate of all.fth: ttester reports a failing T{ }T but never sets
// an exit status, so all.fth counts failures through ttester's error-xt hook
// (chaining to the handler already there, which prints the line) and ends
// with `1 (bye)` when any test failed; `gforth all.fth -e bye` then exits 1.
// Outside the spec wordlist, so no spec word can shadow these names.
constexpr const char* kGateOpen =
    "variable ffbatch-failures  0 ffbatch-failures !\n"
    "error-xt @ constant ffbatch-prior-error\n"
    ": ffbatch-count-failure ( c-addr u -- ) 1 ffbatch-failures +! ffbatch-prior-error execute ;\n"
    "' ffbatch-count-failure error-xt !\n";
constexpr const char* kGateClose =
    ": ffbatch-gate ( -- )\n"
    "  ffbatch-failures @ ?dup if cr . .\" test(s) failed\" cr 1 (bye) then ;\n"
    "ffbatch-gate\n";
constexpr const char* kOpen = "ffbatch-words{\n";
constexpr const char* kClose = "}ffbatch-words\n";

void AppendCell(std::string& out, const TestValue& v) {
  // Cells as signed decimal: a uint bit pattern above 2^63-1 is the same
  // cell as its negative reading, and every Forth reads that.
  fmt::format_to(std::back_inserter(out), "{}", v.cell);
}

}  // namespace

void ForthWriter::AppendEffectComment(const Chunk& chunk, uint32_t row, std::string& out) {
  const SpecTable& t = chunk.table;
  const uint32_t in0 = t.input_begin[row], out0 = t.output_begin[row];
  auto slot = [&](const std::vector<Slot>& side, uint32_t first) {
    return [&, first](std::string& s, size_t k) {
      AppendForthParenText(s, chunk.Str(side[first + k].name));
    };
  };
  AppendEffectText(out, t.input_begin[row + 1] - in0, slot(t.inputs, in0),
                   t.output_begin[row + 1] - out0, slot(t.outputs, out0));
}

ForthWriter::ForthWriter(const OutputDir& out, std::vector<std::string> inputs)
    : dir_(out.Subdir(layout::kForthDir)), inputs_(std::move(inputs)) {}

void ForthWriter::Write(const Chunk& chunk, const Dictionary& dictionary) {
  const SpecTable& t = chunk.table;
  buffer_.clear();
  uint64_t words = 0;
  const auto this_part = static_cast<uint32_t>(parts_.size());
  std::vector<uint32_t> needs_parts;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kOk || t.body_source[row] == BodySource::kNone) continue;
    // Every callee must already be in the Forth output, or loading fails.
    bool callees_written = true;
    std::string_view missing;
    for (const Token& tok : chunk.tokens.Body(row)) {
      if (tok.kind != TokenKind::kUserWord) continue;
      std::string_view callee = chunk.tokens.Name(static_cast<uint32_t>(tok.value));
      const WordEntry* e = dictionary.Find(callee, t.word_id[row] + 1);
      if (e == nullptr) continue;             // cannot happen for an ok row; inference checked
      if (e->id == t.word_id[row]) continue;  // the word itself
      if (e->id >= part_of_.size() || part_of_[e->id] == kNotWritten) {
        callees_written = false;
        missing = callee;
        break;
      }
      if (part_of_[e->id] != this_part) needs_parts.push_back(part_of_[e->id]);
    }
    if (!callees_written) {
      AppendForthLineComment(buffer_, "not written",
                             fmt::format("{} (line {}) calls {}, which is not in the Forth output",
                                         chunk.Str(t.word[row]), t.line[row], missing));
      continue;
    }
    if (t.word_id[row] >= part_of_.size()) part_of_.resize(t.word_id[row] + 1, kNotWritten);
    part_of_[t.word_id[row]] = this_part;
    ++words;

    buffer_.append("\n\\ ffbatch-provenance {\"hash\":\"xxh3:");
    fmt::format_to(std::back_inserter(buffer_), "{:016x}\",\"input\":", t.content_hash[row]);
    AppendJsonString(buffer_, inputs_[chunk.input_index]);
    fmt::format_to(std::back_inserter(buffer_),
                   ",\"line\":{},\"body_source\":\"{}\",\"pattern\":", t.line[row],
                   BodySourceName(t.body_source[row]));
    StrRef pattern = !t.body_pattern[row].empty() ? t.body_pattern[row] : t.pattern[row];
    if (pattern.empty()) {
      buffer_.append("null");
    } else {
      AppendJsonString(buffer_, chunk.Str(pattern));
    }
    auto field = [&](std::string_view key, StrRef value, bool present) {
      fmt::format_to(std::back_inserter(buffer_), ",\"{}\":", key);
      if (present) {
        AppendJsonString(buffer_, chunk.Str(value));
      } else {
        buffer_.append("null");
      }
    };
    field("author", t.author[row], t.fields[row] & kHasAuthor);
    field("version", t.version[row], t.fields[row] & kHasVersion);
    field("created", t.created[row], t.fields[row] & kHasCreated);
    fmt::format_to(std::back_inserter(buffer_), ",\"engine\":\"ffbatch {}\",\"status\":\"{}\"",
                   FFBATCH_VERSION, StatusName(t.status[row]));
    if (t.tests_run[row] != SpecTable::kNotRun) {
      fmt::format_to(std::back_inserter(buffer_), ",\"tests_passed\":{},\"tests_run\":{}",
                     t.tests_passed[row], t.tests_run[row]);
    }
    buffer_.append("}\n");
    if (t.fields[row] & kHasDescription) {
      AppendForthLineComment(buffer_, "description", chunk.Str(t.description[row]));
    }
    for (uint32_t k = t.property_begin[row]; k < t.property_begin[row + 1]; ++k) {
      AppendForthLineComment(buffer_, "property", chunk.Str(t.properties[k]));
    }
    buffer_.append(": ");
    buffer_.append(chunk.Str(t.word[row]));
    buffer_.push_back(' ');
    AppendEffectComment(chunk, row, buffer_);
    if (!chunk.tokens.Body(row).empty()) {  // an empty body is `: w ( -- ) ;`
      buffer_.push_back(' ');
      RenderBody(chunk.tokens.Body(row), chunk.tokens, buffer_);
    }
    buffer_.append(" ;\n");
    for (uint32_t k = t.test_begin[row]; k < t.test_begin[row + 1]; ++k) {
      const TestCase& tc = t.tests[k];
      buffer_.append("T{");
      for (uint32_t j = 0; j < tc.input_count; ++j) {
        buffer_.push_back(' ');
        AppendCell(buffer_, t.values[tc.input_begin + j]);
      }
      buffer_.push_back(' ');
      buffer_.append(chunk.Str(t.word[row]));
      buffer_.append(" ->");
      for (uint32_t j = 0; j < tc.output_count; ++j) {
        buffer_.push_back(' ');
        AppendCell(buffer_, t.values[tc.output_begin + j]);
      }
      buffer_.append(" }T\n");
    }
  }
  if (words == 0 && buffer_.empty()) return;
  std::string name = layout::ForthPart(parts_.size());
  std::string head;
  AppendForthLineComment(head, "",
                         fmt::format("{} - generated by ffbatch {} from {}", name, FFBATCH_VERSION,
                                     inputs_[chunk.input_index]));
  fmt::format_to(std::back_inserter(head),
                 "\\ {} word(s) from lines {}..{}. Load after a tester that defines T{{ -> }}T\n"
                 "\\ (gforth: require test/ttester.fs); it loads the parts it calls into.\n",
                 words, t.rows() ? t.line.front() : 0, t.rows() ? t.line.back() : 0);
  // Everything up to kOpen runs with the standard search order, before any
  // spec word of this part exists; see kPrelude for why this is safe.
  head += fmt::format("require {}\n", kPreludeFile);
  std::sort(needs_parts.begin(), needs_parts.end());
  needs_parts.erase(std::unique(needs_parts.begin(), needs_parts.end()), needs_parts.end());
  for (uint32_t p : needs_parts) head += fmt::format("require {}\n", parts_[p]);
  head += kOpen;
  OutputFile file(dir_, name);
  file.Write(head);
  file.Write(buffer_);
  file.Write(kClose);
  file.Commit();
  parts_.push_back(name);
  words_written_ += words;
}

void ForthWriter::Finish() {
  OutputFile prelude(dir_, kPreludeFile);
  prelude.Write(fmt::format("\\ {} - generated by ffbatch {}\n", kPreludeFile, FFBATCH_VERSION));
  prelude.Write(kPrelude);
  prelude.Commit();
  std::string all = fmt::format(
      "\\ all.fth - generated by ffbatch {}: loads gforth's tester and every part.\n"
      "\\ Run from this directory: gforth -m 256M all.fth -e bye\n"
      "\\ {} word(s) in {} part(s). Exits with status 1 when a test fails.\n"
      "warnings off\n"
      "require test/ttester.fs\n"
      "require {}\n"
      "{}",
      FFBATCH_VERSION, words_written_, parts_.size(), kPreludeFile, kGateOpen);
  for (const std::string& p : parts_) all += "require " + p + "\n";
  all += kGateClose;
  OutputFile file(dir_, layout::kForthAll);
  file.Write(all);
  file.Commit();
}

}  // namespace ffb
