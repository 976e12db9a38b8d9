// Stack-effect composition for many straight-line bodies at once: the Infer
// stage's fast path. Each token is a stack effect (needs, gives); a body's effect
// is their composition, plus the highest and lowest stack heights reached.
//
//   ffb::TokenEffectsCsr in{body_begin, n_bodies, tok_needs, tok_gives};
//   ffb::BodyEffectsOut out{needs, gives, max_depth, min_depth};
//   ffb::ComposeEffects(in, out);        // SIMD, best target for this CPU
//   ffb::ComposeEffectsScalar(in, out);  // reference: identical results
#pragma once

#include <cstddef>
#include <cstdint>

namespace ffb {

// Token effects of every body of a chunk, in CSR form. Body b owns tokens
// [body_begin[b], body_begin[b+1]); body_begin has n_bodies + 1 non-decreasing
// entries, and needs/gives are indexed by those absolute token positions. The
// kernels read needs/gives only inside [body_begin[0], body_begin[n_bodies]).
//
// Per-token counts are uint8_t on purpose: builtins are 0..6 and calls to user
// words at most 64 cells, so one byte holds every legal value with room to
// spare (0..255 accepted); it is a quarter of the memory traffic of int32, and
// it lets the SIMD kernel fetch four tokens of a body with one 32-bit gather.
// Composed results can grow with body length, so outputs are int32 (exact for
// bodies up to 8M tokens).
struct TokenEffectsCsr {
  const int32_t* body_begin = nullptr;
  size_t n_bodies = 0;
  const uint8_t* needs = nullptr;  // cells popped by each token
  const uint8_t* gives = nullptr;  // cells pushed by each token
};

// Output columns, one entry per body (each array holds n_bodies int32).
//
// Heights are counted in cells with the body's `needs` inputs already on the
// stack at entry (entry height = needs). Every token first pops its needs (its
// trough) and then pushes its gives (its result height).
//   needs:     cells the body consumes, the monoid fold
//              (a·b).needs = a.needs + max(0, b.needs − a.gives).
//   gives:     cells it leaves, (a·b).gives = b.gives + max(0, a.gives − b.needs).
//   max_depth: highest height reached: max of the entry height and every
//              token's result height. For an empty body: 0.
//   min_depth: lowest height reached: min of the entry height and every
//              token's trough. Because `needs` is exactly the deepest dip below
//              entry, this is 0 for every body (a body with needs = 0 touches
//              the entry height with its first token's trough at the latest).
//              It is kept as a column so callers that run a body with
//              declared inputs D ≥ needs can read the true floor as
//              D − needs + min_depth without special cases.
struct BodyEffectsOut {
  int32_t* needs = nullptr;
  int32_t* gives = nullptr;
  int32_t* max_depth = nullptr;
  int32_t* min_depth = nullptr;
};

// Composes every body with the best SIMD target the CPU supports (Highway
// dynamic dispatch). Results equal ComposeEffectsScalar exactly.
void ComposeEffects(const TokenEffectsCsr& in, const BodyEffectsOut& out);

// Scalar reference: one body at a time, token by token.
void ComposeEffectsScalar(const TokenEffectsCsr& in, const BodyEffectsOut& out);

// Name of the Highway target ComposeEffects dispatches to right now ("AVX2",
// "AVX3", ...). Tests use it to prove each compiled target really ran; benches
// print it next to their numbers.
const char* ComposeEffectsTargetName();

}  // namespace ffb
