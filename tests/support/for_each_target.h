// Runs a test body once per Highway target that the kernels were compiled for
// and this CPU supports, by pinning dynamic dispatch to that one target.
//
//   ffb::testing::ForEachTarget([&](const char* target) { ... kernel calls ... });
#pragma once

#include <hwy/targets.h>

#include <cstdint>

namespace ffb::testing {

// Restores normal dispatch even when a REQUIRE throws out of the loop.
struct TargetPin {
  explicit TargetPin(int64_t target) { hwy::SetSupportedTargetsForTest(target); }
  ~TargetPin() { hwy::SetSupportedTargetsForTest(0); }
  TargetPin(const TargetPin&) = delete;
  TargetPin& operator=(const TargetPin&) = delete;
};

template <class Body>
void ForEachTarget(Body&& body) {
  // The kernel translation units and this one see the same HWY_TARGETS (same
  // compile flags), so this is exactly the set of compiled-and-runnable targets.
  for (int64_t target : hwy::SupportedAndGeneratedTargets()) {
    TargetPin pin(target);
    body(hwy::TargetName(target));
  }
}

}  // namespace ffb::testing
