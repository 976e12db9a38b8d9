// SIGTERM and SIGINT during a run (issue 11 item 6): temporary files are
// removed, nothing that looks finished is left, exit 143 / 130. The run
// reads a FIFO the test keeps open, so it is surely mid-run when signalled.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/support/test_util.h"

extern char** environ;

namespace {

bool HasTemp(const std::string& dir) {
  if (!std::filesystem::exists(dir)) return false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
  }
  return false;
}

// Spawns ffbatch on a FIFO with SIGINT/SIGTERM at their defaults (a test
// runner may have them ignored) in its own process group; feeds part of the
// examples, waits for the temporaries, signals the group, returns the status.
int SignalledRun(const std::string& dir, int sig) {
  std::string fifo = dir + "/fifo", out = dir + "/o";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Opened read-write first: the child's O_RDONLY open then does not wait
  // for a writer (posix_spawn waits for the child's exec).
  int w = ::open(fifo.c_str(), O_RDWR);
  REQUIRE(w >= 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, fifo.c_str(), O_RDONLY, 0);
  std::string err = dir + "/err";
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::string bin = FFBATCH_BINARY;
  std::vector<std::string> args = {bin, "-", "-o", out, "--chunk-lines", "4", "-q"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, bin.c_str(), &actions, &attr, argv.data(), environ) == 0);
  std::string specs =
      ffb::test::ReadFile(std::string(FFBATCH_SOURCE_DIR) + "/datasets/examples/examples.jsonl");
  REQUIRE(::write(w, specs.data(), specs.size() / 2) > 0);
  for (int i = 0; i < 500 && !HasTemp(out); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(HasTemp(out));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // some chunks written
  ::kill(-pid, sig);                                            // the whole group, as Ctrl-C
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(w);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

void CheckNothingLooksFinished(const std::string& out) {
  CHECK_FALSE(HasTemp(out));
  CHECK_FALSE(std::filesystem::exists(out + "/results.jsonl"));
  CHECK_FALSE(std::filesystem::exists(out + "/summary.json"));
  CHECK_FALSE(std::filesystem::exists(out + "/forth/all.fth"));
}

}  // namespace

TEST_CASE("SIGTERM mid-run removes temporaries and exits 143", "[cli]") {
  std::string dir = ffb::test::TempDir("sigterm");
  CHECK(SignalledRun(dir, SIGTERM) == 143);
  CheckNothingLooksFinished(dir + "/o");
  CHECK(ffb::test::ReadFile(dir + "/err") ==
        "ffbatch: terminated (SIGTERM); temporary files removed\n");
}

TEST_CASE("SIGINT to the process group mid-run removes temporaries and exits 130", "[cli]") {
  std::string dir = ffb::test::TempDir("sigint");
  CHECK(SignalledRun(dir, SIGINT) == 130);
  CheckNothingLooksFinished(dir + "/o");
  CHECK(ffb::test::ReadFile(dir + "/err") ==
        "ffbatch: interrupted (SIGINT); temporary files removed\n");
}
