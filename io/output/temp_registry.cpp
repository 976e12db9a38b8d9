#include "io/output/temp_registry.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace ffb {

namespace {

constexpr int kSlots = 4096;
constexpr size_t kNameBytes = 256;

// state: 0 free, 1 being filled, 2 live (dir_fd and name valid).
struct Slot {
  std::atomic<int> state{0};
  int dir_fd = -1;
  char name[kNameBytes] = {};
};

Slot g_slots[kSlots];

}  // namespace

int RegisterTemp(int dir_fd, const char* name) {
  if (std::strlen(name) >= kNameBytes) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (g_slots[i].state.compare_exchange_strong(expected, 1)) {
      g_slots[i].dir_fd = dir_fd;
      std::strcpy(g_slots[i].name, name);
      g_slots[i].state.store(2);
      return i;
    }
  }
  return -1;
}

void UnregisterTemp(int slot) {
  if (slot >= 0 && slot < kSlots) g_slots[slot].state.store(0);
}

void RemoveRegisteredTemps() {
  for (Slot& s : g_slots) {
    if (s.state.load() == 2) ::unlinkat(s.dir_fd, s.name, 0);
  }
}

}  // namespace ffb
