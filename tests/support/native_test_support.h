// Test helper: define Forth words from source text (lex, infer, compile in
// test mode, publish) and run them natively. Also compiles object-mode code
// for the same words (for the link test).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/check/checker.h"
#include "engine/forth/lexer.h"
#include "engine/native/codegen.h"
#include "engine/native/jit_runner.h"

namespace ffb::test {

struct NativeWordDef {
  uint32_t id;
  WordEffect effect;
  std::string body;
  InferResult inferred;
};

// Appends `from` (one or more words) to `to`, as one chunk buffer.
inline void Append(const NativeCode& from, NativeCode& to) {
  while (to.bytes.size() % 16 != 0) to.bytes.push_back(0xcc);
  auto base = static_cast<uint32_t>(to.bytes.size());
  auto rbase = static_cast<uint32_t>(to.relocs.size());
  to.bytes.insert(to.bytes.end(), from.bytes.begin(), from.bytes.end());
  for (NativeReloc r : from.relocs) {
    r.offset += base;
    to.relocs.push_back(r);
  }
  for (NativeWord w : from.words) {
    w.code_offset += base;
    w.reloc_begin += rbase;
    w.reloc_end += rbase;
    to.words.push_back(w);
  }
}

class NativeFixture : public WordResolver {
 public:
  NativeFixture() : machine_(jit_) {}
  explicit NativeFixture(NativeLimits limits) : machine_(jit_, limits) {}

  const WordEffect* Lookup(std::string_view name) const override {
    auto it = words_.find(std::string(name));
    if (it == words_.end()) return nullptr;
    return &it->second.effect;
  }

  // Defines `name` ( ins -- outs ); returns "" or the first error text.
  // ins < 0: no declared effect, the inferred one is used (no recurse).
  std::string Define(const std::string& name, const std::string& body, int ins, int outs) {
    std::vector<Diagnostic> diags;
    size_t row = cols_.body_count();
    if (!LexBody(body, cols_, diags)) return "lex: " + diags.back().message;
    WordEffect self;
    self.inputs = static_cast<uint8_t>(ins);
    self.outputs = static_cast<uint8_t>(outs);
    NativeWordDef def{next_id_, self, body, {}};
    inferrer_.Infer(cols_.Body(row), cols_, this, ins < 0 ? nullptr : &self, def.inferred);
    if (!def.inferred.ok) return "infer: " + def.inferred.FirstError()->message;
    if (ins < 0) {
      ins = static_cast<int>(def.inferred.inputs.size());
      outs = static_cast<int>(def.inferred.outputs.size());
      def.effect.inputs = static_cast<uint8_t>(ins);
      def.effect.outputs = static_cast<uint8_t>(outs);
    }
    if (def.inferred.inputs.size() != static_cast<size_t>(ins) ||
        def.inferred.outputs.size() != static_cast<size_t>(outs))
      return "effect differs: " + FormatInferred(def.inferred);
    NativeWordInfo info{next_id_, static_cast<uint32_t>(ins), static_cast<uint32_t>(outs),
                        def.inferred.max_depth};
    NativeCode code;
    Diagnostic err;
    if (!test_gen_.Compile(cols_.Body(row), cols_, Resolver(), info, code, &err))
      return "codegen: " + err.message;
    NativeCode object;
    if (!object_gen_.Compile(cols_.Body(row), cols_, Resolver(), info, object, &err))
      return "codegen(object): " + err.message;
    std::string error;
    if (!jit_.Publish(code, &error)) return "publish: " + error;
    if (!object_jit_.Publish(object, &error)) return "publish(object): " + error;
    Append(object, object_code_);
    words_[name] = def;
    names_.push_back(name);
    ++next_id_;
    return "";
  }

  NativeRun Run(const std::string& name, std::vector<int64_t> inputs) {
    return machine_.Run(words_.at(name).id, inputs);
  }
  // Outputs, or {code} as a one-element vector marker when it trapped.
  std::vector<int64_t> Stack(const std::string& name, std::vector<int64_t> inputs) {
    NativeRun r = Run(name, std::move(inputs));
    if (r.code != Code::kNone)
      return {static_cast<int64_t>(0x7eadbeef), static_cast<int64_t>(r.code)};
    return {r.stack.begin(), r.stack.end()};
  }

  // Runs the object-mode code of `name` directly (C ABI, no checks): only for
  // inputs known to run without a trap.
  std::vector<int64_t> RunObject(const std::string& name, const std::vector<int64_t>& inputs) {
    using Fn = int64_t* (*)(int64_t*);
    auto fn = reinterpret_cast<Fn>(const_cast<void*>(object_jit_.Find(words_.at(name).id)));
    std::vector<int64_t> stack(4096 + inputs.size());
    std::copy(inputs.begin(), inputs.end(), stack.begin() + 2048);
    int64_t* base = stack.data() + 2048;
    int64_t* sp = fn(base + inputs.size());
    return {base, sp};
  }

  NativeCalleeResolver Resolver() {
    return [this](std::string_view n) -> std::optional<NativeCallee> {
      auto it = words_.find(std::string(n));
      if (it == words_.end()) return std::nullopt;
      return NativeCallee{it->second.id, it->second.effect.inputs, it->second.effect.outputs};
    };
  }

  const NativeCode& object_code() const { return object_code_; }
  const std::vector<std::string>& names() const { return names_; }
  const NativeWordDef& word(const std::string& n) const { return words_.at(n); }

 private:
  TokenColumns cols_;
  EffectChecker inferrer_;
  JitCode jit_{size_t{1} << 28};
  NativeMachine machine_;
  NativeCodegen test_gen_{NativeMode::kTest};
  NativeCodegen object_gen_{NativeMode::kObject};
  JitCode object_jit_{size_t{1} << 28};
  NativeCode object_code_;
  std::map<std::string, NativeWordDef> words_;
  std::vector<std::string> names_;
  uint32_t next_id_ = 0;
};

inline std::vector<int64_t> Trapped(Code c) {
  return {static_cast<int64_t>(0x7eadbeef), static_cast<int64_t>(c)};
}

}  // namespace ffb::test
