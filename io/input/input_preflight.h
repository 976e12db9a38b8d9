// Before a run creates anything: every named input must open and must not
// be a directory, so a run that cannot start leaves no output directory
// behind (exit 66, nothing created). Also sums the inputs' sizes for the
// progress percentage; stdin and pipes have no size known in advance.
//
//   InputSize size = CheckInputs({"a.jsonl", "-"});  // throws RunError(kNoInput)
//   if (size.known) ...size.bytes...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ffb {

struct InputSize {
  uint64_t bytes = 0;  // sum over the regular files
  bool known = true;   // false when any input is stdin, a pipe or a device
};

InputSize CheckInputs(const std::vector<std::string>& inputs);

}  // namespace ffb
