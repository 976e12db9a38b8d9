#include "io/objects/symbol_mangling.h"

namespace ffb {
namespace {

bool Kept(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper-case hex is never produced, so it is not accepted
}

}  // namespace

void AppendMangledWordName(std::string& out, std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.append(kWordSymbolPrefix);
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (Kept(c)) {
      out.push_back(static_cast<char>(c));
    } else if (c == '_') {
      out.append("__");
    } else {
      out.push_back('_');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

std::string MangleWordName(std::string_view name) {
  std::string out;
  out.reserve(kWordSymbolPrefix.size() + name.size() * 3);
  AppendMangledWordName(out, name);
  return out;
}

std::optional<std::string> DemangleSymbol(std::string_view symbol) {
  if (symbol.substr(0, kWordSymbolPrefix.size()) != kWordSymbolPrefix) return std::nullopt;
  std::string_view rest = symbol.substr(kWordSymbolPrefix.size());
  std::string name;
  name.reserve(rest.size());
  for (size_t i = 0; i < rest.size();) {
    auto c = static_cast<unsigned char>(rest[i]);
    if (Kept(c)) {
      name.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c != '_' || i + 1 >= rest.size()) return std::nullopt;
    if (rest[i + 1] == '_') {
      name.push_back('_');
      i += 2;
      continue;
    }
    if (i + 2 >= rest.size()) return std::nullopt;
    int hi = HexValue(rest[i + 1]);
    int lo = HexValue(rest[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    auto byte = static_cast<unsigned char>(hi * 16 + lo);
    // A byte mangling keeps (or lower-cases) is never escaped: reject so the
    // inverse is unique.
    if (Kept(byte) || byte == '_' || (byte >= 'A' && byte <= 'Z')) return std::nullopt;
    name.push_back(static_cast<char>(byte));
    i += 3;
  }
  return name;
}

}  // namespace ffb
