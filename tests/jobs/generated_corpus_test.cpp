// End to end on a generated corpus with every kind of bad line (ffgen):
// every line is accounted for, every bad line carries exactly the code the
// generator planted (its --labels file), good lines are ok, and the outputs
// are byte-identical for --threads 1 and --threads 2 (and tiny chunks).
#include <simdjson.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/test_util.h"

namespace {

using ffb::test::ReadFile;
using ffb::test::RunCommand;

struct Label {
  std::string kind, code;
};

std::map<uint64_t, Label> ReadLabels(const std::string& path) {
  std::map<uint64_t, Label> labels;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    auto t1 = line.find('\t');
    auto t2 = line.find('\t', t1 + 1);
    labels[std::stoull(line.substr(0, t1))] = {line.substr(t1 + 1, t2 - t1 - 1),
                                               line.substr(t2 + 1)};
  }
  return labels;
}

struct Record {
  std::string status;
  std::set<std::string> errors, warnings;
};

std::map<uint64_t, Record> ReadResults(const std::string& path) {
  std::map<uint64_t, Record> out;
  simdjson::ondemand::parser parser;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    simdjson::padded_string padded(line);
    auto doc = parser.iterate(padded);
    Record r;
    uint64_t n = doc["line"].get_uint64().value();
    r.status = std::string(doc["status"].get_string().value());
    for (auto e : doc["errors"].get_array()) {
      r.errors.insert(std::string(e["code"].get_string().value()));
    }
    for (auto e : doc["warnings"].get_array()) {
      r.warnings.insert(std::string(e["code"].get_string().value()));
    }
    out[n] = std::move(r);
  }
  return out;
}

}  // namespace

TEST_CASE("generated corpus: every planted defect is found, outputs thread-independent",
          "[cli][generated]") {
  std::string dir = ffb::test::TempDir("generated");
  std::string corpus = dir + "/corpus.jsonl", labels = dir + "/labels.tsv";
  REQUIRE(RunCommand(std::string(FFGEN_BINARY) + " --count 6000 --seed 11 --bad-fraction 0.1 -o " +
                     corpus + " --labels " + labels) == 0);
  std::string ffbatch = FFBATCH_BINARY;
  REQUIRE(RunCommand(ffbatch + " " + corpus + " -o " + dir + "/t1 -q --threads 1") == 65);
  REQUIRE(RunCommand(ffbatch + " " + corpus + " -o " + dir + "/t2 -q --threads 2") == 65);
  REQUIRE(RunCommand(ffbatch + " " + corpus + " -o " + dir +
                     "/t2s -q --threads 2 --chunk-lines 7") == 65);
  for (const char* f : {"results.jsonl", "rejects.jsonl", "summary.json"}) {
    INFO(f);
    std::string one = ReadFile(dir + "/t1/" + f);
    CHECK(!one.empty());
    CHECK(one == ReadFile(dir + "/t2/" + f));
    CHECK(one == ReadFile(dir + "/t2s/" + f));
  }

  // Every other output too (Forth, objects, header), for the same chunking.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir + "/t1")) {
    if (!entry.is_regular_file()) continue;
    std::string rel = std::filesystem::relative(entry.path(), dir + "/t1").string();
    // timings: the one non-deterministic output (and the manifest, holding its hash)
    if (rel == "profile.json" || rel == "manifest.json") continue;
    INFO(rel);
    CHECK(ReadFile(entry.path().string()) == ReadFile(dir + "/t2/" + rel));
  }
  CHECK(std::filesystem::exists(dir + "/t1/obj/part-00000.o"));
  CHECK(std::filesystem::exists(dir + "/t1/forth/part-00000.fth"));

  auto planted = ReadLabels(labels);
  auto results = ReadResults(dir + "/t1/results.jsonl");
  REQUIRE(planted.size() == 6000);
  size_t blanks = 0, rejects = 0;
  std::set<std::string> kinds;
  for (const auto& [line, label] : planted) {
    INFO("line " << line << " kind " << label.kind);
    kinds.insert(label.kind);
    if (label.kind == "blank_line") {
      CHECK(results.count(line) == 0);
      ++blanks;
      continue;
    }
    REQUIRE(results.count(line) == 1);
    const Record& r = results[line];
    if (label.code == "-") {
      CHECK(r.status == "ok");
      CHECK(r.errors.empty());
    } else if (label.code[0] == 'W') {
      CHECK(r.status == "ok");
      CHECK(r.warnings == std::set<std::string>{label.code});
    } else {
      CHECK(r.errors == std::set<std::string>{label.code});
      CHECK((r.status == "rejected" || r.status == "invalid"));
      ++rejects;
    }
  }
  CHECK(results.size() + blanks == 6000);
  CHECK(kinds.size() == 23);  // good + 22 kinds of bad line, each present

  // The rejects file has exactly one record per rejected/invalid line.
  std::istringstream rej(ReadFile(dir + "/t1/rejects.jsonl"));
  std::string l;
  size_t reject_lines = 0;
  while (std::getline(rej, l)) ++reject_lines;
  CHECK(reject_lines == rejects);
  std::string summary = ReadFile(dir + "/t1/summary.json");
  CHECK(summary.find("\"lines_in\": 6000") != std::string::npos);
  CHECK(summary.find("\"accounted\": true") != std::string::npos);
}
