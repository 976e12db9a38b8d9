// OUT is a directory ffbatch owns (issue 11 item 4), through the real
// binary: OUT/manifest.json lists exactly the files the run wrote (bytes and
// XXH3-64 as recomputed here), its inputs and result-changing options; a
// later, smaller run into the same OUT removes what the earlier one wrote
// and it did not, so `cc OUT/obj/*.o` links and gforth loads all.fth; a
// stranger's file survives; a non-empty OUT without a manifest exits 73
// unless --force; a manifest never makes ffbatch delete outside OUT,
// through a symlink, or a file changed since it was written.
#include <sys/stat.h>
#include <xxhash.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;
using ffb::test::Examples;

namespace fs = std::filesystem;
using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;
using ffb::test::WriteFile;

std::string Hash(const std::string& bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "xxh3-64:%016llx",
                static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
  return buf;
}

// Every regular file and symlink under dir, relative, sorted.
std::set<std::string> Files(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_directory() && !e.is_symlink()) continue;
    out.insert(fs::relative(e.path(), dir).string());
  }
  return out;
}

std::string Entry(const std::string& path, const std::string& bytes) {
  return "{\"path\": \"" + path + "\", \"bytes\": " + std::to_string(bytes.size()) +
         ", \"hash\": \"" + Hash(bytes) + "\"}";
}

// The manifest a run into `out` from `inputs` (as given on the command
// line, read from `input_files`) must have written, recomputed from disk.
std::string ExpectedManifest(const std::string& out, const std::vector<std::string>& inputs,
                             const std::string& options,
                             const std::set<std::string>& not_ours = {}) {
  std::string m = "{\n  \"format\": \"ffbatch-manifest-1\",\n  \"engine_version\": \"" +
                  std::string(FFBATCH_VERSION) + "\",\n  \"hash\": \"xxh3-64\",\n  \"options\": {" +
                  options + "},\n  \"inputs\": [";
  for (size_t i = 0; i < inputs.size(); ++i) {
    m += (i ? ",\n    " : "\n    ") + Entry(inputs[i], ReadFile(inputs[i]));
  }
  m += "\n  ],\n  \"files\": [";
  bool first = true;
  for (const std::string& rel : Files(out)) {
    if (rel == "manifest.json" || rel == ".ffbatch.lock" || not_ours.count(rel)) continue;
    m += (first ? "\n    " : ",\n    ") + Entry(rel, ReadFile(out + "/" + rel));
    first = false;
  }
  return m + "\n  ]\n}\n";
}

constexpr const char* kDefaultOptions =
    "\"native\": true, \"strict\": false, \"words_per_object\": 4096, \"max_line_bytes\": "
    "1048576, \"max_fixes\": 3, \"compress\": \"none\", \"patterns\": []";

// Calls words of parts 0 and 1 of the 20-word split (square, gcd, lcm).
constexpr const char* kProgram = R"(
#include <stdio.h>
#include "ffbatch_words.h"
static int64_t stack[64];
int main(void) {
  stack[0] = 7;
  int64_t *sp = ffw_square(stack + 1);
  stack[1] = 4; stack[2] = 6;
  sp = ffw_lcm(stack + 3);
  printf("%d %lld %lld\n", (int)(sp - stack), (long long)stack[0], (long long)stack[1]);
  return 0;
}
)";

}  // namespace

TEST_CASE("manifest: lists exactly the files written, the input and the options, with hashes",
          "[cli][outdir][manifest]") {
  std::string dir = ffb::test::TempDir("manifest-exact");
  std::string out = dir + "/out";
  REQUIRE(RunCommand(Bin() + Quote(Examples()) + " -o " + Quote(out) + " -q") == 0);
  CHECK(ReadFile(out + "/manifest.json") == ExpectedManifest(out, {Examples()}, kDefaultOptions));
  CHECK(Files(out).count("manifest.json") == 1);

  // Options that change results are recorded; stdin has its bytes and a null hash.
  std::string patterns = dir + "/extra.jsonl";
  WriteFile(patterns, "");
  std::string out2 = dir + "/out2";
  REQUIRE(RunCommand("cat " + Quote(Examples()) + " | " + Bin() + "- -o " + Quote(out2) +
                     " -q --no-native --strict --words-per-object 9 --patterns " +
                     Quote(patterns)) == 0);
  std::string expected = ExpectedManifest(
      out2, {},
      "\"native\": false, \"strict\": true, \"words_per_object\": 9, \"max_line_bytes\": "
      "1048576, \"max_fixes\": 3, \"compress\": \"none\", \"patterns\": [" +
          Entry(patterns, "") + "]");
  const std::string no_inputs = "\"inputs\": [\n  ]";
  expected.replace(expected.find(no_inputs), no_inputs.size(),
                   "\"inputs\": [\n    {\"path\": \"-\", \"bytes\": " +
                       std::to_string(ReadFile(Examples()).size()) + ", \"hash\": null}\n  ]");
  CHECK(ReadFile(out2 + "/manifest.json") == expected);
}

TEST_CASE(
    "manifest: a smaller re-run into OUT removes the earlier run's parts, C links, gforth "
    "loads",
    "[cli][outdir][manifest][native][link]") {
  std::string dir = ffb::test::TempDir("manifest-rerun");
  std::string out = dir + "/out", small = dir + "/small.jsonl";
  // 60 words in 9 objects and 6 Forth parts.
  REQUIRE(RunCommand(Bin() + Quote(Examples()) + " -o " + Quote(out) +
                     " -q --words-per-object 7 --chunk-lines 10") == 0);
  REQUIRE(fs::exists(out + "/obj/part-00008.o"));
  REQUIRE(fs::exists(out + "/forth/part-00005.fth"));
  WriteFile(out + "/NOTES.txt", "mine\n");  // a stranger's files, never listed
  WriteFile(out + "/obj/keep.txt", "mine too\n");

  // The first 40 of those words, 20 to an object: the same words in other
  // parts, so a stale part-00002.o .. part-00008.o would define them twice.
  std::string text = ReadFile(Examples()), first40;
  for (size_t pos = 0, n = 0; n < 40; ++n) {
    size_t nl = text.find('\n', pos);
    first40 += text.substr(pos, nl + 1 - pos);
    pos = nl + 1;
  }
  WriteFile(small, first40);
  REQUIRE(RunCommand(Bin() + Quote(small) + " -o " + Quote(out) + " -q --words-per-object 20 2> " +
                     Quote(dir + "/err")) == 0);
  CHECK(ReadFile(dir + "/err").empty());
  CHECK(Files(out) ==
        std::set<std::string>{".ffbatch.lock", "NOTES.txt", "forth/all.fth", "forth/part-00000.fth",
                              "forth/prelude.fth", "include/ffbatch_part-00000.h",
                              "include/ffbatch_part-00001.h", "include/ffbatch_words.h",
                              "manifest.json", "obj/ffrt.o", "obj/keep.txt", "obj/libffwords.a",
                              "obj/part-00000.o", "obj/part-00001.o", "profile.json",
                              "rejects.jsonl", "results.jsonl", "summary.json"});
  CHECK(ReadFile(out + "/NOTES.txt") == "mine\n");
  CHECK(
      ReadFile(out + "/manifest.json") ==
      ExpectedManifest(
          out, {small},
          "\"native\": true, \"strict\": false, \"words_per_object\": 20, "
          "\"max_line_bytes\": 1048576, \"max_fixes\": 3, \"compress\": \"none\", \"patterns\": []",
          {"NOTES.txt", "obj/keep.txt"}));

  WriteFile(out + "/main.c", kProgram);
  std::string cc =
      "cd " + Quote(out) + " && cc -std=c11 -Wall -Werror -Iinclude main.c obj/*.o -o prog";
  INFO(cc);
  REQUIRE(RunCommand(cc + " 2> cc.log") == 0);
  REQUIRE(RunCommand("cd " + Quote(out) + " && ./prog > prog.out") == 0);
  CHECK(ReadFile(out + "/prog.out") == "2 49 12\n");
  if (fs::exists("/usr/bin/gforth")) {
    REQUIRE(RunCommand("cd " + Quote(out + "/forth") +
                       " && gforth -m 256M all.fth -e bye > gforth.out 2>&1") == 0);
    CHECK(ReadFile(out + "/forth/gforth.out").find("error") == std::string::npos);
  }
  // --no-native afterwards: obj/ and include/ go, but for the stranger's file.
  fs::remove(out + "/main.c");
  fs::remove(out + "/prog");
  fs::remove(out + "/prog.out");
  fs::remove(out + "/cc.log");
  fs::remove(out + "/forth/gforth.out");
  REQUIRE(RunCommand(Bin() + Quote(small) + " -o " + Quote(out) + " -q --no-native") == 0);
  CHECK(Files(out) == std::set<std::string>{".ffbatch.lock", "NOTES.txt", "forth/all.fth",
                                            "forth/part-00000.fth", "forth/prelude.fth",
                                            "manifest.json", "obj/keep.txt", "profile.json",
                                            "rejects.jsonl", "results.jsonl", "summary.json"});
  CHECK_FALSE(fs::exists(out + "/include"));  // emptied, so removed
}

TEST_CASE(
    "manifest: a non-empty OUT without one exits 73 untouched, --force writes, deletes "
    "nothing",
    "[cli][outdir][manifest]") {
  std::string dir = ffb::test::TempDir("manifest-force");
  std::string out = dir + "/theirs", err = dir + "/err";
  fs::create_directories(out + "/obj");
  WriteFile(out + "/obj/part-00003.o", "their object\n");
  WriteFile(out + "/results.jsonl", "their results\n");
  std::string run = Bin() + Quote(Examples()) + " -o " + Quote(out) + " -q";
  CHECK(RunCommand(run + " 2> " + Quote(err)) == 73);
  CHECK(ReadFile(err) == "ffbatch: output directory '" + out +
                             "' is not empty and has no manifest.json from an earlier ffbatch "
                             "run; refusing to mix outputs into it (--force writes anyway and "
                             "deletes nothing already there)\n");
  CHECK(Files(out) == std::set<std::string>{"obj/part-00003.o", "results.jsonl"});  // no lock file

  // A manifest.json that is not ffbatch's is no licence either.
  WriteFile(out + "/manifest.json", "{\"files\": []}\n");
  CHECK(RunCommand(run + " 2> " + Quote(err)) == 73);
  CHECK(ReadFile(err) == "ffbatch: '" + out + "/manifest.json' is not an ffbatch manifest; " +
                             "refusing to write into '" + out +
                             "' (--force writes anyway and deletes nothing already there)\n");
  fs::remove(out + "/manifest.json");

  CHECK(RunCommand(run + " --force 2> " + Quote(err)) == 0);
  CHECK(ReadFile(err).empty());
  CHECK(ReadFile(out + "/obj/part-00003.o") == "their object\n");  // not listed: kept
  CHECK(ReadFile(out + "/results.jsonl") != "their results\n");    // replaced by ours
  // Now OUT has a manifest: no --force needed, and their file still stays.
  CHECK(RunCommand(run) == 0);
  CHECK(ReadFile(out + "/obj/part-00003.o") == "their object\n");
  // An empty directory is fine, and so is what a first run killed early
  // leaves: the lock file, empty forth/ obj/ include/, a temporary file.
  std::string killed = dir + "/killed";
  fs::create_directories(killed + "/forth");
  fs::create_directories(killed + "/obj");
  fs::create_directories(killed + "/include");
  WriteFile(killed + "/.ffbatch.lock", "");
  WriteFile(killed + "/obj/.part-00000.o.tmp-0123456789abcdef", "half");
  CHECK(RunCommand(Bin() + Quote(Examples()) + " -o " + Quote(killed) + " -q") == 0);
  CHECK(ReadFile(killed + "/obj/.part-00000.o.tmp-0123456789abcdef") ==
        "half");  // not ours to list
  // But anything else in those subdirectories is someone's.
  std::string used = dir + "/used";
  fs::create_directories(used + "/forth");
  WriteFile(used + "/forth/mine.fth", "");
  CHECK(RunCommand(Bin() + Quote(Examples()) + " -o " + Quote(used) + " -q 2> /dev/null") == 73);
  CHECK(Files(used) == std::set<std::string>{"forth/mine.fth"});
  CHECK(RunCommand("grep -q -- --force " + Quote(std::string(FFBATCH_SOURCE_DIR) + "/README.md")) ==
        0);
  CHECK(RunCommand(Bin() + "--help | grep -q -- '--force'") == 0);
}

TEST_CASE("manifest: listed paths outside OUT, through symlinks or changed since are kept",
          "[cli][outdir][manifest]") {
  std::string dir = ffb::test::TempDir("manifest-hostile");
  std::string out = dir + "/out", victim = dir + "/victim", err = dir + "/err";
  WriteFile(victim, "victim\n");
  std::string run = Bin() + Quote(Examples()) + " -o " + Quote(out) + " -q";
  REQUIRE(RunCommand(run + " --words-per-object 7") == 0);
  // obj/part-00008.o changed since; obj/part-00007.o now a symlink to the
  // victim; forth/ a symlinked directory holding a listed name; and entries
  // naming the victim by ../ and absolute paths, with its size and hash.
  WriteFile(out + "/obj/part-00008.o", "edited\n");
  fs::remove(out + "/obj/part-00007.o");
  fs::create_symlink(victim, out + "/obj/part-00007.o");
  fs::create_directories(dir + "/elsewhere");
  WriteFile(dir + "/elsewhere/x.fth", "victim\n");
  fs::create_directory_symlink(dir + "/elsewhere", out + "/linked");
  std::string manifest = ReadFile(out + "/manifest.json");
  std::string extra;
  for (const std::string& p : {std::string("../victim"), victim, std::string("obj/../../victim"),
                               std::string("linked/x.fth")}) {
    extra += "    " + Entry(p, "victim\n") + ",\n";
  }
  // The symlinked part, listed with the victim's bytes and hash too.
  extra += "    " + Entry("obj/part-00007.o", "victim\n") + ",\n";
  manifest.insert(manifest.find("\"files\": [\n") + 11, extra);
  WriteFile(out + "/manifest.json", manifest);

  REQUIRE(RunCommand(run + " --words-per-object 30 2> " + Quote(err)) == 0);
  auto Unsafe = [&](const std::string& listed) {
    return "ffbatch: removed nothing for '" + listed + "' in '" + out +
           "/manifest.json': not a plain path inside OUT\n";
  };
  CHECK(ReadFile(victim) == "victim\n");
  CHECK(ReadFile(dir + "/elsewhere/x.fth") == "victim\n");
  CHECK(fs::is_symlink(out + "/obj/part-00007.o"));
  CHECK(ReadFile(out + "/obj/part-00008.o") == "edited\n");
  CHECK_FALSE(fs::exists(out + "/obj/part-00006.o"));  // unchanged and stale: removed
  CHECK_FALSE(fs::exists(out + "/obj/part-00002.o"));
  CHECK(fs::exists(out + "/obj/part-00001.o"));  // written by this run
  CHECK(ReadFile(err) ==
        Unsafe("../victim") + Unsafe(victim) + Unsafe("obj/../../victim") + "ffbatch: kept '" +
            out + "/linked/x.fth': its directory is not safe\n" + "ffbatch: kept '" + out +
            "/obj/part-00007.o': no longer a regular file\n" + "ffbatch: kept '" + out +
            "/obj/part-00008.o': changed since the ffbatch run that " + "wrote it\n");
}
