// Per-chunk string arena: every string of a chunk's spec table lives in one
// growing byte buffer and is referenced by (offset, length), so a chunk holds
// no per-spec heap objects and is freed in one go.
//
//   Arena a; StrRef r = a.Add("dup *"); std::string_view v = a.View(r);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ffb {

struct StrRef {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool empty() const { return length == 0; }
};

class Arena {
 public:
  StrRef Add(std::string_view s) {
    StrRef r{static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(s.size())};
    bytes_.append(s);
    return r;
  }
  std::string_view View(StrRef r) const { return {bytes_.data() + r.offset, r.length}; }
  size_t size_bytes() const { return bytes_.size(); }
  void Clear() { bytes_.clear(); }
  void Reserve(size_t bytes) { bytes_.reserve(bytes); }

 private:
  std::string bytes_;
};

}  // namespace ffb
