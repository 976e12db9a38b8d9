#include "io/input/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "engine/core/run_error.h"

namespace ffb {

namespace {

// simdjson reads up to SIMDJSON_PADDING (64) bytes past a document; every
// chunk ends with this many zero bytes so each line can be parsed in place.
constexpr size_t kPaddingBytes = 64;
constexpr size_t kReadBlockBytes = 1u << 20;

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

}  // namespace

LineReader::LineReader(std::vector<std::string> inputs, ReaderOptions options, ChunkPool* pool)
    : inputs_(std::move(inputs)), options_(options), pool_(pool) {}

LineReader::~LineReader() {
  if (fd_ > 0) ::close(fd_);
}

bool LineReader::OpenNext() {
  if (next_input_ >= inputs_.size()) return false;
  const std::string& path = inputs_[next_input_];
  input_index_ = static_cast<uint32_t>(next_input_);
  ++next_input_;
  if (path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      throw RunError(ExitCode::kNoInput,
                     "cannot open input '" + path + "': " + std::strerror(errno));
    }
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  // Sniff the magic bytes; what was read is served first by ReadPlain().
  if (raw_.size() < kReadBlockBytes) raw_.resize(kReadBlockBytes);
  raw_pos_ = 0;
  raw_end_ = 0;
  raw_eof_ = false;
  while (raw_end_ < 4) {
    size_t n = ReadRaw(raw_.data() + raw_end_, raw_.size() - raw_end_);
    if (n == 0) {
      raw_eof_ = true;
      break;
    }
    raw_end_ += n;
  }
  codec_ = SniffCodec({raw_.data(), raw_end_});
  decoder_ = Decompressor::Make(codec_);
  frame_open_ = false;
  compressed_offset_ = 0;
  input_eof_ = false;
  line_no_ = 1;
  offset_ = 0;
  at_input_start_ = true;
  carry_pos_ = 0;
  carry_end_ = 0;
  return true;
}

void LineReader::CloseInput() {
  if (fd_ > 0) ::close(fd_);
  fd_ = -1;
  input_eof_ = true;
}

size_t LineReader::Fill() {
  if (carry_pos_ > 0) {
    std::memmove(carry_.data(), carry_.data() + carry_pos_, carry_end_ - carry_pos_);
    carry_end_ -= carry_pos_;
    carry_pos_ = 0;
  }
  size_t old = carry_end_;
  // carry_ only ever grows: resizing it per read zero-filled a megabyte
  // that read() then overwrote.
  if (carry_.size() < old + kReadBlockBytes) carry_.resize(old + kReadBlockBytes);
  char* dst = carry_.data() + old;
  size_t n = decoder_ != nullptr ? Decode(dst, kReadBlockBytes) : ReadPlain(dst, kReadBlockBytes);
  carry_end_ = old + n;
  if (n == 0) input_eof_ = true;
  bytes_read_ += n;
  return n;
}

size_t LineReader::ReadRaw(char* dst, size_t cap) {
  ssize_t n;
  do {
    n = ::read(fd_, dst, cap);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    int err = errno;
    throw RunError(err == EISDIR ? ExitCode::kNoInput : ExitCode::kIoError,
                   "cannot read input '" + inputs_[input_index_] + "': " + std::strerror(err));
  }
  return static_cast<size_t>(n);
}

size_t LineReader::ReadPlain(char* dst, size_t cap) {
  if (raw_pos_ < raw_end_) {
    size_t n = std::min(cap, raw_end_ - raw_pos_);
    std::memcpy(dst, raw_.data() + raw_pos_, n);
    raw_pos_ += n;
    return n;
  }
  if (raw_eof_) return 0;
  return ReadRaw(dst, cap);
}

size_t LineReader::Decode(char* dst, size_t cap) {
  for (;;) {
    if (raw_pos_ == raw_end_ && !raw_eof_) {
      raw_pos_ = 0;
      raw_end_ = ReadRaw(raw_.data(), raw_.size());
      if (raw_end_ == 0) raw_eof_ = true;
    }
    bool at_eof = raw_pos_ == raw_end_;
    if (at_eof && !frame_open_) return 0;
    // At the end of input the decoder may still hold output to flush.
    Decompressor::Step step = decoder_->Run(raw_.data() + raw_pos_, raw_end_ - raw_pos_, dst, cap);
    raw_pos_ += step.consumed;
    compressed_offset_ += step.consumed;
    if (step.consumed > 0 || step.produced > 0) frame_open_ = true;
    if (step.frame_end) frame_open_ = false;
    if (step.error) {
      throw RunError(ExitCode::kIoError,
                     std::string("corrupt ") + CodecName(codec_) + " data in input '" +
                         inputs_[input_index_] + "' at compressed byte offset " +
                         std::to_string(compressed_offset_) + ": " + step.message);
    }
    if (step.produced > 0) return step.produced;
    if (at_eof && frame_open_) {
      throw RunError(ExitCode::kIoError, std::string("truncated ") + CodecName(codec_) +
                                             " data in input '" + inputs_[input_index_] +
                                             "': it ends inside a compressed stream at "
                                             "compressed byte offset " +
                                             std::to_string(compressed_offset_));
    }
  }
}

bool LineReader::GetLine(PendingLine& out) {
  for (;;) {
    const char* base = carry_.data() + carry_pos_;
    size_t avail = carry_end_ - carry_pos_;
    const void* nl = std::memchr(base, '\n', avail);
    if (nl != nullptr) {
      size_t len = static_cast<size_t>(static_cast<const char*>(nl) - base);
      out.text = {base, len};
      out.full_length = len;
      out.consumed = len + 1;
      carry_pos_ += len + 1;
      return true;
    }
    if (avail > options_.max_line_bytes) {
      // Overlong and still no newline: keep a prefix, skip to the newline.
      out.prefix.assign(base, std::min(avail, options_.overlong_prefix_bytes));
      uint64_t length = avail;
      carry_pos_ = 0;
      carry_end_ = 0;
      bool found = false;
      while (!found && !input_eof_) {
        Fill();
        const void* end = std::memchr(carry_.data(), '\n', carry_end_);
        if (end != nullptr) {
          size_t part = static_cast<size_t>(static_cast<const char*>(end) - carry_.data());
          length += part;
          carry_pos_ = part + 1;
          found = true;
        } else {
          length += carry_end_;
          carry_end_ = 0;
        }
      }
      out.text = out.prefix;
      out.full_length = length;
      out.consumed = length + (found ? 1 : 0);
      return true;
    }
    if (input_eof_) {
      if (avail == 0) return false;
      out.text = {base, avail};  // last line without a newline
      out.full_length = avail;
      out.consumed = avail;
      carry_pos_ += avail;
      return true;
    }
    Fill();
  }
}

std::unique_ptr<Chunk> LineReader::Next() {
  auto chunk = pool_ != nullptr ? pool_->Acquire() : std::make_unique<Chunk>();
  size_t lines = 0;
  PendingLine line;
  while (lines < options_.chunk_lines && chunk->bytes.size() < options_.chunk_bytes) {
    if (fd_ < 0) {
      if (lines > 0) break;  // a chunk never spans inputs
      if (!OpenNext()) {
        if (pool_ != nullptr) pool_->Release(std::move(chunk));
        return nullptr;
      }
      chunk->input_index = input_index_;
      chunk->first_line = line_no_;
      chunk->first_offset = offset_;
    }
    if (lines == 0) {
      chunk->input_index = input_index_;
      chunk->first_line = line_no_;
      chunk->first_offset = offset_;
    }
    if (!GetLine(line)) {
      CloseInput();
      continue;
    }
    std::string_view text = line.text;
    size_t full = line.full_length;
    if (at_input_start_) {
      at_input_start_ = false;
      if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
        text.remove_prefix(3);
        full -= 3;
        chunk->bom_stripped = true;
      }
    }
    bool overlong = full > options_.max_line_bytes;
    if (!overlong && !text.empty() && text.back() == '\r') {
      text.remove_suffix(1);
      --full;
    }
    if (overlong && text.size() > options_.overlong_prefix_bytes) {
      text = text.substr(0, options_.overlong_prefix_bytes);
    }
    ++lines;
    if (!overlong && IsBlank(text)) {
      ++chunk->blank_lines;
    } else {
      StrRef raw{static_cast<uint32_t>(chunk->bytes.size()), static_cast<uint32_t>(text.size())};
      chunk->bytes.append(text);
      chunk->table.AddRow(line_no_, offset_, raw,
                          static_cast<uint32_t>(std::min<uint64_t>(full, UINT32_MAX)));
    }
    chunk->input_bytes += line.consumed;
    offset_ += line.consumed;
    ++line_no_;
  }
  if (lines == 0) {
    if (pool_ != nullptr) pool_->Release(std::move(chunk));
    return nullptr;
  }
  chunk->bytes.append(kPaddingBytes, '\0');
  chunk->seq = seq_++;
  return chunk;
}

}  // namespace ffb
