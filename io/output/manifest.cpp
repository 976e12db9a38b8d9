#include "io/output/manifest.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "engine/core/run_error.h"
#include "io/json/json_escape.h"
#include "io/output/output_layout.h"

namespace ffb {

namespace {

constexpr size_t kReadBytes = size_t{1} << 20;

void AppendFiles(const std::vector<ManifestFile>& files, std::string& out) {
  out.append("[");
  for (size_t i = 0; i < files.size(); ++i) {
    const ManifestFile& f = files[i];
    out.append(i ? ",\n    " : "\n    ");
    out.append("{\"path\": ");
    AppendJsonString(out, f.path);
    out.append(", \"bytes\": ");
    out.append(f.bytes ? std::to_string(*f.bytes) : "null");
    out.append(", \"hash\": ");
    if (f.hash) {
      fmt::format_to(std::back_inserter(out), "\"{}\"", FormatHash(*f.hash));
    } else {
      out.append("null");
    }
    out.append("}");
  }
  out.append(files.empty() ? "]" : "\n  ]");
}

std::optional<uint64_t> ParseHash(std::string_view text) {
  std::string_view prefix = "xxh3-64:";
  if (text.substr(0, prefix.size()) != prefix || text.size() != prefix.size() + 16) {
    return std::nullopt;
  }
  uint64_t value = 0;
  for (char c : text.substr(prefix.size())) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    value = value << 4 | static_cast<uint64_t>(digit);
  }
  return value;
}

}  // namespace

std::string FormatHash(uint64_t hash) { return fmt::format("{}:{:016x}", kManifestHash, hash); }

bool HashDescriptor(int fd, uint64_t* bytes, uint64_t* hash) {
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(),
                                                                 &XXH3_freeState);
  if (!state || XXH3_64bits_reset(state.get()) != XXH_OK) return false;
  std::string buffer(kReadBytes, '\0');
  uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    XXH3_64bits_update(state.get(), buffer.data(), static_cast<size_t>(n));
    total += static_cast<uint64_t>(n);
  }
  *bytes = total;
  *hash = XXH3_64bits_digest(state.get());
  return true;
}

int OpenBeneath(int root, std::string_view relative, int flags) {
  if (relative.empty() || relative.front() == '/') {
    errno = EINVAL;
    return -1;
  }
  int dir = ::fcntl(root, F_DUPFD_CLOEXEC, 0);
  while (dir >= 0) {
    size_t slash = relative.find('/');
    std::string part(relative.substr(0, slash));
    if (part.empty() || part == "." || part == "..") {
      ::close(dir);
      errno = EINVAL;
      return -1;
    }
    const bool last = slash == std::string_view::npos;
    int next = ::openat(
        dir, part.c_str(),
        last ? flags | O_NOFOLLOW | O_CLOEXEC : O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    ::close(dir);
    errno = saved;
    if (last) return next;
    dir = next;
    relative.remove_prefix(slash + 1);
  }
  return -1;
}

std::vector<ManifestFile> DescribeOutputs(const OutputDir& out,
                                          const std::vector<std::string>& relative_paths) {
  std::vector<ManifestFile> files;
  for (const std::string& rel : relative_paths) {
    if (rel == layout::kManifest) continue;
    int fd = OpenBeneath(out.fd(), rel, O_RDONLY);
    uint64_t bytes = 0, hash = 0;
    const bool ok = fd >= 0 && HashDescriptor(fd, &bytes, &hash);
    std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    if (!ok) {
      throw RunError(ExitCode::kIoError,
                     "cannot read back '" + out.path() + "/" + rel + "' for the manifest: " + why);
    }
    files.push_back({rel, bytes, hash});
  }
  std::sort(files.begin(), files.end(),
            [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
  return files;
}

std::vector<ManifestFile> DescribeInputs(const std::vector<std::string>& inputs,
                                         uint64_t stdin_bytes) {
  std::vector<ManifestFile> files;
  for (const std::string& path : inputs) {
    if (path == "-") {
      files.push_back({path,
                       inputs.size() == 1 ? std::optional<uint64_t>(stdin_bytes) : std::nullopt,
                       std::nullopt});
      continue;
    }
    // O_NONBLOCK: a FIFO (or other non-file) was read once and cannot be
    // read again; it is described as stdin is.
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (fd >= 0 && ::fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
      ::close(fd);
      files.push_back({path, std::nullopt, std::nullopt});
      continue;
    }
    uint64_t bytes = 0, hash = 0;
    const bool ok = fd >= 0 && HashDescriptor(fd, &bytes, &hash);
    std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    if (!ok) {
      throw RunError(ExitCode::kIoError,
                     "cannot read input '" + path + "' again for the manifest: " + why);
    }
    files.push_back({path, bytes, hash});
  }
  return files;
}

std::string FormatManifest(const Manifest& m) {
  std::string out = "{\n  \"format\": ";
  AppendJsonString(out, kManifestFormat);
  out.append(",\n  \"engine_version\": ");
  AppendJsonString(out, m.engine_version);
  out.append(",\n  \"hash\": ");
  AppendJsonString(out, kManifestHash);
  out.append(",\n  \"options\": {");
  for (size_t i = 0; i < m.options.size(); ++i) {
    out.append(i ? ", " : "");
    AppendJsonString(out, m.options[i].first);
    out.append(": ").append(m.options[i].second);
  }
  out.append("},\n  \"inputs\": ");
  AppendFiles(m.inputs, out);
  out.append(",\n  \"files\": ");
  AppendFiles(m.files, out);
  out.append("\n}\n");
  return out;
}

void WriteManifest(const OutputDir& out, const Manifest& manifest) {
  OutputFile file(out, layout::kManifest);
  file.Write(FormatManifest(manifest));
  file.Commit();
}

std::optional<std::vector<ManifestFile>> ParseManifestFiles(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(text.data(), text.size()).get(doc)) return std::nullopt;
  std::string_view format;
  if (doc["format"].get_string().get(format) || format != kManifestFormat) return std::nullopt;
  simdjson::dom::array array;
  if (doc["files"].get_array().get(array)) return std::nullopt;
  std::vector<ManifestFile> files;
  for (simdjson::dom::element entry : array) {
    std::string_view path, hash_text;
    uint64_t bytes = 0;
    if (entry["path"].get_string().get(path) || entry["bytes"].get_uint64().get(bytes) ||
        entry["hash"].get_string().get(hash_text)) {
      return std::nullopt;
    }
    std::optional<uint64_t> hash = ParseHash(hash_text);
    if (!hash) return std::nullopt;
    files.push_back({std::string(path), bytes, hash});
  }
  return files;
}

}  // namespace ffb
