// The manifest's text: FormatManifest and ParseManifestFiles agree, anything
// that is not exactly an ffbatch manifest parses to nothing, and
// OpenBeneath never leaves OUT or follows a symlink.
#include "io/output/manifest.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <string>

#include "tests/support/test_util.h"

using namespace ffb;
namespace fs = std::filesystem;

TEST_CASE("manifest: format and parse agree on files, null hashes only for inputs",
          "[io][manifest]") {
  Manifest m;
  m.engine_version = "9.9.9";
  m.options = {{"native", "true"}, {"words_per_object", "7"}};
  m.inputs = {{"-", 12, std::nullopt}, {"a \"b\".jsonl", std::nullopt, std::nullopt}};
  m.files = {{"obj/part-00000.o", 720, 0x3b0174aed224a811}, {"results.jsonl", 0, 1}};
  const std::string text = FormatManifest(m);
  CHECK(text ==
        "{\n  \"format\": \"ffbatch-manifest-1\",\n  \"engine_version\": \"9.9.9\",\n"
        "  \"hash\": \"xxh3-64\",\n  \"options\": {\"native\": true, \"words_per_object\": 7},\n"
        "  \"inputs\": [\n    {\"path\": \"-\", \"bytes\": 12, \"hash\": null},\n"
        "    {\"path\": \"a \\\"b\\\".jsonl\", \"bytes\": null, \"hash\": null}\n  ],\n"
        "  \"files\": [\n"
        "    {\"path\": \"obj/part-00000.o\", \"bytes\": 720, \"hash\": "
        "\"xxh3-64:3b0174aed224a811\"},\n"
        "    {\"path\": \"results.jsonl\", \"bytes\": 0, \"hash\": \"xxh3-64:0000000000000001\"}\n"
        "  ]\n}\n");
  auto files = ParseManifestFiles(text);
  REQUIRE(files);
  REQUIRE(files->size() == 2);
  CHECK((*files)[0].path == "obj/part-00000.o");
  CHECK((*files)[0].bytes == 720u);
  CHECK((*files)[0].hash == 0x3b0174aed224a811u);
  CHECK((*files)[1].hash == 1u);

  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return ParseManifestFiles(t);
  };
  CHECK_FALSE(with("ffbatch-manifest-1", "ffbatch-manifest-2"));
  CHECK_FALSE(with("xxh3-64:3b0174aed224a811", "sha256:3b0174aed224a811"));
  CHECK_FALSE(with("xxh3-64:3b0174aed224a811", "xxh3-64:3B0174AED224A811"));
  CHECK_FALSE(with("xxh3-64:3b0174aed224a811", "xxh3-64:3b0174aed224a81"));
  CHECK_FALSE(with("\"bytes\": 720", "\"bytes\": -720"));
  CHECK_FALSE(with("\"files\": [", "\"filez\": ["));
  CHECK_FALSE(ParseManifestFiles(""));
  CHECK_FALSE(ParseManifestFiles(text.substr(0, text.size() - 3)));
}

TEST_CASE("manifest: OpenBeneath refuses .., absolute paths and symlinks on the way",
          "[io][manifest]") {
  std::string dir = test::TempDir("ffb_open_beneath");
  fs::create_directories(dir + "/out/obj");
  fs::create_directories(dir + "/elsewhere");
  test::WriteFile(dir + "/out/obj/a.o", "a");
  test::WriteFile(dir + "/elsewhere/a.o", "b");
  fs::create_directory_symlink(dir + "/elsewhere", dir + "/out/linked");
  fs::create_symlink(dir + "/elsewhere/a.o", dir + "/out/obj/l.o");
  int root = ::open((dir + "/out").c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(root >= 0);
  int fd = OpenBeneath(root, "obj/a.o", O_RDONLY);
  CHECK(fd >= 0);
  if (fd >= 0) ::close(fd);
  for (const char* bad : {"../elsewhere/a.o", "obj/../obj/a.o", "./obj/a.o", "obj//a.o", "",
                          "/etc/passwd", "linked/a.o", "obj/l.o"}) {
    INFO(bad);
    errno = 0;
    CHECK(OpenBeneath(root, bad, O_RDONLY) == -1);
    CHECK(errno != 0);
  }
  ::close(root);
}
