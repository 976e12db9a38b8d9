#include "engine/define/dictionary.h"

#include <cstring>

#include "engine/core/hash.h"
#include "engine/core/run_error.h"

namespace ffb {

namespace {

// Names are at most 64 bytes (validated); lowering into a stack buffer
// avoids an allocation per lookup.
constexpr size_t kMaxName = 256;

std::string_view Lower(std::string_view name, char* buf) {
  size_t n = std::min(name.size(), kMaxName);
  for (size_t i = 0; i < n; ++i) buf[i] = AsciiLower(name[i]);
  return {buf, n};
}

uint32_t Tag(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }

}  // namespace

Dictionary::Dictionary() : blocks_(std::make_unique<std::atomic<WordEntry*>[]>(kMaxBlocks)) {
  for (size_t i = 0; i < kMaxBlocks; ++i) blocks_[i].store(nullptr, std::memory_order_relaxed);
  auto t = std::make_unique<Table>();
  t->mask = 1024 - 1;
  t->slots = std::make_unique<std::atomic<uint64_t>[]>(1024);
  for (size_t i = 0; i < 1024; ++i) t->slots[i].store(0, std::memory_order_relaxed);
  table_.store(t.get(), std::memory_order_release);
  tables_.push_back(std::move(t));
}

Dictionary::~Dictionary() = default;

const WordEntry& Dictionary::Get(uint32_t id) const {
  return blocks_[id / kBlockEntries].load(std::memory_order_acquire)[id % kBlockEntries];
}

const WordEntry* Dictionary::Probe(const Table& t, std::string_view lower, uint64_t hash,
                                   size_t* empty_slot) const {
  uint32_t tag = Tag(hash);
  for (size_t i = hash & t.mask;; i = (i + 1) & t.mask) {
    uint64_t slot = t.slots[i].load(std::memory_order_acquire);
    if (slot == 0) {
      if (empty_slot) *empty_slot = i;
      return nullptr;
    }
    if (static_cast<uint32_t>(slot >> 32) != tag) continue;
    const WordEntry& e = Get(static_cast<uint32_t>(slot) - 1);
    if (e.name == lower) return &e;
  }
}

const WordEntry* Dictionary::Find(std::string_view name, uint32_t before_id) const {
  char buf[kMaxName];
  std::string_view lower = Lower(name, buf);
  const Table* t = table_.load(std::memory_order_acquire);
  const WordEntry* e = Probe(*t, lower, HashBytes(lower), nullptr);
  if (e == nullptr || e->id >= before_id) return nullptr;
  return e;
}

void Dictionary::Prefetch(std::string_view name) const {
  char buf[kMaxName];
  std::string_view lower = Lower(name, buf);
  const Table* t = table_.load(std::memory_order_acquire);
  __builtin_prefetch(&t->slots[HashBytes(lower) & t->mask]);
}

std::string_view Dictionary::StoreName(std::string_view lower) {
  if (name_used_ + lower.size() > kNameBlockBytes) {
    name_blocks_.push_back(std::make_unique<char[]>(std::max(kNameBlockBytes, lower.size())));
    name_used_ = 0;
  }
  char* p = name_blocks_.back().get() + name_used_;
  if (!lower.empty()) std::memcpy(p, lower.data(), lower.size());
  name_used_ += lower.size();
  return {p, lower.size()};
}

void Dictionary::Grow() {
  const Table* old = table_.load(std::memory_order_relaxed);
  auto t = std::make_unique<Table>();
  size_t size = (old->mask + 1) * 2;
  t->mask = size - 1;
  t->slots = std::make_unique<std::atomic<uint64_t>[]>(size);
  for (size_t i = 0; i < size; ++i) t->slots[i].store(0, std::memory_order_relaxed);
  // Rehash in id order rather than slot order: entries and names are then
  // read sequentially instead of at random, which made Grow cache-bound.
  // Every entry below count_ has a slot (Add stores the slot before it
  // bumps count_, and calls Grow before either for the new word).
  const uint32_t count = count_.load(std::memory_order_relaxed);
  for (uint32_t id = 0; id < count; ++id) {
    const WordEntry& e = Get(id);
    uint64_t hash = HashBytes(e.name);
    size_t j = hash & t->mask;
    while (t->slots[j].load(std::memory_order_relaxed) != 0) j = (j + 1) & t->mask;
    t->slots[j].store((static_cast<uint64_t>(Tag(hash)) << 32) | (id + 1),
                      std::memory_order_relaxed);
  }
  table_.store(t.get(), std::memory_order_release);
  tables_.push_back(std::move(t));
}

const WordEntry* Dictionary::Add(std::string_view name, WordEntry entry) {
  char buf[kMaxName];
  std::string_view lower = Lower(name, buf);
  uint64_t hash = HashBytes(lower);
  size_t empty = 0;
  if (const WordEntry* earlier =
          Probe(*table_.load(std::memory_order_relaxed), lower, hash, &empty)) {
    return earlier;
  }
  uint32_t id = count_.load(std::memory_order_relaxed);
  if (id / kBlockEntries >= kMaxBlocks) {
    throw RunError(ExitCode::kInternal, "dictionary full (more than 2^30 words)");
  }
  if (id % kBlockEntries == 0) {
    owned_blocks_.push_back(std::make_unique<WordEntry[]>(kBlockEntries));
    blocks_[id / kBlockEntries].store(owned_blocks_.back().get(), std::memory_order_release);
  }
  entry.id = id;
  entry.name = StoreName(lower);
  blocks_[id / kBlockEntries].load(std::memory_order_relaxed)[id % kBlockEntries] = entry;
  // Keep the table at most half full. The entry is written first and the
  // slot after it (release), so a reader that finds the slot sees the entry.
  if (static_cast<size_t>(id + 1) * 2 > table_.load(std::memory_order_relaxed)->mask + 1) {
    Grow();
    Probe(*table_.load(std::memory_order_relaxed), lower, hash, &empty);
  }
  const Table* t = table_.load(std::memory_order_relaxed);
  t->slots[empty].store((static_cast<uint64_t>(Tag(hash)) << 32) | (id + 1),
                        std::memory_order_release);
  count_.store(id + 1, std::memory_order_release);
  return nullptr;
}

void Dictionary::NoteUnusable(std::string_view name, UnusableName u) {
  std::lock_guard<std::mutex> lock(unusable_mutex_);
  unusable_.emplace(LowerName(name), u);
}

std::optional<UnusableName> Dictionary::FindUnusable(std::string_view name) const {
  std::lock_guard<std::mutex> lock(unusable_mutex_);
  auto it = unusable_.find(LowerName(name));
  if (it == unusable_.end()) return std::nullopt;
  return it->second;
}

}  // namespace ffb
