// Every verb parsed by CLI11 with a real --help, and did-you-mean for
// unknown options and verbs (issue 11 item 8).
#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;

using ffb::test::ReadFile;
using ffb::test::RunCommand;

struct Out {
  int rc;
  std::string out, err;
};

Out Run(const std::string& dir, const std::string& args) {
  int rc = RunCommand("cd " + dir + " && " + Bin() + args + " >out 2>err");
  return {rc, ReadFile(dir + "/out"), ReadFile(dir + "/err")};
}

}  // namespace

TEST_CASE("patterns verbs have a real help", "[cli]") {
  std::string dir = ffb::test::TempDir("verbhelp");
  Out p = Run(dir, "patterns --help");
  CHECK(p.rc == 0);
  CHECK(p.out.find("Subcommands:") != std::string::npos);
  CHECK(p.out.find("  list ") != std::string::npos);
  CHECK(p.out.find("  show ") != std::string::npos);
  CHECK(p.out.find("  search ") != std::string::npos);
  Out list = Run(dir, "patterns list --help");
  CHECK(list.rc == 0);
  CHECK(list.out.find("--effect TEXT") != std::string::npos);
  CHECK(list.out.find("--category TEXT") != std::string::npos);
  CHECK(list.out.find("--json") != std::string::npos);
  Out show = Run(dir, "patterns show --help");
  CHECK(show.out.find("id TEXT REQUIRED") != std::string::npos);
  for (const char* verb : {"codes", "infer", "verify"}) {
    INFO(verb);
    CHECK(Run(dir, std::string(verb) + " --help").rc == 0);
  }
  // The verbs still work, and usage errors are 64.
  Out found = Run(dir, "patterns list --effect \"( n -- n )\" --json");
  CHECK(found.rc == 0);
  CHECK(found.out.find("{\"id\":\"DUP_TRANSFORM_001\"") == 0);
  CHECK(Run(dir, "patterns show RECURSIVE_001").out.find("id           RECURSIVE_001\n") == 0);
  CHECK(Run(dir, "patterns show NO_SUCH_ID").rc == 65);
  CHECK(Run(dir, "patterns search factorial").rc == 0);
  CHECK(Run(dir, "patterns").rc == 64);
  CHECK(Run(dir, "patterns show").rc == 64);
  Out bad_effect = Run(dir, "patterns list --effect \"( n --\"");
  CHECK(bad_effect.rc == 64);
  CHECK(bad_effect.err ==
        "ffbatch patterns list: --effect `( n --`: stack effect must end with "
        "`)` (column 6)\n");
  // --patterns FILE may come before or after the verb.
  {
    std::ofstream mine(dir + "/mine.jsonl");
    mine << R"J({"id":"MINE_001","category":"demo","description":"mine","effect":"( n -- n )",)J"
         << R"J("inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}],)J"
         << R"J("template":"1+","tags":["mine"]})J"
         << "\n";
  }
  for (const char* args : {"--patterns mine.jsonl patterns show MINE_001",
                           "patterns show MINE_001 --patterns mine.jsonl"}) {
    INFO(args);
    Out mine = Run(dir, args);
    CHECK(mine.rc == 0);
    CHECK(mine.out.find("from         mine.jsonl:1\n") != std::string::npos);
  }
}

TEST_CASE("did you mean: unknown options and verbs", "[cli]") {
  std::string dir = ffb::test::TempDir("didyoumean");
  Out opt = Run(dir, "x.jsonl --max-bad-record 3");
  CHECK(opt.rc == 64);
  CHECK(opt.err.find("ffbatch: unknown option '--max-bad-record'; did you mean "
                     "'--max-bad-records'?\n") != std::string::npos);
  Out eq = Run(dir, "x.jsonl --threds=2");
  CHECK(eq.rc == 64);
  CHECK(eq.err.find("did you mean '--threads'?") != std::string::npos);
  Out sub_opt = Run(dir, "patterns list --efect x");
  CHECK(sub_opt.err.find("unknown option '--efect'; did you mean '--effect'?") !=
        std::string::npos);
  Out verb = Run(dir, "pattern list");
  CHECK(verb.rc == 64);
  CHECK(verb.err == "ffbatch: 'pattern' is neither a file nor a verb; did you mean 'patterns'?\n");
  Out sub_verb = Run(dir, "patterns lst");
  CHECK(sub_verb.rc == 64);
  CHECK(sub_verb.err.find("ffbatch: unknown verb 'lst'; did you mean 'list'?\n") !=
        std::string::npos);
  // Nothing close: no suggestion, and a missing input stays 66.
  Out far = Run(dir, "--zzzzzzzz");
  CHECK(far.rc == 64);
  CHECK(far.err.find("did you mean") == std::string::npos);
  CHECK(Run(dir, "nonexistent.jsonl").rc == 66);
}
