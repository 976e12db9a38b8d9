#include "engine/check/first_pass.h"

#include "engine/core/limits.h"
#include "kernels/effect_compose.h"

namespace ffb {

namespace {

// The checker's depth limit (EffectChecker::kMaxDepthCells): deeper bodies get
// its E2001 from the checker.
constexpr int32_t kMaxFirstPassDepth = static_cast<int32_t>(limits::kMaxStackCells);

bool PlainType(SlotType t) {
  return t == SlotType::kInt || t == SlotType::kUint || t == SlotType::kAny;
}

// Builtins the first pass may compose: fixed effect, no control flow, no
// return stack, no flag outputs. Shuffles are fine inside a body (their
// identities cannot reach the single output, which the last token makes).
bool Composable(const BuiltinInfo& info) {
  if (info.role != Role::kPlain && info.role != Role::kArith) return false;
  for (size_t k = 0; k < info.outputs; ++k) {
    if (info.out[k] == kOutFlag) return false;
  }
  return true;
}

// The last token makes the single output a fresh integer.
bool FreshIntResult(const BuiltinInfo& info) {
  return info.outputs == 1 && info.out[0] == kOutInt && info.role == Role::kArith;
}

}  // namespace

void RunFirstPass(const Chunk& chunk, const Dictionary& dictionary, FirstPass& fp) {
  const SpecTable& t = chunk.table;
  const size_t rows = t.rows();
  fp.settled.assign(rows, 0);
  fp.begin.assign(1, 0);
  fp.tok_needs.clear();
  fp.tok_gives.clear();
  for (uint32_t row = 0; row < rows; ++row) {
    bool ok = t.status[row] == Status::kOk && t.body_source[row] != BodySource::kNone &&
              t.output_begin[row + 1] - t.output_begin[row] == 1;
    for (uint32_t k = t.input_begin[row]; ok && k < t.input_begin[row + 1]; ++k) {
      ok = PlainType(t.inputs[k].type);
    }
    ok = ok && PlainType(t.outputs[t.output_begin[row]].type);
    auto body = chunk.tokens.Body(row);
    ok = ok && !body.empty();
    size_t mark = fp.tok_needs.size();
    for (size_t i = 0; ok && i < body.size(); ++i) {
      const Token& tok = body[i];
      bool last = i + 1 == body.size();
      switch (tok.kind) {
        case TokenKind::kNumber:
          fp.tok_needs.push_back(0);
          fp.tok_gives.push_back(1);
          ok = !last || body.size() == 1;
          break;
        case TokenKind::kBuiltin: {
          const BuiltinInfo& info = Info(tok.builtin());
          ok = Composable(info) && (!last || FreshIntResult(info));
          fp.tok_needs.push_back(info.inputs);
          fp.tok_gives.push_back(info.outputs);
          break;
        }
        case TokenKind::kUserWord: {
          const WordEntry* e =
              dictionary.Find(chunk.tokens.Name(static_cast<uint32_t>(tok.value)), t.word_id[row]);
          ok = e != nullptr && e->inputs <= limits::kMaxEffectSlots &&
               e->outputs <= limits::kMaxEffectSlots;
          for (size_t k = 0; ok && k < std::min<size_t>(e->outputs, WordEntry::kMaxTypedSlots);
               ++k) {
            ok = PlainType(e->out_types[k]);
          }
          ok = ok && e->outputs <= WordEntry::kMaxTypedSlots && (!last || e->outputs == 1);
          fp.tok_needs.push_back(ok ? static_cast<uint8_t>(e->inputs) : 0);
          fp.tok_gives.push_back(ok ? static_cast<uint8_t>(e->outputs) : 0);
          break;
        }
      }
    }
    if (!ok) {
      // Not for the first pass: an empty body in the kernel's input.
      fp.tok_needs.resize(mark);
      fp.tok_gives.resize(mark);
    }
    fp.settled[row] = ok;
    fp.begin.push_back(static_cast<int32_t>(fp.tok_needs.size()));
  }
  fp.needs.resize(rows);
  fp.gives.resize(rows);
  fp.max_depth.resize(rows);
  fp.min_depth.resize(rows);
  TokenEffectsCsr in{fp.begin.data(), rows, fp.tok_needs.data(), fp.tok_gives.data()};
  BodyEffectsOut out{fp.needs.data(), fp.gives.data(), fp.max_depth.data(), fp.min_depth.data()};
  ComposeEffects(in, out);
  // Settled means the counts decide everything: the body must also match
  // the declared inputs exactly and leave one cell, else the checker runs
  // to explain the mismatch.
  for (uint32_t row = 0; row < rows; ++row) {
    if (!fp.settled[row]) continue;
    uint32_t declared_in = t.input_begin[row + 1] - t.input_begin[row];
    fp.settled[row] = fp.gives[row] == 1 && fp.needs[row] == static_cast<int32_t>(declared_in) &&
                      fp.max_depth[row] <= kMaxFirstPassDepth;
  }
}

}  // namespace ffb
