#include "io/output/stdout_sink.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "engine/core/run_error.h"

namespace ffb {

void StdoutSink::Write(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) throw StdoutClosed();
    if (n <= 0) {
      throw RunError(ExitCode::kIoError, std::string("cannot write results to stdout: ") +
                                             (n < 0 ? std::strerror(errno) : "short write"));
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace ffb
