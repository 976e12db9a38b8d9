// `ffbatch patterns …`: query the pattern library from the command line.
//   patterns list [--category C] [--tag T] [--effect "( n -- n )"] [--json]
//   patterns show ID [--json]
//   patterns search TEXT… [--json]
// Plain output is a table (list, search) or a field per line (show); --json
// prints one JSON object per pattern per line. Exit codes (sysexits): 0 found,
// 65 nothing found or unknown id, 64 bad usage. Messages go to `err`.
//
// The verb is parsed by CLI11 like every other (its --help is the usage):
//   PatternsCommand patterns;                 // must outlive parsing, never moved
//   AddPatternsCommand(app, patterns);
//   app.parse(argc, argv);
//   if (patterns.app->parsed()) return RunPatternsCommand(patterns, lib, std::cout, std::cerr);
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/core/run_error.h"
#include "engine/resolve/pattern_library.h"

namespace ffb {

struct PatternsQuery {
  enum class Verb { kList, kShow, kSearch };
  Verb verb = Verb::kList;
  PatternFilter filter;  // list
  std::string id;        // show
  std::string text;      // search: the words, joined by one space
  bool json = false;
};

// The `patterns` subcommand and what its options parse into.
struct PatternsCommand {
  CLI::App* app = nullptr;  // `patterns`; its subcommands list, show, search
  CLI::App* show = nullptr;
  CLI::App* search = nullptr;
  PatternsQuery query;
  std::string effect;              // list --effect, parsed by RunPatternsCommand
  std::vector<std::string> words;  // search TEXT...
};

// Adds `patterns list|show|search` with their options to `parent`.
void AddPatternsCommand(CLI::App& parent, PatternsCommand& cmd);
// After parsing: finishes the query (64 and a message for an --effect that
// does not parse or a blank search) and runs it.
int RunPatternsCommand(PatternsCommand& cmd, const PatternLibrary& lib, std::ostream& out,
                       std::ostream& err);
// Runs a finished query.
int RunPatternsQuery(const PatternsQuery& q, const PatternLibrary& lib, std::ostream& out,
                     std::ostream& err);

// One pattern as one line of JSON (no newline).
std::string PatternJson(const Pattern& p);

}  // namespace ffb
