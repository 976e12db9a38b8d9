#include "io/objects/c_header_writer.h"

#include <fmt/format.h>

#include <iterator>

#include "io/objects/symbol_mangling.h"
#include "io/output/output_layout.h"
#include "io/output/safe_text.h"

namespace ffb {

CHeaderWriter::CHeaderWriter() = default;

void CHeaderWriter::Add(std::string_view forth_name, std::string_view effect) {
  body_.append("/* ");
  AppendCCommentText(body_, forth_name);
  body_.append(" ");
  AppendCCommentText(body_, effect);
  body_.append(" */\nint64_t *");
  AppendMangledWordName(body_, forth_name);
  body_.append("(int64_t *sp);\n");
  ++count_;
}

std::string CHeaderWriter::Prologue() {
  return std::string(
      "/* ffbatch_words.h: native Forth words compiled by ffbatch.\n"
      " * ABI: int64_t *ffw_<name>(int64_t *sp); the data stack grows upward, sp\n"
      " * points one past the top cell, each word returns the new sp. Symbols:\n"
      " * ffw_ + the lower-cased Forth name, [a-z0-9] kept, _ as __, any other\n"
      " * byte as _xx (hex). A zero divisor (or a quotient that does not fit a\n"
      " * cell) calls void ffrt_div_by_zero(void): the weak default in\n"
      " * obj/ffrt.o aborts; link your own to override it. It must not return.\n"
      " * ffbatch_part-NNNNN.h declares only the words of obj/part-NNNNN.o (the\n"
      " * \"object\" field of a word's results.jsonl record names its part). */\n"
      "#ifndef FFBATCH_WORDS_H\n#define FFBATCH_WORDS_H\n\n#include <stdint.h>\n\n"
      "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      "void ffrt_div_by_zero(void);\n\n");
}

std::string CHeaderWriter::Epilogue() {
  return "\n#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif  /* FFBATCH_WORDS_H */\n";
}

std::string CHeaderWriter::PartPrologue(uint64_t part) {
  return fmt::format(
      "/* {0}: the native Forth words of obj/{1}\n"
      " * (ABI and symbol mangling: ffbatch_words.h). */\n"
      "#ifndef FFBATCH_PART_{2:05}_H\n#define FFBATCH_PART_{2:05}_H\n\n#include <stdint.h>\n\n"
      "#ifdef __cplusplus\nextern \"C\" {{\n#endif\n\n"
      "void ffrt_div_by_zero(void);\n\n",
      layout::HeaderPart(part), layout::ObjectPart(part), part);
}

std::string CHeaderWriter::PartEpilogue(uint64_t part) {
  return fmt::format(
      "\n#ifdef __cplusplus\n}}  /* extern \"C\" */\n#endif\n\n#endif  /* FFBATCH_PART_{:05}_H "
      "*/\n",
      part);
}

std::string CHeaderWriter::UmbrellaText(uint64_t parts) {
  std::string out = Prologue();
  out.append("\n#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n");
  for (uint64_t p = 0; p < parts; ++p) {
    fmt::format_to(std::back_inserter(out), "#include \"{}\"\n", layout::HeaderPart(p));
  }
  out.append("\n#endif  /* FFBATCH_WORDS_H */\n");
  return out;
}

std::string CHeaderWriter::TakeDeclarations() {
  std::string out;
  out.swap(body_);
  return out;
}

std::string CHeaderWriter::Text() const { return Prologue() + body_ + Epilogue(); }

void CHeaderWriter::Write(const OutputDir& dir, std::string_view name) const {
  OutputFile file(dir, name);
  file.Write(Text());
  file.Commit();
}

}  // namespace ffb
