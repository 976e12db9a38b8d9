#include "io/objects/elf_writer.h"

#include <gelf.h>
#include <libelf.h>

#include <cstring>

#include "engine/core/run_error.h"
#include "io/output/output_layout.h"

namespace ffb {
namespace {

// Fixed sections after the per-function ones: .symtab, .strtab,
// .note.GNU-stack, .shstrtab (in this order).
constexpr uint32_t kFixedSections = 4;
constexpr char kFixedNames[] = "\0.symtab\0.strtab\0.note.GNU-stack\0.shstrtab\0";
constexpr uint32_t kNameSymtab = 1, kNameStrtab = 9, kNameNote = 17, kNameShstrtab = 33;
constexpr std::string_view kRelaPrefix = ".rela";  // ".rela.text.<sym>"; ".text.<sym>" shares it

Elf_Data* AddData(Elf_Scn* scn, const void* buf, size_t size, Elf_Type type, size_t align) {
  Elf_Data* d = elf_newdata(scn);
  if (d == nullptr) return nullptr;
  d->d_buf = const_cast<void*>(buf);
  d->d_size = size;
  d->d_type = type;
  d->d_align = align;
  d->d_off = 0;
  d->d_version = EV_CURRENT;
  return d;
}

bool SetHeader(Elf_Scn* scn, uint32_t name, uint32_t type, uint64_t flags, uint32_t link,
               uint32_t info, uint64_t align, uint64_t entsize) {
  GElf_Shdr sh;
  if (gelf_getshdr(scn, &sh) == nullptr) return false;
  sh.sh_name = name;
  sh.sh_type = type;
  sh.sh_flags = flags;
  sh.sh_link = link;
  sh.sh_info = info;
  sh.sh_addralign = align;
  sh.sh_entsize = entsize;
  return gelf_update_shdr(scn, &sh) != 0;
}

std::string ElfError(const char* what) { return std::string(what) + ": " + elf_errmsg(-1); }

}  // namespace

uint32_t ElfPart::SymbolIndex(std::string_view name) {
  scratch_.assign(name);
  auto it = sym_index_.find(scratch_);
  if (it != sym_index_.end()) return it->second;
  auto index = static_cast<uint32_t>(syms_.size());
  syms_.push_back({static_cast<uint32_t>(strtab_.size()), 0, false, false, 0});
  strtab_.append(name);
  strtab_.push_back('\0');
  sym_index_.emplace(scratch_, index);
  return index;
}

void ElfPart::AddFunction(std::string_view symbol, std::span<const uint8_t> bytes, bool weak) {
  uint32_t s = SymbolIndex(symbol);
  syms_[s].size = bytes.size();
  syms_[s].defined = true;
  syms_[s].weak = weak;
  syms_[s].func = static_cast<uint32_t>(funcs_.size());
  funcs_.push_back({s, text_.size(), static_cast<uint32_t>(relas_.size())});
  text_.insert(text_.end(), bytes.begin(), bytes.end());
  ++defined_count_;
}

void ElfPart::AddCallReloc(uint32_t text_offset, std::string_view symbol) {
  relas_.push_back({text_offset, SymbolIndex(symbol)});
}

void ElfPart::AddWord(const NativeCode& code, const NativeWord& word,
                      const WordSymbolFn& symbol_of) {
  std::string name;
  symbol_of(word.word_id, name);
  AddFunction(name, code.Bytes(word), false);
  auto base = static_cast<uint32_t>(text_.size() - word.code_bytes);
  for (const NativeReloc& r : code.Relocs(word)) {
    uint32_t at = base + (r.offset - word.code_offset);
    if (r.kind == RelocKind::kRuntime) {
      AddCallReloc(at, kDivByZeroSymbol);
    } else {
      name.clear();
      symbol_of(r.target, name);
      AddCallReloc(at, name);
    }
  }
}

void ElfPart::AppendDefinedSymbols(std::vector<std::string>& out) const {
  for (const Func& f : funcs_) out.emplace_back(strtab_.data() + syms_[f.sym].name);
}

void ElfPart::Clear() {
  text_.clear();
  strtab_.assign(1, '\0');
  syms_.clear();
  relas_.clear();
  funcs_.clear();
  sym_index_.clear();
  defined_count_ = 0;
}

void ElfPart::Write(const OutputDir& dir, std::string_view name) const {
  if (elf_version(EV_CURRENT) == EV_NONE) {
    throw RunError(ExitCode::kIoError, ElfError("elf_version"));
  }
  // Sections: null; per function .text.<sym> then, when it has relocations,
  // .rela.text.<sym>; then the fixed ones.
  std::string shstrtab(kFixedNames, sizeof(kFixedNames));
  std::vector<uint32_t> text_index(funcs_.size()), text_name(funcs_.size()),
      rela_name(funcs_.size());
  std::vector<uint32_t> rela_end(funcs_.size());
  uint32_t sections = 1;
  for (size_t i = 0; i < funcs_.size(); ++i) {
    rela_end[i] =
        i + 1 < funcs_.size() ? funcs_[i + 1].rela_begin : static_cast<uint32_t>(relas_.size());
    rela_name[i] = static_cast<uint32_t>(shstrtab.size());
    text_name[i] = rela_name[i] + static_cast<uint32_t>(kRelaPrefix.size());
    shstrtab.append(kRelaPrefix);
    shstrtab.append(".text.");
    shstrtab.append(strtab_.data() + syms_[funcs_[i].sym].name);
    shstrtab.push_back('\0');
    text_index[i] = sections;
    sections += rela_end[i] > funcs_[i].rela_begin ? 2 : 1;
  }
  const uint32_t symtab_index = sections, strtab_index = sections + 1, note_index = sections + 2,
                 shstrtab_index = sections + 3;
  sections += kFixedSections;
  if (sections >= SHN_LORESERVE) {
    throw RunError(ExitCode::kIoError, "cannot write '" + dir.path() + "/" + std::string(name) +
                                           "': too many sections (lower --words-per-object)");
  }
  OutputFile file(dir, name);
  std::string error;  // what libelf said, when `ok` stays false
  Elf* elf = elf_begin(file.fd(), ELF_C_WRITE, nullptr);
  bool ok = false;
  // Symbol table: the null symbol, then globals (no section symbols: every
  // relocation names the callee's global symbol).
  std::vector<Elf64_Sym> symtab(1 + syms_.size());
  std::vector<Elf64_Rela> rela(relas_.size());
  std::memset(symtab.data(), 0, symtab.size() * sizeof(Elf64_Sym));
  for (size_t i = 0; i < syms_.size(); ++i) {
    const Sym& s = syms_[i];
    Elf64_Sym& e = symtab[1 + i];
    e.st_name = s.name;
    e.st_info = s.defined ? ELF64_ST_INFO(s.weak ? STB_WEAK : STB_GLOBAL, STT_FUNC)
                          : ELF64_ST_INFO(STB_GLOBAL, STT_NOTYPE);
    e.st_other = STV_DEFAULT;
    e.st_shndx =
        s.defined ? static_cast<uint16_t>(text_index[s.func]) : static_cast<uint16_t>(SHN_UNDEF);
    e.st_value = 0;  // each function starts its own section
    e.st_size = s.size;
  }
  for (size_t f = 0; f < funcs_.size(); ++f) {
    for (uint32_t i = funcs_[f].rela_begin; i < rela_end[f]; ++i) {
      rela[i].r_offset = relas_[i].offset - funcs_[f].begin;
      rela[i].r_info = ELF64_R_INFO(1 + relas_[i].sym, R_X86_64_PLT32);
      rela[i].r_addend = -4;
    }
  }
  do {
    if (elf == nullptr) {
      error = ElfError("elf_begin");
      break;
    }
    Elf64_Ehdr* eh = elf64_newehdr(elf);
    if (eh == nullptr) {
      error = ElfError("elf64_newehdr");
      break;
    }
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh->e_type = ET_REL;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_shstrndx = shstrtab_index;
    std::vector<Elf_Scn*> scn(sections, nullptr);
    bool made = true;
    for (uint32_t i = 1; i < sections && made; ++i) made = (scn[i] = elf_newscn(elf)) != nullptr;
    if (!made) {
      error = ElfError("elf_newscn");
      break;
    }
    for (size_t f = 0; f < funcs_.size() && made; ++f) {
      uint32_t t = text_index[f];
      uint64_t size = syms_[funcs_[f].sym].size;
      made = AddData(scn[t], text_.data() + funcs_[f].begin, size, ELF_T_BYTE, 16) &&
             SetHeader(scn[t], text_name[f], SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, 0, 16, 0);
      if (made && rela_end[f] > funcs_[f].rela_begin) {
        made = AddData(scn[t + 1], rela.data() + funcs_[f].rela_begin,
                       (rela_end[f] - funcs_[f].rela_begin) * sizeof(Elf64_Rela), ELF_T_RELA, 8) &&
               SetHeader(scn[t + 1], rela_name[f], SHT_RELA, SHF_INFO_LINK, symtab_index, t, 8,
                         sizeof(Elf64_Rela));
      }
    }
    made = made &&
           AddData(scn[symtab_index], symtab.data(), symtab.size() * sizeof(Elf64_Sym), ELF_T_SYM,
                   8) &&
           AddData(scn[strtab_index], strtab_.data(), strtab_.size(), ELF_T_BYTE, 1) &&
           AddData(scn[note_index], nullptr, 0, ELF_T_BYTE, 1) &&
           AddData(scn[shstrtab_index], shstrtab.data(), shstrtab.size(), ELF_T_BYTE, 1) &&
           SetHeader(scn[symtab_index], kNameSymtab, SHT_SYMTAB, 0, strtab_index, 1, 8,
                     sizeof(Elf64_Sym)) &&
           SetHeader(scn[strtab_index], kNameStrtab, SHT_STRTAB, 0, 0, 0, 1, 0) &&
           SetHeader(scn[note_index], kNameNote, SHT_PROGBITS, 0, 0, 0, 1, 0) &&
           SetHeader(scn[shstrtab_index], kNameShstrtab, SHT_STRTAB, 0, 0, 0, 1, 0);
    if (!made) {
      error = ElfError("section");
      break;
    }
    if (elf_update(elf, ELF_C_WRITE) < 0) {
      error = ElfError("elf_update");
      break;
    }
    ok = true;
  } while (false);
  if (elf != nullptr) elf_end(elf);
  // On failure the OutputFile's destructor removes the temporary file.
  if (!ok) throw RunError(ExitCode::kIoError, "cannot write '" + file.temp_path() + "': " + error);
  file.Commit();
}

void WriteRuntimeObject(const OutputDir& dir) {
  // and rsp, -16 ; call abort ; ud2  (the handler may run at any stack depth)
  static constexpr uint8_t kCode[] = {0x48, 0x83, 0xe4, 0xf0, 0xe8, 0, 0, 0, 0, 0x0f, 0x0b};
  ElfPart part;
  part.AddFunction(kDivByZeroSymbol, kCode, /*weak=*/true);
  part.AddCallReloc(5, "abort");
  part.Write(dir, layout::kRuntimeObject);
}

}  // namespace ffb
