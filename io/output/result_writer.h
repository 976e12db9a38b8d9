// The writer stage: turns each chunk, in input order, into its lines of
// results.jsonl (one record per non-blank input line) and rejects.jsonl (one
// per rejected or invalid line, with the exact raw bytes). Also the record
// format's single definition. It only writes: the run's counts are
// CountChunk's (engine/pipeline/run_stats.h).
//
//   ResultWriter w(out, inputs);   // out: the OutputDir of OUT  for each chunk in order:
//   w.Write(chunk); w.Finish();   // renames the files into place
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/table/chunk.h"
#include "io/output/output_file.h"
#include "io/output/record_file.h"
#include "io/output/stdout_sink.h"

namespace ffb {

class ResultWriter {
 public:
  ResultWriter(const OutputDir& out, std::vector<std::string> inputs,
               Compression compression = Compression::kNone);
  // Results streamed to stdout, one chunk per write (StdoutSink); rejects
  // go to `out` when there is one, and nowhere otherwise (every line still
  // has its record on stdout).
  ResultWriter(const OutputDir* out, std::vector<std::string> inputs,
               Compression compression = Compression::kNone);
  void Write(const Chunk& chunk);
  // Commits results and rejects; summary/profile are written by the caller.
  void Finish();

  // Formats one chunk's records; exposed for tests and the library API.
  static void FormatResults(const Chunk& chunk, bool with_input, std::string_view input_name,
                            std::string& out);
  static void FormatRejects(const Chunk& chunk, bool with_input, std::string_view input_name,
                            std::string& out);

 private:
  std::vector<std::string> inputs_;
  std::unique_ptr<RecordFile> results_, rejects_;
  std::unique_ptr<StdoutSink> stdout_;
  std::string buffer_;
};

}  // namespace ffb
