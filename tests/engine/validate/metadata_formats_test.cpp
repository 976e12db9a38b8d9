#include "engine/validate/metadata_formats.h"

#include <catch2/catch.hpp>

#include "engine/forth/builtins.h"

TEST_CASE("semver", "[formats]") {
  for (const char* ok : {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1",
                         "1.0.0-0.3.7", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85"}) {
    INFO(ok);
    CHECK_FALSE(ffb::CheckSemver(ok).has_value());
  }
  CHECK(ffb::CheckSemver("1.0") == 3u);
  CHECK(ffb::CheckSemver("01.0.0") == 0u);
  CHECK(ffb::CheckSemver("1.0.0-") == 6u);
  CHECK(ffb::CheckSemver("1.0.0-01") == 6u);
  CHECK(ffb::CheckSemver("v1.0.0") == 0u);
  CHECK(ffb::CheckSemver("1.0.0 ") == 5u);
}

TEST_CASE("RFC 3339 timestamps", "[formats]") {
  for (const char* ok :
       {"2026-11-29T02:28:00Z", "2026-11-29t02:28:00z", "2024-02-29T00:00:00Z",
        "2026-11-29T02:28:00.123456+05:30", "2026-11-29T02:28:00-08:00", "2016-12-31T23:59:60Z"}) {
    INFO(ok);
    CHECK_FALSE(ffb::CheckRfc3339(ok).has_value());
  }
  CHECK(ffb::CheckRfc3339("2026-02-29T00:00:00Z") == 8u);  // not a leap year
  CHECK(ffb::CheckRfc3339("2026-13-01T00:00:00Z") == 5u);
  CHECK(ffb::CheckRfc3339("2026-11-29") == 10u);
  CHECK(ffb::CheckRfc3339("2026-11-29 02:28:00Z") == 10u);
  CHECK(ffb::CheckRfc3339("2026-11-29T24:00:00Z") == 11u);
  CHECK(ffb::CheckRfc3339("2026-11-29T02:28:00") == 19u);
  CHECK(ffb::CheckRfc3339("2026-11-29T02:28:00+0100") == 22u);
}

TEST_CASE("reserved words are case-insensitive and cover the dialect", "[formats]") {
  for (const char* w : {"dup", "DUP", "Swap", "+loop", "?dup", "recurse", "within", "2over",
                        "*/mod", "u<", "execute", "depth"}) {
    INFO(w);
    CHECK(ffb::IsReservedWord(w));
  }
  for (const char* w : {"square", "dupe", "my-word", "2dup2", "fib"}) {
    INFO(w);
    CHECK_FALSE(ffb::IsReservedWord(w));
  }
}
