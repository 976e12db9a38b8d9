// The body verbs (infer, verify, compose) take Forth text as positionals, and
// Forth text may start with `-` (`-rot nip`, `-1 +`), which CLI11 would take
// for an option. BodyVerbArgs rewrites the command line so that after such a
// verb only its own flags (--json, -h, --help) stay options and everything
// else follows a `--`. An explicit `--` keeps working: what follows it is
// positional, flags included.
//
//   {"ffbatch", "infer", "-rot nip", "--json"} -> {"ffbatch", "infer", "--json", "--", "-rot nip"}
#pragma once

#include <string>
#include <vector>

namespace ffb {

std::vector<std::string> BodyVerbArgs(const std::vector<std::string>& argv);

}  // namespace ffb
