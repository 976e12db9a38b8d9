#include "engine/generate.h"

#include <string>
#include <vector>

#include "engine/body_text.h"
#include "engine/lexer.h"

namespace ffb {

void Generate(Chunk& chunk, const GenerateOptions& /*options*/) {
  SpecTable& t = chunk.table;
  TokenColumns& tokens = chunk.tokens;
  tokens.Clear();
  thread_local std::vector<Diagnostic> diags;
  thread_local std::string text;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    if (t.status[row] != Status::kOk || !(t.fields[row] & kHasCode)) {
      tokens.EndBody();
      continue;
    }
    diags.clear();
    if (!LexBody(chunk.Str(t.code[row]), tokens, diags)) {
      for (const Diagnostic& d : diags) {
        AddError(chunk, row, Stage::kGenerate, d.code, d.message, "$.implementation.code",
                 static_cast<int32_t>(d.column));
      }
      continue;
    }
    t.body_source[row] = BodySource::kCode;
    text.clear();
    RenderBody(tokens.Body(row), tokens, text);
    t.body[row] = chunk.arena.Add(text);
  }
}

}  // namespace ffb
