// Test helper: a tiny Forth system over lexer + bytecode + word table +
// interpreter. Define words by name, run bodies on input cells.
//
//   InterpFixture f;  f.Define("sq", "dup *");
//   auto r = f.Run("3 sq", {});   // r.code == Code::kNone, r.stack == {9}
#pragma once

#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/forth/lexer.h"
#include "engine/interp/bytecode.h"
#include "engine/interp/interpreter.h"
#include "engine/interp/word_table.h"

namespace ffb::testing {

struct RunOutcome {
  Code code = Code::kNone;
  std::vector<int64_t> stack;
  uint64_t steps = 0;
};

class InterpFixture {
 public:
  explicit InterpFixture(MachineLimits limits = {}) : machine_(table_, limits) {}

  // Compiles `body`; on success appends it to the chunk under a new id
  // (published at once) and returns kNone, else the first diagnostic's code.
  Code Define(const std::string& name, std::string_view body) {
    WordId id = next_id_;
    std::span<const Instr> code;
    words_[name] = id;  // visible to its own body: compiled as recurse
    Code c = Compile(body, id, &code);
    if (c != Code::kNone) {
      words_.erase(name);
      return c;
    }
    table_.Publish(id, code);
    ++next_id_;
    return Code::kNone;
  }

  Code Compile(std::string_view body, WordId self, std::span<const Instr>* code) {
    TokenColumns& cols = tokens_.emplace_back();
    diags_.clear();
    if (!LexBody(body, cols, diags_)) return diags_.back().code;
    BytecodeColumns& out = code_.emplace_back();
    auto resolve = [this](std::string_view n) -> std::optional<WordId> {
      auto it = words_.find(std::string(n));
      if (it == words_.end()) return std::nullopt;
      return it->second;
    };
    if (!CompileBody(cols.Body(0), cols, resolve, out, diags_, self)) return diags_.back().code;
    *code = out.Body(0);
    return Code::kNone;
  }

  RunOutcome Run(std::string_view body, std::vector<int64_t> inputs = {}) {
    std::span<const Instr> code;
    Code c = Compile(body, kNoWordId, &code);
    if (c != Code::kNone) return {c, {}, 0};
    return Exec(code, inputs);
  }

  RunOutcome Call(const std::string& name, std::vector<int64_t> inputs = {}) {
    return Exec(table_.Find(words_.at(name)), inputs);
  }

  RunOutcome Exec(std::span<const Instr> code, const std::vector<int64_t>& inputs) {
    ExecResult r = machine_.Run(code, inputs);
    return {r.code, std::vector<int64_t>(r.stack.begin(), r.stack.end()), r.steps};
  }

  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  WordTable& table() { return table_; }
  Machine& machine() { return machine_; }

 private:
  WordTable table_;
  Machine machine_;
  std::map<std::string, WordId> words_;
  WordId next_id_ = 0;
  std::deque<TokenColumns> tokens_;
  std::deque<BytecodeColumns> code_;
  std::vector<Diagnostic> diags_;
};

}  // namespace ffb::testing
