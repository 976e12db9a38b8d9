// The temporary files an interrupted run must remove. Every OutputFile
// registers its temporary name here while it exists; a SIGINT/SIGTERM
// handler calls RemoveRegisteredTemps(), which only uses unlinkat() on
// fixed slots, so it is async-signal-safe.
//
//   int slot = RegisterTemp(dir_fd, ".results.jsonl.tmp-…");  // -1: table full
//   UnregisterTemp(slot);          // before the file is renamed or removed
//   RemoveRegisteredTemps();       // from a signal handler
#pragma once

namespace ffb {

int RegisterTemp(int dir_fd, const char* name);
void UnregisterTemp(int slot);
void RemoveRegisteredTemps();

}  // namespace ffb
