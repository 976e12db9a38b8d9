// C headers declaring compiled words: include guard, extern "C", <stdint.h>,
// one prototype per word with its Forth name and stack effect in a comment
// that spec text can never end or escape. The object writer streams one part
// header per object part (OUT/include/ffbatch_part-NNNNN.h, the words of
// OUT/obj/part-NNNNN.o) and an umbrella OUT/include/ffbatch_words.h that
// includes them all; Text() is the one-file form (the umbrella's prologue,
// the declarations, its epilogue).
//
//   CHeaderWriter h;  h.Add("sq", "( n -- n*n )");  h.Add("my-word", "( -- )");
//   h.Write(include_dir, "ffbatch_words.h");   // include_dir: OutputDir
//   std::string p = CHeaderWriter::PartPrologue(3) + h.TakeDeclarations() +
//                   CHeaderWriter::PartEpilogue(3);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/output/output_file.h"

namespace ffb {

class CHeaderWriter {
 public:
  CHeaderWriter();
  // Declares `ffw_<mangled name>` with a comment giving `forth_name` and `effect`.
  void Add(std::string_view forth_name, std::string_view effect);
  size_t word_count() const { return count_; }
  // The complete header text.
  std::string Text() const;
  // Streaming: Prologue(), then TakeDeclarations() as often as wanted (each
  // returns and forgets the declarations added since), then Epilogue().
  static std::string Prologue();
  static std::string Epilogue();
  // A part header's framing (guard FFBATCH_PART_NNNNN_H).
  static std::string PartPrologue(uint64_t part);
  static std::string PartEpilogue(uint64_t part);
  // The umbrella header including the part headers 0 .. parts-1.
  static std::string UmbrellaText(uint64_t parts);
  std::string TakeDeclarations();
  // Writes Text() to `dir`/`name` through an OutputFile (throws RunError).
  void Write(const OutputDir& dir, std::string_view name) const;

 private:
  std::string body_;
  size_t count_ = 0;
};

}  // namespace ffb
