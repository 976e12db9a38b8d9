#include "engine/forth/body_text.h"

#include <fmt/format.h>

namespace ffb {

void RenderBody(std::span<const Token> body, const TokenColumns& names, std::string& out) {
  bool first = true;
  for (const Token& t : body) {
    if (!first) out.push_back(' ');
    first = false;
    switch (t.kind) {
      case TokenKind::kNumber:
        fmt::format_to(std::back_inserter(out), "{}", t.value);
        break;
      case TokenKind::kBuiltin:
        out.append(Info(t.builtin()).name);
        break;
      case TokenKind::kUserWord:
        out.append(names.Name(static_cast<uint32_t>(t.value)));
        break;
    }
  }
}

}  // namespace ffb
