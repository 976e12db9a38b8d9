// Test cases and metadata for a built draft: inputs drawn inside each
// slot's declared range (bounds, zero and equal operands over-represented),
// expected outputs from Eval, tags that say why each case is there.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "gen_families.h"
#include "gen_programs.h"
#include "gen_rng.h"
#include "gen_spec.h"

namespace ffgen {

// Draws test inputs within each slot's range, computes outputs, tags them.
inline void FillTests(SplitMix64& r, const Prog& p, Draft& d) {
  using detail::SafeChar;
  static constexpr int kTestCounts[] = {1, 2, 2, 3, 3, 3, 4, 4, 5, 6};  // 1..kMaxTests
  d.ntests = r.Pick(kTestCounts);
  for (int t = 0; t < d.ntests; ++t) {
    TestCase& tc = d.tests[t];
    tc.nin = d.nin;
    tc.description = nullptr;
    int64_t cells[kMaxSlots] = {};
    bool at_bound = false, nonpositive = false;
    for (int i = 0; i < d.nin; ++i) {
      const Slot& s = d.in[i];
      int64_t v = 0;
      ValueForm form = ValueForm::kInt;
      switch (s.kind) {
        case SlotKind::kInt: {
          uint64_t u = r.Below(10);
          if (i > 0 && u == 9 && d.in[i - 1].kind == SlotKind::kInt && cells[i - 1] >= s.lo &&
              cells[i - 1] <= s.hi) {
            v = cells[i - 1];  // equal operands exercise =, <=, a - a, ...
          } else if (u == 0) {
            v = s.lo;
          } else if (u == 1) {
            v = s.hi;
          } else if (u == 2 && s.lo <= 0 && s.hi >= 0) {
            v = 0;
          } else if (u <= 4 && std::max<int64_t>(s.lo, -10) <= std::min<int64_t>(s.hi, 10)) {
            v = r.Range(std::max<int64_t>(s.lo, -10), std::min<int64_t>(s.hi, 10));
          } else {
            v = r.Range(s.lo, s.hi);
          }
          if (s.nonzero && v == 0) v = s.hi >= 1 ? 1 : -1;
          at_bound |= (v == s.lo || v == s.hi);
          nonpositive |= v <= 0;
          break;
        }
        case SlotKind::kUint: {
          form = ValueForm::kUint;
          switch (r.Below(8)) {
            case 0:
              v = 0;
              nonpositive = true;
              break;
            case 1:
              v = -1;
              at_bound = true;
              break;  // 2^64-1
            case 2:
              v = INT64_MIN;
              at_bound = true;
              break;  // 2^63
            case 3:
            case 4:
              v = static_cast<int64_t>(r.Below(1000));
              break;
            default:
              v = static_cast<int64_t>(r.Next());
              break;
          }
          break;
        }
        case SlotKind::kBool:
          form = ValueForm::kBool;
          v = r.Below(2) ? -1 : 0;
          break;
        case SlotKind::kChar:
          v = r.Range(s.lo, s.hi);
          while (!SafeChar(v)) ++v;
          form = r.Percent(10) ? ValueForm::kCodePoint : ValueForm::kChar;
          break;
        case SlotKind::kAny:
          v = r.Range(-1000, 1000);
          break;
      }
      cells[i] = v;
      tc.in[i] = Value{v, form, nullptr};
    }
    int64_t outs[kMaxSlots] = {};
    tc.nout = Eval(p, cells, outs);
    for (int i = 0; i < tc.nout; ++i) {
      ValueForm form = ValueForm::kInt;
      switch (d.out[i].kind) {
        case SlotKind::kUint:
          form = ValueForm::kUint;
          break;
        case SlotKind::kBool:
          form = ValueForm::kBool;
          break;
        case SlotKind::kChar:
          form = SafeChar(outs[i]) ? ValueForm::kChar : ValueForm::kCodePoint;
          break;
        default:
          break;
      }
      tc.out[i] = Value{outs[i], form, nullptr};
    }
    static constexpr const char* kPlain[] = {"base_case", "property", "performance", "base_case"};
    const char* tag = t == 0        ? "base_case"
                      : at_bound    ? "boundary"
                      : nonpositive ? "edge_case"
                                    : r.Pick(kPlain);
    tc.tags[0] = tag;
    tc.ntags = 1;
    if (t > 0 && r.Percent(12) && tag != std::string_view("property"))
      tc.tags[tc.ntags++] = "property";
    if (r.Percent(15)) {
      std::string_view tv(tag);
      tc.description = tv == "boundary"    ? "value at the edge of the declared range"
                       : tv == "edge_case" ? "zero, negative or empty input"
                       : tv == "base_case" ? "typical input"
                       : tv == "property"  ? "checks the stated property"
                                           : "larger input";
    }
  }
}

inline void FillMetadata(SplitMix64& r, Draft& d) {
  static constexpr const char* kAuthors[] = {"ffgen",     "ada", "grace", "chuck",
                                             "elizabeth", "leo", "anton", "ffbatch"};
  d.author = r.Pick(kAuthors);
  detail::Fmt(d.version, "{}.{}.{}", r.Below(4), r.Below(21), r.Below(51));
  if (r.Percent(8)) detail::Fmt(d.version, "-{}.{}", r.Below(2) ? "rc" : "beta", r.Range(1, 5));
  detail::Fmt(d.created, "2026-{:02}-{:02}T{:02}:{:02}:{:02}", r.Range(1, 11), r.Range(1, 28),
              r.Below(24), r.Below(60), r.Below(60));
  switch (r.Below(10)) {
    case 0:
      detail::Fmt(d.created, ".{:03}Z", r.Below(1000));
      break;
    case 1:
      d.created += "+02:00";
      break;
    case 2:
      d.created += "-05:30";
      break;
    default:
      d.created += 'Z';
      break;
  }
  if (d.nmtags < 3) d.mtags[d.nmtags++] = "generated";
}

}  // namespace ffgen
