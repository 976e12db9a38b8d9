// Runs test-mode native code in process: JitCode places compiled words in
// executable memory (one reserved region, so calls are rel32) and publishes
// them by word id; a NativeMachine (one per thread) runs a word on a guarded
// data stack and a private machine stack, turning every trap into an E4xxx
// code. Hostile code ends with a code; it never crashes or hangs the engine.
//
//   JitCode jit;                                  // shared by all threads
//   if (!jit.Publish(code, &error)) ...;          // serial: a chunk of NativeCodegen(kTest) output
//   NativeMachine m(jit);                         // one per thread
//   NativeRun r = m.Run(word_id, inputs);         // r.code == Code::kNone: r.stack holds the
//   outputs
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/core/limits.h"
#include "engine/native/codegen.h"
#include "engine/native/native_code.h"

namespace ffb {

class JitCode {
 public:
  // Reserves `reserve_bytes` of address space (committed as code arrives).
  // Calls between words are rel32, so the whole region stays below 2 GB:
  // about 14M test-mode words of ~140 bytes. Code is never freed (any later
  // word may call any earlier one).
  explicit JitCode(size_t reserve_bytes = (size_t{1} << 31) - (size_t{1} << 20));
  ~JitCode();
  JitCode(const JitCode&) = delete;
  JitCode& operator=(const JitCode&) = delete;

  // Copies a chunk of test-mode code in, resolves its relocations (calls to
  // words published earlier or in this chunk; anything else traps E9000 when
  // reached), makes it executable and publishes every word. Serial.
  bool Publish(const NativeCode& code, std::string* error);
  // Entry of a published word, or null. Safe concurrently with Publish.
  const void* Find(uint32_t word_id) const;

  // The trampoline `enter(ctx, fn, sp, machine_stack_top) -> 0` and the trap
  // landing NativeTestContext::trap_target points to.
  const void* enter() const { return enter_; }
  const void* trap() const { return trap_; }

 private:
  static constexpr size_t kBlockBits = 16;
  static constexpr size_t kBlocks = 1 << 14;  // up to 2^30 word ids
  bool Append(const uint8_t* bytes, size_t size, size_t* offset, std::string* error);
  void SetEntry(uint32_t word_id, const void* p);

  uint8_t* base_ = nullptr;
  size_t reserved_ = 0;
  size_t used_ = 0;  // bytes, page-aligned after every Publish
  const void* enter_ = nullptr;
  const void* trap_ = nullptr;
  const void* unresolved_ = nullptr;
  std::unique_ptr<std::atomic<std::atomic<const void*>*>[]> table_;
};

struct NativeLimits {
  uint32_t data_cells = limits::kMaxStackCells;  // data stack depth; more is E4004
  // The interpreter's limits (MachineLimits), counted the same way.
  uint32_t return_cells =
      limits::kMaxReturnCells;                  // >r cells and do frames (2 cells); more is E4005
  uint32_t call_depth = limits::kMaxCallDepth;  // nested calls below the word run; more is E4006
  // Word entries + loop iterations; more is E4003. Each unit is at least one
  // interpreter step, so with the same number native never runs out first.
  uint64_t fuel = limits::kFuelSteps;
  size_t machine_stack_bytes = size_t{16} << 20;  // return stack; E4005 near its end
};

struct NativeRun {
  Code code = Code::kNone;
  std::span<const int64_t> stack;  // data stack at the end, bottom first (empty after a trap)
};

class NativeMachine {
 public:
  explicit NativeMachine(const JitCode& jit, NativeLimits limits = {});
  ~NativeMachine();
  NativeMachine(const NativeMachine&) = delete;
  NativeMachine& operator=(const NativeMachine&) = delete;

  // Runs word `word_id` on `inputs` (bottom first). kInternal when the word is
  // not published or returns a stack pointer outside its stack.
  NativeRun Run(uint32_t word_id, std::span<const int64_t> inputs);
  const NativeLimits& limits() const { return limits_; }

 private:
  const JitCode& jit_;
  NativeLimits limits_;
  uint8_t* data_map_ = nullptr;
  size_t data_map_bytes_ = 0;
  int64_t* data_base_ = nullptr;
  uint8_t* machine_map_ = nullptr;
  size_t machine_map_bytes_ = 0;
  NativeTestContext ctx_;
};

}  // namespace ffb
