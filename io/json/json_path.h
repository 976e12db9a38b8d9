// A JSON path ("$.a.b[3]") built lazily while a reader descends: nodes live
// on the call stack and are rendered only when an error needs them, so the
// happy path formats and allocates nothing.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

namespace ffb {

// Keys are views into the reader's buffers, which must outlive the path
// (for the spec parser: simdjson's string buffer, valid for the whole line).
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // empty for an index step (and for the root)
  int64_t index = -1;
  Path Key(std::string_view k) const { return {this, k, -1}; }
  Path Index(int64_t i) const { return {this, {}, i}; }
  void RenderTo(std::string& out) const {
    if (parent == nullptr) {
      out += '$';
      return;
    }
    parent->RenderTo(out);
    if (index >= 0) {
      fmt::format_to(std::back_inserter(out), "[{}]", index);
    } else {
      out += '.';
      out += key;
    }
  }
  std::string Render() const {
    std::string out;
    RenderTo(out);
    return out;
  }
  // Without the root: "variables[1].name", "" for the root itself (the
  // pattern reader names fields this way in its errors).
  std::string RenderField() const {
    std::string out = Render();
    out.erase(0, out.size() > 1 && out[1] == '.' ? 2 : 1);
    return out;
  }
};

}  // namespace ffb
