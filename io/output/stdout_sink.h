// results.jsonl records streamed to standard output (`-o -`, `--results -`):
// each chunk's bytes are written with write(2) as soon as the write stage
// has them, so a slow reader blocks the write stage and, through the
// pipeline's in-flight limit, the whole run (memory stays bounded). A
// reader that goes away (EPIPE; SIGPIPE is ignored by the CLI) throws
// StdoutClosed, which stops the run quietly; any other failure (ENOSPC,
// EBADF for a closed stdout, EIO) throws RunError(kIoError) naming stdout.
//
//   StdoutSink sink;  sink.Write(bytes);   // blocks while the pipe is full
#pragma once

#include <stdexcept>
#include <string_view>

namespace ffb {

// The reader of stdout closed the pipe: not an error of the run.
class StdoutClosed : public std::runtime_error {
 public:
  StdoutClosed() : std::runtime_error("stdout closed by its reader") {}
};

class StdoutSink {
 public:
  void Write(std::string_view bytes);
};

}  // namespace ffb
