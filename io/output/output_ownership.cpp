#include "io/output/output_ownership.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "engine/core/run_error.h"
#include "io/output/output_layout.h"

namespace ffb {

namespace {

// A temporary name an OutputFile makes (".NAME.tmp-" + 16 hex digits),
// left behind only by a run that was killed before it could remove it.
bool IsOurTemporary(std::string_view name) {
  size_t at = name.rfind(".tmp-");
  if (name.size() < 2 || name[0] != '.' || at == std::string_view::npos || at < 2 ||
      name.size() != at + 5 + 16) {
    return false;
  }
  return name.substr(at + 5).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// Whether the directory `fd` (closed here) has an entry ffbatch did not
// create before any manifest: the lock file, its own temporaries, and (at
// the top) its empty-of-anything-else forth/, obj/ and include/ do not
// count, so a first run killed early does not need --force to be re-run.
bool HasForeignEntries(int fd, bool top, const std::string& shown) {
  DIR* dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
  if (!dir) {
    if (fd >= 0) ::close(fd);
    throw RunError(ExitCode::kCannotCreate,
                   "cannot list output directory '" + shown + "': " + std::strerror(errno));
  }
  bool found = false;
  while (const dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      found = true;
      break;
    }
    if (S_ISREG(st.st_mode) && ((top && name == layout::kLock) || IsOurTemporary(name))) continue;
    const bool layout_dir =
        name == layout::kForthDir || name == layout::kObjectDir || name == layout::kIncludeDir;
    if (top && layout_dir && S_ISDIR(st.st_mode) &&
        !HasForeignEntries(
            ::openat(::dirfd(dir), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC),
            false, shown + "/" + std::string(name))) {
      continue;
    }
    found = true;
    break;
  }
  ::closedir(dir);
  return found;
}

// The manifest's text, or nullopt when there is none; a manifest.json that
// is a symlink or unreadable counts as present but not ffbatch's ("" text).
std::optional<std::string> ReadManifestText(const OutputDir& out) {
  int fd = ::openat(out.fd(), layout::kManifest, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    return std::string();
  }
  std::string text;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

// The parent directories of `rel`, deepest first: "a/b/c.o" -> {"a/b", "a"}.
std::vector<std::string> Parents(const std::string& rel) {
  std::vector<std::string> parents;
  for (size_t slash = rel.rfind('/'); slash != std::string::npos && slash > 0;
       slash = rel.rfind('/', slash - 1)) {
    parents.push_back(rel.substr(0, slash));
  }
  return parents;
}

// Splits "a/b/c" into the directory "a/b" (opened beneath OUT) and "c".
int OpenParent(int root, const std::string& rel, std::string* leaf) {
  size_t slash = rel.rfind('/');
  *leaf = slash == std::string::npos ? rel : rel.substr(slash + 1);
  if (slash == std::string::npos) return ::fcntl(root, F_DUPFD_CLOEXEC, 0);
  return OpenBeneath(root, rel.substr(0, slash), O_RDONLY | O_DIRECTORY);
}

bool SafeRelative(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.back() == '/') return false;
  size_t start = 0;
  for (;;) {
    size_t slash = rel.find('/', start);
    std::string part = rel.substr(start, slash == std::string::npos ? slash : slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

}  // namespace

PriorRun ClaimOutputDir(const OutputDir& out, bool force) {
  PriorRun prior;
  std::optional<std::string> text = ReadManifestText(out);
  if (text) {
    std::optional<std::vector<ManifestFile>> files = ParseManifestFiles(*text);
    if (files) {
      prior.has_manifest = true;
      prior.files = std::move(*files);
      return prior;
    }
    if (!force) {
      throw RunError(ExitCode::kCannotCreate,
                     "'" + out.path() + "/" + layout::kManifest +
                         "' is not an ffbatch manifest; refusing to write into '" + out.path() +
                         "' (--force writes anyway and deletes nothing already there)");
    }
    return prior;
  }
  if (!force && HasForeignEntries(::openat(out.fd(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), true,
                                  out.path())) {
    throw RunError(ExitCode::kCannotCreate,
                   "output directory '" + out.path() + "' is not empty and has no " +
                       layout::kManifest +
                       " from an earlier ffbatch run; refusing to mix outputs into it "
                       "(--force writes anyway and deletes nothing already there)");
  }
  return prior;
}

std::vector<std::string> RemoveStaleFiles(const OutputDir& out, const PriorRun& prior,
                                          const std::vector<std::string>& written) {
  std::vector<std::string> notes;
  const std::set<std::string> keep(written.begin(), written.end());
  std::set<std::string> emptied;  // parent directories of removed files
  std::set<std::string> seen;
  for (const ManifestFile& f : prior.files) {
    if (keep.count(f.path) || f.path == layout::kManifest || f.path == layout::kLock) continue;
    if (!seen.insert(f.path).second) continue;
    const std::string shown = out.path() + "/" + f.path;
    if (!SafeRelative(f.path)) {
      notes.push_back("removed nothing for '" + f.path + "' in '" + out.path() + "/" +
                      layout::kManifest + "': not a plain path inside OUT");
      continue;
    }
    std::string leaf;
    int dir = OpenParent(out.fd(), f.path, &leaf);
    if (dir < 0) {
      if (errno != ENOENT) notes.push_back("kept '" + shown + "': its directory is not safe");
      continue;
    }
    struct stat st {};
    if (::fstatat(dir, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      ::close(dir);  // already gone
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      ::close(dir);
      notes.push_back("kept '" + shown + "': no longer a regular file");
      continue;
    }
    int fd = ::openat(dir, leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    uint64_t bytes = 0, hash = 0;
    const bool same =
        fd >= 0 && HashDescriptor(fd, &bytes, &hash) && f.bytes == bytes && f.hash == hash;
    if (fd >= 0) ::close(fd);
    if (!same) {
      ::close(dir);
      notes.push_back("kept '" + shown + "': changed since the ffbatch run that wrote it");
      continue;
    }
    if (::unlinkat(dir, leaf.c_str(), 0) != 0) {
      notes.push_back("cannot remove '" + shown + "': " + std::strerror(errno));
    }
    ::close(dir);
    for (const std::string& p : Parents(f.path)) emptied.insert(p);
  }
  // Deepest first; rmdir removes only empty directories, never through a symlink.
  std::vector<std::string> dirs(emptied.begin(), emptied.end());
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
    return std::count(a.begin(), a.end(), '/') > std::count(b.begin(), b.end(), '/');
  });
  for (const std::string& d : dirs) {
    std::string leaf;
    int parent = OpenParent(out.fd(), d, &leaf);
    if (parent < 0) continue;
    struct stat st {};
    if (::fstatat(parent, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
      ::unlinkat(parent, leaf.c_str(), AT_REMOVEDIR);  // fails harmlessly when not empty
    }
    ::close(parent);
  }
  return notes;
}

}  // namespace ffb
