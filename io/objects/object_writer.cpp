#include "io/objects/object_writer.h"

#include <fmt/format.h>

#include "engine/core/run_error.h"
#include "engine/table/declared_effect.h"
#include "io/objects/symbol_mangling.h"
#include "io/output/output_file.h"
#include "io/output/output_layout.h"

namespace ffb {

ObjectWriter::ObjectWriter(const OutputDir& out)
    : obj_dir_(out.Subdir(layout::kObjectDir)), include_dir_(out.Subdir(layout::kIncludeDir)) {}

void ObjectWriter::FlushPart() {
  if (part_.word_count() == 0) return;
  std::string name = layout::ObjectPart(parts_written_);
  part_.Write(obj_dir_, name);
  symbols_.clear();
  part_.AppendDefinedSymbols(symbols_);
  archive_.Add(std::move(name), std::move(symbols_));
  symbols_ = {};
  part_.Clear();
  header_file_->Write(header_.TakeDeclarations());
  header_file_->Write(CHeaderWriter::PartEpilogue(parts_written_));
  header_file_->Commit();
  header_file_.reset();
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
    if (!header_file_) {
      header_file_ = std::make_unique<OutputFile>(include_dir_, layout::HeaderPart(parts_written_));
      header_file_->Write(CHeaderWriter::PartPrologue(parts_written_));
    }
    part_.AddWord(code, word, symbol_of);
    effect.clear();
    AppendDeclaredEffectText(chunk, row, effect);
    header_.Add(chunk.Str(t.word[row]), effect);
  }
  if (header_file_) header_file_->Write(header_.TakeDeclarations());
}

void ObjectWriter::Finish() {
  FlushPart();
  WriteRuntimeObject(obj_dir_);
  archive_.Add(layout::kRuntimeObject, {std::string(kDivByZeroSymbol)});
  archive_.Write(obj_dir_, layout::kArchive);
  OutputFile umbrella(include_dir_, layout::kHeader);
  umbrella.Write(CHeaderWriter::UmbrellaText(parts_written_));
  umbrella.Commit();
}

}  // namespace ffb
