#include "io/output/output_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <system_error>

#include "engine/core/run_error.h"
#include "io/output/temp_registry.h"

namespace ffb {

namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;
constexpr int kTempAttempts = 100;

std::string Errno() { return std::strerror(errno); }

// 64 random bits as 16 hex digits; getrandom only fails without a kernel
// entropy source, where the pid and a counter still make names unique.
std::string RandomSuffix() {
  uint64_t bits = 0;
  if (::getrandom(&bits, sizeof bits, 0) != static_cast<ssize_t>(sizeof bits)) {
    static uint64_t counter = 0;
    bits = (static_cast<uint64_t>(::getpid()) << 32) ^ ++counter;
  }
  return fmt::format("{:016x}", bits);
}

}  // namespace

// Writers may commit from several threads; the set keeps paths sorted, once.
struct OutputDir::Committed {
  std::mutex mutex;
  std::set<std::string> paths;
};

OutputDir::OutputDir(int fd, std::string path, std::string relative,
                     std::shared_ptr<Committed> committed)
    : fd_(fd),
      path_(std::move(path)),
      relative_(std::move(relative)),
      committed_(std::move(committed)) {}

std::vector<std::string> OutputDir::CommittedFiles() const {
  std::lock_guard<std::mutex> hold(committed_->mutex);
  return {committed_->paths.begin(), committed_->paths.end()};
}

OutputDir OutputDir::Open(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw RunError(ExitCode::kCannotCreate, "cannot create output directory '" + path +
                                                "': " + (ec ? ec.message() : Errno()));
  }
  return OutputDir(fd, path, "", std::make_shared<Committed>());
}

OutputDir OutputDir::Subdir(const std::string& name) const {
  std::string path = path_ + "/" + name;
  if (::mkdirat(fd_, name.c_str(), 0777) != 0 && errno != EEXIST) {
    throw RunError(ExitCode::kCannotCreate,
                   "cannot create output directory '" + path + "': " + Errno());
  }
  int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    int open_errno = errno;
    struct stat st {};
    if (::fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
      throw RunError(ExitCode::kCannotCreate,
                     "output directory '" + path +
                         "' is a symbolic link; ffbatch does not write through symlinks in OUT");
    }
    throw RunError(ExitCode::kCannotCreate,
                   "cannot open output directory '" + path + "': " + std::strerror(open_errno));
  }
  return OutputDir(fd, path, relative_ + name + "/", committed_);
}

OutputDir::OutputDir(OutputDir&& other) noexcept
    : fd_(other.fd_),
      path_(std::move(other.path_)),
      relative_(std::move(other.relative_)),
      committed_(std::move(other.committed_)) {
  other.fd_ = -1;
}

OutputDir& OutputDir::operator=(OutputDir&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    relative_ = std::move(other.relative_);
    committed_ = std::move(other.committed_);
    other.fd_ = -1;
  }
  return *this;
}

OutputDir::~OutputDir() {
  if (fd_ >= 0) ::close(fd_);
}

OutputFile::OutputFile(const OutputDir& dir, std::string_view name)
    : name_(name),
      final_path_(dir.path() + "/" + std::string(name)),
      relative_(dir.relative() + std::string(name)),
      registry_(dir.committed_) {
  dir_fd_ = ::fcntl(dir.fd(), F_DUPFD_CLOEXEC, 0);
  if (dir_fd_ < 0) {
    throw RunError(ExitCode::kCannotCreate, "cannot create '" + final_path_ + "': " + Errno());
  }
  // O_EXCL|O_NOFOLLOW: a name someone planted (file or symlink) is never
  // opened; with a random suffix, retrying finds a free one.
  for (int attempt = 0; attempt < kTempAttempts && fd_ < 0; ++attempt) {
    temp_name_ = "." + name_ + ".tmp-" + RandomSuffix();
    fd_ = ::openat(dir_fd_, temp_name_.c_str(),
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  temp_path_ = dir.path() + "/" + temp_name_;
  if (fd_ < 0) {
    std::string message = "cannot create '" + temp_path_ + "': " + Errno();
    ::close(dir_fd_);
    throw RunError(ExitCode::kCannotCreate, message);
  }
  temp_slot_ = RegisterTemp(dir_fd_, temp_name_.c_str());
  buffer_.reserve(kBufferBytes);
}

OutputFile::~OutputFile() {
  UnregisterTemp(temp_slot_);
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlinkat(dir_fd_, temp_name_.c_str(), 0);
  ::close(dir_fd_);
}

void OutputFile::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      buffer_.clear();
      throw RunError(ExitCode::kIoError, "cannot write '" + final_path_ + "' (temporary '" +
                                             temp_path_ +
                                             "'): " + (n < 0 ? Errno() : "short write"));
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
}

void OutputFile::Write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferBytes) Flush();
}

int OutputFile::fd() {
  Flush();
  return fd_;
}

void OutputFile::Commit() {
  Flush();
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    throw RunError(ExitCode::kIoError, "cannot write '" + final_path_ + "' (temporary '" +
                                           temp_path_ + "'): " + Errno());
  }
  UnregisterTemp(temp_slot_);
  temp_slot_ = -1;
  if (::renameat(dir_fd_, temp_name_.c_str(), dir_fd_, name_.c_str()) != 0) {
    throw RunError(ExitCode::kIoError,
                   "cannot rename '" + temp_path_ + "' to '" + final_path_ + "': " + Errno());
  }
  committed_ = true;
  std::lock_guard<std::mutex> hold(registry_->mutex);
  registry_->paths.insert(relative_);
}

}  // namespace ffb
