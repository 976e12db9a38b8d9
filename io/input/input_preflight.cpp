#include "io/input/input_preflight.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/core/run_error.h"

namespace ffb {

InputSize CheckInputs(const std::vector<std::string>& inputs) {
  InputSize size;
  for (const std::string& path : inputs) {
    if (path == "-") {
      size.known = false;
      continue;
    }
    // stat first: opening a FIFO here would take the writer's data (or
    // block); only regular files are opened, to check they are readable.
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      throw RunError(ExitCode::kNoInput,
                     "cannot open input '" + path + "': " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      throw RunError(ExitCode::kNoInput,
                     "cannot read input '" + path + "': " + std::strerror(EISDIR));
    }
    if (!S_ISREG(st.st_mode)) {
      size.known = false;
      continue;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      throw RunError(ExitCode::kNoInput,
                     "cannot open input '" + path + "': " + std::strerror(errno));
    }
    ::close(fd);
    size.bytes += static_cast<uint64_t>(st.st_size);
  }
  return size;
}

}  // namespace ffb
