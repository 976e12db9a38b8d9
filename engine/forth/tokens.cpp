#include "engine/forth/tokens.h"

#include <fmt/format.h>

namespace ffb {

uint32_t TokenColumns::Intern(std::string_view lower_name) {
  auto it = name_ids_.find(lower_name);
  if (it != name_ids_.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(name_count());
  name_bytes_.append(lower_name);
  name_begin_.push_back(static_cast<uint32_t>(name_bytes_.size()));
  name_ids_.emplace(std::string(lower_name), id);
  return id;
}

void TokenColumns::Clear() {
  begin_.assign(1, 0);
  tokens_.clear();
  name_bytes_.clear();
  name_begin_.assign(1, 0);
  name_ids_.clear();
}

void TokenColumns::Reserve(size_t bodies, size_t tokens) {
  begin_.reserve(bodies + 1);
  tokens_.reserve(tokens);
}

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
