// The C header declaring every compiled word (OUT/include/ffbatch_words.h):
// include guard, extern "C", <stdint.h>, one prototype per word with its Forth
// name and stack effect in a comment that spec text can never end or escape.
//
//   CHeaderWriter h;  h.Add("sq", "( n -- n*n )");  h.Add("my-word", "( -- )");
//   h.Write(include_dir, "ffbatch_words.h");   // include_dir: OutputDir
#pragma once

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
  std::string TakeDeclarations();
  // Writes Text() to `dir`/`name` through an OutputFile (throws RunError).
  void Write(const OutputDir& dir, std::string_view name) const;

 private:
  std::string body_;
  size_t count_ = 0;
};

}  // namespace ffb
