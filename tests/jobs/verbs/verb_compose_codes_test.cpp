// Issue 10 item 6: compose, codes --json / codes CODE, and bodies starting
// with `-` for infer and verify.
#include <catch2/catch.hpp>
#include <sstream>

#include "engine/core/error_codes.h"
#include "jobs/body_verb_args.h"
#include "jobs/verbs/code_examples.h"
#include "jobs/verbs/verb_codes.h"
#include "jobs/verbs/verb_compose.h"
#include "tests/support/test_util.h"

namespace {

struct Out {
  int rc;
  std::string out, err;
};

Out Cli(const std::string& args) {
  std::string dir = ffb::test::TempDir("bodyverbs");
  int rc = ffb::test::RunCommand("cd " + dir + " && " + std::string(FFBATCH_BINARY) + " " + args +
                                 " >out 2>err");
  return {rc, ffb::test::ReadFile(dir + "/out"), ffb::test::ReadFile(dir + "/err")};
}

std::string Compose(std::vector<std::string> bodies, bool json, int* rc) {
  std::ostringstream out;
  *rc = ffb::RunComposeVerb(bodies, json, out);
  return out.str();
}

}  // namespace

TEST_CASE("compose folds the bodies' effects", "[compose]") {
  int rc = -1;
  CHECK(Compose({"dup", "*"}, false, &rc) == "( a -- b )\n");
  CHECK(rc == 0);
  // -rot nip is ( a b c -- c b ); then + is ( c b -- d ): ( a b c -- d ).
  CHECK(Compose({"-rot nip", "+"}, false, &rc) == "( a b c -- d )\n");
  // The second body digs below what the first left: 1 2 then + + needs one more.
  CHECK(Compose({"1 2", "+ +"}, false, &rc) == "( a -- b )\n");
  CHECK(Compose({"drop", "drop", "3"}, false, &rc) == "( a b -- c )\n");
  CHECK(
      Compose({"dup", "+ +"}, true, &rc) ==
      R"j({"valid":true,"effect":"( a b -- c )","inputs":2,"outputs":1,"stack_depth_delta":-1,)j"
      R"j("bodies":[{"code":"dup","inferred":"( a -- a a )"},{"code":"+ +","inferred":"( a b c -- d )"}]})j"
      "\n");
  CHECK(rc == 0);
  std::string bad = Compose({"dup", "sqaure"}, false, &rc);
  CHECK(rc == 65);
  CHECK(bad.find("body 2 `sqaure`") != std::string::npos);
  CHECK(bad.find("E1000") != std::string::npos);
}

TEST_CASE("every code has an example and codes CODE explains one", "[codes]") {
  for (const ffb::CodeInfo& info : ffb::AllCodes()) {
    INFO(info.id);
    CHECK(!ffb::CodeExample(info.id).empty());
  }
  std::ostringstream out, err;
  CHECK(ffb::RunCodesVerb("e2234", false, false, out, err) == 0);
  CHECK(out.str().find("E2234 (error): inferred effect differs from the declared effect\n"
                       "example: ") == 0);
  std::ostringstream jout, jerr;
  CHECK(ffb::RunCodesVerb("W1150", false, true, jout, jerr) == 0);
  CHECK(jout.str().find(R"j({"code":"W1150","severity":"warning","summary":)j") == 0);
  std::ostringstream nout, nerr;
  CHECK(ffb::RunCodesVerb("E2243", false, false, nout, nerr) == 65);
  CHECK(nerr.str() == "ffbatch codes: no code `E2243`; did you mean `E2234`?\n");
  std::string all = ffb::FormatCodeTableJson();
  CHECK(all.front() == '[');
  size_t n = 0;
  for (size_t at = all.find("{\"code\":"); at != std::string::npos;
       at = all.find("{\"code\":", at + 1))
    ++n;
  CHECK(n == ffb::AllCodes().size() - 1);  // E0000 is not a code a record gets
}

TEST_CASE("body verbs take bodies that start with -", "[cli]") {
  using V = std::vector<std::string>;
  CHECK(ffb::BodyVerbArgs(V{"ffbatch", "infer", "-rot nip", "--json"}) ==
        V{"ffbatch", "infer", "--json", "--", "-rot nip"});
  CHECK(ffb::BodyVerbArgs(V{"ffbatch", "verify", "--", "-1 +", "( n -- m )"}) ==
        V{"ffbatch", "verify", "--", "-1 +", "( n -- m )"});
  CHECK(ffb::BodyVerbArgs(V{"ffbatch", "specs.jsonl", "-q"}) == V{"ffbatch", "specs.jsonl", "-q"});
  CHECK(ffb::BodyVerbArgs(V{"ffbatch", "infer", "--help"}) == V{"ffbatch", "infer", "--help"});

  Out rot = Cli("infer \"-rot nip\"");
  CHECK(rot.rc == 0);
  CHECK(rot.out == "ok ( a b c -- c b )\n");
  Out v = Cli("verify \"-1 +\" \"( n -- m )\"");
  CHECK(v.rc == 0);
  CHECK(v.out == "ok ( n -- a )\n");
  Out vd = Cli("verify --json -- \"-1 +\" \"( n -- m )\"");
  CHECK(vd.rc == 0);
  CHECK(vd.out.find(R"j({"valid":true,"declared":"( n -- m )","inferred":"( n -- a )")j") == 0);
  Out vbad = Cli("verify \"-1 + +\" \"( n -- m )\"");
  CHECK(vbad.rc == 65);
  Out c = Cli("compose \"-rot nip\" + --json");
  CHECK(c.rc == 0);
  CHECK(c.out.find(R"j({"valid":true,"effect":"( a b c -- d )")j") == 0);
  Out codes = Cli("codes E2234");
  CHECK(codes.rc == 0);
  CHECK(codes.out.find("E2234 (error)") == 0);
  CHECK(Cli("codes --json").out.find(R"j([{"code":"E0001")j") == 0);
}

TEST_CASE("infer: a whole definition is E1003 and its fix strips it", "[infer]") {
  Out r = Cli("infer \": sq dup * ;\"");
  CHECK(r.rc == 65);
  CHECK(r.out ==
        "error E1003 at token 0 (column 1): the body is a whole definition (`: name ... ;`); "
        "\"code\" holds only the words between the name and `;`\n"
        "fix STRIP_DEFINITION_009: keep only the words between the name and `;`: dup *\n");
  // `:` alone, or without the closing `;`, is still an undefined word.
  CHECK(Cli("infer \": sq dup *\"").out.find("error E1000") == 0);
}

TEST_CASE("verify names no column 0: columns are 1-based", "[infer]") {
  Out r = Cli("verify dup \"( n -- n n n )\"");
  CHECK(r.rc == 65);
  CHECK(r.out.find("error E2234: declared ( n -- n n n ), inferred ( n -- n n ): ") !=
        std::string::npos);
  CHECK(r.out.find("column 0") == std::string::npos);
  CHECK(Cli("infer \"dup ?dup\"").out.find("at token 1 (column 5)") != std::string::npos);
}
