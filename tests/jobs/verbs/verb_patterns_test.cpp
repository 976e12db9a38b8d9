// `ffbatch patterns list|show|search`: exact output for a small library,
// JSON escaping, and exit codes (0 found, 65 nothing / unknown id, 64 usage).
#include "jobs/verbs/verb_patterns.h"

#include <simdjson.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

#include "io/patterns/pattern_reader.h"

namespace {

using namespace ffb;

const char* const kDemo =
    R"J({"id":"SQ_001","category":"demo","description":"Square \"it\"","effect":"( n -- n*n )","inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"sq","type":"int"}],"template":"dup *","variables":[],"performance":"O(1)","tags":["square","demo"],"test_cases":[{"input":[3],"output":[9]},{"input":[-2],"output":[4]}]})J"
    "\n"
    R"J({"id":"ADD_K_001","category":"demo","description":"Add a constant K","effect":"( n -- n+K )","inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}],"template":"K +","variables":[{"name":"K","description":"the constant","default":"1"}],"performance":"O(1)","tags":["offset"],"test_cases":[{"input":[1],"output":[2]},{"input":[1],"output":[11],"params":{"K":"10"}}]})J"
    "\n"
    R"J({"id":"PRINT_001","category":"io","description":"Print a number","effect":"( n -- )","inputs":[{"name":"n","type":"int"}],"outputs":[],"template":".","performance":"O(1)","tags":["output"],"unsupported":"prints with `.`\\ outside the dialect"})J"
    "\n"
    R"J({"id":"EVEN_001","category":"demo","description":"Is even","effect":"( n -- flag )","inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"f","type":"bool"}],"template":"1 and 0=","tags":["even"],"test_cases":[{"input":[4],"output":[true]}]})J"
    "\n";

const PatternLibrary& Demo() {
  static const PatternLibrary lib = LoadPatternText(kDemo, "demo.jsonl").library;
  return lib;
}

struct Run {
  int rc;
  std::string out, err;
};

// `ffbatch patterns ARGS...` through the same CLI11 definition the binary uses.
Run Patterns(std::vector<std::string> args, const PatternLibrary& lib = Demo()) {
  CLI::App app("ffbatch");
  PatternsCommand cmd;
  AddPatternsCommand(app, cmd);
  args.insert(args.begin(), "patterns");
  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  std::ostringstream out, err;
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    out << (cmd.app->get_subcommands().empty() ? cmd.app : cmd.app->get_subcommands()[0])->help();
    return {0, out.str(), ""};
  } catch (const CLI::ParseError& e) {
    return {64, "", e.what()};
  }
  int rc = RunPatternsCommand(cmd, lib, out, err);
  return {rc, out.str(), err.str()};
}

}  // namespace

TEST_CASE("patterns list: table, filters, exit codes", "[patlib]") {
  REQUIRE(Demo().size() == 4);
  Run all = Patterns({"list"});
  CHECK(all.rc == 0);
  CHECK(all.err.empty());
  CHECK(all.out ==
        "ID         CATEGORY  EFFECT         TEMPLATE\n"
        "SQ_001     demo      ( n -- n*n )   dup *\n"
        "ADD_K_001  demo      ( n -- n+K )   K +\n"
        "PRINT_001  io        ( n -- )       .  [unsupported]\n"
        "EVEN_001   demo      ( n -- flag )  1 and 0=\n"
        "4 patterns (1 unsupported)\n");

  Run tag = Patterns({"list", "--tag", "square"});
  CHECK(tag.rc == 0);
  CHECK(tag.out ==
        "ID      CATEGORY  EFFECT        TEMPLATE\n"
        "SQ_001  demo      ( n -- n*n )  dup *\n"
        "1 pattern\n");
  CHECK(Patterns({"list", "--tag=square"}).out == tag.out);

  // Effects compare by arity and types: untyped slots match anything.
  Run one_one = Patterns({"list", "--effect", "( x -- y )", "--category", "demo"});
  CHECK(one_one.rc == 0);
  CHECK(one_one.out.find("SQ_001") != std::string::npos);
  CHECK(one_one.out.find("ADD_K_001") != std::string::npos);
  CHECK(one_one.out.find("EVEN_001") != std::string::npos);
  CHECK(one_one.out.find("PRINT_001") == std::string::npos);
  CHECK(one_one.out.substr(one_one.out.rfind('\n', one_one.out.size() - 2) + 1) == "3 patterns\n");
  Run flags = Patterns({"list", "--effect=( n:int -- f:bool )"});
  CHECK(flags.out.find("EVEN_001") != std::string::npos);
  CHECK(flags.out.find("SQ_001") == std::string::npos);

  Run none = Patterns({"list", "--category", "nope"});
  CHECK(none.rc == 65);
  CHECK(none.out.empty());
  CHECK(none.err == "ffbatch patterns: no pattern matches\n");
  CHECK(Patterns({"list", "--effect", "( a b c -- )"}).rc == 65);
}

TEST_CASE("patterns list --json: one object per line with the required fields", "[patlib]") {
  Run r = Patterns({"list", "--json"});
  REQUIRE(r.rc == 0);
  std::istringstream lines(r.out);
  std::vector<std::string> ids;
  simdjson::dom::parser parser;
  for (std::string line; std::getline(lines, line);) {
    simdjson::dom::element e;
    REQUIRE(parser.parse(line).get(e) == simdjson::SUCCESS);
    std::string_view id;
    REQUIRE(e["id"].get(id) == simdjson::SUCCESS);
    ids.emplace_back(id);
    for (const char* key :
         {"id", "category", "effect", "template", "variables", "tags", "unsupported"})
      CHECK(e[key].error() == simdjson::SUCCESS);
  }
  CHECK(ids == std::vector<std::string>{"SQ_001", "ADD_K_001", "PRINT_001", "EVEN_001"});

  CHECK(
      PatternJson(*Demo().Find("SQ_001")) ==
      R"J({"id":"SQ_001","category":"demo","description":"Square \"it\"","effect":"( n -- n*n )","inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"sq","type":"int"}],"template":"dup *","variables":[],"performance":"O(1)","tags":["square","demo"],"test_cases":[{"input":[3],"output":[9]},{"input":[-2],"output":[4]}],"unsupported":null})J");
  CHECK(
      PatternJson(*Demo().Find("ADD_K_001")) ==
      R"J({"id":"ADD_K_001","category":"demo","description":"Add a constant K","effect":"( n -- n+K )","inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}],"template":"K +","variables":[{"name":"K","description":"the constant","default":"1"}],"performance":"O(1)","tags":["offset"],"test_cases":[{"input":[1],"output":[2]},{"input":[1],"output":[11],"params":{"K":"10"}}],"unsupported":null})J");
  CHECK(
      PatternJson(*Demo().Find("PRINT_001")) ==
      R"J({"id":"PRINT_001","category":"io","description":"Print a number","effect":"( n -- )","inputs":[{"name":"n","type":"int"}],"outputs":[],"template":".","variables":[],"performance":"O(1)","tags":["output"],"test_cases":[],"unsupported":"prints with `.`\\ outside the dialect"})J");
  CHECK(PatternJson(*Demo().Find("EVEN_001"))
            .find(R"J("test_cases":[{"input":[4],"output":[true]}])J") != std::string::npos);
}

TEST_CASE("patterns show: details, JSON, unknown id", "[patlib]") {
  Run r = Patterns({"show", "ADD_K_001"});
  CHECK(r.rc == 0);
  CHECK(r.out ==
        "id           ADD_K_001\n"
        "category     demo\n"
        "description  Add a constant K\n"
        "effect       ( n -- n+K )\n"
        "inputs       n:int\n"
        "outputs      r:int\n"
        "template     K +\n"
        "variables    K = 1  the constant\n"
        "performance  O(1)\n"
        "tags         offset\n"
        "tests        1 -> 2\n"
        "             1 -> 11  with K=10\n"
        "from         demo.jsonl:2\n");
  Run p = Patterns({"show", "PRINT_001"});
  CHECK(p.rc == 0);
  CHECK(p.out.find("unsupported  prints with `.`\\ outside the dialect\n") != std::string::npos);
  CHECK(p.out.find("outputs      (none)\n") != std::string::npos);

  Run j = Patterns({"show", "SQ_001", "--json"});
  CHECK(j.rc == 0);
  CHECK(j.out == PatternJson(*Demo().Find("SQ_001")) + "\n");

  Run unknown = Patterns({"show", "sq_001"});
  CHECK(unknown.rc == 65);
  CHECK(unknown.out.empty());
  CHECK(unknown.err == "ffbatch patterns: unknown pattern id `sq_001`; did you mean SQ_001?\n");
  CHECK(Patterns({"show", "NOTHING_LIKE_IT_AT_ALL"}).err ==
        "ffbatch patterns: unknown pattern id `NOTHING_LIKE_IT_AT_ALL`\n");
}

TEST_CASE("patterns search", "[patlib]") {
  Run r = Patterns({"search", "EVEN"});
  CHECK(r.rc == 0);
  CHECK(r.out ==
        "ID        CATEGORY  EFFECT         TEMPLATE\n"
        "EVEN_001  demo      ( n -- flag )  1 and 0=\n"
        "1 pattern\n");
  Run two = Patterns({"search", "demo", "constant"});  // every word must match
  CHECK(two.rc == 0);
  CHECK(two.out.find("ADD_K_001") != std::string::npos);
  CHECK(two.out.find("SQ_001") == std::string::npos);
  Run j = Patterns({"search", "square", "--json"});
  CHECK(j.out == PatternJson(*Demo().Find("SQ_001")) + "\n");
  Run none = Patterns({"search", "zebra"});
  CHECK(none.rc == 65);
  CHECK(none.err == "ffbatch patterns: no pattern matches\n");
}

TEST_CASE("patterns: bad usage is 64 with CLI11's message", "[patlib]") {
  auto usage = [](std::vector<std::string> args, const std::string& message) {
    Run r = Patterns(std::move(args));
    CHECK(r.rc == 64);
    CHECK(r.out.empty());
    CHECK(r.err == message);
  };
  usage({}, "A subcommand is required");
  usage({"frob"}, "A subcommand is required");
  usage({"show"}, "id is required");
  usage({"show", "A", "B"}, "The following argument was not expected: B");
  usage({"search"}, "text is required");
  usage({"list", "extra"}, "The following argument was not expected: extra");
  usage({"list", "--colour", "red"}, "The following arguments were not expected: red --colour");
  usage({"show", "X", "--tag", "t"}, "The following arguments were not expected: t --tag");
  usage({"list", "--tag"}, "--tag: 1 required TEXT missing");
  Run effect = Patterns({"list", "--effect", "n -- n"});
  CHECK(effect.rc == 64);
  CHECK(effect.err ==
        "ffbatch patterns list: --effect `n -- n`: stack effect must start with `(` (column 1)\n");
  Run blank = Patterns({"search", " "});
  CHECK(blank.rc == 64);
  CHECK(blank.err == "ffbatch patterns search: needs TEXT\n");
  Run help = Patterns({"list", "--help"});
  CHECK(help.rc == 0);
  CHECK(help.out.find("--effect TEXT") != std::string::npos);
  CHECK(help.out.find("only patterns whose effect fits") != std::string::npos);
}

TEST_CASE("patterns verb over the shipped library", "[patlib]") {
  PatternLoad load =
      LoadPatternFile(std::string(FFBATCH_SOURCE_DIR) + "/datasets/patterns/patterns.jsonl");
  REQUIRE(load.ok());
  Run all = Patterns({"list", "--json"}, load.library);
  CHECK(all.rc == 0);
  CHECK(std::count(all.out.begin(), all.out.end(), '\n') == 94);
  Run unsupported = Patterns({"list", "--category", "data_structure"}, load.library);
  CHECK(unsupported.out.find("3 patterns (3 unsupported)\n") != std::string::npos);
  Run gcd = Patterns({"list", "--tag", "gcd", "--effect", "( a b -- c )"}, load.library);
  CHECK(gcd.rc == 0);
  CHECK(gcd.out.find("4 patterns\n") != std::string::npos);
  Run show = Patterns({"show", "STACK_MANIP_001"}, load.library);
  CHECK(show.rc == 0);
  CHECK(show.out.find("template     swap rot\n") != std::string::npos);
}
