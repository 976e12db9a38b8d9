// One example per error and warning code, for `ffbatch codes CODE`: a body,
// an effect or a spec line that gets the code. A test checks that every code
// of engine/core/error_codes.cpp has one.
//
//   CodeExample("E2234");  // "verify \"dup dup *\" \"( n -- n*n )\": ..."
#pragma once

#include <string_view>

namespace ffb {

// The example for `id` ("E2234"), or empty when there is none.
std::string_view CodeExample(std::string_view id);

}  // namespace ffb
