#include "io/output/run_report.h"

#include <fmt/format.h>

#include <array>

#include "io/input/simdjson_kernel.h"
#include "io/json/json_escape.h"
#include "io/output/output_file.h"
#include "io/output/output_layout.h"

namespace ffb {

namespace {

void AppendCodeCounts(const std::map<std::string, uint64_t>& counts, std::string& out) {
  out.append("{");
  bool first = true;
  for (const auto& [code, n] : counts) {
    if (!first) out.append(",");
    first = false;
    fmt::format_to(std::back_inserter(out), "\"{}\":{}", code, n);
  }
  out.append("}");
}

void AppendInputs(const std::vector<std::string>& inputs, std::string& out) {
  out.append("[");
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i) out.append(",");
    AppendJsonString(out, inputs[i]);
  }
  out.append("]");
}

}  // namespace

std::string FormatSummary(const RunStats& s, const std::vector<std::string>& inputs) {
  std::string out = "{\n  \"inputs\": ";
  AppendInputs(inputs, out);
  fmt::format_to(std::back_inserter(out),
                 ",\n  \"lines_in\": {},\n  \"blank_lines\": {},\n  \"records_out\": {},"
                 "\n  \"rejects_out\": {},\n  \"accounted\": {},\n  \"boms_stripped\": {},"
                 "\n  \"input_bytes\": {},\n  \"tests\": {{\"run\": {}, \"passed\": {}}},"
                 "\n  \"status\": {{",
                 s.lines_in, s.blank_lines, s.records_out, s.rejects_out,
                 s.Accounted() ? "true" : "false", s.boms_stripped, s.input_bytes, s.tests_run,
                 s.tests_passed);
  for (int k = 0; k < kStatusCount; ++k) {
    fmt::format_to(std::back_inserter(out), "{}\"{}\": {}", k ? ", " : "",
                   StatusName(static_cast<Status>(k)), s.per_status[k]);
  }
  out.append("},\n  \"error_codes\": ");
  AppendCodeCounts(s.error_codes, out);
  out.append(",\n  \"warning_codes\": ");
  AppendCodeCounts(s.warning_codes, out);
  out.append("\n}\n");
  return out;
}

std::string FormatProfile(const BatchResult& r, const std::vector<std::string>& inputs) {
  static constexpr std::array<std::string_view, static_cast<size_t>(TimedStage::kCount)> kNames = {
      "read",  "parse",   "validate", "generate", "define",
      "infer", "compile", "publish",  "test",     "write"};
  const RunStats& s = r.stats;
  double secs = r.wall_seconds > 0 ? r.wall_seconds : 1e-9;
  std::string out = "{\n  \"inputs\": ";
  AppendInputs(inputs, out);
  fmt::format_to(std::back_inserter(out),
                 ",\n  \"version\": \"{}\",\n  \"simd\": {{\"march\": \"{}\", \"simdjson\": "
                 "\"{}\"}},\n  \"threads\": {},\n  \"chunks\": {},\n  \"wall_seconds\": {:.6f},"
                 "\n  \"input_bytes\": {},\n  \"mb_per_s\": {:.2f},\n  \"specs\": {},"
                 "\n  \"specs_per_s\": {:.0f},\n  \"tests_per_s\": {:.0f},"
                 "\n  \"peak_rss_bytes\": {},\n  \"stages\": {{",
                 FFBATCH_VERSION, FFBATCH_ARCH, ffb::SimdjsonKernel(), r.threads, s.chunks,
                 r.wall_seconds, s.input_bytes, static_cast<double>(s.input_bytes) / 1e6 / secs,
                 s.records_out, static_cast<double>(s.records_out) / secs,
                 static_cast<double>(s.tests_run) / secs, r.peak_rss_bytes);
  // Stage seconds are summed over chunks and threads, so with N threads
  // they can add up to N times the wall time.
  for (size_t k = 0; k < kNames.size(); ++k) {
    double stage_s = static_cast<double>(s.stage_ns[k]) / 1e9;
    fmt::format_to(std::back_inserter(out),
                   "{}\n    \"{}\": {{\"seconds\": {:.6f}, \"specs_per_s\": {:.0f}}}", k ? "," : "",
                   kNames[k], stage_s,
                   stage_s > 0 ? static_cast<double>(s.records_out) / stage_s : 0.0);
  }
  out.append("\n  }\n}\n");
  return out;
}

void WriteReports(const OutputDir& out, const BatchResult& result,
                  const std::vector<std::string>& inputs) {
  OutputFile summary(out, layout::kSummary);
  summary.Write(FormatSummary(result.stats, inputs));
  OutputFile profile(out, layout::kProfile);
  profile.Write(FormatProfile(result, inputs));
  summary.Commit();
  profile.Commit();
}

}  // namespace ffb
