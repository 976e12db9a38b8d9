#include "engine/native/object_placement.h"

#include "engine/native/native_code.h"

namespace ffb {

void ObjectPlacement::Place(Chunk& chunk) {
  SpecTable& t = chunk.table;
  if (!chunk.native_object) return;
  const NativeCode& code = *chunk.native_object;
  // The chunk's words in row order (the code generator appends in row order).
  size_t w = 0;
  for (uint32_t row = 0; row < t.rows() && w < code.words.size(); ++row) {
    if (code.words[w].word_id != t.word_id[row]) continue;
    const NativeWord& word = code.words[w++];
    if (t.status[row] != Status::kOk) continue;
    bool callees_in = true;
    for (const NativeReloc& r : code.Relocs(word)) {
      if (r.kind == RelocKind::kWord && r.target != word.word_id &&
          (r.target >= placed_.size() || !placed_[r.target])) {
        callees_in = false;
      }
    }
    if (!callees_in) continue;
    if (word.word_id >= placed_.size()) placed_.resize(word.word_id + 1, 0);
    placed_[word.word_id] = 1;
    t.object_part[row] = static_cast<uint32_t>(words_ / words_per_part_);
    ++words_;
  }
}

}  // namespace ffb
