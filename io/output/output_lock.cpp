#include "io/output/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "engine/core/run_error.h"

namespace ffb {

namespace {

// The pid the holder wrote, or "unknown" while it has not written it yet.
std::string HolderPid(int fd) {
  char buf[32];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid;
  for (ssize_t i = 0; i < n && buf[i] >= '0' && buf[i] <= '9'; ++i) pid.push_back(buf[i]);
  return pid.empty() ? "unknown" : pid;
}

}  // namespace

OutputLock::OutputLock(const OutputDir& dir) {
  std::string path = dir.path() + "/" + kFileName;
  fd_ = ::openat(dir.fd(), kFileName, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  created_ = fd_ >= 0;
  if (fd_ < 0 && errno == EEXIST) {
    fd_ = ::openat(dir.fd(), kFileName, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
  }
  if (fd_ < 0) {
    throw RunError(ExitCode::kCannotCreate,
                   "cannot create lock file '" + path + "': " + std::strerror(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int lock_errno = errno;
    std::string message =
        lock_errno == EWOULDBLOCK
            ? "'" + dir.path() + "' is in use by another ffbatch run (pid " + HolderPid(fd_) + ")"
            : "cannot lock '" + path + "': " + std::strerror(lock_errno);
    ::close(fd_);
    throw RunError(ExitCode::kCannotCreate, message);
  }
  dir_fd_ = ::fcntl(dir.fd(), F_DUPFD_CLOEXEC, 0);
  std::string pid = std::to_string(::getpid()) + "\n";
  // The pid is only for the message above; failing to record it is harmless.
  if (::ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] ssize_t n = ::pwrite(fd_, pid.data(), pid.size(), 0);
  }
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) {
    [[maybe_unused]] int rc = ::ftruncate(fd_, 0);
    ::close(fd_);  // releases the flock
  }
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

void OutputLock::RemoveIfCreated() {
  if (created_ && dir_fd_ >= 0) ::unlinkat(dir_fd_, kFileName, 0);
  created_ = false;
}

}  // namespace ffb
