// Recovers a spec's word name from its raw JSON line without parsing it, so
// a line the parser rejected (bad JSON elsewhere on the line) or a line not
// yet parsed can still be named: the string value of the first top-level
// "word" key, if it has no escapes (valid names never need one).
//
//   ScanWordName(R"({"word":"sq","stack_effect":{)")  // "sq" (the JSON is cut off)
//   ScanWordName(R"({"x":{"word":"no"}})")             // nullopt: not top level
#pragma once

#include <optional>
#include <string_view>

namespace ffb {

std::optional<std::string_view> ScanWordName(std::string_view line);

}  // namespace ffb
