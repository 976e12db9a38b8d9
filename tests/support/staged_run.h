// Runs JSON Lines bytes through every per-chunk stage of RunBatch (read,
// parse, validate, generate, define, infer, compile, publish, test, object
// placement) serially and in process, handing each finished chunk to a
// callback before the next is read. For unit tests of what comes after the
// stages (writers, run stats) and for the fuzz targets.
//
//   ffb::test::RunStages(bytes, {}, [&](ffb::Chunk& c) { ResultWriter::FormatResults(c, ...); });
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cases/cases_stage.h"
#include "engine/check/check_stage.h"
#include "engine/define/define_stage.h"
#include "engine/native/native_stage.h"
#include "engine/native/object_placement.h"
#include "engine/resolve/pattern_library.h"
#include "engine/resolve/resolve_stage.h"
#include "engine/table/chunk.h"
#include "engine/validate/validate.h"
#include "io/input/line_reader.h"
#include "io/input/spec_parser.h"
#include "io/patterns/pattern_sources.h"

namespace ffb::test {

struct StagedRunOptions {
  ReaderOptions reader;
  uint64_t fuel_steps = 0;                   // 0: the engines' defaults
  uint32_t words_per_object = 0;             // 0: no object placement
  const PatternLibrary* patterns = nullptr;  // nullptr: the built-in library
};

// The built-in library, loaded once per process (it is immutable).
inline const PatternLibrary& BuiltinPatterns() {
  static const PatternLoad load = LoadRunPatterns({});
  if (!load.ok()) throw std::runtime_error("built-in pattern library: " + load.errors[0].Format());
  return load.library;
}

// `bytes` go through an anonymous memory file, so the real LineReader (CRLF,
// BOM, blank and overlong lines, chunk cuts) sees them like any input.
template <class OnChunk>
void RunStages(std::string_view bytes, const StagedRunOptions& options, OnChunk&& on_chunk) {
  int fd = memfd_create("ffbatch-test", 0);
  if (fd < 0) throw std::runtime_error("memfd_create failed");
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) throw std::runtime_error("write to memfd failed");
    done += static_cast<size_t>(n);
  }
  std::string path = "/proc/self/fd/" + std::to_string(fd);
  {
    LineReader reader({path}, options.reader);
    ParseLimits limits;
    limits.max_line_bytes = options.reader.max_line_bytes;
    ValidateOptions validate_options;
    GenerateOptions generate_options;
    generate_options.patterns = options.patterns ? options.patterns : &BuiltinPatterns();
    InferOptions infer_options;
    Dictionary dictionary;
    MachineLimits machine_limits;
    if (options.fuel_steps) machine_limits.fuel_steps = options.fuel_steps;
    TestContext test_context(machine_limits);
    NativeContext native;
    if (options.fuel_steps) native.limits.fuel = options.fuel_steps;
    std::unique_ptr<ObjectPlacement> placement;
    if (options.words_per_object) {
      placement = std::make_unique<ObjectPlacement>(options.words_per_object);
    }
    std::vector<std::string> inputs = {path};
    while (std::unique_ptr<Chunk> chunk = reader.Next()) {
      Chunk& c = *chunk;
      ParseChunk(c, limits);
      Validate(c, validate_options);
      Generate(c, generate_options);
      Define(c, dictionary, inputs);
      InferStage(c, dictionary, infer_options);
      CompileStage(c, dictionary);
      NativeCompile(c, dictionary);
      PublishStage(c, test_context, dictionary);
      NativePublish(c, native);
      TestStage(c, test_context, dictionary, &native);
      if (placement) placement->Place(c);
      on_chunk(c);
    }
  }
  close(fd);
}

}  // namespace ffb::test
