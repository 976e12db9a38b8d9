// Writes the native code of accepted words as ELF64 relocatable objects
// (OUT/obj/part-NNNNN.o, one per part ObjectPlacement filled, one section per
// word), the runtime object OUT/obj/ffrt.o (a weak default
// `ffrt_div_by_zero`), the static archive OUT/obj/libffwords.a of them all,
// one C header per part (OUT/include/ffbatch_part-NNNNN.h) and the umbrella
// OUT/include/ffbatch_words.h including them. It writes the rows
// ObjectPlacement put into a part (table.object_part) and changes nothing in
// the chunk.
//
//   ObjectWriter w(out);  place.Place(chunk);  w.Write(chunk, dictionary);  ...  w.Finish();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/table/chunk.h"
#include "io/objects/archive_writer.h"
#include "io/objects/c_header_writer.h"
#include "io/objects/elf_writer.h"
#include "io/output/output_file.h"

namespace ffb {

class ObjectWriter {
 public:
  // Creates OUT/obj and OUT/include (refusing symlinks there).
  explicit ObjectWriter(const OutputDir& out);
  void Write(const Chunk& chunk, const Dictionary& dictionary);
  void Finish();

 private:
  void FlushPart();

  OutputDir obj_dir_, include_dir_;
  ElfPart part_;
  uint32_t parts_written_ = 0;
  CHeaderWriter header_;
  // The part's header is streamed: a million words' declarations never sit
  // in memory. Open while part `parts_written_` has words.
  std::unique_ptr<OutputFile> header_file_;
  ArchiveWriter archive_;             // members and their symbols, written by Finish
  std::vector<std::string> symbols_;  // scratch
};

}  // namespace ffb
