// Optimal-string-alignment (restricted Damerau-Levenshtein) distance: insert,
// delete, substitute and swapping two adjacent characters each cost 1, so the
// commonest typo, a transposition (`dpu` for `dup`), is one edit. For the
// "did you mean" suggestions of E1000 (undefined word), unknown pattern ids
// and unknown verbs. Suggestion paths only: it allocates three rows per call.
//
//   EditDistance("swpa", "swap") == 1
//   EditDistance("ca", "abc") == 3  (no substring is edited twice)
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace ffb {

inline size_t EditDistance(std::string_view a, std::string_view b) {
  // cur[j] is the distance between a[0, i) and b[0, j); prev and prev2 hold
  // rows i - 1 and i - 2 (the transposition looks two rows back).
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) cur[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    prev2.swap(prev);
    prev.swap(cur);
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
  }
  return cur[b.size()];
}

}  // namespace ffb
