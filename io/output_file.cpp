#include "io/output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/run_error.h"

namespace ffb {

void EnsureDirectory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw RunError(ExitCode::kCannotCreate,
                   "cannot create output directory '" + dir + "': " +
                       (ec ? ec.message() : std::string("not a directory")));
  }
}

OutputFile::OutputFile(const std::string& dir, const std::string& name)
    : temp_path_(dir + "/." + name + ".tmp-" + std::to_string(::getpid())),
      final_path_(dir + "/" + name) {
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) {
    throw RunError(ExitCode::kCannotCreate,
                   "cannot create '" + temp_path_ + "': " + std::strerror(errno));
  }
  std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) std::remove(temp_path_.c_str());
}

void OutputFile::Write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw RunError(ExitCode::kIoError,
                   "cannot write '" + temp_path_ + "': " + std::strerror(errno));
  }
}

void OutputFile::Commit() {
  if (std::fflush(file_) != 0 || std::fclose(file_) != 0) {
    file_ = nullptr;
    throw RunError(ExitCode::kIoError,
                   "cannot write '" + temp_path_ + "': " + std::strerror(errno));
  }
  file_ = nullptr;
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    throw RunError(ExitCode::kIoError, "cannot rename '" + temp_path_ + "' to '" + final_path_ +
                                           "': " + std::strerror(errno));
  }
  committed_ = true;
}

}  // namespace ffb
