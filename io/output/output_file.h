// The only way ffbatch creates output files. An OutputDir is an open
// directory fd; an OutputFile is written under a fresh random temporary name
// in it (openat O_CREAT|O_EXCL|O_NOFOLLOW, so nothing planted in the output
// directory is ever opened or followed) and renamed into place (renameat)
// only by Commit(), so a killed run never leaves a file that looks finished
// and a failed or abandoned one leaves no temporary behind. Subdirectories
// are created and opened without following symlinks. Creating a directory
// or file throws RunError(kCannotCreate); a failed write throws
// RunError(kIoError) naming the final file. Every committed file's path
// relative to the opened root is recorded, shared by the root and all its
// subdirectories, so the run can list what it wrote (OUT/manifest.json,
// manifest.h). The temporary name is registered (temp_registry.h) so
// SIGINT/SIGTERM can remove it.
//
//   OutputDir out = OutputDir::Open("out");          // OUT itself may be a symlink
//   OutputDir obj = out.Subdir("obj");               // OUT/obj may not
//   OutputFile f(out, "results.jsonl");  f.Write(bytes);  f.Commit();
//   out.CommittedFiles();                            // {"results.jsonl"}
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ffb {

class OutputDir {
 public:
  // Creates `path` (and parents) if missing and opens it. `path` is the
  // user's choice, so a symlink there is followed.
  static OutputDir Open(const std::string& path);
  // Creates `name` inside this directory if missing and opens it; refuses a
  // symlink or a non-directory at `name`.
  OutputDir Subdir(const std::string& name) const;

  OutputDir(OutputDir&& other) noexcept;
  OutputDir& operator=(OutputDir&& other) noexcept;
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;
  ~OutputDir();

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // This directory relative to the root Open() opened: "" or "obj/".
  const std::string& relative() const { return relative_; }
  // The root-relative path of every file committed so far through the root
  // or any subdirectory, sorted, each once.
  std::vector<std::string> CommittedFiles() const;

 private:
  friend class OutputFile;
  struct Committed;
  OutputDir(int fd, std::string path, std::string relative, std::shared_ptr<Committed> committed);
  int fd_ = -1;
  std::string path_;
  std::string relative_;
  std::shared_ptr<Committed> committed_;
};

class OutputFile {
 public:
  OutputFile(const OutputDir& dir, std::string_view name);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view bytes);
  // The temporary file's descriptor, for writers that need one (libelf);
  // buffered Write() bytes are flushed first.
  int fd();
  // Flushes, closes and renames the file to its final name.
  void Commit();
  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  void Flush();

  int dir_fd_ = -1;  // a dup of the directory's, so the file outlives no one
  int fd_ = -1;
  std::string name_, temp_name_;
  std::string temp_path_, final_path_;  // for messages
  std::string buffer_;
  std::string relative_;  // recorded in the directory's registry on Commit
  std::shared_ptr<OutputDir::Committed> registry_;
  bool committed_ = false;
  int temp_slot_ = -1;  // in temp_registry.h, so a signal handler can remove it
};

}  // namespace ffb
