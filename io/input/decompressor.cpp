#include "io/input/decompressor.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>

namespace ffb {

namespace {

class GzipDecompressor final : public Decompressor {
 public:
  GzipDecompressor() {
    std::memset(&stream_, 0, sizeof stream_);
    ::inflateInit2(&stream_, 15 + 16);  // gzip wrapper only
  }
  ~GzipDecompressor() override { ::inflateEnd(&stream_); }

  Step Run(const char* in, size_t in_len, char* out, size_t out_cap) override {
    Step step;
    if (member_ended_) {
      ::inflateReset(&stream_);
      member_ended_ = false;
    }
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    stream_.avail_in = static_cast<uInt>(std::min<size_t>(in_len, UINT32_MAX));
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(std::min<size_t>(out_cap, UINT32_MAX));
    uInt in_before = stream_.avail_in;
    uInt out_before = stream_.avail_out;
    int rc = ::inflate(&stream_, Z_NO_FLUSH);
    step.consumed = in_before - stream_.avail_in;
    step.produced = out_before - stream_.avail_out;
    if (rc == Z_STREAM_END) {
      step.frame_end = true;
      member_ended_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      step.error = true;
      step.message = stream_.msg != nullptr ? stream_.msg : "inflate failed";
    }
    return step;
  }

 private:
  z_stream stream_;
  bool member_ended_ = false;
};

class ZstdDecompressor final : public Decompressor {
 public:
  ZstdDecompressor() : ctx_(::ZSTD_createDCtx()) {}
  ~ZstdDecompressor() override { ::ZSTD_freeDCtx(ctx_); }

  Step Run(const char* in, size_t in_len, char* out, size_t out_cap) override {
    Step step;
    ZSTD_inBuffer input{in, in_len, 0};
    ZSTD_outBuffer output{out, out_cap, 0};
    size_t rc = ::ZSTD_decompressStream(ctx_, &output, &input);
    step.consumed = input.pos;
    step.produced = output.pos;
    if (::ZSTD_isError(rc)) {
      step.error = true;
      step.message = ::ZSTD_getErrorName(rc);
    } else if (rc == 0) {
      step.frame_end = true;
    }
    return step;
  }

 private:
  ZSTD_DCtx* ctx_;
};

}  // namespace

Codec SniffCodec(std::string_view head) {
  if (head.size() >= 2 && head.substr(0, 2) == "\x1f\x8b") return Codec::kGzip;
  if (head.size() >= 4 && head.substr(0, 4) == "\x28\xb5\x2f\xfd") return Codec::kZstd;
  return Codec::kNone;
}

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNone:
      return "plain";
    case Codec::kGzip:
      return "gzip";
    case Codec::kZstd:
      return "zstd";
  }
  return "plain";
}

std::unique_ptr<Decompressor> Decompressor::Make(Codec codec) {
  switch (codec) {
    case Codec::kNone:
      return nullptr;
    case Codec::kGzip:
      return std::make_unique<GzipDecompressor>();
    case Codec::kZstd:
      return std::make_unique<ZstdDecompressor>();
  }
  return nullptr;
}

}  // namespace ffb
