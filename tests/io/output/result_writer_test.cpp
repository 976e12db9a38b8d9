// The record format of results.jsonl and rejects.jsonl, rendered from the
// chunk's columns: whole records for the common cases, and the parts that
// are easy to get wrong (failure cells, truncation, object placement, raw
// bytes of rejected lines).
#include "io/output/result_writer.h"

#include <catch2/catch.hpp>
#include <string>

#include "io/output/output_file.h"
#include "tests/support/staged_run.h"
#include "tests/support/test_util.h"

namespace {

const char* kEffect =
    R"j("stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}]})j";

std::string Spec(const std::string& word, const std::string& code, const std::string& rest = "") {
  return "{\"word\":\"" + word + "\"," + kEffect + ",\"implementation\":{\"code\":\"" + code +
         "\"}" + rest + "}\n";
}

struct Records {
  std::string results, rejects;
};

Records Render(const std::string& corpus, ffb::test::StagedRunOptions options = {}) {
  Records r;
  ffb::test::RunStages(corpus, options, [&](ffb::Chunk& c) {
    ffb::ResultWriter::FormatResults(c, false, {}, r.results);
    ffb::ResultWriter::FormatRejects(c, false, {}, r.rejects);
  });
  return r;
}

}  // namespace

TEST_CASE("result writer: an ok record, whole, with its object placement", "[writer]") {
  ffb::test::StagedRunOptions options;
  options.words_per_object = 1;
  Records r = Render(
      Spec("sq", "dup *", R"j(,"test_cases":[{"input":[3],"output":[9]}])j") + Spec("sq2", "sq sq"),
      options);
  CHECK(r.results ==
        R"j({"line":1,"word":"sq","status":"ok","declared":"( n -- r )","inferred":"( n -- a )",)j"
        R"j("max_depth":2,"body":"dup *","body_source":"code","pattern":null,"errors":[],)j"
        R"j("warnings":[],"fixes":[],"tests":{"run":1,"passed":1,"failures":[]},)j"
        R"j("symbol":"ffw_sq","object":"obj/part-00000.o"})j"
        "\n"
        R"j({"line":2,"word":"sq2","status":"ok","declared":"( n -- r )","inferred":"( n -- a )",)j"
        R"j("max_depth":1,"body":"sq sq","body_source":"code","pattern":null,"errors":[],)j"
        R"j("warnings":[{"code":"W4007","stage":"test","message":"no test cases: the body )j"
        R"j(passed the static checks but was never run","at":{"path":"$.test_cases"}}],)j"
        R"j("fixes":[],"tests":{"run":0,"passed":0,"failures":[]},)j"
        R"j("symbol":"ffw_sq2","object":"obj/part-00001.o"})j"
        "\n");
  CHECK(r.rejects.empty());
}

TEST_CASE("result writer: without placement no symbol or object is claimed", "[writer]") {
  Records r = Render(Spec("sq", "dup *"));
  CHECK(r.results.find("\"symbol\"") == std::string::npos);
  CHECK(r.results.find("\"object\"") == std::string::npos);
}

TEST_CASE("result writer: a failure's cells, and a deep actual stack cut to its top 32",
          "[writer]") {
  Records r = Render(
      Spec("twice", "dup +", R"j(,"test_cases":[{"input":[3],"output":[9]}])j") +
      Spec("deep", "dup 1 + recurse nip", R"j(,"test_cases":[{"input":[3],"output":[9]}])j"));
  CHECK(r.results.find(
            R"j("tests":{"run":1,"passed":0,"failures":[{"index":0,"code":"E4000","input":[3],)j"
            R"j("expected":[9],"actual":[6]}]})j") != std::string::npos);
  std::string top;
  for (int v = 995; v <= 1025; ++v) top += std::to_string(v) + ",";
  CHECK(r.results.find(R"j("failures":[{"index":0,"code":"E4004","input":[3],"expected":[9],)j"
                       R"j("actual":[)j" +
                       top + R"j(1025],"actual_depth":1024,"actual_truncated":true}]})j") !=
        std::string::npos);
  CHECK(r.rejects.empty());  // failed rows are not rejects
}

TEST_CASE("result writer: rejects keep the raw line, as text or base64", "[writer]") {
  Records r = Render("{\"word\":\"bad\n{\"word\":\"\xff\"}\n");
  CHECK(
      r.rejects ==
      R"j({"line":1,"byte_offset":0,"status":"rejected","stage":"parse","code":"E0100",)j"
      R"j("message":"invalid JSON: A string is opened, but never closed.","errors":[{"code":"E0100",)j"
      R"j("stage":"parse","message":"invalid JSON: A string is opened, but never closed.",)j"
      R"j("at":{"path":"$"}}],"raw":"{\"word\":\"bad"})j"
      "\n"
      R"j({"line":2,"byte_offset":13,"status":"rejected","stage":"parse","code":"E0101",)j"
      R"j("message":"invalid UTF-8 at byte 10","column":10,"errors":[{"code":"E0101",)j"
      R"j("stage":"parse","message":"invalid UTF-8 at byte 10","at":{"column":10,)j"
      R"j("byte_offset":22}}],"raw_b64":"eyJ3b3JkIjoi/yJ9"})j"
      "\n");
}

TEST_CASE("result writer: files appear only on Finish, holding exactly the records", "[writer]") {
  std::string dir = ffb::test::TempDir("result_writer");
  std::string corpus = Spec("sq", "dup *") + "{\"word\":\"bad\n";
  Records expected = Render(corpus);
  {
    ffb::OutputDir out = ffb::OutputDir::Open(dir);
    ffb::ResultWriter writer(out, {"in.jsonl"});
    ffb::test::RunStages(corpus, {}, [&](ffb::Chunk& c) { writer.Write(c); });
    CHECK_FALSE(std::filesystem::exists(dir + "/results.jsonl"));
    writer.Finish();
  }
  CHECK(ffb::test::ReadFile(dir + "/results.jsonl") == expected.results);
  CHECK(ffb::test::ReadFile(dir + "/rejects.jsonl") == expected.rejects);
}
