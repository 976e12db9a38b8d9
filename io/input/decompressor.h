// Streaming decompression of a gzip or zstd input, recognised by its magic
// bytes (gzip 1f 8b, zstd 28 b5 2f fd), so LineReader can cut the
// decompressed text into the same chunks as a plain input. Concatenated
// gzip members and zstd frames are read as one stream.
//
//   Codec codec = SniffCodec(first_bytes);
//   auto decoder = Decompressor::Make(codec);   // nullptr for Codec::kNone
//   Decompressor::Step step = decoder->Run(in, in_len, out, out_cap);
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ffb {

enum class Codec { kNone, kGzip, kZstd };

// Needs the first 4 bytes of the input (fewer only at end of input).
Codec SniffCodec(std::string_view head);
const char* CodecName(Codec codec);

class Decompressor {
 public:
  struct Step {
    size_t consumed = 0;     // compressed bytes taken from `in`
    size_t produced = 0;     // decompressed bytes written to `out`
    bool frame_end = false;  // a gzip member / zstd frame ended exactly here
    bool error = false;      // corrupt data; `message` says why
    std::string message;
  };
  virtual ~Decompressor() = default;
  // Decompresses from `in` into `out` until either is exhausted, a frame
  // ends, or the data is corrupt.
  virtual Step Run(const char* in, size_t in_len, char* out, size_t out_cap) = 0;
  static std::unique_ptr<Decompressor> Make(Codec codec);
};

}  // namespace ffb
