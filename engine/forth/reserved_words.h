// Names a spec may not define: every word and control word of the dialect
// (DESIGN.md §5), the words refused for having no static effect, and the
// defining words. Lookup is case-insensitive.
#pragma once

#include <string_view>

namespace ffb {

bool IsReservedWord(std::string_view name);

}  // namespace ffb
