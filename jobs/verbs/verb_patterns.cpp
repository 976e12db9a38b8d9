#include "jobs/verbs/verb_patterns.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/core/run_error.h"
#include "engine/forth/stack_effect.h"
#include "io/json/json_escape.h"

namespace ffb {

namespace {

std::string SlotsText(const std::vector<PatternSlot>& slots) {
  std::string s;
  for (const auto& slot : slots)
    s += fmt::format("{}{}:{}", s.empty() ? "" : " ", slot.name, SlotTypeName(slot.type));
  return s.empty() ? "(none)" : s;
}

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

std::string ValuesText(const std::vector<TestValue>& vs) {
  std::vector<std::string> parts;
  for (const auto& v : vs) parts.push_back(TestValueText(v));
  return Join(parts, " ");
}

void PrintTable(const std::vector<const Pattern*>& ps, std::ostream& out) {
  size_t wid = 2, wcat = 8, weff = 6;
  for (const Pattern* p : ps) {
    wid = std::max(wid, p->id.size());
    wcat = std::max(wcat, p->category.size());
    weff = std::max(weff, p->effect.size());
  }
  out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", "ID", wid, "CATEGORY", wcat, "EFFECT", weff,
                     "TEMPLATE");
  size_t unsupported = 0;
  for (const Pattern* p : ps) {
    std::string line = fmt::format("{:<{}}  {:<{}}  {:<{}}  {}", p->id, wid, p->category, wcat,
                                   p->effect, weff, p->template_text);
    if (!p->usable()) {
      line += "  [unsupported]";
      ++unsupported;
    }
    out << line << "\n";
  }
  out << fmt::format("{} pattern{}", ps.size(), ps.size() == 1 ? "" : "s");
  if (unsupported) out << fmt::format(" ({} unsupported)", unsupported);
  out << "\n";
}

void PrintDetail(const Pattern& p, std::ostream& out) {
  auto row = [&](std::string_view label, std::string_view value) {
    out << fmt::format("{:<12} {}\n", label, value);
  };
  row("id", p.id);
  row("category", p.category);
  if (!p.description.empty()) row("description", p.description);
  row("effect", p.effect);
  row("inputs", SlotsText(p.inputs));
  row("outputs", SlotsText(p.outputs));
  row("template", p.template_text);
  for (size_t i = 0; i < p.variables.size(); ++i) {
    const PatternVariable& v = p.variables[i];
    std::string text = v.name + " = " + (v.default_value ? *v.default_value : "(no default)");
    if (!v.description.empty()) text += "  " + v.description;
    row(i ? "" : "variables", text);
  }
  if (!p.performance.empty()) row("performance", p.performance);
  if (!p.tags.empty()) row("tags", Join(p.tags, ", "));
  for (size_t i = 0; i < p.tests.size(); ++i) {
    const PatternTest& t = p.tests[i];
    std::string text = ValuesText(t.input) + " -> " + ValuesText(t.output);
    if (!t.params.empty()) {
      text += "  with";
      for (const auto& [k, v] : t.params) text += " " + k + "=" + v;
    }
    row(i ? "" : "tests", text);
  }
  if (p.unsupported) row("unsupported", *p.unsupported);
  if (!p.notes.empty()) row("notes", p.notes);
  row("from", fmt::format("{}:{}", p.origin, p.line));
}

}  // namespace

std::string PatternJson(const Pattern& p) {
  std::string s = "{\"id\":" + JsonQuoted(p.id);
  s += ",\"category\":" + JsonQuoted(p.category);
  s += ",\"description\":" + JsonQuoted(p.description);
  s += ",\"effect\":" + JsonQuoted(p.effect);
  auto slots = [&](const char* key, const std::vector<PatternSlot>& v) {
    s += fmt::format(",\"{}\":[", key);
    for (size_t i = 0; i < v.size(); ++i)
      s += fmt::format("{}{{\"name\":{},\"type\":{}}}", i ? "," : "", JsonQuoted(v[i].name),
                       JsonQuoted(SlotTypeName(v[i].type)));
    s += "]";
  };
  slots("inputs", p.inputs);
  slots("outputs", p.outputs);
  s += ",\"template\":" + JsonQuoted(p.template_text);
  s += ",\"variables\":[";
  for (size_t i = 0; i < p.variables.size(); ++i) {
    const PatternVariable& v = p.variables[i];
    s += fmt::format("{}{{\"name\":{},\"description\":{},\"default\":{}}}", i ? "," : "",
                     JsonQuoted(v.name), JsonQuoted(v.description),
                     v.default_value ? JsonQuoted(*v.default_value) : "null");
  }
  s += "],\"performance\":" + JsonQuoted(p.performance);
  s += ",\"tags\":[";
  for (size_t i = 0; i < p.tags.size(); ++i) {
    if (i) s += ',';
    s += JsonQuoted(p.tags[i]);
  }
  s += "],\"test_cases\":[";
  for (size_t i = 0; i < p.tests.size(); ++i) {
    const PatternTest& t = p.tests[i];
    auto values = [](const std::vector<TestValue>& vs) {
      std::string a = "[";
      for (size_t k = 0; k < vs.size(); ++k) {
        if (k) a += ',';
        a += TestValueText(vs[k]);
      }
      return a + "]";
    };
    s += fmt::format("{}{{\"input\":{},\"output\":{}", i ? "," : "", values(t.input),
                     values(t.output));
    if (!t.params.empty()) {
      s += ",\"params\":{";
      for (size_t k = 0; k < t.params.size(); ++k) {
        if (k) s += ',';
        s += JsonQuoted(t.params[k].first);
        s += ':';
        s += JsonQuoted(t.params[k].second);
      }
      s += "}";
    }
    s += "}";
  }
  s += "],\"unsupported\":" + (p.unsupported ? JsonQuoted(*p.unsupported) : std::string("null"));
  if (!p.notes.empty()) s += ",\"notes\":" + JsonQuoted(p.notes);
  return s + "}";
}

void AddPatternsCommand(CLI::App& parent, PatternsCommand& cmd) {
  cmd.app = parent.add_subcommand("patterns", "query the pattern library");
  cmd.app->require_subcommand(1);
  PatternsQuery& q = cmd.query;
  CLI::App* list = cmd.app->add_subcommand(
      "list", "one row per pattern: ID, category, effect, template (exit 65 when none match)");
  list->add_option("--category", q.filter.category, "only this category (exact)");
  list->add_option("--tag", q.filter.tag, "only patterns with this tag (exact)");
  list->add_option("--effect", cmd.effect, "only patterns whose effect fits, e.g. \"( n -- n )\"");
  list->add_flag("--json", q.json, "one JSON object per pattern per line");
  cmd.show =
      cmd.app->add_subcommand("show", "every field of one pattern (exit 65 for an unknown id)");
  cmd.show->add_option("id", q.id, "the pattern id, e.g. RECURSIVE_001")->required();
  cmd.show->add_flag("--json", q.json, "one JSON object");
  cmd.search = cmd.app->add_subcommand(
      "search",
      "patterns whose id, description, category or tags contain every word (exit 65 for none)");
  cmd.search->add_option("text", cmd.words, "the words")->required();
  cmd.search->add_flag("--json", q.json, "one JSON object per pattern per line");
  // Options of the top level (--patterns FILE) may also follow the verb.
  for (CLI::App* app : {cmd.app, list, cmd.show, cmd.search}) app->fallthrough();
}

int RunPatternsCommand(PatternsCommand& cmd, const PatternLibrary& lib, std::ostream& out,
                       std::ostream& err) {
  PatternsQuery& q = cmd.query;
  q.verb = cmd.show->parsed()     ? PatternsQuery::Verb::kShow
           : cmd.search->parsed() ? PatternsQuery::Verb::kSearch
                                  : PatternsQuery::Verb::kList;
  if (q.verb == PatternsQuery::Verb::kSearch) {
    q.text = Join(cmd.words, " ");
    if (q.text.find_first_not_of(" \t") == std::string::npos) {
      err << "ffbatch patterns search: needs TEXT\n";
      return ToInt(ExitCode::kUsage);
    }
  }
  if (!cmd.effect.empty()) {
    Diagnostic d;
    q.filter.effect = ParseEffectText(cmd.effect, &d);
    if (!q.filter.effect) {
      err << fmt::format("ffbatch patterns list: --effect `{}`: {} (column {})\n", cmd.effect,
                         d.message, d.column);
      return ToInt(ExitCode::kUsage);
    }
  }
  return RunPatternsQuery(q, lib, out, err);
}

int RunPatternsQuery(const PatternsQuery& q, const PatternLibrary& lib, std::ostream& out,
                     std::ostream& err) {
  std::vector<const Pattern*> found;
  switch (q.verb) {
    case PatternsQuery::Verb::kShow: {
      const Pattern* p = lib.Find(q.id);
      if (!p) {
        std::string msg = fmt::format("ffbatch patterns: unknown pattern id `{}`", q.id);
        std::vector<const Pattern*> near = lib.Similar(q.id, 3);
        if (!near.empty()) {
          msg += "; did you mean";
          for (size_t i = 0; i < near.size(); ++i)
            msg += fmt::format("{} {}", i ? "," : "", near[i]->id);
          msg += "?";
        }
        err << msg << "\n";
        return ToInt(ExitCode::kNotOk);
      }
      if (q.json)
        out << PatternJson(*p) << "\n";
      else
        PrintDetail(*p, out);
      return ToInt(ExitCode::kOk);
    }
    case PatternsQuery::Verb::kList:
      found = lib.List(q.filter);
      break;
    case PatternsQuery::Verb::kSearch:
      found = lib.Search(q.text);
      break;
  }
  if (found.empty()) {
    err << "ffbatch patterns: no pattern matches\n";
    return ToInt(ExitCode::kNotOk);
  }
  if (q.json) {
    for (const Pattern* p : found) out << PatternJson(*p) << "\n";
  } else {
    PrintTable(found, out);
  }
  return ToInt(ExitCode::kOk);
}

}  // namespace ffb
