// A downstream user of the installed package: runs one batch through
// ffb::RunBatch and prints its counts on one line for the test to compare.
//   consumer SPECS.jsonl OUT
#include <cstdio>

#include "engine/api/batch.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: consumer SPECS.jsonl OUT\n");
    return 2;
  }
  ffb::BatchOptions options;
  options.inputs = {argv[1]};
  options.out_dir = argv[2];
  options.threads = 1;
  ffb::BatchResult result;
  try {
    result = ffb::RunBatch(options);
  } catch (const ffb::RunError& error) {
    std::fprintf(stderr, "consumer: %s\n", error.what());
    return 3;
  }
  const ffb::RunStats& s = result.stats;
  std::printf(
      "lines_in=%llu records_out=%llu rejects_out=%llu ok=%llu rejected=%llu tests=%llu/%llu\n",
      static_cast<unsigned long long>(s.lines_in), static_cast<unsigned long long>(s.records_out),
      static_cast<unsigned long long>(s.rejects_out),
      static_cast<unsigned long long>(s.per_status[0]),
      static_cast<unsigned long long>(s.per_status[1]),
      static_cast<unsigned long long>(s.tests_passed),
      static_cast<unsigned long long>(s.tests_run));
  return s.Accounted() ? 0 : 1;
}
