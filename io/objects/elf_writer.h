// ELF64 x86-64 relocatable objects (libelf) holding many compiled words:
// one section .text.<symbol> per function (as -ffunction-sections, so
// `ld --gc-sections` drops the words a program never reaches), each with its
// .rela.text.<symbol> (R_X86_64_PLT32 against the callee's global symbol for
// calls to other words and the runtime, so calls work across sections and
// keep their callees alive), .symtab (one global STT_FUNC per word with its
// size, UND for the rest), .strtab, .note.GNU-stack. Also the runtime object
// ffrt.o.
//
//   ElfPart part;
//   for (const NativeWord& w : code.words) part.AddWord(code, w, symbol_of);
//   part.Write(obj_dir, "part-00000.o");  part.Clear();   // obj_dir: OutputDir
//   WriteRuntimeObject(obj_dir);                         // obj_dir/ffrt.o
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/native/native_code.h"
#include "io/output/output_file.h"

namespace ffb {

// Writes the symbol of word `word_id` (e.g. MangleWordName of its name) into `out`.
using WordSymbolFn = std::function<void(uint32_t word_id, std::string& out)>;

class ElfPart {
 public:
  // Appends one word's code (16-byte aligned) and its relocations. Calls to
  // words defined in this part still go through a relocation against the
  // global symbol, so a user may interpose.
  void AddWord(const NativeCode& code, const NativeWord& word, const WordSymbolFn& symbol_of);
  // Adds a defined global function (runtime objects); `weak` makes it STB_WEAK.
  void AddFunction(std::string_view symbol, std::span<const uint8_t> bytes, bool weak);
  // A call at `text_offset` (into this part's text, inside the function added
  // last) to `symbol`.
  void AddCallReloc(uint32_t text_offset, std::string_view symbol);

  size_t word_count() const { return defined_count_; }
  size_t text_bytes() const { return text_.size(); }
  // Appends the symbol of every function defined here (for an archive index).
  void AppendDefinedSymbols(std::vector<std::string>& out) const;
  // Writes the object to `dir`/`name` through an OutputFile. Throws
  // RunError: kCannotCreate, or kIoError when libelf or the write fails or
  // the part needs more than 65279 sections.
  void Write(const OutputDir& dir, std::string_view name) const;
  void Clear();

 private:
  struct Sym {
    uint32_t name;  // into strtab_
    uint64_t size;
    bool defined, weak;
    uint32_t func;  // into funcs_, when defined
  };
  struct Func {
    uint32_t sym;         // into syms_
    uint64_t begin;       // into text_
    uint32_t rela_begin;  // its relocations: relas_[rela_begin, next's rela_begin)
  };
  struct Rela {
    uint64_t offset;
    uint32_t sym;  // index into syms_
  };
  uint32_t SymbolIndex(std::string_view name);

  std::vector<uint8_t> text_;
  std::string strtab_{std::string(1, '\0')};
  std::vector<Sym> syms_;
  std::vector<Rela> relas_;  // offsets into text_
  std::vector<Func> funcs_;
  std::unordered_map<std::string, uint32_t> sym_index_;
  std::string scratch_;
  size_t defined_count_ = 0;
};

// Writes `ffrt.o`: a weak `ffrt_div_by_zero` that aligns the stack and calls
// abort(). Link your own strong `void ffrt_div_by_zero(void)` to override it.
// Throws as ElfPart::Write.
void WriteRuntimeObject(const OutputDir& dir);

}  // namespace ffb
