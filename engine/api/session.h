// The in-memory library API: a Session is configured once, accepts JSON
// Lines bytes incrementally (whole buffers or pieces split anywhere, even
// mid-line) and delivers every result record, in input order, to its sink as
// each chunk finishes. Words defined earlier in a session stay callable by
// later input. Finish() flushes and returns the run's counts.
//
//   ffb::SessionOptions opt;  opt.threads = 4;
//   ffb::Session s(opt, ffb::Sink::Callback([](const ffb::Record& r) {
//     if (r.status != "ok") std::cerr << r.line << " " << r.first_code << "\n";
//   }));
//   s.Feed(part1);  s.Feed(part2);          // any split
//   ffb::BatchResult counts = s.Finish();
//
// Per-record problems are data (records); run-fatal problems (unreadable
// input, a full disk, a bad pattern library, an exception thrown by a
// callback) are thrown as RunError from the call that sees them: the
// constructor, Feed, FeedInput or Finish. The library never prints and never
// exits.
//
// Threads: the engine runs on its own threads (SessionOptions::threads);
// callbacks run on one engine thread at a time, never concurrently with each
// other, in input order. One Session must not be used from two threads at
// once; distinct Sessions are independent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/run_error.h"
#include "engine/pipeline/run_stats.h"

namespace ffb {

// Everything that configures the engine, shared by every sink.
struct SessionOptions {
  int threads = 0;  // 0: every core
  bool strict = false;
  bool native = true;  // compile to x86-64, run tests natively (and objects in a directory sink)
  size_t max_line_bytes = 1u << 20;
  size_t chunk_lines = 4096;
  size_t max_chunks_in_flight = 0;  // 0: 2 * threads + 2
  size_t max_fixes = 3;
  size_t words_per_object = 4096;
  std::vector<std::string> pattern_files;  // added to / overriding the built-in library
  std::string fed_input_name = "-";        // the input name of bytes given to Feed()
  // Called after each chunk is delivered, serially (progress display).
  std::function<void(const RunStats&)> on_chunk;
  // Called after each chunk is delivered; true stops reading new input
  // (--fail-fast). Input already read is still finished and delivered.
  std::function<bool(const RunStats&)> stop_reading;
};

// One result record as delivered to a callback sink. Every view points into
// engine memory and is valid only during the callback.
struct Record {
  uint64_t line = 0;             // 1-based line within its input
  std::string_view input;        // input name: a path, "-", or SessionOptions::fed_input_name
  std::string_view word;         // the spec's name ("" when it has none)
  std::string_view status;       // "ok", "invalid", "mismatch", "failed", "rejected"
  std::string_view first_code;   // first error code ("E2234"), "" when none
  std::string_view json;         // the results.jsonl record, without the '\n'
  std::string_view reject_json;  // its rejects.jsonl record, "" when none
};
using RecordCallback = std::function<void(const Record&)>;

// Where records go. A value type; pass it to Session.
class Sink {
 public:
  // Today's output directory (results, rejects, Forth, objects, headers,
  // summary, profile, manifest), with the same ownership rules as the CLI.
  static Sink Directory(std::string out_dir, bool compress_zstd = false, bool force = false);
  // results.jsonl records written to a file descriptor (what `-o -` uses);
  // with a non-empty out_dir the other outputs go there.
  static Sink Stream(int fd, std::string out_dir = {});
  // Each record, in input order, to `callback`.
  static Sink Callback(RecordCallback callback);

  struct Config;  // defined in session.cpp
  std::shared_ptr<const Config> config;
};

class Session {
 public:
  // Throws RunError for a bad pattern library or an output directory that
  // cannot be claimed. Nothing is created before the options are checked.
  Session(SessionOptions options, Sink sink);
  // Without Finish(): stops the engine, removes temporaries, writes no
  // manifest; never throws.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // JSON Lines bytes of the fed stream (input name `fed_input_name`,
  // line numbers continuing across calls). Blocks while the engine is
  // `max_chunks_in_flight` chunks behind. Empty pieces are fine. Throws
  // RunError(kUsage) after Finish().
  void Feed(std::string_view bytes);
  // Reads a whole input (path, "-" for stdin; gzip/zstd by magic bytes) as
  // its own input with its own line numbers. Throws RunError(kNoInput).
  void FeedInput(const std::string& path);
  // Ends the input, waits for every record to be delivered, commits the
  // sink's files and returns the counts. Once only.
  BatchResult Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ffb
