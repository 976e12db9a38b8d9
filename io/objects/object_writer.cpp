#include "io/objects/object_writer.h"

#include <fmt/format.h>

#include "engine/core/run_error.h"
#include "engine/table/declared_effect.h"
#include "io/objects/symbol_mangling.h"
#include "io/output/output_file.h"
#include "io/output/output_layout.h"

namespace ffb {

ObjectWriter::ObjectWriter(const OutputDir& out)
    : obj_dir_(out.Subdir(layout::kObjectDir)), include_dir_(out.Subdir(layout::kIncludeDir)) {
  header_file_ = std::make_unique<OutputFile>(include_dir_, layout::kHeader);
  header_file_->Write(CHeaderWriter::Prologue());
}

void ObjectWriter::FlushPart() {
  if (part_.word_count() == 0) return;
  part_.Write(obj_dir_, layout::ObjectPart(parts_written_));
  part_.Clear();
  ++parts_written_;
}

void ObjectWriter::Write(const Chunk& chunk, const Dictionary& dictionary) {
  const SpecTable& t = chunk.table;
  if (!chunk.native_object) return;
  const NativeCode& code = *chunk.native_object;
  WordSymbolFn symbol_of = [&](uint32_t id, std::string& out) {
    AppendMangledWordName(out, dictionary.Get(id).name);
  };
  // Rows placed into objects are a subsequence of the compiled words, both in
  // row order.
  size_t w = 0;
  std::string effect;
  for (uint32_t row = 0; row < t.rows() && w < code.words.size(); ++row) {
    if (code.words[w].word_id != t.word_id[row]) continue;
    const NativeWord& word = code.words[w++];
    if (t.object_part[row] == SpecTable::kNoPart) continue;
    if (t.object_part[row] != parts_written_) FlushPart();
    part_.AddWord(code, word, symbol_of);
    effect.clear();
    AppendDeclaredEffectText(chunk, row, effect);
    header_.Add(chunk.Str(t.word[row]), effect);
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
