// End-of-run reports: summary.json (counts only, deterministic: identical
// for any --threads) and profile.json (timings, throughput, threads, peak
// memory; never compared between runs).
#pragma once

#include <string>
#include <vector>

#include "engine/pipeline/run_stats.h"
#include "io/output/output_file.h"

namespace ffb {

std::string FormatSummary(const RunStats& stats, const std::vector<std::string>& inputs);
std::string FormatProfile(const BatchResult& result, const std::vector<std::string>& inputs);
// Both written via temporary names and renamed into place.
void WriteReports(const OutputDir& out, const BatchResult& result,
                  const std::vector<std::string>& inputs);

}  // namespace ffb
