// OutputDir / OutputFile / OutputLock: exclusive random temporary names,
// rename into place, no temporaries left, symlinks never followed below OUT.
#include "io/output/output_file.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/core/run_error.h"
#include "io/output/output_lock.h"
#include "tests/support/test_util.h"

using namespace ffb;
namespace fs = std::filesystem;

namespace {

size_t Entries(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

ExitCode CodeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const RunError& e) {
    return e.code();
  }
  return ExitCode::kOk;
}

}  // namespace

TEST_CASE("output file: written under a unique temporary name, renamed by Commit", "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outfile");
  OutputDir out = OutputDir::Open(dir);
  {
    OutputFile a(out, "x.txt"), b(out, "x.txt");
    CHECK(a.temp_path() != b.temp_path());
    CHECK(a.temp_path().rfind(dir + "/.x.txt.tmp-", 0) == 0);
    CHECK(a.temp_path().size() == (dir + "/.x.txt.tmp-").size() + 16);
    a.Write("first");
    b.Write("second");
    CHECK_FALSE(fs::exists(dir + "/x.txt"));
    a.Commit();
    CHECK(test::ReadFile(dir + "/x.txt") == "first");
    b.Commit();
  }
  CHECK(test::ReadFile(dir + "/x.txt") == "second");
  CHECK(Entries(dir) == 1);
}

TEST_CASE("output file: an uncommitted file leaves nothing behind", "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outfile_abort");
  OutputDir out = OutputDir::Open(dir);
  {
    OutputFile f(out, "y.txt");
    f.Write(std::string(3u << 20, 'y'));  // past the buffer: bytes reach the disk
    CHECK(Entries(dir) == 1);
  }
  CHECK(Entries(dir) == 0);
}

TEST_CASE("output file: a symlink at the final name is replaced, its target untouched",
          "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outfile_link");
  test::WriteFile(dir + "/victim", "victim");
  fs::create_directories(dir + "/out");
  fs::create_symlink(dir + "/victim", dir + "/out/z.txt");
  OutputDir out = OutputDir::Open(dir + "/out");
  OutputFile f(out, "z.txt");
  f.Write("new");
  f.Commit();
  CHECK(test::ReadFile(dir + "/victim") == "victim");
  CHECK(fs::is_regular_file(fs::symlink_status(dir + "/out/z.txt")));
  CHECK(test::ReadFile(dir + "/out/z.txt") == "new");
}

TEST_CASE("output dir: Subdir creates a directory and refuses a symlink or a file",
          "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outdir_sub");
  fs::create_directories(dir + "/elsewhere");
  fs::create_directories(dir + "/out");
  fs::create_directory_symlink(dir + "/elsewhere", dir + "/out/linked");
  test::WriteFile(dir + "/out/file", "x");
  OutputDir out = OutputDir::Open(dir + "/out");
  OutputDir made = out.Subdir("made");
  CHECK(fs::is_directory(dir + "/out/made"));
  CHECK(made.path() == dir + "/out/made");
  CHECK(out.Subdir("made").fd() >= 0);  // already there is fine
  CHECK(CodeOf([&] { out.Subdir("linked"); }) == ExitCode::kCannotCreate);
  CHECK(CodeOf([&] { out.Subdir("file"); }) == ExitCode::kCannotCreate);
  CHECK(fs::is_empty(dir + "/elsewhere"));
  CHECK(CodeOf([&] { OutputDir::Open(dir + "/out/file"); }) == ExitCode::kCannotCreate);
}

TEST_CASE("output lock: a second holder is refused with the first one's pid", "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outlock");
  OutputDir out = OutputDir::Open(dir);
  {
    OutputLock first(out);
    std::string message;
    try {
      OutputLock second(out);
    } catch (const RunError& e) {
      CHECK(e.code() == ExitCode::kCannotCreate);
      message = e.what();
    }
    CHECK(message == "'" + dir + "' is in use by another ffbatch run (pid " +
                         std::to_string(::getpid()) + ")");
  }
  OutputLock again(out);  // released with the first
  CHECK(test::ReadFile(dir + "/.ffbatch.lock") == std::to_string(::getpid()) + "\n");
}

TEST_CASE("output lock: a symlink at the lock file's name is refused, not followed",
          "[io][outdir]") {
  std::string dir = test::TempDir("ffb_outlock_link");
  test::WriteFile(dir + "/victim", "victim");
  fs::create_directories(dir + "/out");
  fs::create_symlink(dir + "/victim", dir + "/out/.ffbatch.lock");
  OutputDir out = OutputDir::Open(dir + "/out");
  CHECK(CodeOf([&] { OutputLock lock(out); }) == ExitCode::kCannotCreate);
  CHECK(test::ReadFile(dir + "/victim") == "victim");
}

TEST_CASE("output dir: committed files are recorded root-relative, across subdirectories, once",
          "[io][outdir][manifest]") {
  std::string dir = test::TempDir("ffb_outdir_committed");
  OutputDir out = OutputDir::Open(dir);
  OutputDir obj = out.Subdir("obj");
  OutputDir deep = obj.Subdir("deep");
  CHECK(out.relative().empty());
  CHECK(obj.relative() == "obj/");
  CHECK(deep.relative() == "obj/deep/");
  {
    OutputFile abandoned(obj, "never.o");  // not committed: not recorded
    abandoned.Write("x");
  }
  for (int i = 0; i < 2; ++i) {  // committed twice, listed once
    OutputFile f(obj, "b.o");
    f.Write("b");
    f.Commit();
  }
  OutputFile a(out, "a.txt");
  a.Commit();
  OutputFile c(deep, "c");
  c.Commit();
  const std::vector<std::string> expected = {"a.txt", "obj/b.o", "obj/deep/c"};
  CHECK(out.CommittedFiles() == expected);
  CHECK(deep.CommittedFiles() == expected);              // one registry for the whole tree
  CHECK(OutputDir::Open(dir).CommittedFiles().empty());  // a new Open starts afresh
}

TEST_CASE("output lock: RemoveIfCreated removes only a lock file this lock created",
          "[io][outdir][manifest]") {
  std::string dir = test::TempDir("ffb_outlock_created");
  OutputDir out = OutputDir::Open(dir);
  {
    OutputLock lock(out);
    lock.RemoveIfCreated();
  }
  CHECK(fs::is_empty(dir));
  test::WriteFile(dir + "/.ffbatch.lock", "");
  {
    OutputLock lock(out);
    lock.RemoveIfCreated();
  }
  CHECK(fs::exists(dir + "/.ffbatch.lock"));
}
