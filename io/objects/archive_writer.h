// A static archive (OUT/obj/libffwords.a) of objects already written to one
// directory, in the System V / GNU `ar` format with a symbol index (the "/"
// member: big-endian count, member offsets, NUL-terminated names), so
// `cc main.c -LOUT/obj -lffwords` links without ranlib. Written here rather
// than by a library: libelf reads archives but does not write them, and
// libarchive writes `ar` members but no symbol index, which ld requires.
// Member names must fit 15 bytes (no "//" long-name table); dates, uids and
// gids are 0 and modes 644, so the archive is deterministic.
//
//   ArchiveWriter a;  a.Add("part-00000.o", {"ffw_sq", ...});  a.Add("ffrt.o", {...});
//   a.Write(obj_dir, "libffwords.a");   // reads obj_dir/part-00000.o ... back
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/output/output_file.h"

namespace ffb {

class ArchiveWriter {
 public:
  // A member: the file `name` in the directory given to Write, defining `symbols`.
  void Add(std::string name, std::vector<std::string> symbols);
  // Writes `dir`/`archive_name` through an OutputFile. Throws RunError:
  // kCannotCreate, or kIoError when a member cannot be read or the write fails.
  void Write(const OutputDir& dir, std::string_view archive_name) const;

 private:
  struct Member {
    std::string name;
    std::vector<std::string> symbols;
  };
  std::vector<Member> members_;
};

}  // namespace ffb
