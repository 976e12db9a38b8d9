// The reference interpreter: executes compiled bytecode on given input cells
// with gforth 0.7.3's semantics (DESIGN.md §5), bounded stacks, a step budget
// (fuel) and a call depth limit. Traps are results, never crashes. A Machine
// owns its stacks and is reused for every test a thread runs (no allocation
// per run); the WordTable it calls into is shared.
//
//   Machine m(table);                               // one per thread
//   ExecResult r = m.Run(table.Find(id), inputs);   // r.code == Code::kNone on success
//   for (int64_t cell : r.stack) ...;               // bottom first; valid until the next Run
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/core/limits.h"
#include "engine/interp/bytecode.h"
#include "engine/interp/word_table.h"

namespace ffb {

struct MachineLimits {
  uint32_t data_cells = limits::kMaxStackCells;  // data stack depth; more is E4004
  uint32_t return_cells =
      limits::kMaxReturnCells;  // >r values and do-loop frames (2 cells); more is E4005
  uint32_t call_depth = limits::kMaxCallDepth;  // nested calls incl. recurse; more is E4006
  uint64_t fuel_steps = limits::kFuelSteps;     // instructions per run; more is E4003
};

struct ExecResult {
  // kNone, or the trap: kDivisionByZero (zero divisor or a quotient that does
  // not fit a cell), kFuelExhausted, kDataStackOverflow, kReturnStackOverflow,
  // kCallDepthExceeded, kStackUnderflow (data or return stack read below its
  // bottom), kReturnStackImbalance (a word returned leaving or taking return
  // stack cells), kInternal (call to an unpublished word).
  Code code = Code::kNone;
  uint64_t steps = 0;              // instructions executed
  std::span<const int64_t> stack;  // data stack at the end (also after a trap), bottom first
};

class Machine {
 public:
  explicit Machine(const WordTable& words, MachineLimits limits = {});

  // Runs `body` (a compiled word, ending with kExit) on a data stack that
  // holds `inputs` (bottom first). kRecurse re-enters `body` itself, so the
  // body need not be published.
  ExecResult Run(std::span<const Instr> body, std::span<const int64_t> inputs);

  const MachineLimits& limits() const { return limits_; }

 private:
  struct Frame {
    const Instr* body;    // first instruction of the running word
    const Instr* resume;  // caller's next instruction
    uint32_t rs_depth;    // return stack depth on entry, checked on return
  };

  const WordTable& words_;
  MachineLimits limits_;
  std::vector<int64_t> data_;
  std::vector<int64_t> ret_;
  std::vector<Frame> frames_;
};

}  // namespace ffb
