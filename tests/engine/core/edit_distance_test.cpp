#include "engine/core/edit_distance.h"

#include <catch2/catch.hpp>

using ffb::EditDistance;

TEST_CASE("edit distance: insert, delete and substitute cost one each", "[edit_distance]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("dup", "dup") == 0);
  CHECK(EditDistance("", "swap") == 4);
  CHECK(EditDistance("swap", "") == 4);
  CHECK(EditDistance("dup", "drop") == 2);
  CHECK(EditDistance("swpa", "swap") == 2);  // a transposition is two edits
  CHECK(EditDistance("ovr", "over") == 1);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("sitting", "kitten") == 3);
}
