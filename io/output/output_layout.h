// Every file ffbatch writes under OUT, named once. Writers take their names
// from here, so a new output format (or a tool reading OUT) has one place to
// look. Paths are relative to OUT; subdirectories are created on demand and
// refused when they are symlinks (output_file.h).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <string>

namespace ffb::layout {

inline constexpr const char* kResults = "results.jsonl";  // one record per non-blank line
inline constexpr const char* kRejects = "rejects.jsonl";  // rejected/invalid lines, raw bytes
inline constexpr const char* kSummary = "summary.json";   // deterministic counts
inline constexpr const char* kProfile = "profile.json";   // timings, threads, memory
inline constexpr const char* kLock = ".ffbatch.lock";     // flock held for the run
// Written last: every file the run wrote, its inputs and options (manifest.h).
inline constexpr const char* kManifest = "manifest.json";

inline constexpr const char* kForthDir = "forth";
inline constexpr const char* kForthAll = "all.fth";          // loads the tester and every part
inline constexpr const char* kForthPrelude = "prelude.fth";  // the private wordlist
inline std::string ForthPart(uint64_t part) { return fmt::format("part-{:05}.fth", part); }

inline constexpr const char* kObjectDir = "obj";
inline constexpr const char* kRuntimeObject = "ffrt.o";  // weak ffrt_div_by_zero
inline std::string ObjectPart(uint64_t part) { return fmt::format("part-{:05}.o", part); }
// Every part object and ffrt.o with a symbol index: -LOUT/obj -lffwords.
inline constexpr const char* kArchive = "libffwords.a";

inline constexpr const char* kIncludeDir = "include";
inline constexpr const char* kHeader = "ffbatch_words.h";  // includes every part header
// The words of ObjectPart(part) only; a word's part is the number in the
// "object" field of its results.jsonl record (obj/part-NNNNN.o).
inline std::string HeaderPart(uint64_t part) { return fmt::format("ffbatch_part-{:05}.h", part); }

}  // namespace ffb::layout
