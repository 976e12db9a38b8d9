#include "engine/core/edit_distance.h"

#include <catch2/catch.hpp>

using ffb::EditDistance;

TEST_CASE("edit distance: insert, delete, substitute and adjacent swap cost one each",
          "[edit_distance]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("dup", "dup") == 0);
  CHECK(EditDistance("", "swap") == 4);
  CHECK(EditDistance("swap", "") == 4);
  CHECK(EditDistance("dup", "drop") == 2);
  CHECK(EditDistance("swpa", "swap") == 1);  // a transposition is one edit
  CHECK(EditDistance("dpu", "dup") == 1);
  CHECK(EditDistance("dup", "dpu") == 1);
  CHECK(EditDistance("ab", "ba") == 1);
  CHECK(EditDistance("abcd", "badc") == 2);  // two separate swaps
  CHECK(EditDistance("ca", "abc") == 3);     // OSA: a swapped pair is not edited again
  CHECK(EditDistance("a", "b") == 1);
  CHECK(EditDistance("ovr", "over") == 1);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("sitting", "kitten") == 3);
}
