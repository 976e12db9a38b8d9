// SIMD stack-effect composition (see effect_compose.h). Lanes are bodies: each
// lane walks its own body four tokens at a time, fetching the four needs bytes
// and the four gives bytes with one 32-bit gather each. Bytes past a body's end
// are masked to the effect (0, 0), the monoid identity (it cannot lower the
// trough or raise the peak), so lanes that finished early need no per-token
// masking. A group of bodies runs to its longest member.
//
// Groups whose bodies are all at most 128 tokens (nearly all of them) keep
// their heights in int16 lanes, two bodies per 32-bit lane, which halves the
// arithmetic per body; longer bodies use int32 lanes. On AVX2 the gathers are
// about 40% of the time and the four ops per token (sub, min, add, max) most
// of the rest; bench/README.md has the figures and the variants tried.
//
// Why not a segmented prefix scan over the flat token array: it needs three
// segmented scans (height sum, trough min, height max) of log2(N) shuffle
// steps each plus cross-vector carries — more work per token than the scalar
// loop — whereas bodies of 2–20 tokens make the gather walk cheap.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "kernels/effect_compose.cpp"
#include "kernels/effect_compose.h"

#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

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

// Bodies up to this many tokens compose exactly in int16 lanes: heights stay
// within ±128 * 255 = ±32640.
constexpr int32_t kMaxTokensInt16 = 128;

void ComposeEffectsSimd(const TokenEffectsCsr& in, const BodyEffectsOut& out) {
  const hn::ScalableTag<int32_t> d;
  const hn::RebindToUnsigned<decltype(d)> du;
  const hn::Repartition<int16_t, decltype(d)> d16;
  const hn::RebindToUnsigned<decltype(d16)> du16;
  const hn::Repartition<uint8_t, decltype(d)> d8;
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
  // Byte-shuffle controls moving byte k of every 32-bit lane to the bottom
  // and zeroing the rest (0x80 selects zero); shuffles index within 16-byte
  // blocks, hence the lane-in-block offset 4 * (i % 4).
  const auto lane_in_block = hn::ShiftLeft<2>(hn::And(hn::Iota(d, 0), hn::Set(d, 3)));
  auto control = [&](int32_t k) {
    return hn::BitCast(d8,
                       hn::Add(hn::Set(d, static_cast<int32_t>(0x80808000u) + k), lane_in_block));
  };
  const auto byte0 = control(0), byte1 = control(1), byte2 = control(2), byte3 = control(3);
  const auto low_byte16 = hn::Set(d16, 0xFF);

  auto store = [&](size_t at, auto height, auto low, auto high) {
    const auto needs = hn::Neg(low);
    hn::StoreU(needs, d, out.needs + at);
    hn::StoreU(hn::Add(height, needs), d, out.gives + at);
    hn::StoreU(hn::Add(high, needs), d, out.max_depth + at);
    hn::StoreU(hn::Add(low, needs), d, out.min_depth + at);
  };

  // Calls `use(needs4, gives4)` with the four-token words of `lanes` bodies
  // at token t; bytes past each body's end are zeroed (the identity effect).
  auto fetch = [&](auto begin, auto len, int32_t t, auto use) {
    const auto offset = hn::Add(begin, hn::Set(d, t));
    const auto left = hn::Min(hn::Max(hn::Sub(len, hn::Set(d, t)), zero), four);
    const auto keep = KeepLowBytes(d, keep_bytes, left);
    use(hn::And(hn::GatherOffset(d, needs_base, offset), keep),
        hn::And(hn::GatherOffset(d, gives_base, offset), keep));
  };

  // `lanes` bodies in int32 lanes: any length.
  auto group32 = [&](size_t b, auto begin, auto len, int32_t max_len) {
    auto height = zero, low = zero, high = zero;
    auto token = [&](auto need4, auto give4, auto extract) {
      const auto n = hn::BitCast(d, hn::TableLookupBytesOr0(hn::BitCast(d8, need4), extract));
      const auto g = hn::BitCast(d, hn::TableLookupBytesOr0(hn::BitCast(d8, give4), extract));
      height = hn::Sub(height, n);
      low = hn::Min(low, height);
      height = hn::Add(height, g);
      high = hn::Max(high, height);
    };
    for (int32_t t = 0; t < max_len; t += 4) {
      fetch(begin, len, t, [&](auto need4, auto give4) {
        token(need4, give4, byte0);
        token(need4, give4, byte1);
        token(need4, give4, byte2);
        token(need4, give4, byte3);
      });
    }
    store(b, height, low, high);
  };

  // 2 * lanes bodies in int16 lanes, all at most kMaxTokensInt16 long: twice
  // the bodies per instruction. Body b + j lives in the low int16 of 32-bit
  // lane j, body b + lanes + j in the high one.
  auto group16 = [&](size_t b, auto begin_a, auto len_a, auto begin_b, auto len_b,
                     int32_t max_len) {
    auto height = hn::Zero(d16), low = hn::Zero(d16), high = hn::Zero(d16);
    auto token = [&](auto n, auto g) {
      height = hn::Sub(height, n);
      low = hn::Min(low, height);
      height = hn::Add(height, g);
      high = hn::Max(high, height);
    };
    // From words [a0 a1 a2 a3] (bodies A) and [b0 b1 b2 b3] (bodies B), make
    // int16 pairs [a0 a1 | b0 b1] and [a2 a3 | b2 b3]; token k is then one
    // mask or one shift away.
    auto tokens01 = [&](auto a, auto b4) {
      return hn::OddEven(hn::BitCast(d16, hn::ShiftLeft<16>(b4)), hn::BitCast(d16, a));
    };
    auto tokens23 = [&](auto a, auto b4) {
      return hn::OddEven(hn::BitCast(d16, b4),
                         hn::BitCast(d16, hn::ShiftRight<16>(hn::BitCast(du, a))));
    };
    auto even_byte = [&](auto v) { return hn::And(v, low_byte16); };
    auto odd_byte = [&](auto v) {
      return hn::BitCast(d16, hn::ShiftRight<8>(hn::BitCast(du16, v)));
    };
    for (int32_t t = 0; t < max_len; t += 4) {
      fetch(begin_a, len_a, t, [&](auto need_a, auto give_a) {
        fetch(begin_b, len_b, t, [&](auto need_b, auto give_b) {
          const auto n01 = tokens01(need_a, need_b), g01 = tokens01(give_a, give_b);
          const auto n23 = tokens23(need_a, need_b), g23 = tokens23(give_a, give_b);
          token(even_byte(n01), even_byte(g01));
          token(odd_byte(n01), odd_byte(g01));
          token(even_byte(n23), even_byte(g23));
          token(odd_byte(n23), odd_byte(g23));
        });
      });
    }
    // Sign-extend each half back to int32.
    auto half_a = [&](auto v) { return hn::ShiftRight<16>(hn::ShiftLeft<16>(hn::BitCast(d, v))); };
    auto half_b = [&](auto v) { return hn::ShiftRight<16>(hn::BitCast(d, v)); };
    store(b, half_a(height), half_a(low), half_a(high));
    store(b + lanes, half_b(height), half_b(low), half_b(high));
  };

  // Every lane reads whole 4-byte words, up to max_len rounded up past its
  // begin. Near the end of the token arrays that could run past them: those
  // bodies go to the scalar tail.
  auto reads_fit = [&](size_t last_body, int32_t max_len) {
    return in.body_begin[last_body] + ((max_len + 3) & ~3) <= token_end;
  };

  size_t b = 0;
  for (; b + 2 * lanes <= in.n_bodies; b += 2 * lanes) {
    const auto begin_a = hn::LoadU(d, in.body_begin + b);
    const auto len_a = hn::Sub(hn::LoadU(d, in.body_begin + b + 1), begin_a);
    const auto begin_b = hn::LoadU(d, in.body_begin + b + lanes);
    const auto len_b = hn::Sub(hn::LoadU(d, in.body_begin + b + lanes + 1), begin_b);
    const int32_t max_len = hn::GetLane(hn::MaxOfLanes(d, hn::Max(len_a, len_b)));
    if (!reads_fit(b + 2 * lanes - 1, max_len)) break;
    if (max_len <= kMaxTokensInt16) {
      group16(b, begin_a, len_a, begin_b, len_b, max_len);
    } else {
      group32(b, begin_a, len_a, hn::GetLane(hn::MaxOfLanes(d, len_a)));
      group32(b + lanes, begin_b, len_b, hn::GetLane(hn::MaxOfLanes(d, len_b)));
    }
  }
  for (; b + lanes <= in.n_bodies; b += lanes) {
    const auto begin = hn::LoadU(d, in.body_begin + b);
    const auto len = hn::Sub(hn::LoadU(d, in.body_begin + b + 1), begin);
    const int32_t max_len = hn::GetLane(hn::MaxOfLanes(d, len));
    if (!reads_fit(b + lanes - 1, max_len)) break;
    group32(b, begin, len, max_len);
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
