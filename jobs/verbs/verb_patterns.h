// `ffbatch patterns …`: query the pattern library from the command line.
//   patterns list [--category C] [--tag T] [--effect "( n -- n )"] [--json]
//   patterns show ID [--json]
//   patterns search TEXT… [--json]
// Plain output is a table (list, search) or a field per line (show); --json
// prints one JSON object per pattern per line. Exit codes (sysexits): 0 found,
// 65 nothing found or unknown id, 64 bad usage. Messages go to `err`.
//
//   std::vector<std::string> args = {"list", "--effect", "( n -- n )", "--json"};  // after
//   "patterns" int rc = RunPatternsVerb(args, lib, std::cout, std::cerr);
// Options take their value as the next argument or after `=` (--tag=gcd);
// a leading "patterns" in args is skipped; -h/--help prints the usage (exit 0).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/core/run_error.h"
#include "engine/resolve/pattern_library.h"

namespace ffb {

struct PatternsQuery {
  enum class Verb { kList, kShow, kSearch, kHelp };
  Verb verb = Verb::kList;
  PatternFilter filter;  // list
  std::string id;        // show
  std::string text;      // search: the words, joined by one space
  bool json = false;
};

// Parses the arguments after "patterns"; nullopt (and a message on `err`) on bad usage.
std::optional<PatternsQuery> ParsePatternsArgs(const std::vector<std::string>& args,
                                               std::ostream& err);
// Runs a parsed query.
int RunPatternsQuery(const PatternsQuery& q, const PatternLibrary& lib, std::ostream& out,
                     std::ostream& err);
// Both: parse, then run (64 when parsing fails).
int RunPatternsVerb(const std::vector<std::string>& args, const PatternLibrary& lib,
                    std::ostream& out, std::ostream& err);

// One pattern as one line of JSON (no newline).
std::string PatternJson(const Pattern& p);

extern const char* const kPatternsUsageText;

}  // namespace ffb
