// Whose files are in OUT. Before a run: a non-empty OUT must hold an
// ffbatch manifest (manifest.h) unless the user forces it, so ffbatch never
// mixes its files into a stranger's directory by accident. After a run:
// the files the earlier run's manifest lists and this run did not write are
// removed, so OUT/obj/*.o always links and OUT/forth/all.fth always loads.
// Only manifest-listed, relative paths are ever removed, never through a
// symlink, and only while they still have the size and hash the manifest
// recorded (a file changed since is someone else's now, and kept).
//
//   PriorRun prior = ClaimOutputDir(out, force);   // throws RunError(kCannotCreate)
//   ... run, write outputs ...
//   std::vector<std::string> notes = RemoveStaleFiles(out, prior, out.CommittedFiles());
#pragma once

#include <string>
#include <vector>

#include "io/output/manifest.h"
#include "io/output/output_file.h"

namespace ffb {

struct PriorRun {
  bool has_manifest = false;
  std::vector<ManifestFile> files;  // what the earlier run wrote
};

// OUT is claimable when it is empty (but for .ffbatch.lock, temporaries a
// killed run left, and empty forth/ obj/ include/), holds an
// ffbatch manifest, or `force` is set (then without a readable manifest
// nothing will be removed). Otherwise throws RunError(kCannotCreate).
PriorRun ClaimOutputDir(const OutputDir& out, bool force);
// Removes the prior run's files not in `written` (OUT-relative) and the
// subdirectories that leaves empty. Returns one message per listed file it
// kept (changed since, a symlink, not a regular file, an unsafe path).
std::vector<std::string> RemoveStaleFiles(const OutputDir& out, const PriorRun& prior,
                                          const std::vector<std::string>& written);

}  // namespace ffb
