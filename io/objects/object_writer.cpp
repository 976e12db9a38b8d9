#include "io/objects/object_writer.h"

#include <fmt/format.h>

#include "engine/table/declared_effect.h"
#include "engine/core/run_error.h"
#include "io/output/output_file.h"
#include "io/objects/symbol_mangling.h"

namespace ffb {

ObjectWriter::ObjectWriter(const OutputDir& out, size_t words_per_part)
    : obj_dir_(out.Subdir("obj")),
      include_dir_(out.Subdir("include")),
      words_per_part_(words_per_part == 0 ? 1 : words_per_part) {
  header_file_ = std::make_unique<OutputFile>(include_dir_, "ffbatch_words.h");
  header_file_->Write(CHeaderWriter::Prologue());
}

void ObjectWriter::FlushPart() {
  if (part_.word_count() == 0) return;
  part_.Write(obj_dir_, fmt::format("part-{:05}.o", parts_written_));
  part_.Clear();
  ++parts_written_;
}

void ObjectWriter::Write(Chunk& chunk, const Dictionary& dictionary) {
  SpecTable& t = chunk.table;
  if (!chunk.native_object) return;
  const NativeCode& code = *chunk.native_object;
  // The chunk's words in row order (the code generator appends in row order).
  size_t w = 0;
  WordSymbolFn symbol_of = [&](uint32_t id, std::string& out) {
    AppendMangledWordName(out, dictionary.Get(id).name);
  };
  for (uint32_t row = 0; row < t.rows() && w < code.words.size(); ++row) {
    if (code.words[w].word_id != t.word_id[row]) continue;
    const NativeWord& word = code.words[w++];
    if (t.status[row] != Status::kOk) continue;
    bool callees_in = true;
    for (const NativeReloc& r : code.Relocs(word)) {
      if (r.kind == RelocKind::kWord && r.target != word.word_id &&
          (r.target >= in_objects_.size() || !in_objects_[r.target])) {
        callees_in = false;
      }
    }
    if (!callees_in) continue;
    if (part_.word_count() >= words_per_part_) FlushPart();
    part_.AddWord(code, word, symbol_of);
    if (word.word_id >= in_objects_.size()) in_objects_.resize(word.word_id + 1, 0);
    in_objects_[word.word_id] = 1;
    std::string symbol;
    AppendMangledWordName(symbol, chunk.Str(t.word[row]));
    t.symbol[row] = chunk.arena.Add(symbol);
    t.object_part[row] = parts_written_;
    std::string effect;
    AppendDeclaredEffectText(chunk, row, effect);
    header_.Add(chunk.Str(t.word[row]), effect);
    ++words_;
  }
  header_file_->Write(header_.TakeDeclarations());
}

void ObjectWriter::Finish() {
  FlushPart();
  WriteRuntimeObject(obj_dir_);
  header_file_->Write(CHeaderWriter::Epilogue());
  header_file_->Commit();
}

}  // namespace ffb
