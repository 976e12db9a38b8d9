// The output directory is not a shared scratch space: the real binary never
// writes through a file or symlink planted in OUT, refuses symlinked
// subdirectories, leaves no temporary files, and lets one run at a time use
// an OUT (issue 8 item 4).
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::Examples;

namespace fs = std::filesystem;
using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

std::string Run(const std::string& out) {
  return Bin() + Quote(Examples()) + " -o " + Quote(out) + " -q";
}

// Every entry under `dir`, relative, symlinks not followed; directories end in '/'.
std::map<std::string, fs::file_status> Tree(const std::string& dir) {
  std::map<std::string, fs::file_status> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string rel = fs::relative(e.path(), dir).string();
    if (e.is_directory() && !e.is_symlink()) rel += "/";
    out.emplace(rel, e.symlink_status());
  }
  return out;
}

std::vector<std::string> TempFiles(const std::string& dir) {
  std::vector<std::string> temps;
  for (const auto& [rel, status] : Tree(dir)) {
    if (rel.find(".tmp") != std::string::npos) temps.push_back(rel);
  }
  return temps;
}

void Plant(const std::string& link, const std::string& target) {
  fs::create_directories(fs::path(link).parent_path());
  fs::create_symlink(target, link);
}

}  // namespace

TEST_CASE("output dir: symlinks planted at temporary and final names are never written through",
          "[cli][outdir]") {
  std::string dir = ffb::test::TempDir("outdir-plant");
  std::string ref = dir + "/ref", out = dir + "/out", victim = dir + "/victim";
  REQUIRE(RunCommand(Run(ref)) == 0);
  ffb::test::WriteFile(victim, "victim\n");
  // The fixed temporary names of the old ELF and header writers ...
  for (const char* name : {"obj/part-00000.o.tmp", "obj/ffrt.o.tmp", "include/ffbatch_words.h.tmp",
                           "forth/part-00000.fth.tmp", "forth/all.fth.tmp"}) {
    Plant(out + "/" + name, victim);
  }
  // ... the old .NAME.tmp-PID names for the pids the run is likely to get ...
  for (pid_t pid = ::getpid() + 1; pid <= ::getpid() + 64; ++pid) {
    for (const char* name : {"results.jsonl", "rejects.jsonl", "summary.json", "profile.json",
                             "forth/part-00000.fth", "forth/all.fth", "include/ffbatch_words.h"}) {
      fs::path p = fs::path(out) / name;
      std::string temp = p.filename().string();
      temp.insert(0, 1, '.');
      temp.append(".tmp-").append(std::to_string(pid));
      Plant((p.parent_path() / temp).string(), victim);
    }
  }
  // ... and final names, which must be replaced, not followed.
  Plant(out + "/results.jsonl", victim);
  Plant(out + "/obj/part-00000.o", victim);
  Plant(out + "/include/ffbatch_words.h", victim);

  // OUT holds only planted files, no manifest: --force writes into it anyway.
  CHECK(RunCommand(Run(out) + " --force") == 0);
  CHECK(ReadFile(victim) == "victim\n");
  // Every output is a regular file with exactly the bytes of a clean run.
  for (const auto& [rel, status] : Tree(ref)) {
    // manifest.json holds profile.json's hash, so it differs with it.
    if (rel.back() == '/' || rel == "profile.json" || rel == ".ffbatch.lock" ||
        rel == "manifest.json") {
      continue;
    }
    INFO(rel);
    CHECK(fs::is_regular_file(fs::symlink_status(out + "/" + rel)));
    CHECK(ReadFile(out + "/" + rel) == ReadFile(ref + "/" + rel));
  }
}

TEST_CASE("output dir: OUT/forth, OUT/obj and OUT/include as symlinks are refused (exit 73)",
          "[cli][outdir]") {
  std::string dir = ffb::test::TempDir("outdir-linkdir");
  for (const char* sub : {"forth", "obj", "include"}) {
    std::string out = dir + "/out-" + sub, target = dir + "/target-" + sub;
    fs::create_directories(out);
    fs::create_directories(target);
    fs::create_directory_symlink(target, out + "/" + sub);
    INFO(sub);
    CHECK(RunCommand(Run(out) + " --force 2> " + Quote(dir + "/err")) == 73);
    CHECK(ReadFile(dir + "/err") == "ffbatch: output directory '" + out + "/" + sub +
                                        "' is a symbolic link; ffbatch does not write through "
                                        "symlinks in OUT\n");
    CHECK(fs::is_empty(target));
    CHECK(TempFiles(out).empty());
    CHECK_FALSE(fs::exists(out + "/results.jsonl"));
  }
}

TEST_CASE("output dir: a second run into a locked OUT fails fast, and works once released",
          "[cli][outdir]") {
  std::string dir = ffb::test::TempDir("outdir-lock");
  std::string out = dir + "/out";
  fs::create_directories(out);
  int fd = ::open((out + "/.ffbatch.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  std::string pid = std::to_string(::getpid());
  REQUIRE(::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size()));

  auto t0 = std::chrono::steady_clock::now();
  CHECK(RunCommand(Run(out) + " 2> " + Quote(dir + "/err")) == 73);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  CHECK(ReadFile(dir + "/err") ==
        "ffbatch: '" + out + "' is in use by another ffbatch run (pid " + pid + ")\n");
  CHECK_FALSE(fs::exists(out + "/results.jsonl"));
  CHECK(TempFiles(out).empty());

  ::close(fd);  // releases the lock
  CHECK(RunCommand(Run(out)) == 0);
  CHECK(fs::exists(out + "/results.jsonl"));
}

TEST_CASE("output dir: two real runs into one OUT: the second fails while the first reads a FIFO",
          "[cli][outdir]") {
  std::string dir = ffb::test::TempDir("outdir-fifo");
  std::string out = dir + "/out", fifo = dir + "/specs.fifo", rc = dir + "/first.rc";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The first run takes the lock, then blocks reading the FIFO.
  std::string background = Bin();  // (GCC 12 -Wrestrict misfires on "(" + string)
  background.insert(0, 1, '(');
  background +=
      Quote(fifo) + " -o " + Quote(out) + " -q; echo $? > " + Quote(rc) + ") >/dev/null 2>&1 &";
  REQUIRE(RunCommand(background) == 0);
  std::string holder;
  for (int i = 0; i < 400 && holder.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    holder = ReadFile(out + "/.ffbatch.lock");
  }
  CHECK_FALSE(holder.empty());
  if (!holder.empty() && holder.back() == '\n') holder.pop_back();
  CHECK(RunCommand(Run(out) + " 2> " + Quote(dir + "/err")) == 73);
  CHECK(ReadFile(dir + "/err") ==
        "ffbatch: '" + out + "' is in use by another ffbatch run (pid " + holder + ")\n");

  // Feed the first run (whatever happened above, so it never hangs) and let it finish.
  int fd = -1;
  for (int i = 0; i < 400 && fd < 0; ++i) {
    fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  REQUIRE(fd >= 0);
  ::fcntl(fd, F_SETFL, 0);
  std::string specs = ReadFile(Examples());
  CHECK(::write(fd, specs.data(), specs.size()) == static_cast<ssize_t>(specs.size()));
  ::close(fd);
  for (int i = 0; i < 800 && ReadFile(rc).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK(ReadFile(rc) == "0\n");
  std::string ref = dir + "/ref";
  REQUIRE(RunCommand(Run(ref)) == 0);
  CHECK(ReadFile(out + "/results.jsonl") == ReadFile(ref + "/results.jsonl"));
  // Released: the next run works.
  CHECK(RunCommand(Run(out)) == 0);
}

TEST_CASE("output dir: no temporary file survives a run, a failed input or a failed write",
          "[cli][outdir]") {
  std::string dir = ffb::test::TempDir("outdir-temps");
  REQUIRE(RunCommand(Run(dir + "/ok")) == 0);
  CHECK(TempFiles(dir + "/ok").empty());
  CHECK(fs::exists(dir + "/ok/obj/part-00000.o"));

  // A missing second input is found before anything is created.
  CHECK(RunCommand(Bin() + Quote(Examples()) + " /nonexistent -o " + Quote(dir + "/noinput") +
                   " -q 2>/dev/null") == 66);
  CHECK_FALSE(fs::exists(dir + "/noinput"));

  // A file size limit makes writes fail with EFBIG (SIGXFSZ ignored).
  CHECK(RunCommand("sh -c \"trap '' XFSZ; ulimit -f 8; exec " + Run(dir + "/full") + "\" 2>" +
                   Quote(dir + "/err")) == 74);
  CHECK(ReadFile(dir + "/err").find("cannot write") != std::string::npos);
  CHECK(TempFiles(dir + "/full").empty());
  CHECK_FALSE(fs::exists(dir + "/full/results.jsonl"));
  CHECK_FALSE(fs::exists(dir + "/full/summary.json"));
}
