// Writes the native code of accepted words as ELF64 relocatable objects
// (OUT/obj/part-NNNNN.o, one per part ObjectPlacement filled), the runtime
// object OUT/obj/ffrt.o (a weak default `ffrt_div_by_zero`), and the C header
// OUT/include/ffbatch_words.h. It writes the rows ObjectPlacement put into a
// part (table.object_part) and changes nothing in the chunk.
//
//   ObjectWriter w(out);  place.Place(chunk);  w.Write(chunk, dictionary);  ...  w.Finish();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/table/chunk.h"
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
  // The header is streamed: a million words' declarations never sit in memory.
  std::unique_ptr<OutputFile> header_file_;
};

}  // namespace ffb
