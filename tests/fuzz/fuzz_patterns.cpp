// libFuzzer target: pattern library files (`--patterns FILE`). The input is
// loaded like an extra file; every error must format, and a library that
// loads is merged over the built-in one (replacing patterns by id), queried,
// and each of its first patterns is used by a spec (implementation.pattern,
// with the pattern's own effect, test cases and params), which then goes
// through the whole pipeline (invariants in tests/fuzz/fuzz_pipeline.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/resolve/pattern_library.h"
#include "io/json/json_escape.h"
#include "io/patterns/pattern_reader.h"
#include "tests/fuzz/fuzz_pipeline.h"

namespace {

constexpr size_t kMaxSpecs = 4;

void AppendSlots(std::string& s, const std::vector<ffb::PatternSlot>& slots, char prefix) {
  s += "[";
  for (size_t i = 0; i < slots.size(); ++i) {
    if (i) s += ",";
    s += "{\"name\":\"" + std::string(1, prefix) + std::to_string(i) + "\",\"type\":";
    ffb::AppendJsonString(s, ffb::SlotTypeName(slots[i].type));
    s += "}";
  }
  s += "]";
}

void AppendValues(std::string& s, const std::vector<ffb::TestValue>& values) {
  s += "[";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += ",";
    if (values[i].kind == ffb::ValueKind::kBool) {
      s += values[i].cell ? "true" : "false";
    } else {
      s += std::to_string(values[i].cell);
    }
  }
  s += "]";
}

std::string SpecLine(size_t k, const ffb::Pattern& p) {
  std::string s = "{\"word\":\"fp" + std::to_string(k) + "\",\"stack_effect\":{\"inputs\":";
  AppendSlots(s, p.inputs, 'i');
  s += ",\"outputs\":";
  AppendSlots(s, p.outputs, 'o');
  s += "},\"test_cases\":[";
  for (size_t t = 0; t < p.tests.size() && t < 8; ++t) {
    s += t ? ",{\"input\":" : "{\"input\":";
    AppendValues(s, p.tests[t].input);
    s += ",\"output\":";
    AppendValues(s, p.tests[t].output);
    s += "}";
  }
  s += "],\"implementation\":{\"pattern\":";
  ffb::AppendJsonString(s, p.id);
  if (!p.tests.empty() && !p.tests[0].params.empty()) {
    s += ",\"params\":{";
    bool first = true;
    for (const auto& [name, value] : p.tests[0].params) {
      if (!first) s += ",";
      first = false;
      ffb::AppendJsonString(s, name);
      s += ":";
      ffb::AppendJsonString(s, value);
    }
    s += "}";
  }
  return s + "}}\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ffb::PatternLoad load = ffb::LoadPatternText(text, "fuzz.jsonl");
  for (const ffb::PatternLoadError& e : load.errors) {
    if (e.Format().empty()) ffb::fuzz::Fail("empty pattern error", text);
  }
  // RunBatch refuses a library with errors (usage error), so that is the end.
  if (!load.ok()) return 0;
  ffb::PatternLibrary library = ffb::fuzz::BuiltinLibrary();
  library.Merge(load.library);
  std::string specs;
  size_t k = 0;
  for (const ffb::Pattern& p : load.library.patterns()) {
    if (library.Find(p.id) == nullptr) ffb::fuzz::Fail("merged pattern not found", p.id);
    library.Search(p.id);
    library.Similar(p.id, 3);
    ffb::PatternFilter filter;
    filter.category = p.category;
    library.List(filter);
    if (k < kMaxSpecs) specs += SpecLine(k++, p);
  }
  ffb::fuzz::CheckRun(ffb::fuzz::RunInProcess(specs, library));
  return 0;
}
