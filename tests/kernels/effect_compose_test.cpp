#include "kernels/effect_compose.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "tests/support/for_each_target.h"

namespace {

struct Corpus {
  std::vector<int32_t> body_begin{0};
  std::vector<uint8_t> needs;
  std::vector<uint8_t> gives;
  size_t Bodies() const { return body_begin.size() - 1; }
  void Add(std::initializer_list<std::pair<int, int>> tokens) {
    for (auto [n, g] : tokens) {
      needs.push_back(static_cast<uint8_t>(n));
      gives.push_back(static_cast<uint8_t>(g));
    }
    body_begin.push_back(static_cast<int32_t>(needs.size()));
  }
};

struct Effects {
  std::vector<int32_t> needs, gives, max_depth, min_depth;
  explicit Effects(size_t n, int32_t fill = -12345)
      : needs(n, fill), gives(n, fill), max_depth(n, fill), min_depth(n, fill) {}
  ffb::BodyEffectsOut Out(size_t at = 0) {
    return {needs.data() + at, gives.data() + at, max_depth.data() + at, min_depth.data() + at};
  }
};

// Mix of what real bodies look like (builtins 0..6, ragged 2..20) and what
// stresses the kernel: empty bodies, long bodies, calls with large effects, the
// byte-range extremes.
Corpus RandomCorpus(size_t n_bodies, uint32_t seed) {
  std::mt19937 rng(seed);
  Corpus c;
  for (size_t b = 0; b < n_bodies; ++b) {
    const uint32_t kind = rng() % 100;
    size_t len = 2 + rng() % 19;
    if (kind < 8)
      len = 0;
    else if (kind < 12)
      len = 1;
    else if (kind < 15)
      len = 21 + rng() % 200;
    for (size_t t = 0; t < len; ++t) {
      const uint32_t v = rng() % 100;
      int n = static_cast<int>(rng() % 7), g = static_cast<int>(rng() % 7);
      if (v < 5) {
        n = static_cast<int>(rng() % 65);
        g = static_cast<int>(rng() % 65);
      } else if (v < 7) {
        n = (rng() & 1) ? 255 : 0;
        g = (rng() & 1) ? 255 : 0;
      }
      c.needs.push_back(static_cast<uint8_t>(n));
      c.gives.push_back(static_cast<uint8_t>(g));
    }
    c.body_begin.push_back(static_cast<int32_t>(c.needs.size()));
  }
  return c;
}

void RequireSame(Effects& want, Effects& got, size_t n, const std::string& what) {
  INFO(what);
  for (size_t b = 0; b < n; ++b) {
    INFO("body " << b);
    REQUIRE(got.needs[b] == want.needs[b]);
    REQUIRE(got.gives[b] == want.gives[b]);
    REQUIRE(got.max_depth[b] == want.max_depth[b]);
    REQUIRE(got.min_depth[b] == want.min_depth[b]);
  }
}

}  // namespace

TEST_CASE("scalar effect composition: hand-checked bodies", "[kernels]") {
  Corpus c;
  c.Add({});                                // empty
  c.Add({{2, 1}});                          // +
  c.Add({{1, 2}, {2, 1}});                  // dup *
  c.Add({{0, 1}, {0, 1}, {2, 1}});          // 1 2 +
  c.Add({{3, 0}});                          // three drops' worth
  c.Add({{2, 2}, {1, 0}});                  // swap drop
  c.Add({{0, 64}, {64, 0}});                // call pushing 64, call eating 64
  c.Add({{2, 3}, {3, 3}, {3, 0}, {0, 1}});  // over rot 3drop 1
  Effects e(c.Bodies());
  ffb::ComposeEffectsScalar({c.body_begin.data(), c.Bodies(), c.needs.data(), c.gives.data()},
                            e.Out());
  CHECK(e.needs == std::vector<int32_t>{0, 2, 1, 0, 3, 2, 0, 2});
  CHECK(e.gives == std::vector<int32_t>{0, 1, 1, 1, 0, 1, 0, 1});
  CHECK(e.max_depth == std::vector<int32_t>{0, 2, 2, 2, 3, 2, 64, 3});
  CHECK(e.min_depth == std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("scalar effect composition agrees with the monoid fold", "[kernels]") {
  const Corpus c = RandomCorpus(3000, 7);
  Effects e(c.Bodies());
  ffb::ComposeEffectsScalar({c.body_begin.data(), c.Bodies(), c.needs.data(), c.gives.data()},
                            e.Out());
  for (size_t b = 0; b < c.Bodies(); ++b) {
    int64_t needs = 0, gives = 0;
    for (int32_t t = c.body_begin[b]; t < c.body_begin[b + 1]; ++t) {
      const int64_t bn = c.needs[t], bg = c.gives[t];
      const int64_t n2 = needs + std::max<int64_t>(0, bn - gives);
      const int64_t g2 = bg + std::max<int64_t>(0, gives - bn);
      needs = n2;
      gives = g2;
    }
    INFO("body " << b);
    REQUIRE(e.needs[b] == needs);
    REQUIRE(e.gives[b] == gives);
    REQUIRE(e.min_depth[b] == 0);
    REQUIRE(e.max_depth[b] >= std::max(e.needs[b], e.gives[b]));
  }
}

TEST_CASE("SIMD effect composition equals scalar on every target", "[kernels]") {
  const std::vector<size_t> sizes = {0,  1,  2,  3,  4,  5,  7,  8,  9,    15,
                                     16, 17, 31, 32, 33, 63, 64, 65, 1000, 20011};
  const Corpus c = RandomCorpus(20011 + 64, 42);
  int targets_run = 0;
  ffb::testing::ForEachTarget([&](const char* target) {
    ++targets_run;
    REQUIRE(std::string(ffb::ComposeEffectsTargetName()) == target);
    for (size_t n : sizes) {
      // Start at bodies 0 and 3 (unaligned begin pointer and token base) and
      // write to unaligned outputs.
      for (size_t first : {size_t{0}, size_t{3}}) {
        const ffb::TokenEffectsCsr in{c.body_begin.data() + first, n, c.needs.data(),
                                      c.gives.data()};
        Effects want(n + 1), got(n + 1);
        ffb::ComposeEffectsScalar(in, want.Out(1));
        ffb::ComposeEffects(in, got.Out(1));
        RequireSame(
            want, got, n + 1,
            std::string(target) + " n=" + std::to_string(n) + " first=" + std::to_string(first));
      }
    }
  });
  CHECK(targets_run >= 1);
}

TEST_CASE("SIMD effect composition: uniform lengths and all-empty groups", "[kernels]") {
  for (size_t len : {size_t{0}, size_t{1}, size_t{3}, size_t{4}, size_t{5}, size_t{64}}) {
    Corpus c;
    std::mt19937 rng(static_cast<uint32_t>(len));
    for (size_t b = 0; b < 100; ++b) {
      for (size_t t = 0; t < len; ++t) {
        c.needs.push_back(static_cast<uint8_t>(rng() % 256));
        c.gives.push_back(static_cast<uint8_t>(rng() % 256));
      }
      c.body_begin.push_back(static_cast<int32_t>(c.needs.size()));
    }
    const ffb::TokenEffectsCsr in{c.body_begin.data(), c.Bodies(), c.needs.data(), c.gives.data()};
    Effects want(c.Bodies());
    ffb::ComposeEffectsScalar(in, want.Out());
    ffb::testing::ForEachTarget([&](const char* target) {
      Effects got(c.Bodies());
      ffb::ComposeEffects(in, got.Out());
      RequireSame(want, got, c.Bodies(), std::string(target) + " len=" + std::to_string(len));
    });
  }
}

TEST_CASE("SIMD effect composition: extreme heights around the int16 fast path", "[kernels]") {
  // 128 tokens of 255 reach ±32640, the int16 path's limit; 129 must not wrap.
  for (size_t len : {size_t{127}, size_t{128}, size_t{129}, size_t{300}}) {
    for (int pattern = 0; pattern < 3; ++pattern) {
      Corpus c;
      for (size_t b = 0; b < 70; ++b) {
        const size_t body_len = (b % 5 == 0) ? len : len - b % 3;
        for (size_t t = 0; t < body_len; ++t) {
          const bool pop = pattern == 0 || (pattern == 2 && t < body_len / 2);
          c.needs.push_back(pop ? 255 : 0);
          c.gives.push_back(pop ? 0 : 255);
        }
        c.body_begin.push_back(static_cast<int32_t>(c.needs.size()));
      }
      const ffb::TokenEffectsCsr in{c.body_begin.data(), c.Bodies(), c.needs.data(),
                                    c.gives.data()};
      Effects want(c.Bodies());
      ffb::ComposeEffectsScalar(in, want.Out());
      if (pattern == 0 && len == 128) REQUIRE(want.needs[0] == 32640);
      ffb::testing::ForEachTarget([&](const char* target) {
        Effects got(c.Bodies());
        ffb::ComposeEffects(in, got.Out());
        RequireSame(want, got, c.Bodies(),
                    std::string(target) + " len=" + std::to_string(len) +
                        " pattern=" + std::to_string(pattern));
      });
    }
  }
}

TEST_CASE("SIMD effect composition never reads past the token arrays", "[kernels]") {
  // Token arrays end exactly at a PROT_NONE page: any over-read faults.
  const Corpus c = RandomCorpus(5000, 99);
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t bytes = c.needs.size();
  const size_t span = (bytes + page - 1) / page * page + page;
  auto guarded = [&](const std::vector<uint8_t>& src) {
    auto* base = static_cast<uint8_t*>(
        mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    REQUIRE(base != MAP_FAILED);
    REQUIRE(mprotect(base + span - page, page, PROT_NONE) == 0);
    uint8_t* at = base + span - page - bytes;
    std::memcpy(at, src.data(), bytes);
    return std::pair<uint8_t*, uint8_t*>(base, at);
  };
  auto [needs_map, needs] = guarded(c.needs);
  auto [gives_map, gives] = guarded(c.gives);
  const ffb::TokenEffectsCsr in{c.body_begin.data(), c.Bodies(), needs, gives};
  Effects want(c.Bodies());
  ffb::ComposeEffectsScalar(in, want.Out());
  ffb::testing::ForEachTarget([&](const char* target) {
    Effects got(c.Bodies());
    ffb::ComposeEffects(in, got.Out());
    RequireSame(want, got, c.Bodies(), target);
  });
  munmap(needs_map, span);
  munmap(gives_map, span);
}

TEST_CASE("unpinned dispatch uses the best compiled target and matches scalar", "[kernels]") {
  const auto targets = hwy::SupportedAndGeneratedTargets();
  REQUIRE(!targets.empty());
  // Targets are listed best first (lowest bit); pins from other tests are undone.
  CHECK(std::string(ffb::ComposeEffectsTargetName()) == hwy::TargetName(targets.front()));
  const Corpus c = RandomCorpus(777, 5);
  const ffb::TokenEffectsCsr in{c.body_begin.data(), c.Bodies(), c.needs.data(), c.gives.data()};
  Effects want(c.Bodies()), got(c.Bodies());
  ffb::ComposeEffectsScalar(in, want.Out());
  ffb::ComposeEffects(in, got.Out());
  RequireSame(want, got, c.Bodies(), "unpinned");
}
