// Exclusive use of an output directory for one run: flock(LOCK_EX|LOCK_NB)
// on OUT/.ffbatch.lock (opened O_NOFOLLOW), holding the owner's pid, kept
// until the lock object dies. A second run into the same OUT fails fast
// with RunError(kCannotCreate) naming the owner, instead of mixing outputs.
//
//   OutputDir out = OutputDir::Open(path);
//   OutputLock lock(out);   // throws if another run holds OUT
#pragma once

#include "io/output/output_file.h"
#include "io/output/output_layout.h"

namespace ffb {

class OutputLock {
 public:
  static constexpr const char* kFileName = layout::kLock;

  explicit OutputLock(const OutputDir& dir);
  ~OutputLock();  // clears the pid and releases the lock
  // Removes the lock file if this lock created it (a run refused OUT
  // before writing anything, so it leaves nothing behind); then releases.
  void RemoveIfCreated();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int dir_fd_ = -1;
  int fd_ = -1;
  bool created_ = false;
};

}  // namespace ffb
