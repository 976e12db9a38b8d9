// Writes the accepted words as gforth-loadable Forth: OUT/forth/part-NNNNN.fth
// (one per chunk that has accepted words, in input order) and OUT/forth/all.fth,
// which loads gforth's tester and every part:
//
//   \ ffbatch-provenance {"hash":"xxh3:…","line":1,…}      one JSON line, parseable back
//   \ description: Square a number
//   \ property: square(n) >= 0
//   : square ( n -- n² ) dup * ;
//   T{ 5 square -> 25 }T
//
// Code comes only from the canonical token rendering (engine/forth/body_text.h);
// spec text appears only inside line comments, with control bytes escaped and
// ')' kept out of the effect comment, so it can never become code. A word is
// written only if every word it calls was written before it. Each part
// `require`s the parts whose words it calls, so it also loads on its own
// (after a tester); all.fth requires every part, so none loads twice.
//
//   ForthWriter w(out, inputs);  w.Write(chunk, dictionary);  ...  w.Finish();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/define/dictionary.h"
#include "engine/table/chunk.h"
#include "io/output/output_file.h"

namespace ffb {

class ForthWriter {
 public:
  // Creates OUT/forth (refusing a symlink there).
  ForthWriter(const OutputDir& out, std::vector<std::string> inputs);
  void Write(const Chunk& chunk, const Dictionary& dictionary);
  void Finish();  // writes all.fth

  // Exposed for tests: the text of one effect comment.
  static void AppendEffectComment(const Chunk& chunk, uint32_t row, std::string& out);

 private:
  OutputDir dir_;
  std::vector<std::string> inputs_;
  std::vector<std::string> parts_;
  std::vector<uint32_t> part_of_;  // by word id: the part that wrote it, or kNotWritten
  static constexpr uint32_t kNotWritten = 0xffffffffu;
  uint64_t words_written_ = 0;
  std::string buffer_;
};

}  // namespace ffb
