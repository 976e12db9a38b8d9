// OUT/manifest.json: what one run wrote and what it was made from, so a
// later run (or a person, or a build system) can tell ffbatch's files from
// anyone else's. Written last, through an OutputFile, so a manifest is
// present only for a run that finished. Content hashes are XXH3-64 (the
// hash engine/core/hash.h uses; no SHA library is linked), spelled
// "xxh3-64:<16 hex digits>". Stdin cannot be read again, so its entry has
// "hash": null (and "bytes": null when stdin is not the only input; a FIFO
// or other non-regular input has both null).
//
//   Manifest m;  m.engine_version = FFBATCH_VERSION;
//   m.files = DescribeOutputs(out, out.CommittedFiles());
//   WriteManifest(out, m);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/output/output_file.h"

namespace ffb {

inline constexpr const char* kManifestFormat = "ffbatch-manifest-1";
inline constexpr const char* kManifestHash = "xxh3-64";

struct ManifestFile {
  std::string path;               // OUT-relative for outputs; as given for inputs
  std::optional<uint64_t> bytes;  // null: unknown (stdin among other inputs)
  std::optional<uint64_t> hash;   // null: not re-readable (stdin)
};

struct Manifest {
  std::string engine_version;
  // Options that change the outputs, in order: name and its JSON value text.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<ManifestFile> inputs;
  std::vector<ManifestFile> files;  // sorted by path; manifest.json itself is not listed
};

// "xxh3-64:0123456789abcdef".
std::string FormatHash(uint64_t hash);
// Size and XXH3-64 of everything readable from fd; false on a read error.
bool HashDescriptor(int fd, uint64_t* bytes, uint64_t* hash);
// Opens an OUT-relative path below `root` without following any symlink on
// the way (each component O_NOFOLLOW); refuses absolute paths, empty, "."
// and ".." components. -1 with errno set on failure.
int OpenBeneath(int root, std::string_view relative, int flags);
// Hashes each committed file as it now is on disk (throws RunError(kIoError)).
std::vector<ManifestFile> DescribeOutputs(const OutputDir& out,
                                          const std::vector<std::string>& relative_paths);
// Hashes each input file; "-" (stdin) gets a null hash, and `stdin_bytes`
// as its size when it is the only input; a FIFO or device gets null both.
std::vector<ManifestFile> DescribeInputs(const std::vector<std::string>& inputs,
                                         uint64_t stdin_bytes);

std::string FormatManifest(const Manifest& manifest);
void WriteManifest(const OutputDir& out, const Manifest& manifest);
// The "files" of a manifest's text; nullopt when it is not an ffbatch
// manifest (wrong format tag, not JSON, a field missing or of the wrong type).
std::optional<std::vector<ManifestFile>> ParseManifestFiles(std::string_view text);

}  // namespace ffb
