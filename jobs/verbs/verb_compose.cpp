#include "jobs/verbs/verb_compose.h"

#include <fmt/format.h>

#include <cstdint>

#include "engine/check/analyze_body.h"
#include "engine/core/run_error.h"
#include "io/json/json_escape.h"
#include "kernels/effect_compose.h"

namespace ffb {
namespace {

// "( a b -- c )": inputs named from a, outputs continue the alphabet, as the
// inferred effects of single bodies are written.
std::string CountEffect(int32_t inputs, int32_t outputs) {
  // a..z, then a1..z1, ...
  auto name = [](int32_t k) {
    return k < 26 ? fmt::format("{:c}", static_cast<char>('a' + k))
                  : fmt::format("{:c}{}", static_cast<char>('a' + k % 26), k / 26);
  };
  std::string s = "(";
  for (int32_t i = 0; i < inputs; ++i) s += fmt::format(" {}", name(i));
  s += " --";
  for (int32_t i = 0; i < outputs; ++i) s += fmt::format(" {}", name(inputs + i));
  return s + " )";
}

}  // namespace

int RunComposeVerb(const std::vector<std::string>& bodies, bool json, std::ostream& out) {
  std::vector<BodyAnalysis> each;
  std::vector<uint8_t> needs, gives;
  for (size_t i = 0; i < bodies.size(); ++i) {
    each.push_back(AnalyzeBody(bodies[i]));
    const BodyAnalysis& a = each.back();
    if (!a.valid || !a.shape) {
      const Diagnostic* d = a.errors.empty() ? nullptr : &a.errors.front();
      const std::string why = d ? fmt::format("{}: {}", Describe(d->code).id, d->message)
                                : std::string("no static effect");
      if (json) {
        out << fmt::format(R"({{"valid":false,"body":{},"code":{},"error":{}}})", i + 1,
                           JsonQuoted(bodies[i]), JsonQuoted(why))
            << "\n";
      } else {
        out << fmt::format("error: body {} `{}` has no static effect: {}\n", i + 1, bodies[i], why);
      }
      return ToInt(ExitCode::kNotOk);
    }
    if (a.shape->inputs > 255 || a.shape->outputs > 255) {
      out << fmt::format("error: body {} `{}` uses more than 255 cells\n", i + 1, bodies[i]);
      return ToInt(ExitCode::kNotOk);
    }
    needs.push_back(static_cast<uint8_t>(a.shape->inputs));
    gives.push_back(static_cast<uint8_t>(a.shape->outputs));
  }
  const int32_t begin[2] = {0, static_cast<int32_t>(bodies.size())};
  int32_t in = 0, outs = 0, max_depth = 0, min_depth = 0;
  ComposeEffectsScalar({begin, 1, needs.data(), gives.data()},
                       {&in, &outs, &max_depth, &min_depth});
  const std::string effect = CountEffect(in, outs);
  if (!json) {
    out << effect << "\n";
    return ToInt(ExitCode::kOk);
  }
  std::string s = fmt::format(R"({{"valid":true,"effect":{},"inputs":{},"outputs":{})",
                              JsonQuoted(effect), in, outs);
  s += fmt::format(R"(,"stack_depth_delta":{},"bodies":[)", outs - in);
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (i) s += ',';
    s += fmt::format(R"({{"code":{},"inferred":{}}})", JsonQuoted(bodies[i]),
                     JsonQuoted(*each[i].inferred));
  }
  out << s << "]}\n";
  return ToInt(ExitCode::kOk);
}

}  // namespace ffb
