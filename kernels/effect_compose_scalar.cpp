// Scalar reference for ComposeEffects: the definition the SIMD kernel is
// tested against, written for obviousness rather than speed.
#include <algorithm>

#include "kernels/effect_compose.h"

namespace ffb {

void ComposeEffectsScalar(const TokenEffectsCsr& in, const BodyEffectsOut& out) {
  for (size_t b = 0; b < in.n_bodies; ++b) {
    // Heights relative to entry without inputs: `low` is the deepest trough
    // (≤ 0, its negation is the inputs needed), `high` the highest result.
    int32_t height = 0;
    int32_t low = 0;
    int32_t high = 0;
    for (int32_t t = in.body_begin[b]; t < in.body_begin[b + 1]; ++t) {
      height -= in.needs[t];
      low = std::min(low, height);
      height += in.gives[t];
      high = std::max(high, height);
    }
    const int32_t needs = -low;
    out.needs[b] = needs;
    out.gives[b] = height + needs;
    out.max_depth[b] = high + needs;
    out.min_depth[b] = low + needs;
  }
}

}  // namespace ffb
