#include "io/output/safe_text.h"

namespace ffb {
namespace {

void AppendHexEscape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.append("\\x");
  out.push_back(kHex[c >> 4]);
  out.push_back(kHex[c & 15]);
}

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

// Forth comments end at a line end (`\`) or at `)` (`(`); bytes >= 0x80 are
// copied, as gforth reads them as plain characters.
void AppendForthText(std::string& out, std::string_view text, bool in_parens) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (IsControl(c) || (in_parens && c == ')')) {
      AppendHexEscape(out, c);
    } else {
      out.push_back(ch);
    }
  }
}

}  // namespace

void AppendForthLineComment(std::string& out, std::string_view label, std::string_view text) {
  out.append("\\ ");
  AppendForthText(out, label, false);
  if (!label.empty()) out.append(": ");
  AppendForthText(out, text, false);
  out.push_back('\n');
}

void AppendForthParenText(std::string& out, std::string_view text) {
  AppendForthText(out, text, true);
}

void AppendCCommentText(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool printable = c >= 0x20 && c < 0x7f && c != '\\';
    // '/' next to '*' on either side could close or open a comment.
    bool slash_hazard =
        c == '/' && ((i > 0 && text[i - 1] == '*') || (i + 1 < text.size() && text[i + 1] == '*'));
    // '?' could start a trigraph (??/ is a backslash under -trigraphs).
    bool trigraph = c == '?' && i + 1 < text.size() && text[i + 1] == '?';
    if (printable && !slash_hazard && !trigraph) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendHexEscape(out, c);
    }
  }
}

}  // namespace ffb
