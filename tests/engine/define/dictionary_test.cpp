#include "engine/define/dictionary.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>

TEST_CASE("dictionary: case-insensitive, ids in order, earlier-only visibility", "[dictionary]") {
  ffb::Dictionary d;
  ffb::WordEntry e;
  e.line = 1;
  CHECK(d.Add("Square", e) == nullptr);
  e.line = 2;
  CHECK(d.Add("cube", e) == nullptr);
  e.line = 3;
  const ffb::WordEntry* earlier = d.Add("SQUARE", e);
  REQUIRE(earlier != nullptr);
  CHECK(earlier->line == 1);
  CHECK(earlier->id == 0);
  CHECK(d.size() == 2);
  REQUIRE(d.Find("sQuArE") != nullptr);
  CHECK(d.Find("square")->name == "square");
  CHECK(d.Find("cube")->id == 1);
  CHECK(d.Find("cube", 1) == nullptr);  // a row with id 1 cannot see itself
  CHECK(d.Find("square", 1) != nullptr);
  CHECK(d.Find("nothing") == nullptr);
}

TEST_CASE("dictionary: grows past many tables while readers look up", "[dictionary]") {
  ffb::Dictionary d;
  constexpr uint32_t kWords = 200000;
  std::atomic<bool> done{false};
  std::atomic<uint64_t> misses{0};
  std::thread reader([&] {
    while (!done.load()) {
      uint32_t n = d.size();
      if (n == 0) continue;
      // Every published id must be findable by name at any moment.
      uint32_t id = n - 1;
      if (d.Find("w-" + std::to_string(id)) == nullptr) misses++;
    }
  });
  for (uint32_t i = 0; i < kWords; ++i) {
    ffb::WordEntry e;
    e.line = i + 1;
    REQUIRE(d.Add("W-" + std::to_string(i), e) == nullptr);
  }
  done = true;
  reader.join();
  CHECK(misses.load() == 0);
  CHECK(d.size() == kWords);
  for (uint32_t i = 0; i < kWords; i += 997) {
    const ffb::WordEntry* e = d.Find("w-" + std::to_string(i));
    REQUIRE(e != nullptr);
    CHECK(e->id == i);
    CHECK(e->line == i + 1);
  }
}
