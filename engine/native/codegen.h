// x86-64 code generator (asmjit) for verified Forth bodies, ABI of DESIGN.md
// §6: `int64_t *ffw_<name>(int64_t *sp)`, data stack growing upward, `sp` one
// past the top cell, returns the new sp. One generator, two modes:
//   kObject: plain code for the ELF objects; a zero divisor (or a quotient that
//            does not fit a cell) calls `ffrt_div_by_zero` (must not return).
//   kTest:   the same code plus fuel (decremented at every word entry and loop
//            head), a call depth counter, a return stack cell counter (>r and
//            do frames, as the interpreter counts them), data and machine
//            stack limits, and a check after every call that the callee kept
//            its effect; traps leave through the NativeTestContext (r15) with
//            an E4xxx code (E9000 for a broken callee).
//
//   NativeCodegen gen(NativeMode::kTest);  NativeCode code;  Diagnostic err;
//   NativeWordInfo w{id, inferred.inputs.size(), inferred.outputs.size(), inferred.max_depth};
//   if (!gen.Compile(cols.Body(row), cols, resolve, w, code, &err)) /* err.code == E5000 */;
//
// The register contract of the generated code is in codegen_impl.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "engine/core/diagnostic.h"
#include "engine/forth/tokens.h"
#include "engine/native/native_code.h"

namespace ffb {

enum class NativeMode : uint8_t { kObject, kTest };

// What a call site needs of an earlier word. The resolver must return only
// words that get native code with exactly this effect (declared == inferred):
// object code calls the symbol by name, so a callee without native code leaves
// an undefined symbol at link time (test mode traps E9000 on such a call, and
// on a callee whose real effect differs). Returning nullopt makes the caller
// fail with E5000, which is safe.
struct NativeCallee {
  uint32_t word_id;
  uint32_t inputs, outputs;
};
using NativeCalleeResolver =
    std::function<std::optional<NativeCallee>(std::string_view lower_name)>;

// The word being compiled: its id (for recurse) and inferred effect.
struct NativeWordInfo {
  uint32_t word_id;
  uint32_t inputs, outputs;
  uint32_t max_depth;  // deepest data stack in cells, inputs included (InferResult::max_depth)
};

// Shared with test-mode code through r15; offsets are part of the generated code.
struct NativeTestContext {
  uint64_t fuel = 0;                    // +0: word entries + loop iterations left
  uint64_t calls_left = 0;              // +8: nested calls left
  const int64_t* data_limit = nullptr;  // +16: highest sp a word may reach
  const void* trap_target = nullptr;    // +24: jumped to with eax = Code
  const void* machine_limit = nullptr;  // +32: lowest rsp at word entry
  const void* saved_rsp = nullptr;      // +40: host rsp (runner trampoline)
  int64_t* result_sp = nullptr;         // +48
  uint32_t code = 0;                    // +56: Code of the trap, 0 when none
  uint64_t return_cells_left = 0;       // +64: >r cells and do frames (2 cells) left
};

class NativeCodegen {
 public:
  explicit NativeCodegen(NativeMode mode);
  ~NativeCodegen();
  NativeCodegen(const NativeCodegen&) = delete;
  NativeCodegen& operator=(const NativeCodegen&) = delete;

  // Appends the word's code (16-byte aligned), relocations and row to `out`.
  // On failure appends nothing and fills `error` (E5000, token and message).
  bool Compile(std::span<const Token> body, const TokenColumns& names,
               const NativeCalleeResolver& resolve, const NativeWordInfo& word, NativeCode& out,
               Diagnostic* error);

  NativeMode mode() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ffb
