#include "engine/check/check_stage.h"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "engine/check/checker.h"
#include "engine/check/first_pass.h"
#include "engine/check/fixes.h"
#include "engine/check/verify.h"
#include "engine/forth/stack_effect.h"
#include "engine/table/declared_effect.h"

namespace ffb {

namespace {

WordEffect EffectOf(const WordEntry& e) {
  WordEffect w;
  w.inputs = static_cast<uint8_t>(e.inputs);
  w.outputs = static_cast<uint8_t>(e.outputs);
  for (size_t k = 0; k < WordEntry::kMaxTypedSlots; ++k) {
    w.in_types[k] = e.in_types[k] == SlotType::kUnknown ? SlotType::kAny : e.in_types[k];
    w.out_types[k] = e.out_types[k] == SlotType::kUnknown ? SlotType::kAny : e.out_types[k];
  }
  return w;
}

// Dictionary view for one row: only words defined on earlier lines.
class RowResolver final : public WordResolver {
 public:
  RowResolver(const Dictionary& dict, const NameIndex* names, uint32_t before_id,
              uint32_t input_index, uint64_t line)
      : dict_(dict), names_(names), before_id_(before_id), input_index_(input_index), line_(line) {}
  const WordEffect* Lookup(std::string_view lower_name) const override {
    const WordEntry* e = dict_.Find(lower_name, before_id_);
    if (e == nullptr) return nullptr;
    scratch_ = EffectOf(*e);
    return &scratch_;
  }
  void ForEachName(const std::function<void(std::string_view)>& fn) const override {
    // Suggestions scan at most the most recent words: an error message must
    // not cost a pass over a million-word dictionary.
    uint32_t n = std::min(before_id_, dict_.size());
    uint32_t from = n > 4096 ? n - 4096 : 0;
    for (uint32_t id = from; id < n; ++id) fn(dict_.Get(id).name);
  }
  // Why `lower_name` is not in the dictionary for this row: named by an
  // earlier spec that failed (E1002, noted by the serial define stage, so
  // only earlier lines are looked at: later ones may or may not be noted
  // yet), or defined on a later line of the input (E1004, from the name
  // index's own scan of the input, the same however the run is chunked).
  std::string UndefinedCause(std::string_view lower_name, Code* code) const override {
    std::optional<UnusableName> u = dict_.FindUnusable(lower_name);
    if (u && Before(u->input_index, u->line)) {
      *code = Code::kUnusableCallee;
      return fmt::format("calls `{}` (line {}), which is not usable: its own spec failed with {}",
                         lower_name, u->line,
                         u->first_error == Code::kNone ? "an error" : Describe(u->first_error).id);
    }
    std::optional<NamedLine> later = names_ ? names_->First(lower_name) : std::nullopt;
    if (!later || Before(later->input_index, later->line) ||
        (later->input_index == input_index_ && later->line == line_)) {
      return {};  // unknown; or first named earlier, and failed in a way not noted
    }
    *code = Code::kLaterWord;
    std::string where =
        later->input_index == input_index_
            ? fmt::format("line {}", later->line)
            : fmt::format("{} line {}", names_->InputName(later->input_index), later->line);
    return fmt::format("`{}` is defined on {}, after this one; a body may call only earlier words",
                       lower_name, where);
  }

 private:
  bool Before(uint32_t input_index, uint64_t line) const {
    return input_index < input_index_ || (input_index == input_index_ && line < line_);
  }

  const Dictionary& dict_;
  const NameIndex* names_;
  uint32_t before_id_;
  uint32_t input_index_;
  uint64_t line_;
  mutable WordEffect scratch_;  // what Lookup returns; valid until the next Lookup
};

std::string_view BodyPath(const SpecTable& t, uint32_t row) {
  return t.body_source[row] == BodySource::kCode ? "$.implementation.code"
                                                 : "$.implementation.pattern";
}

// The fixes found, and W2237 when the search ran out of budget (so a short
// or empty list is not read as "no repair exists").
void RecordFixes(Chunk& chunk, uint32_t row, std::string_view path, const FixSearch& search) {
  if (search.truncated)
    AddWarning(chunk, row, Stage::kInfer, Code::kFixSearchTruncated,
               FixSearchTruncatedMessage(search), path);
  for (const Fix& f : search.fixes) {
    if (!f.verified) continue;  // only fixes that make the effect check pass
    FixRow row;
    row.id = chunk.arena.Add(f.id);
    row.description = chunk.arena.Add(f.description);
    row.body = chunk.arena.Add(f.body);
    row.diff = chunk.arena.Add(f.diff);
    chunk.table.fixes.push_back(row);
  }
}

}  // namespace

void InferStage(Chunk& chunk, const Dictionary& dictionary, const InferOptions& options) {
  SpecTable& t = chunk.table;
  thread_local EffectChecker inferrer;
  thread_local InferResult result;
  thread_local std::vector<Diagnostic> verify_diags;
  thread_local FirstPass first;
  thread_local std::vector<std::string> names;
  RunFirstPass(chunk, dictionary, first);
  FixSearchOptions fix_options;
  fix_options.max_fixes = options.max_fixes;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (first.settled[row] && options.first_pass) {
      // Counts decide it: the inputs are the declared ones, the one output a
      // fresh integer; formatted by the checker's own formatter.
      result.Clear();
      result.ok = true;
      result.inputs.assign(static_cast<size_t>(first.needs[row]), InferredSlot{});
      result.outputs.assign(1, InferredSlot{CellKind::kInt, -1});
      result.max_depth = static_cast<uint32_t>(first.max_depth[row]);
      DeclaredInputNames(chunk, row, names);
      t.inferred[row] = chunk.arena.Add(FormatInferred(result, names));
      t.max_depth[row] = result.max_depth;
    } else if (t.status[row] == Status::kOk && t.body_source[row] != BodySource::kNone) {
      RowResolver resolver(dictionary, options.names, t.word_id[row], chunk.input_index,
                           t.line[row]);
      StackEffect declared = DeclaredEffect(chunk, row);
      WordEffect self = ToWordEffect(declared);
      inferrer.Infer(chunk.tokens.Body(row), chunk.tokens, &resolver, &self, result);
      std::string_view path = BodyPath(t, row);
      for (const Diagnostic& d : result.diagnostics) {
        if (d.is_warning()) {
          AddWarning(chunk, row, Stage::kInfer, d.code, d.message, path,
                     static_cast<int32_t>(d.column));
        } else {
          AddError(chunk, row, Stage::kInfer, d.code, d.message, path,
                   static_cast<int32_t>(d.column), Status::kInvalid);
        }
      }
      if (result.ok) {
        DeclaredInputNames(chunk, row, names);
        t.inferred[row] = chunk.arena.Add(FormatInferred(result, names));
        t.max_depth[row] = result.max_depth;
        verify_diags.clear();
        auto body_tokens = static_cast<uint32_t>(chunk.tokens.Body(row).size());
        bool matches = VerifyEffect(result, declared, verify_diags, body_tokens);
        // `inferred` stays the body's own effect; the word's deepest stack
        // counts the declared inputs that pass through under the body (the
        // native prologue checks the limit with it).
        if (int pass = PassThroughCount(result, declared.inputs.size(), declared.outputs.size());
            matches && pass > 0) {
          t.max_depth[row] = result.max_depth + static_cast<uint32_t>(pass);
        }
        for (const Diagnostic& d : verify_diags) {
          if (d.is_warning()) {
            AddWarning(chunk, row, Stage::kInfer, d.code, d.message, path);
          } else {
            AddError(chunk, row, Stage::kInfer, d.code, d.message, path, 0, Status::kMismatch);
          }
        }
        if (!matches && options.max_fixes > 0) {
          RecordFixes(chunk, row, path,
                      SearchFixes(chunk.Str(t.body[row]), &declared, &resolver, fix_options));
        }
      } else if (options.max_fixes > 0) {
        // Structural errors (a missing then, loop, until) can have fixes too.
        RecordFixes(chunk, row, path,
                    SearchFixes(chunk.Str(t.body[row]), &declared, &resolver, fix_options));
      }
    }
    t.fix_begin[row + 1] = static_cast<uint32_t>(t.fixes.size());
  }
}

}  // namespace ffb
