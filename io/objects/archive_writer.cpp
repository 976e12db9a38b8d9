#include "io/objects/archive_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/core/run_error.h"

namespace ffb {
namespace {

constexpr size_t kHeaderBytes = 60;

// A 60-byte member header: name/, date, uid, gid, mode, size, "`\n".
std::string MemberHeader(std::string_view name, uint64_t size) {
  return fmt::format("{:<16}{:<12}{:<6}{:<6}{:<8}{:<10}`\n", name, 0, 0, 0, 644, size);
}

void AppendBigEndian32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xff));
}

[[noreturn]] void ReadFailed(const OutputDir& dir, const std::string& name) {
  throw RunError(ExitCode::kIoError, "cannot read '" + dir.path() + "/" + name +
                                         "' for the archive: " + std::strerror(errno));
}

}  // namespace

void ArchiveWriter::Add(std::string name, std::vector<std::string> symbols) {
  members_.push_back({std::move(name), std::move(symbols)});
}

void ArchiveWriter::Write(const OutputDir& dir, std::string_view archive_name) const {
  // Member sizes first: the index holds each member's offset.
  std::vector<uint64_t> sizes;
  uint64_t symbol_count = 0, name_bytes = 0;
  for (const Member& m : members_) {
    struct stat st;
    if (fstatat(dir.fd(), m.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) ReadFailed(dir, m.name);
    sizes.push_back(static_cast<uint64_t>(st.st_size));
    symbol_count += m.symbols.size();
    for (const std::string& s : m.symbols) name_bytes += s.size() + 1;
  }
  uint64_t index_bytes = 4 + 4 * symbol_count + name_bytes;
  uint64_t offset = 8 + kHeaderBytes + index_bytes + (index_bytes & 1);
  std::string index = MemberHeader("/", index_bytes);
  AppendBigEndian32(index, static_cast<uint32_t>(symbol_count));
  std::string names;
  for (size_t i = 0; i < members_.size(); ++i) {
    if (offset > UINT32_MAX) {
      throw RunError(ExitCode::kIoError, "cannot write '" + dir.path() + "/" +
                                             std::string(archive_name) + "': larger than 4 GiB");
    }
    for (const std::string& s : members_[i].symbols) {
      AppendBigEndian32(index, static_cast<uint32_t>(offset));
      names.append(s);
      names.push_back('\0');
    }
    offset += kHeaderBytes + sizes[i] + (sizes[i] & 1);
  }
  index.append(names);
  if (index_bytes & 1) index.push_back('\n');

  OutputFile file(dir, archive_name);
  file.Write("!<arch>\n");
  file.Write(index);
  std::string buffer(1 << 16, '\0');
  for (size_t i = 0; i < members_.size(); ++i) {
    const std::string& name = members_[i].name;
    file.Write(MemberHeader(name + "/", sizes[i]));
    int fd = openat(dir.fd(), name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) ReadFailed(dir, name);
    uint64_t copied = 0;
    while (copied < sizes[i]) {
      ssize_t n = read(fd, buffer.data(), buffer.size());
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        if (n == 0) errno = EIO;  // shorter than it was a moment ago
        int saved = errno;
        close(fd);
        errno = saved;
        ReadFailed(dir, name);
      }
      uint64_t take = std::min<uint64_t>(static_cast<uint64_t>(n), sizes[i] - copied);
      file.Write(std::string_view(buffer.data(), take));
      copied += take;
    }
    close(fd);
    if (sizes[i] & 1) file.Write("\n");
  }
  file.Commit();
}

}  // namespace ffb
