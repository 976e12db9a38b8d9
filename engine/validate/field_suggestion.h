// "Did you mean" for a misnamed top-level spec field (W1150): `tests` is
// `test_cases`, `stack_efect` is `stack_effect`. Common synonyms first, then
// the nearest field name within two edits.
//
//   SuggestSpecField("$.tests");  // "test_cases"
//   SuggestSpecField("$.test_cases[0].foo");  // "" (only top-level fields)
#pragma once

#include <string_view>

namespace ffb {

std::string_view SuggestSpecField(std::string_view path);

}  // namespace ffb
