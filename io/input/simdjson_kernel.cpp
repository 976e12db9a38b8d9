#include "io/input/simdjson_kernel.h"

#include <simdjson.h>

namespace ffb {

std::string SimdjsonKernel() { return SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION); }

std::string SimdjsonRuntimeKernel() {
  return std::string(simdjson::get_active_implementation()->name());
}

}  // namespace ffb
