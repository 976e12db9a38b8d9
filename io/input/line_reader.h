// Reads one or more inputs (paths, "-" for stdin) with large read() calls and
// cuts them into chunks of whole lines. Handles CRLF, a UTF-8 BOM on an
// input's first line, blank lines (counted, not rows), a last line without a
// newline, and lines over the limit (kept as a short prefix plus their true
// length, so memory stays bounded whatever the input holds). A gzip or zstd
// input (file or stdin, recognised by its magic bytes) is decompressed as it
// is read; lines and byte offsets then count the decompressed text.
//
//   LineReader reader({"specs.jsonl"}, options);
//   while (auto chunk = reader.Next()) Process(*chunk);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/limits.h"
#include "engine/table/chunk.h"
#include "io/input/decompressor.h"

namespace ffb {

struct ReaderOptions {
  size_t chunk_lines = 4096;                      // rows+blank lines per chunk, at most
  size_t chunk_bytes = 4u << 20;                  // soft byte budget per chunk
  size_t max_line_bytes = limits::kMaxLineBytes;  // longer lines are rejected (E0103)
  size_t overlong_prefix_bytes = limits::kOverlongPrefixBytes;  // how much of one is kept
};

class LineReader {
 public:
  // Opens nothing yet; Next() opens each input in turn and throws RunError
  // (kNoInput) for one that cannot be opened.
  // With a pool, chunks are taken from it (and should be released to it).
  LineReader(std::vector<std::string> inputs, ReaderOptions options, ChunkPool* pool = nullptr);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next chunk (sequence numbers from 0, gap-free), or nullptr at the end.
  std::unique_ptr<Chunk> Next();

  const std::vector<std::string>& inputs() const { return inputs_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  struct PendingLine {
    std::string_view text;  // line bytes without '\n' (a prefix if overlong)
    uint64_t full_length = 0;
    uint64_t consumed = 0;  // input bytes including the '\n'
    std::string prefix;     // storage for an overlong line's kept prefix
  };
  bool OpenNext();
  void CloseInput();
  size_t Fill();  // appends one read() (or its decompression) to carry_; returns bytes added
  size_t ReadRaw(char* dst, size_t cap);  // one read() from fd_
  size_t ReadPlain(char* dst, size_t cap);
  size_t Decode(char* dst, size_t cap);  // throws RunError (kIoError) on corrupt data
  bool GetLine(PendingLine& out);

  std::vector<std::string> inputs_;
  ReaderOptions options_;
  ChunkPool* pool_ = nullptr;
  size_t next_input_ = 0;
  int fd_ = -1;
  bool input_eof_ = true;
  uint32_t input_index_ = 0;
  uint64_t seq_ = 0;
  uint64_t bytes_read_ = 0;
  // Per-input position: line number and byte offset of carry_'s first byte.
  uint64_t line_no_ = 1;
  uint64_t offset_ = 0;
  bool at_input_start_ = true;
  // Bytes read but not yet cut into lines: [carry_pos_, carry_end_). The
  // string's size is capacity, never shrunk.
  std::string carry_;
  size_t carry_pos_ = 0;
  size_t carry_end_ = 0;
  // The input's raw bytes not yet consumed: [raw_pos_, raw_end_). It holds
  // the sniffed first bytes and, for a compressed input, compressed data.
  Codec codec_ = Codec::kNone;
  std::unique_ptr<Decompressor> decoder_;
  std::string raw_;
  size_t raw_pos_ = 0;
  size_t raw_end_ = 0;
  bool raw_eof_ = false;
  bool frame_open_ = false;         // inside a gzip member / zstd frame
  uint64_t compressed_offset_ = 0;  // compressed bytes consumed so far
};

}  // namespace ffb
