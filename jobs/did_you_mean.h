// "Did you mean" for the command line: the closest of `known` to `word` by
// edit distance (engine/core/edit_distance.h), when it is close enough to be
// a typo (at most 2 edits, and fewer than half the word), else empty.
//
//   ClosestName("--max-bad-record", {"--max-bad-records", "--threads"})
//       == "--max-bad-records"
#pragma once

#include <string>
#include <vector>

namespace ffb {

std::string ClosestName(const std::string& word, const std::vector<std::string>& known);

}  // namespace ffb
