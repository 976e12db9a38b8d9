// The fix search's work budget seen from the CLI: a huge failing body does not
// stall the batch, and the cut is reported as W2237 in results.jsonl and in
// `ffbatch verify` (text and --json).
#include <catch2/catch.hpp>
#include <string>

#include "tests/support/test_util.h"

namespace {

using ffb::test::Bin;

using ffb::test::Quote;
using ffb::test::ReadFile;
using ffb::test::RunCommand;

std::string Times(std::string_view word, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s.append(word);
  return s;
}

// `1 ` x N then `+ ` x (N-1): overflows the 1024-cell stack (E2001).
std::string Overflowing(size_t n) {
  std::string body = Times("1 ", n) + Times("+ ", n - 1);
  body.pop_back();
  return body;
}

}  // namespace

TEST_CASE("cli: a 400 KB body's fix search stops at the budget with W2237", "[cli][fixes]") {
  std::string dir = ffb::test::TempDir("fixbudget");
  const std::string body = Overflowing(102401);
  REQUIRE(body.size() >= 400 * 1024);
  ffb::test::WriteFile(
      dir + "/big.jsonl",
      R"({"word":"big","stack_effect":{"inputs":[],"outputs":[{"name":"r","type":"int"}]},)"
      R"("implementation":{"code":")" +
          body + "\"}}\n" +
          R"({"word":"after","stack_effect":{"inputs":[{"name":"n","type":"int"}],)"
          R"("outputs":[{"name":"r","type":"int"}]},"implementation":{"code":"dup *"}})"
          "\n");
  REQUIRE(RunCommand(Bin() + dir + "/big.jsonl -o " + dir + "/out -q --threads 1") == 65);
  std::string results = ReadFile(dir + "/out/results.jsonl");
  auto second = results.find('\n');
  REQUIRE(second != std::string::npos);
  std::string first = results.substr(0, second);
  CHECK(first.find(R"("status":"invalid")") != std::string::npos);
  CHECK(first.find(R"("code":"E2001")") != std::string::npos);
  CHECK(
      first.find(
          R"({"code":"W2237","stage":"infer","message":"fix search stopped at its work budget)") !=
      std::string::npos);
  CHECK(first.find(R"("fixes":[])") != std::string::npos);
  // The line after it still gets its record.
  CHECK(results.find(R"("word":"after","status":"ok")", second) != std::string::npos);
}

TEST_CASE("cli: pattern params expanding to a huge body are bounded too", "[cli][fixes]") {
  std::string dir = ffb::test::TempDir("fixbudget-params");
  std::string op = Times("+ ", 20000);
  op.pop_back();
  ffb::test::WriteFile(dir + "/params.jsonl",
                       R"({"word":"psum","stack_effect":{"inputs":[{"name":"a","type":"int"},)"
                       R"({"name":"b","type":"int"}],"outputs":[{"name":"r","type":"int"}]},)"
                       R"("implementation":{"pattern":"BINARY_OP_001","params":{"OP":")" +
                           op + "\"}}}\n");
  REQUIRE(RunCommand(Bin() + dir + "/params.jsonl -o " + dir + "/out -q --threads 1") == 65);
  std::string results = ReadFile(dir + "/out/results.jsonl");
  CHECK(results.find(R"("body_source":"pattern")") != std::string::npos);
  CHECK(results.find(R"({"code":"W2237","stage":"infer")") != std::string::npos);
}

TEST_CASE("cli: verify on a 12 KB body reports W2237", "[cli][fixes]") {
  std::string dir = ffb::test::TempDir("fixbudget-verify");
  const std::string body = Overflowing(3072);
  REQUIRE(body.size() >= 12 * 1024 - 3);
  const std::string cmd = Bin() + "verify " + Quote(body) + " " + Quote("( -- n )");
  REQUIRE(RunCommand(cmd + " > " + dir + "/text.txt") == 65);
  std::string text = ReadFile(dir + "/text.txt");
  CHECK(text.find("error E2001 at token 1024") != std::string::npos);
  CHECK(text.find("warning W2237: fix search stopped at its work budget after ") !=
        std::string::npos);

  REQUIRE(RunCommand(cmd + " --json > " + dir + "/out.json") == 65);
  std::string json = ReadFile(dir + "/out.json");
  CHECK(json.find(
            R"("warnings":[{"code":"W2237","message":"fix search stopped at its work budget)") !=
        std::string::npos);
  CHECK(json.find(R"("fixes":[]})") != std::string::npos);
}
