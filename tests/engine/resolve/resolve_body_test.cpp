// Body resolution: implementation.code, then implementation.pattern, then
// heuristics over effect, name, description and tags, else E1170; and the
// heuristics' first choice for typical corpus words.
#include "engine/resolve/resolve_body.h"

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>
#include <thread>

#include "engine/resolve/heuristics.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"
#include "io/patterns/pattern_sources.h"
#include "tests/support/test_util.h"

namespace {

using namespace ffb;

const PatternLibrary& Shipped() {
  // The run's library: the shipped patterns with their keyword table.
  static const PatternLibrary lib = LoadRunPatterns({}).library;
  return lib;
}

// Owns what a SpecBodyFields views.
struct Spec {
  std::string word;
  std::vector<SlotType> ins, outs;
  std::vector<std::string_view> in_names, out_names;
  std::string description;
  std::vector<std::string_view> tags, hints;
  Params params;
  std::optional<std::string_view> code, pattern;

  SpecBodyFields Fields() const {
    SpecBodyFields f;
    f.word = word;
    f.code = code;
    f.pattern = pattern;
    f.params = params;
    f.inputs = ins;
    f.outputs = outs;
    f.input_names = in_names;
    f.output_names = out_names;
    f.description = description;
    f.tags = tags;
    f.hints = hints;
    return f;
  }
};

Spec Effect(std::string word, size_t n_in, size_t n_out, SlotType in = SlotType::kInt,
            SlotType out = SlotType::kInt) {
  Spec s;
  s.word = std::move(word);
  s.ins.assign(n_in, in);
  s.outs.assign(n_out, out);
  return s;
}

std::string First(const Spec& s) {
  BodyResolution r = ResolveBody(s.Fields(), Shipped());
  if (!r.ok()) return Describe(r.error->code).id.data();
  REQUIRE(r.candidates[0].pattern);
  return r.candidates[0].pattern->id;
}

std::vector<std::string> Ranked(const Spec& s) {
  std::vector<std::string> out;
  for (const auto& c : RankPatterns(s.Fields(), Shipped())) out.push_back(c.pattern->id);
  return out;
}

}  // namespace

TEST_CASE("Resolution: implementation.code comes first, verbatim", "[patlib]") {
  Spec s = Effect("square", 1, 1);
  s.code = "dup  * ( sq )";
  s.pattern = "NO_SUCH_PATTERN";  // code wins; the pattern is not even looked up
  BodyResolution r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].source == BodySource::kCode);
  CHECK(BodySourceName(r.candidates[0].source) == "code");
  CHECK(r.candidates[0].body == "dup  * ( sq )");
  CHECK(r.candidates[0].pattern == nullptr);
  CHECK_FALSE(r.error);

  // A code field with no Forth words is still the body (`: square ;`), even
  // when a heuristic would have found `dup *`: only a missing code falls back.
  s.pattern.reset();
  s.code = "  ( TODO ) ";
  r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].source == BodySource::kCode);
  CHECK(r.candidates[0].body == "  ( TODO ) ");
  s.code = "";
  s.pattern = "NO_SUCH_PATTERN";  // an empty code wins over a pattern too
  r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].source == BodySource::kCode);
  CHECK(r.candidates[0].body.empty());
  s.code.reset();
  s.pattern.reset();
  r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  CHECK(r.candidates[0].source == BodySource::kHeuristic);
  CHECK(r.candidates[0].body == "dup *");
  Spec odd = Effect("frob", 1, 1);
  r = ResolveBody(odd.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->message.rfind(
            "no implementation for `frob`: no implementation.code, no implementation.pattern,",
            0) == 0);
  // Code that does not lex is still code: the lexer reports it.
  odd.code = "dup ( open";
  r = ResolveBody(odd.Fields(), Shipped());
  REQUIRE(r.ok());
  CHECK(r.candidates[0].source == BodySource::kCode);
}

TEST_CASE("Resolution: implementation.pattern is instantiated with params", "[patlib]") {
  Spec s = Effect("sum-to", 1, 1);
  s.pattern = "RECURSIVE_004";
  s.params = {{"OP", "+"}, {"BASE_VALUE", "0"}};
  BodyResolution r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  REQUIRE(r.candidates.size() == 1);
  CHECK(r.candidates[0].source == BodySource::kPattern);
  CHECK(BodySourceName(r.candidates[0].source) == "pattern");
  CHECK(r.candidates[0].pattern->id == "RECURSIVE_004");
  CHECK(r.candidates[0].body == "dup 1 < if drop 0 else dup 1- recurse + then");

  // Defaults when no params.
  s.params.clear();
  r = ResolveBody(s.Fields(), Shipped());
  REQUIRE(r.ok());
  CHECK(r.candidates[0].body == "dup 1 < if drop 1 else dup 1- recurse * then");

  // An explicit pattern is used even when its effect differs: inference judges.
  Spec two = Effect("x", 2, 2);
  two.pattern = "DUP_TRANSFORM_001";
  r = ResolveBody(two.Fields(), Shipped());
  REQUIRE(r.ok());
  CHECK(r.candidates[0].body == "dup *");
}

TEST_CASE("Resolution errors: E1171 unknown id, E1173 unsupported, E1172 variables, E0xxx params",
          "[patlib]") {
  Spec s = Effect("w", 1, 1);
  s.pattern = "dup_transform_001";
  BodyResolution r = ResolveBody(s.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.candidates.empty());
  CHECK(r.error->code == Code::kUnknownPattern);
  CHECK(r.error->path == "$.implementation.pattern");
  CHECK(r.error->message ==
        "unknown pattern id `dup_transform_001`; did you mean DUP_TRANSFORM_001? (pattern ids are "
        "case-sensitive)");
  s.pattern = "RECURSIVE_01";
  r = ResolveBody(s.Fields(), Shipped());
  CHECK(r.error->code == Code::kUnknownPattern);
  CHECK(r.error->message.rfind("unknown pattern id `RECURSIVE_01`; did you mean RECURSIVE_0", 0) ==
        0);
  s.pattern = "";
  r = ResolveBody(s.Fields(), Shipped());
  CHECK(r.error->code == Code::kUnknownPattern);

  Spec store = Effect("store", 2, 0);
  store.pattern = "DATA_STRUCTURE_001";
  r = ResolveBody(store.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->code == Code::kPatternUnsupported);
  CHECK(r.error->path == "$.implementation.pattern");
  CHECK(r.error->message.rfind("pattern DATA_STRUCTURE_001 is unsupported: ", 0) == 0);
  CHECK(r.error->message.size() > 45);

  Spec fold = Effect("fold", 1, 1);
  fold.pattern = "ACCUMULATOR_LOOP_009";
  fold.params = {{"OP", "*"}, {"STEP", "2"}};
  r = ResolveBody(fold.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->code == Code::kTemplateVariable);
  CHECK(r.error->path == "$.implementation.params.STEP");
  CHECK(r.error->message ==
        "implementation.params.STEP: pattern ACCUMULATOR_LOOP_009 has no variable `STEP` "
        "(declared: INIT OP)");

  fold.params = {{"OP", "* ( oops"}};
  r = ResolveBody(fold.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->code == Code::kUnterminatedComment);
  CHECK(r.error->path == "$.implementation.params.OP");
  CHECK(r.error->column == 3);
}

TEST_CASE("Resolution: nothing fits -> E1170, never an empty body", "[patlib]") {
  Spec s = Effect("frobnicate", 1, 1);
  BodyResolution r = ResolveBody(s.Fields(), Shipped());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error->code == Code::kNoImplementation);
  CHECK(r.error->path == "$.implementation");
  CHECK(r.error->message ==
        "no implementation for `frobnicate`: no implementation.code, no implementation.pattern, "
        "and no library "
        "pattern with effect ( int -- int ) matches its name, description or tags; add "
        "implementation.code or "
        "implementation.pattern");
  // A good name with the wrong arity or types still finds nothing.
  CHECK(First(Effect("max", 4, 1)) == "E1170");
  CHECK(First(Effect("is-even", 1, 1)) == "E1170");  // int output; the even patterns give a flag
  CHECK(First(Effect("store", 2, 0)) == "E1170");    // unsupported patterns are never guessed
}

TEST_CASE("Heuristics pick the expected pattern for typical words", "[patlib]") {
  CHECK(First(Effect("square", 1, 1)) == "DUP_TRANSFORM_001");
  CHECK(First(Effect("cube", 1, 1)) == "DUP_TRANSFORM_003");
  CHECK(First(Effect("my-abs", 1, 1)) == "CONDITIONAL_001");
  CHECK(First(Effect("max", 2, 1)) == "CONDITIONAL_002");
  CHECK(First(Effect("max3", 3, 1)) == "CONDITIONAL_007");
  CHECK(First(Effect("min-of-two", 2, 1)) == "CONDITIONAL_003");
  CHECK(First(Effect("factorial", 1, 1)) == "ACCUMULATOR_LOOP_002");
  CHECK(First(Effect("fact-acc", 2, 1)) == "TAIL_RECURSIVE_001");
  CHECK(First(Effect("FIB", 1, 1)) == "ACCUMULATOR_LOOP_005");
  CHECK(First(Effect("gcd", 2, 1)) == "BINARY_OP_003");
  CHECK(First(Effect("sum-to", 1, 1)) == "ACCUMULATOR_LOOP_001");
  CHECK(First(Effect("sum_of_squares", 1, 1)) == "ACCUMULATOR_LOOP_006");
  CHECK(First(Effect("is-even", 1, 1, SlotType::kInt, SlotType::kBool)) == "PREDICATE_001");
  CHECK(First(Effect("odd?", 1, 1, SlotType::kAny, SlotType::kBool)) == "PREDICATE_002");
  CHECK(First(Effect("sign", 1, 1)) == "CONDITIONAL_005");
  CHECK(First(Effect("clamp", 3, 1)) == "CONDITIONAL_004");
  CHECK(First(Effect("negate-it", 1, 1)) == "UNARY_OP_001");
  CHECK(First(Effect("popcount", 1, 1, SlotType::kUint, SlotType::kInt)) == "BIT_OP_002");
  CHECK(First(Effect("isqrt", 1, 1)) == "NUMERIC_005");
  CHECK(First(Effect("lcm", 2, 1)) == "BINARY_OP_005");
  CHECK(First(Effect("average", 2, 1)) == "BINARY_OP_002");
  CHECK(First(Effect("prime?", 1, 1, SlotType::kInt, SlotType::kBool)) == "PREDICATE_006");
  CHECK(First(Effect("power", 2, 1)) == "ACCUMULATOR_LOOP_004");

  // Ranked alternatives for the caller to try in order.
  CHECK(Ranked(Effect("factorial", 1, 1)) ==
        std::vector<std::string>{"ACCUMULATOR_LOOP_002", "RECURSIVE_001", "ACCUMULATOR_LOOP_007"});
  CHECK(Ranked(Effect("fib", 1, 1)) ==
        std::vector<std::string>{"ACCUMULATOR_LOOP_005", "RECURSIVE_002"});
}

TEST_CASE("Heuristics also read slot names, description, tags and hints", "[patlib]") {
  // A pure shuffle is recognised by its slot names whatever the word is called.
  Spec flip = Effect("flip", 3, 3);
  flip.in_names = {"x", "y", "z"};
  flip.out_names = {"z", "y", "x"};
  CHECK(First(flip) == "STACK_MANIP_001");
  Spec under = Effect("under", 2, 3);
  under.in_names = {"p", "q"};
  under.out_names = {"q", "p", "q"};
  CHECK(First(under) == "STACK_MANIP_002");

  Spec described = Effect("f", 1, 1);
  described.description = "Compute the factorial of n";
  CHECK(First(described) == "ACCUMULATOR_LOOP_002");

  Spec tagged = Effect("combine", 2, 1);
  tagged.tags = {"lcm"};
  CHECK(First(tagged) == "BINARY_OP_005");
  Spec generic = Effect("foo", 1, 1);
  generic.tags = {"arithmetic"};  // on 27 patterns: not a reason by itself
  CHECK(First(generic) == "E1170");
  generic.tags = {"loop", "sum", "square"};
  CHECK(First(generic) == "ACCUMULATOR_LOOP_006");  // the one 1 -> 1 pattern with all three
  Spec hinted = Effect("combine", 2, 1);
  hinted.hints = {"RECURSIVE_006"};
  CHECK(First(hinted) == "RECURSIVE_006");

  // A heuristic candidate is instantiated with the spec's params.
  Spec fold = Effect("product-fold", 1, 1);
  fold.tags = {"fold"};
  fold.params = {{"OP", "*"}, {"INIT", "1"}};
  BodyResolution r = ResolveBody(fold.Fields(), Shipped());
  REQUIRE(r.ok());
  CHECK(r.candidates[0].source == BodySource::kHeuristic);
  CHECK(BodySourceName(r.candidates[0].source) == "heuristic");
  CHECK(r.candidates[0].pattern->id == "ACCUMULATOR_LOOP_009");
  CHECK(r.candidates[0].body == "1 swap 0 max 1+ 1 ?do i * loop");

  BodyResolution sq = ResolveBody(Effect("square", 1, 1).Fields(), Shipped());
  REQUIRE(sq.ok());
  CHECK(sq.candidates[0].body == "dup *");
  CHECK(sq.candidates[0].reason.find("name has `square`") != std::string::npos);
  CHECK(sq.candidates[0].score > sq.candidates.back().score - 1);
}

TEST_CASE("Resolution over a parsed chunk row", "[patlib]") {
  const std::string dir = test::TempDir("patlib-rows");
  const std::string path = dir + "/specs.jsonl";
  test::WriteFile(
      path,
      R"J({"word":"sq","stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}]},"implementation":{"code":"dup *"}})J"
      "\n"
      R"J({"word":"tri","stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"r","type":"int"}]},"implementation":{"pattern":"UNARY_OP_004","params":{"K":"10"}}})J"
      "\n"
      R"J({"word":"sum-of-squares","description":"1^2 + ... + n^2","stack_effect":{"inputs":[{"name":"n","type":"int"}],"outputs":[{"name":"s","type":"int"}]},"metadata":{"tags":["loop"]}})J"
      "\n"
      R"J({"word":"swap-it","stack_effect":{"inputs":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"int"}],"outputs":[{"name":"b","type":"int"},{"name":"c","type":"int"},{"name":"a","type":"int"}]}})J"
      "\n"
      R"J({"word":"mystery","stack_effect":{"inputs":[],"outputs":[]},"implementation":{"hints":["none"]}})J"
      "\n");
  LineReader reader({path}, ReaderOptions{});
  auto chunk = reader.Next();
  REQUIRE(chunk);
  ParseChunk(*chunk, ParseLimits{});
  REQUIRE(chunk->table.rows() == 5);
  RowBodyStorage storage;
  std::vector<std::string> got;
  for (uint32_t row = 0; row < 5; ++row) {
    BodyResolution r = ResolveBody(RowBodyFields(*chunk, row, storage), Shipped());
    if (!r.ok()) {
      got.push_back(std::string(Describe(r.error->code).id));
      continue;
    }
    const BodyCandidate& c = r.candidates[0];
    got.push_back(
        fmt::format("{} {} {}", BodySourceName(c.source), c.pattern ? c.pattern->id : "-", c.body));
  }
  CHECK(got == std::vector<std::string>{
                   "code - dup *", "pattern UNARY_OP_004 10 +",
                   "heuristic ACCUMULATOR_LOOP_006 0 swap 0 max 1+ 1 ?do i dup * + loop",
                   "heuristic STACK_MANIP_003 rot", "E1170"});
  std::filesystem::remove_all(dir);
}

TEST_CASE("One library serves many threads", "[patlib]") {
  const char* names[] = {"square",         "factorial", "gcd",   "frobnicate",
                         "sum-of-squares", "max3",      "clamp", "sign"};
  const size_t arity[][2] = {{1, 1}, {1, 1}, {2, 1}, {1, 1}, {1, 1}, {3, 1}, {3, 1}, {1, 1}};
  auto run = [&](std::vector<std::string>& out) {
    for (int rep = 0; rep < 200; ++rep)
      for (size_t i = 0; i < 8; ++i) {
        BodyResolution r =
            ResolveBody(Effect(names[i], arity[i][0], arity[i][1]).Fields(), Shipped());
        out.push_back(r.ok() ? r.candidates[0].body : r.error->message);
      }
  };
  std::vector<std::string> alone;
  run(alone);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& res : results) threads.emplace_back(run, std::ref(res));
  for (auto& th : threads) th.join();
  for (const auto& res : results) CHECK(res == alone);
}
