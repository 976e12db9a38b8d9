// Helpers the checker's three files share (checker.cpp, checker_control.cpp,
// checker_fast_path.cpp): cell kinds of declared slot types and the operand
// loads both the general and the straight-line path use. Internal to check/.
#pragma once

#include <cstdint>

#include "engine/check/checker.h"
#include "engine/core/spec_types.h"
#include "engine/forth/builtins.h"

namespace ffb::checker_internal {

inline CellKind KindOfType(SlotType t) {
  switch (t) {
    case SlotType::kBool:
      return CellKind::kFlag;
    case SlotType::kInt:
    case SlotType::kUint:
    case SlotType::kChar:
    case SlotType::kAddr:
      return CellKind::kInt;
    default:
      return CellKind::kAny;
  }
}

// Scalar loads on purpose: the operands were usually stored one cell at a
// time an instant ago, and a 16-byte load over them (what a fixed-size copy
// compiles to) misses store-to-load forwarding and stalls ~15 cycles.
inline void LoadOperands(const uint32_t* src, int32_t n, uint32_t* in) {
  switch (n) {
    case 4:
      in[3] = src[3];
      [[fallthrough]];
    case 3:
      in[2] = src[2];
      [[fallthrough]];
    case 2:
      in[1] = src[1];
      [[fallthrough]];
    case 1:
      in[0] = src[0];
      [[fallthrough]];
    default:
      break;
  }
}

// Same hazard for the shuffles below: without this GCC turns `swap` into one
// 8-byte rotate in memory, a load spanning two 4-byte stores that forwarding
// cannot serve. An empty asm per value keeps the loads 4 bytes wide.
inline void KeepScalar(uint32_t& v) { asm("" : "+r"(v)); }
template <typename... T>
inline void KeepScalar(T&... v) {
  (KeepScalar(static_cast<uint32_t&>(v)), ...);
}

inline bool IsLogic(Builtin b) {
  return b == Builtin::kAnd || b == Builtin::kOr || b == Builtin::kXor || b == Builtin::kInvert;
}

}  // namespace ffb::checker_internal
