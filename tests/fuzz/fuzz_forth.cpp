// libFuzzer target: Forth bodies. The input is
//   byte 0: arity (inputs = b % 4, outputs = b / 4 % 4)
//   rest:   up to kMaxWords bodies, one per line
// Each body goes through the infer and verify verbs (JSON mode), and all of
// them become words fw0, fw1, ... of one spec input (a later body may call an
// earlier word), with test cases at edge values, so verified bodies are
// compiled natively and every test runs in both the interpreter and the JIT
// (no E9001 allowed; see tests/fuzz/fuzz_pipeline.h).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "io/json/json_escape.h"
#include "jobs/verbs/verb_infer.h"
#include "tests/fuzz/fuzz_pipeline.h"

namespace {

constexpr size_t kMaxWords = 4;
constexpr int64_t kValues[] = {0, 1, -1, 7, -3, 64, INT64_MAX, INT64_MIN, 2, 1000000};

void CheckVerbOutput(int rc, const std::string& out) {
  if (rc != ffb::ToInt(ffb::ExitCode::kOk) && rc != ffb::ToInt(ffb::ExitCode::kNotOk) &&
      rc != ffb::ToInt(ffb::ExitCode::kUsage)) {
    ffb::fuzz::Fail("verb exit code not 0/64/65", out);
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(simdjson::padded_string(out)).get(doc) != simdjson::SUCCESS ||
      !doc.is_object()) {
    ffb::fuzz::Fail("verb --json output is not one JSON object", out);
  }
}

std::string EffectText(int in, int out) {
  static const char* kNames = "abcd";
  std::string s = "(";
  for (int i = 0; i < in; ++i) s += std::string(" ") + kNames[i];
  s += " --";
  for (int i = 0; i < out; ++i) s += std::string(" r") + kNames[i];
  return s + " )";
}

std::string SpecLine(size_t k, std::string_view body, int in, int out) {
  std::string s = "{\"word\":\"fw" + std::to_string(k) + "\",\"stack_effect\":{\"inputs\":[";
  for (int i = 0; i < in; ++i) {
    s += (i ? "," : "") + std::string("{\"name\":\"") + "abcd"[i] + "\",\"type\":\"int\"}";
  }
  s += "],\"outputs\":[";
  for (int i = 0; i < out; ++i) {
    s += (i ? "," : "") + std::string("{\"name\":\"r") + "abcd"[i] + "\",\"type\":\"int\"}";
  }
  s += "]},\"test_cases\":[";
  for (size_t t = 0; t < 4; ++t) {
    s += t ? ",{\"input\":[" : "{\"input\":[";
    for (int i = 0; i < in; ++i) {
      s += (i ? "," : "") +
           std::to_string(kValues[(t * 3 + static_cast<size_t>(i) + k) % std::size(kValues)]);
    }
    s += "],\"output\":[";
    for (int i = 0; i < out; ++i) s += i ? ",0" : "0";
    s += "]}";
  }
  s += "],\"implementation\":{\"code\":";
  ffb::AppendJsonString(s, body);
  return s + "}}\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  int in = data[0] % 4, out = data[0] / 4 % 4;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<std::string_view> bodies;
  while (bodies.size() < kMaxWords && !text.empty()) {
    size_t nl = text.find('\n');
    bodies.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  std::string effect = EffectText(in, out);
  std::string specs;
  for (size_t k = 0; k < bodies.size(); ++k) {
    std::string body(bodies[k]);
    std::ostringstream a, b;
    CheckVerbOutput(ffb::RunInferVerb(body, true, a), a.str());
    CheckVerbOutput(ffb::RunVerifyVerb(body, effect, true, b), b.str());
    specs += SpecLine(k, body, in, out);
  }
  ffb::fuzz::CheckRun(ffb::fuzz::RunInProcess(specs, ffb::fuzz::BuiltinLibrary()));
  return 0;
}
