#include "io/c_header_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "io/safe_text.h"
#include "io/symbol_mangling.h"

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
      " * obj/ffrt.o aborts; link your own to override it. It must not return. */\n"
      "#ifndef FFBATCH_WORDS_H\n#define FFBATCH_WORDS_H\n\n#include <stdint.h>\n\n"
      "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      "void ffrt_div_by_zero(void);\n\n");
}

std::string CHeaderWriter::Epilogue() {
  return "\n#ifdef __cplusplus\n}  /* extern \"C\" */\n#endif\n\n#endif  /* FFBATCH_WORDS_H */\n";
}

std::string CHeaderWriter::TakeDeclarations() {
  std::string out;
  out.swap(body_);
  return out;
}

std::string CHeaderWriter::Text() const { return Prologue() + body_ + Epilogue(); }

bool CHeaderWriter::Write(const std::string& path, std::string* error) const {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) {
    *error = "cannot create " + tmp + ": " + std::strerror(errno);
    return false;
  }
  std::string text = Text();
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    *error = "cannot write " + tmp;
  } else if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot rename " + tmp + ": " + std::strerror(errno);
    ok = false;
  }
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

}  // namespace ffb
