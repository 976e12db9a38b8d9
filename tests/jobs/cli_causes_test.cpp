// Issue 10 item 5: errors that name the real cause, through the whole
// pipeline, natively and in the interpreter alone (--no-native): the two
// never disagree.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "tests/support/test_util.h"

namespace {

const std::string kNtoM =
    R"("stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"m","type":"int"}]})";

std::string Spec(const std::string& word, const std::string& code, const std::string& rest) {
  return "{\"word\":\"" + word + "\"," + kNtoM + ",\"implementation\":{\"code\":\"" + code + "\"}" +
         rest + "}\n";
}

std::string Test(int in, int out) {
  return ",\"test_cases\":[{\"input\":[" + std::to_string(in) + "],\"output\":[" +
         std::to_string(out) + "]}]";
}

// results.jsonl by line number ("1", "2", ...), for each of native and --no-native.
std::map<std::string, std::string> Run(const std::string& corpus, const std::string& args) {
  std::string dir = ffb::test::TempDir("causes");
  ffb::test::WriteFile(dir + "/s.jsonl", corpus);
  ffb::test::RunCommand("cd " + dir + " && " + std::string(FFBATCH_BINARY) + " s.jsonl -o out -q " +
                        args);
  std::map<std::string, std::string> by_line;
  std::string all = ffb::test::ReadFile(dir + "/out/results.jsonl");
  for (size_t at = 0; at < all.size();) {
    size_t end = all.find('\n', at);
    std::string rec = all.substr(at, end - at);
    size_t l = rec.find("\"line\":") + 7;
    by_line[rec.substr(l, rec.find(',', l) - l)] = rec;
    at = end + 1;
  }
  return by_line;
}

bool Has(const std::string& rec, const std::string& what) {
  return rec.find(what) != std::string::npos;
}

}  // namespace

TEST_CASE("a whole definition as the body is E1003 with a fix that strips it", "[cli][causes]") {
  for (const char* args : {"", "--no-native"}) {
    INFO(args);
    auto r = Run(Spec("sq", ": sq dup * ;", Test(3, 9)), args);
    CHECK(Has(r["1"], R"("status":"invalid")"));
    CHECK(Has(r["1"], R"("errors":[{"code":"E1003","stage":"infer","message":"the body is a )"
                      R"(whole definition (`: name ... ;`); \"code\" holds only the words )"
                      R"(between the name and `;`")"));
    CHECK(Has(r["1"], R"("fixes":[{"id":"STRIP_DEFINITION_009","description":"keep only the )"
                      R"(words between the name and `;`","body":"dup *")"));
  }
}

TEST_CASE("a spec without test cases warns that its body never ran", "[cli][causes]") {
  auto r = Run(Spec("sq", "dup *", ""), "");
  CHECK(Has(r["1"], R"("status":"ok")"));
  CHECK(Has(r["1"], R"("warnings":[{"code":"W4007","stage":"test","message":"no test cases: )"
                    R"(the body passed the static checks but was never run","at":{"path":)"
                    R"("$.test_cases"}}])"));
  // --strict already requires tests (E1162); the warning does not pile on.
  auto s = Run(R"({"word":"sq","description":"d","properties":["p"],)" + kNtoM +
                   R"(,"implementation":{"code":"dup *"}})" + "\n",
               "--strict");
  CHECK(Has(s["1"], R"("code":"E1162")"));
  CHECK_FALSE(Has(s["1"], "W4007"));
  // A misnamed "tests" field: both warnings, the first with its did-you-mean.
  auto t = Run(Spec("sq", "dup *", R"(,"tests":[{"input":[3],"output":[9]}])"), "");
  CHECK(Has(t["1"], "unknown field $.tests (kept, not used); did you mean `test_cases`?"));
  CHECK(Has(t["1"], "W4007"));
  // A transposed builtin gets its hint.
  auto d = Run(Spec("sq", "dpu *", Test(3, 9)), "");
  CHECK(Has(d["1"], "undefined word `dpu`; did you mean `dup`?"));
}

TEST_CASE("a body calling an earlier invalid word is E1002 naming it, its line and code",
          "[cli][causes]") {
  const std::string bad =
      R"({"word":"bad","stack_effect":{"inputs":[{"name":"n","type":"int"}],)"
      R"("outputs":[{"name":"m","type":"flot"}]},"implementation":{"code":"dup *"}})"
      "\n";
  const std::string corpus = bad + Spec("mis", "dup dup *", Test(3, 9)) +
                             Spec("c1", "bad 1 +", Test(3, 10)) +
                             Spec("c2", "mis 1 +", Test(3, 10)) +
                             Spec("c3", "c1 1 +", Test(3, 11)) + Spec("c4", "c2 1 +", Test(3, 11));
  for (const char* args : {"", "--no-native", "--chunk-lines 1"}) {
    INFO(args);
    auto r = Run(corpus, args);
    CHECK(Has(r["1"], R"("code":"E1110")"));
    CHECK(Has(r["3"], R"("errors":[{"code":"E1002","stage":"infer","message":"calls `bad` )"
                      R"((line 1), which is not usable: its own spec failed with E1110")"));
    CHECK(Has(r["4"], R"("errors":[{"code":"E1002","stage":"test","message":"calls `mis` )"
                      R"((line 2), which is not usable: its own spec failed with E2234")"));
    // Chains: the caller of a caller names its direct callee.
    CHECK(Has(r["5"], R"("errors":[{"code":"E1002","stage":"test","message":"calls `c1` )"
                      R"((line 3), which is not usable: its own spec failed with E1002")"));
    CHECK(Has(r["6"], R"("errors":[{"code":"E1002","stage":"test","message":"calls `c2` )"
                      R"((line 4), which is not usable: its own spec failed with E1002")"));
    for (const char* line : {"3", "4", "5", "6"}) {
      INFO(line);
      CHECK_FALSE(Has(r[line], "E1000"));
      CHECK_FALSE(Has(r[line], "E9000"));
      CHECK_FALSE(Has(r[line], "E5000"));
    }
  }
}

TEST_CASE("a trapped test does not say expected X, got X", "[cli][causes]") {
  // E4003: the stack when the step budget ran out may equal the expected
  // one; the message says it stopped instead of comparing.
  for (const char* args : {"", "--no-native"}) {
    INFO(args);
    auto r = Run(Spec("spin", "begin dup drop 0 until", Test(1, 1)), args);
    CHECK(Has(r["1"], R"("code":"E4003")"));
    CHECK(Has(r["1"],
              "test 0: step budget exhausted (likely an endless loop); expected ( 1 ), "
              "the stack when it stopped ( 1"));
    CHECK_FALSE(Has(r["1"], "got ("));
  }
}

TEST_CASE("stack_effect may be given as text, as verify takes it", "[cli][causes]") {
  const std::string corpus =
      R"j({"word":"sq","stack_effect":"( n -- n*n )","implementation":{"code":"dup *"},)j"
      R"j("test_cases":[{"input":[3],"output":[9]}]})j"
      "\n"
      R"j({"word":"sq2","stack_effect":"( a b -- c )","implementation":{"code":"dup *"},)j"
      R"j("test_cases":[{"input":[3,4],"output":[9]}]})j"
      "\n"
      R"j({"word":"sq3","stack_effect":"n -- m","implementation":{"code":"dup *"}})j"
      "\n";
  auto r = Run(corpus, "");
  CHECK(Has(r["1"], R"j("status":"ok","declared":"( n -- n*n )","inferred":"( n -- a )")j"));
  CHECK(Has(r["1"], R"j("tests":{"run":1,"passed":1,"failures":[]})j"));
  CHECK(Has(r["2"], R"j("status":"mismatch","declared":"( a b -- c )")j"));
  CHECK(Has(r["2"], R"j("code":"E2234")j"));
  CHECK(Has(r["3"],
            R"j("errors":[{"code":"E1174","stage":"parse","message":"stack effect \"n -- m\": )j"
            R"j(stack effect must start with `(` (column 1)")j"));
  CHECK(Has(r["3"], R"j("warnings":[])j"));  // not also ( -- ) or missing
}

namespace {

// One corpus for the causes a caller can meet only after an earlier word's
// tests ran, or on a line the parser rejected, or on a later line.
std::string LateCausesCorpus() {
  return Spec("f1", "dup +", Test(3, 9)) +         // 1: fails its test (E4000)
         Spec("tr", "0 /", Test(3, 0)) +           // 2: traps (E4002)
         Spec("c1", "f1 1 +", Test(3, 7)) +        // 3: passes, but f1 failed
         Spec("c2", "tr 1 +", Test(3, 1)) +        // 4: traps through tr
         Spec("c3", "c1 1 +", Test(3, 8)) +        // 5: a caller of a caller
         Spec("ok1", "1 +", Test(3, 4)) +          // 6: fine
         Spec("c4", "ok1 1 +", Test(3, 5)) +       // 7: fine, calls a fine word
         Spec("ll", "dbl 1 +", Test(3, 7)) +       // 8: dbl is on line 9
         Spec("dbl", "dup +", Test(3, 6)) +        // 9: fine
         "{\"word\":\"rj\",\"stack_effect\":\n" +  // 10: rejected, E0100
         Spec("c5", "rj 1 +", Test(3, 4)) +        // 11: calls the rejected rj
         Spec("ix", "1 +",                         // 12: fails test 2 of 0..2
              R"(,"test_cases":[{"input":[1],"output":[2]},{"input":[2],"output":[3]},)"
              R"({"input":[3],"output":[5]}])") +
         Spec("c6", "1 ll +", Test(3, 4));  // 13: calls ll (E1004)
}

std::string Field(const std::string& rec, const std::string& key) {
  size_t at = rec.find("\"" + key + "\":");
  if (at == std::string::npos) return "";
  at += key.size() + 3;
  size_t end = rec[at] == '"' ? rec.find('"', at + 1) + 1 : rec.find_first_of(",}", at);
  return rec.substr(at, end - at);
}

std::string FirstError(const std::string& rec) {
  size_t at = rec.find("\"errors\":[");
  if (at == std::string::npos || rec[at + 10] == ']') return "";
  at += 10;
  return rec.substr(at, rec.find("\"at\":", at) - at);
}

std::string E1002(const std::string& callee, int line, const std::string& code) {
  return R"({"code":"E1002","stage":"test","message":"calls `)" + callee + "` (line " +
         std::to_string(line) + "), which is not usable: its own spec failed with " + code +
         R"(",)";
}

}  // namespace

TEST_CASE("callers of failed, trapped, rejected and later words name the cause, however run",
          "[cli][causes]") {
  for (const char* args :
       {"", "--no-native", "--chunk-lines 1", "--chunk-lines 3", "--threads 1", "--threads 2",
        "--threads 2 --chunk-lines 1", "--no-native --chunk-lines 1", "--no-native --threads 2"}) {
    INFO(args);
    auto r = Run(LateCausesCorpus(), args);
    REQUIRE(r.size() == 13);
    auto status = [&](const char* line) { return Field(r[line], "status"); };
    CHECK(status("1") == R"("failed")");
    CHECK(Has(FirstError(r["1"]), R"({"code":"E4000")"));
    CHECK(status("2") == R"("failed")");
    CHECK(Has(FirstError(r["2"]), R"({"code":"E4002")"));
    // A failed callee: the caller's own test passed, and it still fails.
    CHECK(status("3") == R"("failed")");
    CHECK(FirstError(r["3"]) == E1002("f1", 1, "E4000"));
    CHECK(Has(r["3"], R"("tests":{"run":1,"passed":1,"failures":[]})"));
    // A trapped callee: E1002 first, the caller's own trap after it.
    CHECK(status("4") == R"("failed")");
    CHECK(FirstError(r["4"]) == E1002("tr", 2, "E4002"));
    CHECK(Has(r["4"], R"("tests":{"run":1,"passed":0,)"));
    CHECK(
        Has(r["4"], R"(,{"code":"E4002","stage":"test","message":"1 of 1 tests failed; test 0:)"));
    CHECK(status("5") == R"("failed")");
    CHECK(FirstError(r["5"]) == E1002("c1", 3, "E1002"));
    CHECK(status("6") == R"("ok")");
    CHECK(status("7") == R"("ok")");
    CHECK(FirstError(r["7"]).empty());
    // A later word: E1004 with its line, not E1000.
    CHECK(status("8") == R"("invalid")");
    CHECK(FirstError(r["8"]) ==
          R"({"code":"E1004","stage":"infer","message":"`dbl` is defined on line 9, after this )"
          R"(one; a body may call only earlier words",)");
    CHECK(status("9") == R"("ok")");
    CHECK(status("10") == R"("rejected")");
    // A rejected line whose name can be read off its text.
    CHECK(status("11") == R"("invalid")");
    CHECK(FirstError(r["11"]) ==
          R"({"code":"E1002","stage":"infer","message":"calls `rj` (line 10), which is not )"
          R"(usable: its own spec failed with E0100",)");
    // The index in the message is the JSON path's (0-based), and the failure's.
    CHECK(status("12") == R"("failed")");
    CHECK(Has(r["12"],
              R"({"code":"E4000","stage":"test","message":"1 of 3 tests failed; test )"
              R"x(2: test produced a wrong value expected ( 5 ), got ( 4 )","at":{"path":)x"
              R"("$.test_cases[2]"}})"));
    CHECK(Has(r["12"], R"("failures":[{"index":2,)"));
    // A caller of a word that entered the dictionary but failed inference (E1004).
    CHECK(FirstError(r["13"]) ==
          R"({"code":"E1002","stage":"test","message":"calls `ll` (line 8), which is not )"
          R"(usable: its own spec failed with E1004",)");
    for (const auto& [line, rec] : r) {
      INFO(line);
      for (const char* code : {"E9000", "E9001", "E5000", "E2234", "E1000"}) {
        CHECK_FALSE(Has(rec, code));
      }
    }
  }
}

TEST_CASE("a caller of a failed word is not emitted as Forth or native code", "[cli][causes]") {
  const std::string corpus = Spec("f1", "dup +", Test(3, 9)) + Spec("c1", "f1 1 +", Test(3, 7)) +
                             Spec("ok1", "1 +", Test(3, 4)) + Spec("ll", "dbl 1 +", Test(3, 7));
  const std::string later = Spec("dbl", "dup +", Test(3, 6));
  for (const char* args : {"", "--chunk-lines 1 --threads 2"}) {
    INFO(args);
    std::string dir = ffb::test::TempDir("causes-emit");
    ffb::test::WriteFile(dir + "/s.jsonl", corpus);
    ffb::test::WriteFile(dir + "/t.jsonl", later);
    const std::string bin = " && " + std::string(FFBATCH_BINARY);
    ffb::test::RunCommand("cd " + dir + bin + " s.jsonl t.jsonl -o out -q " + args);
    std::string results = ffb::test::ReadFile(dir + "/out/results.jsonl");
    std::string forth = ffb::test::ReadFile(dir + "/out/forth/part-00000.fth");
    CHECK(Has(results, R"("word":"c1","status":"failed")"));
    CHECK_FALSE(Has(results, "ffw_c1"));  // no symbol, no object
    CHECK(Has(results, R"("symbol":"ffw_ok1","object":"obj/part-00000.o")"));
    CHECK_FALSE(Has(forth, ": c1 "));
    CHECK_FALSE(Has(forth, ": f1 "));
    CHECK(Has(forth, ": ok1 ( n -- m ) 1 + ;"));
    // A later word in another input names that input.
    CHECK(Has(results,
              "`dbl` is defined on t.jsonl line 1, after this one; a body may call "
              "only earlier words"));
    // Stdin cannot be read twice, so its own later names are not known:
    // E1000, the same with any chunking.
    ffb::test::RunCommand("cd " + dir + " && cat s.jsonl t.jsonl |" + std::string(FFBATCH_BINARY) +
                          " - -o out2 -q " + args);
    std::string piped = ffb::test::ReadFile(dir + "/out2/results.jsonl");
    CHECK(Has(piped, R"("errors":[{"code":"E1000","stage":"infer","message":"undefined word )"
                     R"(`dbl`")"));
    CHECK_FALSE(Has(piped, "E1004"));
  }
}
