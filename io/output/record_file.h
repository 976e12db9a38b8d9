// A JSON Lines output file (results.jsonl, rejects.jsonl), written plain or
// as one zstd frame (--compress zstd: the name gains ".zst"). Compression
// streams: each Write() compresses what it is given, so memory stays flat.
//
//   RecordFile f(out, layout::kResults, Compression::kZstd);  // results.jsonl.zst
//   f.Write(records);  f.Commit();
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "io/output/output_file.h"

namespace ffb {

enum class Compression : uint8_t { kNone, kZstd };

// The file name a record file gets: `name`, or `name` + ".zst".
std::string CompressedName(std::string_view name, Compression compression);

class RecordFile {
 public:
  RecordFile(const OutputDir& dir, std::string_view name, Compression compression);
  ~RecordFile();
  RecordFile(const RecordFile&) = delete;
  RecordFile& operator=(const RecordFile&) = delete;

  void Write(std::string_view bytes);
  // Ends the zstd frame (if any), then commits the file.
  void Commit();

 private:
  struct Encoder;  // libzstd's streaming context
  OutputFile file_;
  std::unique_ptr<Encoder> encoder_;
};

}  // namespace ffb
