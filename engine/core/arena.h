// Per-chunk string arena: every string of a chunk's spec table lives in one
// byte buffer and is referenced by (offset, length), so a chunk holds no
// per-spec heap objects and is freed in one go.
//
//   Arena a; StrRef r = a.Add("dup *"); std::string_view v = a.View(r);
//
// The buffer never moves: its address range is reserved once (virtual
// memory, committed by the kernel page by page as it is written), so a view
// stays valid across later appends until Clear(). Code may therefore append
// a string that points into the arena, or hold a View() while adding more.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ffb {

struct StrRef {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool empty() const { return length == 0; }
};

class Arena {
 public:
  // Offsets must stay below 2^31 (the chunk marks in-line references with
  // the top bit), so that is the most an arena can hold.
  static constexpr size_t kCapacity = size_t{1} << 31;
  static constexpr size_t kKeptBytes = size_t{16} << 20;

  Arena();
  ~Arena();
  Arena(const Arena& other);  // copies the bytes; views into `other` stay views into `other`
  Arena& operator=(const Arena& other);

  // Throws std::length_error when the arena would exceed kCapacity.
  StrRef Add(std::string_view s);
  std::string_view View(StrRef r) const { return {base_ + r.offset, r.length}; }
  size_t size_bytes() const { return size_; }
  // Empties the arena; pages beyond the first kKeptBytes go back to the kernel.
  void Clear();
  void Reserve(size_t) {}  // address space is reserved up front

 private:
  char* base_ = nullptr;
  size_t size_ = 0;
  size_t high_ = 0;  // most bytes ever written since the last release
};

}  // namespace ffb
