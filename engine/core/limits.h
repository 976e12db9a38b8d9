// Every limit of the engine, in one place, with why it is what it is. The
// option structs (ParseLimits, ValidateOptions, MachineLimits, NativeLimits,
// FixSearchOptions) take their defaults from here; stages that size buffers
// by a limit use these names, never the number.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ffb::limits {

// Input. A spec is a few hundred bytes; 1 MiB per line keeps a corrupt file
// (one huge line) from taking memory, and the reader keeps only a prefix of
// a longer line for its reject record.
inline constexpr size_t kMaxLineBytes = size_t{1} << 20;  // longer: E0103
inline constexpr size_t kOverlongPrefixBytes = 256;
// simdjson On Demand recurses per level; 64 is far beyond any spec's shape.
inline constexpr uint32_t kMaxJsonDepth = 64;  // deeper: E0100

// Spec shape (validate). 64 slots per side covers every real word (and fits
// the checker's 64-bit slot masks); 64-byte names fit C identifiers once
// mangled; 10,000 test cases bound the test stage per spec.
inline constexpr uint32_t kMaxEffectSlots = 64;    // per side; more: E1112, E1136
inline constexpr uint32_t kMaxNameBytes = 64;      // E1102
inline constexpr uint32_t kMaxTestCases = 10'000;  // E1135

// Stacks while checking and running. gforth's default data stack holds 1,024
// cells... enough for any word a spec describes; a deeper body is a runaway.
inline constexpr uint32_t kMaxStackCells = 1024;   // data stack: E2xxx when checking, E4004 running
inline constexpr uint32_t kMaxReturnCells = 1024;  // >r cells and do frames (2 cells each): E4005
inline constexpr uint32_t kMaxCallDepth = 1024;    // nested calls incl. recurse: E4006
// About 10 ms of interpreted work per test case: a loop that runs longer is
// taken to be endless (E4003), in both engines, counted the same way.
inline constexpr uint64_t kFuelSteps = 10'000'000;

// Fix suggestions: about 10 ms of search per spec whatever its size (W2237
// when cut short); counted in work steps, so results stay deterministic.
inline constexpr uint64_t kFixSearchSteps = uint64_t{1} << 20;

// Records show the top 32 cells of a failing test's actual stack (the cells
// nearest the failure) and say how deep it was.
inline constexpr uint32_t kMaxFailureCells = 32;

}  // namespace ffb::limits
