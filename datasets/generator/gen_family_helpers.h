// Shared by the ffgen family builders (gen_families.h and its parts): slot,
// property and hint helpers that fill a Draft.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <string_view>

#include "gen_programs.h"
#include "gen_rng.h"
#include "gen_spec.h"

namespace ffgen {

namespace detail {

template <class... Args>
void Fmt(std::string& s, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(s), f, std::forward<Args>(args)...);
}

// Declares an int-like input slot whose test values come from [lo, hi].
// The constraint text takes one of the accepted spellings, or is omitted.
inline Slot& In(Draft& d, SplitMix64& r, std::string_view name, SlotKind kind, int64_t lo,
                int64_t hi, bool nonzero = false, bool constrain = true) {
  Slot& s = d.in[d.nin++];
  s.name = name;
  s.kind = kind;
  s.type_text = SlotKindName(kind);
  s.lo = lo;
  s.hi = hi;
  s.nonzero = nonzero;
  if (kind == SlotKind::kInt && constrain) {
    switch (r.Below(4)) {
      case 0:
        Fmt(s.constraint, "{} >= {} and {} <= {}", name, lo, name, hi);
        break;
      case 1:
        Fmt(s.constraint, "{} <= {} <= {}", lo, name, hi);
        break;
      case 2:
        Fmt(s.constraint, "{} >= {} and {} <= {}", name, lo, name, hi);
        break;
      default:
        break;  // unconstrained slot; values still stay in range
    }
    if (nonzero) {
      if (s.constraint.empty())
        Fmt(s.constraint, "{} != 0", name);
      else
        Fmt(s.constraint, " and {} != 0", name);
    }
  }
  return s;
}

inline void Out(Draft& d, std::string_view name, SlotKind kind) {
  Slot& s = d.out[d.nout++];
  s.name = name;
  s.kind = kind;
  s.type_text = SlotKindName(kind);
}

inline int64_t NonZero(SplitMix64& r, int64_t lo, int64_t hi) {
  int64_t v = r.Range(lo, hi);
  return v == 0 ? hi : v;
}

inline void Prop(Draft& d, std::string_view text) { d.properties[d.nprops++].assign(text); }
inline std::string& NewProp(Draft& d) { return d.properties[d.nprops++]; }
inline void Hint(Draft& d, std::string_view text) { d.hints[d.nhints++].assign(text); }
inline void MTag(Draft& d, const char* t) { d.mtags[d.nmtags++] = t; }

constexpr int64_t kRanges[] = {100, 1000, 100000, 1000000, 1000000000};

inline int64_t RangeBound(SplitMix64& r) { return r.Pick(kRanges); }

// Printable ASCII that needs no JSON escape: used for char values.
inline bool SafeChar(int64_t c) { return c >= 33 && c <= 126 && c != '"' && c != '\\'; }

}  // namespace detail

}  // namespace ffgen
