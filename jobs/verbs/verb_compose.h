// `ffbatch compose BODY BODY...`: the effect of running the bodies one after
// the other (FastForth's compose). Each body is inferred on its own; the
// per-body effects are then folded by the kernels' effect composition
// (kernels/effect_compose.h), one body standing for one token. Exit 0 when
// every body has a static effect, 65 when one does not (its errors printed).
//
//   RunComposeVerb({"dup", "*"}, false, std::cout);  // prints "( a -- b )"
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ffb {

int RunComposeVerb(const std::vector<std::string>& bodies, bool json, std::ostream& out);

}  // namespace ffb
