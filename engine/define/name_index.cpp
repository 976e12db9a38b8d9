#include "engine/define/name_index.h"

#include <algorithm>

#include "engine/core/ascii.h"
#include "engine/core/hash.h"

namespace ffb {

namespace {

uint64_t NameHash(std::string_view name) {
  char buf[256];
  size_t n = std::min(name.size(), sizeof buf);
  for (size_t i = 0; i < n; ++i) buf[i] = AsciiLower(name[i]);
  return HashBytes(std::string_view(buf, n));
}

}  // namespace

NameIndex::NameIndex(std::vector<std::string> input_names, Scan scan)
    : input_names_(std::move(input_names)), scan_(std::move(scan)) {}

void NameIndex::Add(std::string_view name, uint32_t input_index, uint64_t line) {
  entries_.push_back({NameHash(name), {input_index, line}});
}

std::optional<NamedLine> NameIndex::First(std::string_view name) const {
  std::call_once(once_, [this] {
    if (scan_) scan_(const_cast<NameIndex&>(*this));
    // Added in input order: a stable sort keeps each name's first line first.
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const Entry& a, const Entry& b) { return a.hash == b.hash; }),
                   entries_.end());
    entries_.shrink_to_fit();
  });
  const uint64_t h = NameHash(name);
  auto it = std::lower_bound(entries_.begin(), entries_.end(), h,
                             [](const Entry& e, uint64_t v) { return e.hash < v; });
  if (it == entries_.end() || it->hash != h) return std::nullopt;
  return it->where;
}

}  // namespace ffb
