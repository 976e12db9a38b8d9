// Machine code for many words in flat per-chunk buffers: bytes, relocation
// records and one row per word. The code generator appends to it; the JIT
// runner and the ELF writer read it. No allocation per word once warm.
//
//   NativeCode code;  gen.Compile(body, ..., code);        // appends one word
//   const NativeWord& w = code.words.back();               // w.code_offset, w.code_bytes
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ffb {

// Symbols the generated code may call that are not words.
enum class RuntimeSymbol : uint8_t {
  // `void ffrt_div_by_zero(void)`, called by object-mode code on a zero divisor
  // (or a quotient that does not fit a cell). Must not return; the default in
  // ffrt.o is a weak symbol that calls abort().
  kDivByZero,
};
inline constexpr const char* kDivByZeroSymbol = "ffrt_div_by_zero";

enum class RelocKind : uint8_t { kWord, kRuntime };

// An x86-64 `call rel32` whose displacement is not known yet. The field at
// `offset` (chunk-relative) is 4 bytes, R_X86_64_PLT32 with addend -4.
struct NativeReloc {
  uint32_t offset;
  uint32_t target;  // word id (kWord) or RuntimeSymbol (kRuntime)
  RelocKind kind;
};

struct NativeWord {
  uint32_t word_id;
  uint32_t code_offset;  // into NativeCode::bytes, 16-byte aligned
  uint32_t code_bytes;
  uint32_t reloc_begin, reloc_end;  // into NativeCode::relocs
};

struct NativeCode {
  std::vector<uint8_t> bytes;
  std::vector<NativeReloc> relocs;
  std::vector<NativeWord> words;

  std::span<const uint8_t> Bytes(const NativeWord& w) const {
    return {bytes.data() + w.code_offset, w.code_bytes};
  }
  std::span<const NativeReloc> Relocs(const NativeWord& w) const {
    return {relocs.data() + w.reloc_begin, w.reloc_end - w.reloc_begin};
  }
  void Clear() {
    bytes.clear();
    relocs.clear();
    words.clear();
  }
};

}  // namespace ffb
