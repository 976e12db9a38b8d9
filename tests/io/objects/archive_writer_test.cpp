#include "io/objects/archive_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "engine/core/run_error.h"
#include "tests/support/test_util.h"

using namespace ffb;

TEST_CASE("archive: System V ar with a symbol index, odd members padded", "[native][archive]") {
  std::string dir = test::TempDir("ffb_archive");
  test::WriteFile(dir + "/a.o", "abc");  // odd size: padded with '\n'
  test::WriteFile(dir + "/bb.o", "wxyz");
  ArchiveWriter a;
  a.Add("a.o", {"f", "gh"});
  a.Add("bb.o", {"k"});
  a.Write(OutputDir::Open(dir), "lib.a");
  std::string bytes = test::ReadFile(dir + "/lib.a");
  // "!<arch>\n", the "/" index (count 3; offsets of a.o, a.o, bb.o; names),
  // then each member after its 60-byte header.
  std::string index_body = std::string("\0\0\0\3", 4) + std::string("\0\0\0\x5c", 4) +
                           std::string("\0\0\0\x5c", 4) + std::string("\0\0\0\x9c", 4) +
                           std::string("f\0gh\0k\0", 7);
  std::string expected =
      "!<arch>\n" + std::string("/               0           0     0     644     23        `\n") +
      index_body + "\n" + "a.o/            0           0     0     644     3         `\nabc\n" +
      "bb.o/           0           0     0     644     4         `\nwxyz";
  CHECK(bytes == expected);
  CHECK(expected.find("a.o/") == 0x5c);
  CHECK(expected.find("bb.o/") == 0x9c);
  // binutils reads it back.
  CHECK(test::RunCommand("cd " + dir +
                         " && test \"$(ar t lib.a | tr '\\n' ' ')\" = 'a.o bb.o ' && "
                         "test \"$(ar p lib.a bb.o)\" = wxyz") == 0);
}

TEST_CASE("archive: a missing member is an I/O error naming it, and no archive is left",
          "[native][archive]") {
  std::string dir = test::TempDir("ffb_archive_missing");
  ArchiveWriter a;
  a.Add("gone.o", {"f"});
  try {
    a.Write(OutputDir::Open(dir), "lib.a");
    FAIL("no error");
  } catch (const RunError& e) {
    CHECK(e.code() == ExitCode::kIoError);
    CHECK(std::string(e.what()).find("gone.o") != std::string::npos);
  }
  CHECK(test::RunCommand("test ! -e " + dir + "/lib.a") == 0);
}
