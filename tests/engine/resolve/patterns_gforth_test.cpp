// The pattern library (datasets/patterns/patterns.jsonl) checked as data and
// proven against gforth 0.7.3: every usable pattern is instantiated with its
// variables, defined as a Forth word and run through its T{ }T test cases.
// This is the gforth half of the proof; ffbatch's own interpreter is the other.
#include <fmt/format.h>
#include <simdjson.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using simdjson::ondemand::json_type;

struct Field {
  std::string name;
  std::string type;
};

struct Variable {
  std::string name;
  std::string description;
  std::optional<std::string> default_value;
};

struct TestCase {
  std::vector<std::string> input;  // Forth literals: bools already -1 / 0
  std::vector<std::string> output;
  std::map<std::string, std::string> params;
};

struct Pattern {
  std::string id, category, description, effect, tmpl, performance;
  std::vector<Field> inputs, outputs;
  std::vector<Variable> variables;
  std::vector<std::string> tags;
  std::vector<TestCase> tests;
  std::optional<std::string> unsupported;
  std::optional<std::string> notes;
  std::set<std::string> seen;  // keys present on the line
};

const fs::path kLibrary = fs::path(FFBATCH_SOURCE_DIR) / "datasets/patterns/patterns.jsonl";
const char* kGforth = "/usr/bin/gforth";
const char* kTtester = "/usr/share/gforth/0.7.3/test/ttester.fs";

const std::vector<std::string> kFastForthIds = {
    "DUP_TRANSFORM_001",    "DUP_TRANSFORM_002",    "CONDITIONAL_001",
    "CONDITIONAL_002",      "CONDITIONAL_003",      "CONDITIONAL_NEGATE_002",
    "ACCUMULATOR_LOOP_001", "ACCUMULATOR_LOOP_002", "ACCUMULATOR_LOOP_003",
    "RECURSIVE_001",        "RECURSIVE_002",        "RECURSIVE_003",
    "RECURSIVE_004",        "TAIL_RECURSIVE_001",   "TAIL_RECURSIVE_002",
    "TAIL_RECURSIVE_008",   "BINARY_OP_001",        "BINARY_OP_002",
    "BINARY_OP_003",        "UNARY_OP_001",         "UNARY_OP_002",
    "UNARY_OP_003",         "STACK_MANIP_001",      "STACK_MANIP_002",
    "STACK_MANIP_003",      "CONTROL_FLOW_001",     "CONTROL_FLOW_002",
    "OPTIMIZATION_001",     "OPTIMIZATION_002",     "OPTIMIZATION_003",
    "DATA_STRUCTURE_001",   "DATA_STRUCTURE_002"};

std::string Str(simdjson::ondemand::value v) {
  return std::string(std::string_view(v.get_string()));
}

// A test value: an integer cell or a boolean flag, as Forth source text.
std::string Literal(simdjson::ondemand::value v) {
  json_type type = v.type();
  switch (type) {
    case json_type::boolean:
      return bool(v.get_bool()) ? "-1" : "0";
    case json_type::number:
      return std::to_string(int64_t(v.get_int64()));
    default:
      throw std::runtime_error("test value is neither an integer nor a boolean");
  }
}

std::vector<Field> Fields(simdjson::ondemand::value v) {
  std::vector<Field> out;
  for (auto item : v.get_array()) {
    Field f;
    for (auto kv : item.get_object()) {
      std::string_view k = kv.unescaped_key();
      if (k == "name")
        f.name = Str(kv.value());
      else if (k == "type")
        f.type = Str(kv.value());
    }
    out.push_back(std::move(f));
  }
  return out;
}

Pattern ParseLine(simdjson::ondemand::parser& parser, const std::string& line) {
  simdjson::padded_string json(line);
  auto doc = parser.iterate(json);
  Pattern p;
  for (auto kv : doc.get_object()) {
    std::string key(std::string_view(kv.unescaped_key()));
    p.seen.insert(key);
    simdjson::ondemand::value v = kv.value();
    if (key == "id")
      p.id = Str(v);
    else if (key == "category")
      p.category = Str(v);
    else if (key == "description")
      p.description = Str(v);
    else if (key == "effect")
      p.effect = Str(v);
    else if (key == "template")
      p.tmpl = Str(v);
    else if (key == "performance")
      p.performance = Str(v);
    else if (key == "unsupported")
      p.unsupported = Str(v);
    else if (key == "notes")
      p.notes = Str(v);
    else if (key == "inputs")
      p.inputs = Fields(v);
    else if (key == "outputs")
      p.outputs = Fields(v);
    else if (key == "tags") {
      for (auto t : v.get_array()) p.tags.push_back(Str(t.value()));
    } else if (key == "variables") {
      for (auto item : v.get_array()) {
        Variable var;
        for (auto f : item.get_object()) {
          std::string_view k = f.unescaped_key();
          if (k == "name")
            var.name = Str(f.value());
          else if (k == "description")
            var.description = Str(f.value());
          else if (k == "default")
            var.default_value = Str(f.value());
        }
        p.variables.push_back(std::move(var));
      }
    } else if (key == "test_cases") {
      for (auto item : v.get_array()) {
        TestCase tc;
        for (auto f : item.get_object()) {
          std::string_view k = f.unescaped_key();
          if (k == "input") {
            for (auto x : f.value().get_array()) tc.input.push_back(Literal(x.value()));
          } else if (k == "output") {
            for (auto x : f.value().get_array()) tc.output.push_back(Literal(x.value()));
          } else if (k == "params") {
            for (auto pv : f.value().get_object())
              tc.params[std::string(std::string_view(pv.unescaped_key()))] = Str(pv.value());
          } else {
            throw std::runtime_error(fmt::format("unknown test case key '{}'", k));
          }
        }
        p.tests.push_back(std::move(tc));
      }
    } else {
      throw std::runtime_error(fmt::format("unknown key '{}'", key));
    }
  }
  return p;
}

std::vector<Pattern> LoadLibrary() {
  std::ifstream in(kLibrary);
  REQUIRE(in.good());
  simdjson::ondemand::parser parser;
  std::vector<Pattern> out;
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    INFO("patterns.jsonl line " << n);
    REQUIRE_NOTHROW(out.push_back(ParseLine(parser, line)));
  }
  return out;
}

std::vector<std::string> Tokens(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

bool IsVariableToken(const std::string& t) {
  if (t.empty() || t[0] < 'A' || t[0] > 'Z') return false;
  for (char c : t)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

std::string Lower(std::string s) {
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Token-level substitution: a whole token equal to a variable name becomes the
// variable's value; NAME becomes the word's own name.
std::string Instantiate(const Pattern& p, const std::map<std::string, std::string>& values,
                        const std::string& word) {
  std::string body;
  for (const auto& t : Tokens(p.tmpl)) {
    std::string piece = t;
    if (t == "NAME")
      piece = word;
    else if (auto it = values.find(t); it != values.end())
      piece = it->second;
    if (!body.empty()) body += ' ';
    body += piece;
  }
  return body;
}

std::string RunCommand(const std::string& cmd, int* status) {
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, got);
  *status = pclose(pipe);
  return out;
}

}  // namespace

TEST_CASE("pattern library is well formed and covers FastForth's ids", "[patterns]") {
  const auto patterns = LoadLibrary();
  const std::set<std::string> kTypes = {"int", "uint", "bool", "char", "any"};
  const std::vector<std::string> kRequired = {"id",          "category", "description", "effect",
                                              "inputs",      "outputs",  "template",    "variables",
                                              "performance", "tags",     "test_cases"};

  std::set<std::string> ids;
  size_t usable = 0, unsupported = 0;
  for (const auto& p : patterns) {
    INFO("pattern " << p.id);
    for (const auto& k : kRequired) CHECK(p.seen.count(k) == 1);
    CHECK(ids.insert(p.id).second);  // ids unique
    CHECK(!p.category.empty());
    CHECK(!p.description.empty());
    CHECK(!p.tmpl.empty());
    CHECK(!p.performance.empty());
    CHECK(p.effect.size() >= 4);
    CHECK(p.effect.front() == '(');
    CHECK(p.effect.back() == ')');
    for (const auto& f : p.inputs) CHECK(kTypes.count(f.type) == 1);
    for (const auto& f : p.outputs) CHECK(kTypes.count(f.type) == 1);

    std::set<std::string> vars;
    for (const auto& v : p.variables) {
      CHECK(IsVariableToken(v.name));
      CHECK(v.name != "NAME");
      CHECK(v.default_value.has_value());  // every variable testable by default
      CHECK(vars.insert(v.name).second);
    }
    // Every UPPERCASE token in the template is a declared variable (or NAME),
    // and every declared variable is used.
    std::set<std::string> used;
    for (const auto& t : Tokens(p.tmpl))
      if (IsVariableToken(t)) {
        CHECK((t == "NAME" || vars.count(t) == 1));
        used.insert(t);
      }
    for (const auto& v : vars) CHECK(used.count(v) == 1);

    if (p.unsupported) {
      ++unsupported;
      CHECK(!p.unsupported->empty());  // every unsupported pattern says why
    } else {
      ++usable;
      CHECK(!p.tests.empty());
      for (const auto& tc : p.tests) {
        CHECK(tc.input.size() == p.inputs.size());
        CHECK(tc.output.size() == p.outputs.size());
        for (const auto& [k, _] : tc.params) CHECK(vars.count(k) == 1);
      }
    }
  }
  for (const auto& id : kFastForthIds) {
    INFO("FastForth id " << id);
    CHECK(ids.count(id) == 1);
  }
  CHECK(usable + unsupported == patterns.size());
  CHECK(usable >= 40);
}

TEST_CASE("every usable pattern passes its tests in gforth 0.7.3", "[patterns][gforth]") {
  REQUIRE(fs::exists(kGforth));
  REQUIRE(fs::exists(kTtester));
  const auto patterns = LoadLibrary();

  // ttester reports failures through ERROR but never fails the process; the
  // shim counts them (and the }T lines that ran) and prints both at the end.
  // Each test line runs under CATCH so a trap (division by zero, underflow)
  // counts as one failure instead of aborting the file.
  std::string src =
      "warnings off\n"
      "variable #fails  0 #fails !\n"
      "variable #run  0 #run !\n"
      ":noname ( c-addr u -- ) 1 #fails +! error1 ; error-xt !\n"
      ": }T  }T 1 #run +! ;\n"
      ": try-test ( c-addr u -- )\n"
      "  2dup ['] evaluate catch ?dup if\n"
      "    cr .\" EXCEPTION \" . 2drop type cr 1 #fails +!\n"
      "  else 2drop then ;\n";

  size_t usable = 0, expected_runs = 0;
  for (const auto& p : patterns) {
    if (p.unsupported) continue;
    ++usable;
    std::map<std::string, std::string> defaults;
    for (const auto& v : p.variables) defaults[v.name] = v.default_value.value_or("");
    // One word per distinct variable binding; the defaults get pat-<id>.
    std::map<std::map<std::string, std::string>, std::string> words;
    for (const auto& tc : p.tests) {
      auto values = defaults;
      for (const auto& [k, v] : tc.params) values[k] = v;
      auto it = words.find(values);
      if (it == words.end()) {
        std::string word = "pat-" + Lower(p.id);
        if (values != defaults || words.count(defaults)) word += fmt::format("-p{}", words.size());
        // NAME self-reference needs gforth's RECURSIVE; `recurse` does not.
        bool self = false;
        for (const auto& t : Tokens(p.tmpl)) self = self || t == "NAME";
        src += fmt::format(": {}{} {} ;\n", word, self ? " recursive" : "",
                           Instantiate(p, values, word));
        it = words.emplace(values, word).first;
      }
      std::string line = "T{ ";
      for (const auto& x : tc.input) line += x + " ";
      line += it->second + " -> ";
      for (const auto& x : tc.output) line += x + " ";
      line += "}T";
      src += fmt::format("s\" {}\" try-test\n", line);
      ++expected_runs;
    }
  }
  src += "cr .( PATTERN-RESULT ) #run @ . #fails @ . cr bye\n";
  REQUIRE(usable >= 40);

  fs::path file = fs::temp_directory_path() / fmt::format("ffbatch_patterns_{}.fs", getpid());
  {
    std::ofstream out(file);
    out << src;
  }
  int status = 0;
  std::string output = RunCommand(
      fmt::format("timeout 120 {} -m 256M {} {} </dev/null 2>&1", kGforth, kTtester, file.string()),
      &status);
  INFO("generated Forth: " << file.string() << "\ngforth output:\n" << output);

  auto at = output.find("PATTERN-RESULT");
  REQUIRE(at != std::string::npos);
  long run = -1, fails = -1;
  std::istringstream rest(output.substr(at + std::string("PATTERN-RESULT").size()));
  rest >> run >> fails;
  CHECK(status == 0);
  CHECK(run == static_cast<long>(expected_runs));
  REQUIRE(fails == 0);
  fs::remove(file);
}
