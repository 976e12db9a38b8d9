// libFuzzer target: arbitrary bytes as one JSON Lines input, through every
// per-chunk stage to the records (tests/fuzz/fuzz_pipeline.h has the
// invariants). Seeds: tests/fuzz/corpus/fuzz_ingest/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ffb::fuzz::CheckRun(ffb::fuzz::RunInProcess(bytes, ffb::fuzz::BuiltinLibrary()));
  return 0;
}
