// Which exit status a finished run gets from its bad records, as BigQuery's
// maxBadRecords and DuckDB's rejects_limit: a record is bad when its status
// is rejected, invalid, mismatch or failed. With no limit given, any bad
// record makes the run 65; --max-bad-records N allows up to N, and
// --max-bad-fraction F up to F of the records (both given: both must hold).
// Every bad record is still reported in results.jsonl/rejects.jsonl.
//
//   BadRecordPolicy p;  p.max_records = 10;
//   bool over = p.Over(stats);  // 65 when true
#pragma once

#include <cstdint>
#include <optional>

#include "engine/pipeline/run_stats.h"

namespace ffb {

uint64_t BadRecords(const RunStats& s);

struct BadRecordPolicy {
  std::optional<uint64_t> max_records;  // --max-bad-records
  std::optional<double> max_fraction;   // --max-bad-fraction, in [0, 1]
  bool fail_fast = false;               // --fail-fast: stop reading once over

  bool Over(const RunStats& s) const;
};

}  // namespace ffb
