#include "engine/pipeline/run_stats.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "engine/core/error_codes.h"
#include "engine/table/chunk.h"

namespace ffb {

void CountChunk(const Chunk& chunk, RunStats& stats) {
  const SpecTable& t = chunk.table;
  stats.chunks += 1;
  stats.blank_lines += chunk.blank_lines;
  stats.lines_in += chunk.blank_lines + t.rows();
  stats.records_out += t.rows();
  stats.input_bytes += chunk.input_bytes;
  stats.boms_stripped += chunk.bom_stripped ? 1 : 0;
  for (uint32_t row = 0; row < t.rows(); ++row) {
    Status s = t.status[row];
    ++stats.per_status[static_cast<size_t>(s)];
    if (t.tests_run[row] != SpecTable::kNotRun) {
      stats.tests_run += t.tests_run[row];
      stats.tests_passed += t.tests_passed[row];
    }
    if (s == Status::kRejected || s == Status::kInvalid) ++stats.rejects_out;
  }
  // Per code: how many rows carry it (a row with two E1132 counts once).
  thread_local std::vector<std::tuple<uint32_t, Code, bool>> seen;
  seen.clear();
  for (const ErrorRow& e : chunk.errors.rows) seen.emplace_back(e.row, e.code, e.warning);
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (const auto& [row, code, warning] : seen) {
    auto& counts = warning ? stats.warning_codes : stats.error_codes;
    ++counts[std::string(Describe(code).id)];
  }
  for (size_t s = 0; s < chunk.stage_ns.size(); ++s) stats.stage_ns[s] += chunk.stage_ns[s];
}

}  // namespace ffb
