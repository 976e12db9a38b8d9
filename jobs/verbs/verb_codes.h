// `ffbatch codes`: the error code table as text, as the README's Markdown
// table (a test keeps the README in sync with engine/core/error_codes.cpp) or
// as JSON; `ffbatch codes E2234` explains one code with an example.
//
//   RunCodesVerb("", /*markdown=*/false, /*json=*/true, std::cout, std::cerr);
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace ffb {

std::string FormatCodeTable(bool markdown);

// One JSON array of {"code","severity","summary","example"} objects.
std::string FormatCodeTableJson();

// `id` empty: the whole table. Otherwise the one code (case-insensitive),
// exit 65 with a did-you-mean line on `err` when there is no such code.
int RunCodesVerb(std::string_view id, bool markdown, bool json, std::ostream& out,
                 std::ostream& err);

}  // namespace ffb
