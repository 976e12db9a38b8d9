#include "engine/api/name_scan.h"

#include <memory>

#include "engine/core/run_error.h"
#include "engine/core/word_name_scan.h"
#include "io/input/line_reader.h"

namespace ffb {

void ScanInputNames(const std::vector<std::string>& inputs, NameIndex& index) {
  for (uint32_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i] == "-") continue;  // stdin was consumed by the run itself
    LineReader reader({inputs[i]}, ReaderOptions{});
    try {
      while (std::unique_ptr<Chunk> chunk = reader.Next()) {
        for (uint32_t row = 0; row < chunk->table.rows(); ++row) {
          if (std::optional<std::string_view> name = ScanWordName(chunk->Raw(row))) {
            if (!name->empty()) index.Add(*name, i, chunk->table.line[row]);
          }
        }
      }
    } catch (const RunError&) {
      // A corrupt or vanished input: the run's own reader reports it; the
      // names read so far stand.
    }
  }
}

}  // namespace ffb
