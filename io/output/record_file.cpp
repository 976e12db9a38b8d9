#include "io/output/record_file.h"

#include <zstd.h>

#include "engine/core/run_error.h"

namespace ffb {

struct RecordFile::Encoder {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  std::string out;
  ~Encoder() { ZSTD_freeCCtx(ctx); }
};

std::string CompressedName(std::string_view name, Compression compression) {
  return std::string(name) + (compression == Compression::kZstd ? ".zst" : "");
}

RecordFile::RecordFile(const OutputDir& dir, std::string_view name, Compression compression)
    : file_(dir, CompressedName(name, compression)) {
  if (compression == Compression::kZstd) {
    encoder_ = std::make_unique<Encoder>();
    if (encoder_->ctx == nullptr)
      throw RunError(ExitCode::kInternal, "cannot create a zstd context");
    ZSTD_CCtx_setParameter(encoder_->ctx, ZSTD_c_compressionLevel, 3);
    encoder_->out.resize(ZSTD_CStreamOutSize());
  }
}

RecordFile::~RecordFile() = default;

namespace {

// Runs the encoder over `in` with `mode` until it has taken everything
// (ZSTD_e_continue) or flushed the frame's end (ZSTD_e_end).
void Pump(ZSTD_CCtx* ctx, std::string& out, std::string_view in, ZSTD_EndDirective mode,
          OutputFile& file) {
  ZSTD_inBuffer src{in.data(), in.size(), 0};
  for (;;) {
    ZSTD_outBuffer dst{out.data(), out.size(), 0};
    const size_t left = ZSTD_compressStream2(ctx, &dst, &src, mode);
    if (ZSTD_isError(left)) {
      throw RunError(ExitCode::kInternal,
                     std::string("zstd compression failed: ") + ZSTD_getErrorName(left));
    }
    file.Write(std::string_view(out.data(), dst.pos));
    const bool done = mode == ZSTD_e_end ? left == 0 : src.pos == src.size;
    if (done) return;
  }
}

}  // namespace

void RecordFile::Write(std::string_view bytes) {
  if (!encoder_) {
    file_.Write(bytes);
    return;
  }
  if (!bytes.empty()) Pump(encoder_->ctx, encoder_->out, bytes, ZSTD_e_continue, file_);
}

void RecordFile::Commit() {
  if (encoder_) Pump(encoder_->ctx, encoder_->out, {}, ZSTD_e_end, file_);
  file_.Commit();
}

}  // namespace ffb
