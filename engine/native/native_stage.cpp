#include "engine/native/native_stage.h"

#include <fmt/format.h>

#include "engine/core/run_error.h"
#include "engine/native/codegen.h"

namespace ffb {

void NativeCompile(Chunk& chunk, const Dictionary& dictionary) {
  SpecTable& t = chunk.table;
  if (!chunk.native_test) chunk.native_test = std::make_shared<NativeCode>();
  if (!chunk.native_object) chunk.native_object = std::make_shared<NativeCode>();
  chunk.native_test->Clear();
  chunk.native_object->Clear();
  thread_local NativeCodegen test_gen(NativeMode::kTest);
  thread_local NativeCodegen object_gen(NativeMode::kObject);
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kOk || t.body_source[row] == BodySource::kNone ||
        t.word_id[row] == SpecTable::kNoWord || t.inferred[row].empty()) {
      continue;
    }
    uint32_t self = t.word_id[row];
    NativeCalleeResolver resolve = [&](std::string_view name) -> std::optional<NativeCallee> {
      const WordEntry* e = dictionary.Find(name, self);
      if (e == nullptr) return std::nullopt;
      return NativeCallee{e->id, e->inputs, e->outputs};
    };
    NativeWordInfo info{self, t.input_begin[row + 1] - t.input_begin[row],
                        t.output_begin[row + 1] - t.output_begin[row], t.max_depth[row]};
    Diagnostic error;
    if (!test_gen.Compile(chunk.tokens.Body(row), chunk.tokens, resolve, info, *chunk.native_test,
                          &error) ||
        !object_gen.Compile(chunk.tokens.Body(row), chunk.tokens, resolve, info,
                            *chunk.native_object, &error)) {
      // Keep the two code sets aligned: a word is in both or in neither.
      if (!chunk.native_test->words.empty() && chunk.native_test->words.back().word_id == self) {
        NativeCode& c = *chunk.native_test;
        c.bytes.resize(c.words.back().code_offset);
        c.relocs.resize(c.words.back().reloc_begin);
        c.words.pop_back();
      }
      AddError(chunk, row, Stage::kTest, Code::kCodegenFailed,
               fmt::format("native code generation failed: {}", error.message), "$.implementation",
               static_cast<int32_t>(error.column), Status::kFailed);
    }
  }
}

void NativePublish(Chunk& chunk, NativeContext& context) {
  std::string error;
  if (chunk.native_test && !context.jit.Publish(*chunk.native_test, &error)) {
    throw RunError(ExitCode::kInternal, "cannot publish native code: " + error);
  }
}

}  // namespace ffb
