// An output file written under a temporary name in the output directory and
// renamed into place only by Commit(), so a killed run never leaves a file
// that looks finished. Write failures throw RunError (kIoError); failing to
// create the file throws RunError (kCannotCreate).
//
//   OutputFile f(dir, "results.jsonl"); f.Write(bytes); f.Commit();
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ffb {

class OutputFile {
 public:
  OutputFile(const std::string& dir, const std::string& name);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void Write(std::string_view bytes);
  void Commit();
  const std::string& final_path() const { return final_path_; }

 private:
  std::string temp_path_, final_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Creates dir (and parents) if needed; throws RunError(kCannotCreate).
void EnsureDirectory(const std::string& dir);

}  // namespace ffb
