// Which SIMD code this build actually runs, for --version and profile.json.
// simdjson On Demand is compiled into our own objects, so its kernel is the
// one our -march selects (SIMDJSON_BUILTIN_IMPLEMENTATION), not the one the
// shared library reports at run time.
#pragma once

#include <string>

namespace ffb {

std::string SimdjsonKernel();         // e.g. "haswell"; "fallback" means no SIMD
std::string SimdjsonRuntimeKernel();  // what libsimdjson picks for UTF-8 validation

}  // namespace ffb
