#include "jobs/bad_record_policy.h"

namespace ffb {

uint64_t BadRecords(const RunStats& s) {
  uint64_t bad = 0;
  for (int k = 0; k < kStatusCount; ++k) {
    if (static_cast<Status>(k) != Status::kOk) bad += s.per_status[k];
  }
  return bad;
}

bool BadRecordPolicy::Over(const RunStats& s) const {
  const uint64_t bad = BadRecords(s);
  if (!max_records && !max_fraction) return bad > 0;
  if (max_records && bad > *max_records) return true;
  if (max_fraction && s.records_out > 0 &&
      static_cast<double>(bad) > *max_fraction * static_cast<double>(s.records_out)) {
    return true;
  }
  return false;
}

}  // namespace ffb
