// The families of good specs ffgen writes: for each, the Forth body, the
// typed stack effect with constraints and the prose fields, built around a
// Prog (gen_programs.h) whose evaluator gives the expected outputs. Every
// family/variant pair is checked against gforth 0.7.3 by feeding generated
// corpora to datasets/examples/check_examples.sh (see check_generator.sh).
//
//   BuildFamily(Family::kAffine, line_no, rng, ring, draft, prog);
#pragma once

#include <string>

#include "gen_family_arith.h"
#include "gen_family_control.h"
#include "gen_family_helpers.h"

namespace ffgen {

// Fills everything but tests and metadata: name, effect, description,
// properties, complexity, implementation.
inline void BuildFamily(Family f, uint64_t line, SplitMix64& r, const CallableRing& ring, Draft& d,
                        Prog& p) {
  p = Prog{};
  p.fam = f;
  AppendWordName(d.name, line, f);
  const std::string& w = d.name;
  switch (f) {
    case Family::kAffine:
    case Family::kPoly:
    case Family::kCond:
    case Family::kBinop:
    case Family::kDivmod:
    case Family::kCompare:
      BuildArithmeticFamily(f, line, r, ring, d, p, w);
      break;
    case Family::kDoLoop:
    case Family::kUntil:
    case Family::kRecursion:
    case Family::kCall:
    case Family::kChar:
    case Family::kUint:
    case Family::kStack:
    case Family::kRStack:
      BuildControlFamily(f, line, r, ring, d, p, w);
      break;
    case Family::kCount:
      break;
  }
}

}  // namespace ffgen
