// Memoizes CompileConstraint: corpora repeat a few constraint texts over the
// same input names (a 20k-line sample of the generated corpus has 73 distinct
// ones among 16k), and compiling each one again was a measurable share of
// validation. One cache per thread; it holds successful programs only, so
// errors always come from the compiler itself.
//
//   thread_local ConstraintCache cache;
//   ConstraintError err = cache.Compile("n >= 0", names, ops);
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/validate/constraint_compiler.h"

namespace ffb {

class ConstraintCache {
 public:
  // Same contract and results as CompileConstraint.
  ConstraintError Compile(std::string_view text, std::span<const std::string_view> inputs,
                          std::vector<ConstraintOp>& out);

 private:
  // Bounds memory on inputs with endless distinct constraints.
  static constexpr size_t kMaxPrograms = 4096;
  std::string key_;  // reused, so a lookup allocates nothing
  std::unordered_map<std::string, std::vector<ConstraintOp>> programs_;
};

}  // namespace ffb
