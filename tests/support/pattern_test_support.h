// Helpers shared by the pattern-file reader and pattern-library tests: a
// minimal valid pattern line with one field replaced or added, and the ids
// of a query's result.
#pragma once

#include <string>
#include <vector>

#include "engine/resolve/pattern_library.h"

namespace ffb::test {

inline std::vector<std::string> Ids(const std::vector<const Pattern*>& ps) {
  std::vector<std::string> out;
  for (const Pattern* p : ps) out.push_back(p->id);
  return out;
}

// A minimal valid line with one field replaced or added.
inline std::string PatternLine(const std::string& id, const std::string& extra = "",
                               const std::string& tmpl = "dup *") {
  return R"J({"id":")J" + id +
         R"J(","category":"test","effect":"( n -- n )","inputs":[{"name":"n","type":"int"}],)J"
         R"J("outputs":[{"name":"r","type":"int"}],"template":")J" +
         tmpl + "\"" + extra + "}";
}

}  // namespace ffb::test
