// Bytecode for the reference interpreter: one lexed body becomes a short run
// of fixed-size instructions with branch targets resolved, literals inline,
// `n pick` / `n roll` fused and calls to user words bound to word ids. Many
// bodies live in one flat BytecodeColumns (CSR), like TokenColumns.
//
//   BytecodeColumns code;  std::vector<Diagnostic> diags;
//   WordIdResolver resolve = [&](std::string_view name) -> std::optional<WordId> {
//     if (auto w = dict.Find(name, row_id)) return w->id;  // earlier lines only
//     return std::nullopt;
//   };
//   if (!CompileBody(cols.Body(b), cols, resolve, code, diags, row_id)) { /* diags.back() */ }
//   std::span<const Instr> body = code.Body(b);   // ends with Op::kExit
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "engine/core/diagnostic.h"
#include "engine/forth/builtins.h"
#include "engine/forth/tokens.h"

namespace ffb {

using WordId = uint32_t;
constexpr WordId kNoWordId = 0xffffffffu;

// Executable operations. Builtins that only shape control flow (if, begin, …)
// compile to branches; refused builtins (?dup, depth, execute) never appear.
// clang-format off
enum class Op : uint8_t {
  // Operand-free data operations, one per FFB_DATA_WORD of builtins.def and
  // in its order, so such an Op has the value of its Builtin.
#define FFB_DATA_WORD(Id, ...) k##Id,
#include "engine/forth/builtins.def"
  // Operand-free, but the compiler checks their context first.
  kToR, kRFrom, kRFetch,
  kI, kJ, kUnloop,
  // With an operand (Instr::arg).
  kLit,       // push arg
  kPick,      // arg = n of `n pick`
  kRoll,      // arg = n of `n roll`
  kBranch,    // pc = arg
  kBranch0,   // pop flag; pc = arg when it is 0
  kDo,        // ( limit start -- ) (R: -- limit index)
  kQDo,       // like kDo, but when limit == start drop both and pc = arg
  kLoop,      // index += 1; not done: pc = arg (the loop body's first instr)
  kPlusLoop,  // pop n; index += n; not crossed: pc = arg
  kLeave,     // drop the loop frame; pc = arg (after the loop)
  kCall,      // call word id arg
  kRecurse,   // call the body being executed
  kExit,      // return from the current word (also emitted at body end)
  kCount
};
// clang-format on
constexpr size_t kOpCount = static_cast<size_t>(Op::kCount);
// Ops [0, kDataOpCount) are the data builtins, Op value == Builtin value.
constexpr size_t kDataOpCount = static_cast<size_t>(Op::kToR);

std::string_view OpName(Op op);

struct Instr {
  Op op;
  int64_t arg;  // literal, pick/roll index, branch target (index in body) or word id
};

// Many compiled bodies, CSR: body b is instrs()[begin()[b], begin()[b + 1]).
// Branch targets are relative to the body's first instruction, so a body's
// span can be copied or moved without relocation.
class BytecodeColumns {
 public:
  size_t body_count() const { return begin_.size() - 1; }
  std::span<const Instr> Body(size_t b) const {
    return {instrs_.data() + begin_[b], instrs_.data() + begin_[b + 1]};
  }
  const std::vector<Instr>& instrs() const { return instrs_; }

  void Push(Instr in) { instrs_.push_back(in); }
  void EndBody() { begin_.push_back(static_cast<uint32_t>(instrs_.size())); }
  void DiscardOpenBody() { instrs_.resize(begin_.back()); }
  size_t open_size() const { return instrs_.size() - begin_.back(); }
  Instr& open_at(size_t i) { return instrs_[begin_.back() + i]; }
  void Clear();
  void ShrinkToFit() {
    instrs_.shrink_to_fit();
    begin_.shrink_to_fit();
  }

 private:
  std::vector<uint32_t> begin_{0};
  std::vector<Instr> instrs_;
};

// Maps an interned, lower-cased user-word name to the id of a word defined on
// an earlier line; nullopt when there is none (E1000).
using WordIdResolver = std::function<std::optional<WordId>(std::string_view lower_name)>;

// Compiles one lexed body and appends it to `out` (always exactly one body,
// closed empty on error, so indices match rows). `names` resolves the
// body's user-word tokens to text. A user word that resolves to `self` is
// compiled as `recurse`. Errors (unbalanced control flow, non-literal
// pick/roll index, refused word, undefined word) append one diagnostic
// positioned at the offending token and return false; inference normally
// rejects such bodies first. Control structures nest by ANS rules
// (the ANS control-flow stack, MatchControl in forth/control_flow.h), which also
// raises their E30xx diagnostics.
bool CompileBody(std::span<const Token> body, const TokenColumns& names,
                 const WordIdResolver& resolve, BytecodeColumns& out,
                 std::vector<Diagnostic>& diags, WordId self = kNoWordId);

}  // namespace ffb
