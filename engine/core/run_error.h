// Run-fatal errors (cannot open input, cannot write output, broken
// invariant) travel as RunError up to the CLI, which maps them to a sysexits
// code. Per-record problems never use this channel.
#pragma once

#include <stdexcept>
#include <string>

namespace ffb {

// sysexits.h values, named for what ffbatch means by them.
enum class ExitCode : int {
  kOk = 0,
  kNotOk = 65,         // EX_DATAERR: some spec not ok; a verb's body not valid, no pattern found
  kUsage = 64,         // EX_USAGE
  kNoInput = 66,       // EX_NOINPUT
  kInternal = 70,      // EX_SOFTWARE
  kCannotCreate = 73,  // EX_CANTCREAT
  kIoError = 74,       // EX_IOERR
};

// What main() returns.
constexpr int ToInt(ExitCode code) { return static_cast<int>(code); }

class RunError : public std::runtime_error {
 public:
  RunError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace ffb
