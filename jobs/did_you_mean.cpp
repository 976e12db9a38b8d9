#include "jobs/did_you_mean.h"

#include "engine/core/edit_distance.h"

namespace ffb {

std::string ClosestName(const std::string& word, const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;  // more than 2 edits is not a typo
  for (const std::string& k : known) {
    size_t d = EditDistance(word, k);
    if (d < best_distance && 2 * d < word.size()) {
      best_distance = d;
      best = k;
    }
  }
  return best;
}

}  // namespace ffb
