#include "engine/core/arena.h"

#include <sys/mman.h>

#include <cstring>
#include <new>
#include <stdexcept>

namespace ffb {

Arena::Arena() {
  // MAP_NORESERVE: only the pages actually written count against memory.
  void* p = ::mmap(nullptr, kCapacity, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  base_ = static_cast<char*>(p);
}

Arena::Arena(const Arena& other) : Arena() { *this = other; }

Arena& Arena::operator=(const Arena& other) {
  if (this != &other) {
    Clear();
    if (other.size_ > 0) std::memcpy(base_, other.base_, other.size_);
    size_ = other.size_;
    if (size_ > high_) high_ = size_;
  }
  return *this;
}

Arena::~Arena() { ::munmap(base_, kCapacity); }

StrRef Arena::Add(std::string_view s) {
  if (s.size() > kCapacity - size_) throw std::length_error("chunk string arena is full (2 GiB)");
  StrRef r{static_cast<uint32_t>(size_), static_cast<uint32_t>(s.size())};
  // memmove: `s` may itself be a view into this arena (it cannot overlap the
  // free space, but memmove costs nothing extra and says so).
  if (!s.empty()) std::memmove(base_ + size_, s.data(), s.size());
  size_ += s.size();
  if (size_ > high_) high_ = size_;
  return r;
}

void Arena::Clear() {
  if (high_ > kKeptBytes) {
    ::madvise(base_ + kKeptBytes, high_ - kKeptBytes, MADV_DONTNEED);
    high_ = kKeptBytes;
  }
  size_ = 0;
}

}  // namespace ffb
