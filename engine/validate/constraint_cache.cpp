#include "engine/validate/constraint_cache.h"

#include <cstdint>
#include <cstring>

namespace ffb {

namespace {

// Length-prefixed, so no choice of bytes in a text or name can make two
// different (text, names) pairs produce the same key.
void AppendPart(std::string& key, std::string_view part) {
  auto size = static_cast<uint32_t>(part.size());
  char bytes[sizeof size];
  std::memcpy(bytes, &size, sizeof size);
  key.append(bytes, sizeof size);
  key.append(part);
}

}  // namespace

ConstraintError ConstraintCache::Compile(std::string_view text,
                                         std::span<const std::string_view> inputs,
                                         std::vector<ConstraintOp>& out) {
  // The program depends on the text and on which slot each name is.
  key_.clear();
  AppendPart(key_, text);
  for (std::string_view name : inputs) AppendPart(key_, name);
  if (auto it = programs_.find(key_); it != programs_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
    return {};
  }
  size_t before = out.size();
  ConstraintError err = CompileConstraint(text, inputs, out);
  if (err.code != Code::kNone) return err;
  if (programs_.size() >= kMaxPrograms) programs_.clear();
  programs_.emplace(key_, std::vector<ConstraintOp>(out.begin() + before, out.end()));
  return err;
}

}  // namespace ffb
