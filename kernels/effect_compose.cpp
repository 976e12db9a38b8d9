// SIMD stack-effect composition (see effect_compose.h). Lanes are bodies: each
// lane walks its own body four tokens at a time, fetching the four needs bytes
// and the four gives bytes with one 32-bit gather each, so a vector of N lanes
// composes N bodies per step. Bytes past a body's end are masked to the effect
// (0, 0), which is the monoid identity (it cannot lower the trough or raise the
// peak), so lanes that finished early need no per-token masking.
//
// Why not a segmented prefix scan over the flat token array: it needs three
// segmented scans (height sum, trough min, height max) of log2(N) shuffle
// steps each plus cross-vector carries — more work per token than the scalar
// loop — whereas bodies of 2–20 tokens make the gather walk cheap.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/effect_compose.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "kernels/effect_compose.h"

HWY_BEFORE_NAMESPACE();
namespace ffb {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Mask keeping the low `left` bytes (0..4) of each 32-bit lane.
template <class D, class V>
HWY_INLINE V KeepLowBytes(D d, V keep_table, V left) {
  if constexpr (hn::MaxLanes(D()) >= 8) {
    // One permute: keep_table lanes 0..4 hold the five possible masks.
    return hn::TableLookupLanes(keep_table, hn::IndicesFromVec(d, left));
  } else {
    // 128-bit vectors cannot index lane 4: compare byte positions instead.
    const hn::Repartition<int8_t, D> d8;
    const auto position = hn::BitCast(d8, hn::Set(d, 0x03020100));
    const auto left8 = hn::BitCast(d8, hn::Mul(left, hn::Set(d, 0x01010101)));
    return hn::BitCast(d, hn::VecFromMask(d8, hn::Lt(position, left8)));
  }
}

void ComposeEffectsSimd(const TokenEffectsCsr& in, const BodyEffectsOut& out) {
  const hn::ScalableTag<int32_t> d;
  const size_t lanes = hn::Lanes(d);
  if (in.n_bodies == 0) return;
  const int32_t token_end = in.body_begin[in.n_bodies];
  // Gathers take int32 lanes at byte offsets; the bytes are only reinterpreted
  // by the gather instruction, never dereferenced as int32_t in C++.
  const int32_t* needs_base = reinterpret_cast<const int32_t*>(in.needs);
  const int32_t* gives_base = reinterpret_cast<const int32_t*>(in.gives);

  // keep_bytes[c] keeps the low c bytes of a 32-bit word, c in 0..4.
  HWY_ALIGN int32_t keep_table[hn::MaxLanes(d) < 8 ? 8 : hn::MaxLanes(d)] = {
      0, 0xFF, 0xFFFF, 0xFFFFFF, -1, -1, -1, -1};
  const auto keep_bytes = hn::Load(d, keep_table);
  const auto zero = hn::Zero(d);
  const auto four = hn::Set(d, 4);
  const auto byte_mask = hn::Set(d, 0xFF);

  size_t b = 0;
  for (; b + lanes <= in.n_bodies; b += lanes) {
    const auto begin = hn::LoadU(d, in.body_begin + b);
    const auto len = hn::Sub(hn::LoadU(d, in.body_begin + b + 1), begin);
    const int32_t max_len = hn::GetLane(hn::MaxOfLanes(d, len));
    const int32_t steps_bytes = (max_len + 3) & ~3;
    // Every lane reads bytes [begin, begin + steps_bytes). Near the end of the
    // token arrays that could run past them: leave those bodies to the tail.
    if (in.body_begin[b + lanes - 1] + steps_bytes > token_end) break;

    auto height = zero;
    auto low = zero;
    auto high = zero;
    for (int32_t t = 0; t < max_len; t += 4) {
      const auto offset = hn::Add(begin, hn::Set(d, t));
      const auto left = hn::Min(hn::Max(hn::Sub(len, hn::Set(d, t)), zero), four);
      const auto keep = KeepLowBytes(d, keep_bytes, left);
      const auto need4 = hn::And(hn::GatherOffset(d, needs_base, offset), keep);
      const auto give4 = hn::And(hn::GatherOffset(d, gives_base, offset), keep);
      // Little-endian: token t + k sits in byte k. Logical shifts via uint32
      // so the top byte needs no mask.
      const hn::RebindToUnsigned<decltype(d)> du;
      const auto n_u = hn::BitCast(du, need4);
      const auto g_u = hn::BitCast(du, give4);
      auto step = [&](auto n, auto g) {
        height = hn::Sub(height, hn::BitCast(d, n));
        low = hn::Min(low, height);
        height = hn::Add(height, hn::BitCast(d, g));
        high = hn::Max(high, height);
      };
      const auto mask_u = hn::BitCast(du, byte_mask);
      step(hn::And(n_u, mask_u), hn::And(g_u, mask_u));
      step(hn::And(hn::ShiftRight<8>(n_u), mask_u), hn::And(hn::ShiftRight<8>(g_u), mask_u));
      step(hn::And(hn::ShiftRight<16>(n_u), mask_u), hn::And(hn::ShiftRight<16>(g_u), mask_u));
      step(hn::ShiftRight<24>(n_u), hn::ShiftRight<24>(g_u));
    }
    const auto needs = hn::Neg(low);
    hn::StoreU(needs, d, out.needs + b);
    hn::StoreU(hn::Add(height, needs), d, out.gives + b);
    hn::StoreU(hn::Add(high, needs), d, out.max_depth + b);
    hn::StoreU(hn::Add(low, needs), d, out.min_depth + b);
  }

  if (b < in.n_bodies) {
    const TokenEffectsCsr tail_in{in.body_begin + b, in.n_bodies - b, in.needs, in.gives};
    const BodyEffectsOut tail_out{out.needs + b, out.gives + b, out.max_depth + b,
                                  out.min_depth + b};
    ComposeEffectsScalar(tail_in, tail_out);
  }
}

const char* ComposeEffectsTarget() { return hwy::TargetName(HWY_TARGET); }

// NOLINTNEXTLINE(google-readability-namespace-comments)
}  // namespace HWY_NAMESPACE
}  // namespace ffb
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace ffb {

HWY_EXPORT(ComposeEffectsSimd);
HWY_EXPORT(ComposeEffectsTarget);

void ComposeEffects(const TokenEffectsCsr& in, const BodyEffectsOut& out) {
  HWY_DYNAMIC_DISPATCH(ComposeEffectsSimd)(in, out);
}

const char* ComposeEffectsTargetName() { return HWY_DYNAMIC_DISPATCH(ComposeEffectsTarget)(); }

}  // namespace ffb
#endif  // HWY_ONCE
