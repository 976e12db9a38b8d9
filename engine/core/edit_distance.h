// Levenshtein distance (insert, delete, substitute, each costing 1), for the
// "did you mean" suggestions of E1000 (undefined word) and of unknown pattern
// ids. Suggestion paths only: it allocates one row per call.
//
//   EditDistance("swpa", "swap") == 2
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace ffb {

inline size_t EditDistance(std::string_view a, std::string_view b) {
  // row[j] is the distance between a[0, i) and b[0, j); `diag` keeps the
  // previous row's row[j - 1] as it is overwritten.
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace ffb
