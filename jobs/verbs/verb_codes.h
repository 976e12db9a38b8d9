// `ffbatch codes`: the error code table as text or as the README's Markdown
// table (a test keeps the README in sync with engine/core/error_codes.cpp).
#pragma once

#include <string>

namespace ffb {

std::string FormatCodeTable(bool markdown);

}  // namespace ffb
