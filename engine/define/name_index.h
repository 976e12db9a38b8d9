// Where each word name is first named in the whole input, so a body that
// calls a word defined on a *later* line can be told so (E1004, "`dbl` is
// defined on line 7, after this one") instead of "undefined word". The
// pipeline sees later lines only when their chunk arrives, which depends on
// chunking and threads; a separate scan of the input (ScanWordName on every
// raw line, engine/core/word_name_scan.h) gives the same answer however the
// run is cut. The scan is lazy: it runs once, on the first undefined word
// of a run, so a run without one never pays for it. Inputs that cannot be
// read twice (stdin) are not scanned: their names are never "later".
// Thread-safe; lookups after the scan only read.
//
//   NameIndex names(inputs, [&](NameIndex& ix) { ix.Add("dbl", 0, 7); });
//   std::optional<NamedLine> w = names.First("dbl");  // {0, 7}, scanning on first use
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ffb {

struct NamedLine {
  uint32_t input_index = 0;
  uint64_t line = 0;
};

class NameIndex {
 public:
  // `scan` fills the index through Add, in input order; called at most once.
  using Scan = std::function<void(NameIndex&)>;
  NameIndex(std::vector<std::string> input_names, Scan scan);

  // For the scan: `name` (any case) appears as the word of this line.
  void Add(std::string_view name, uint32_t input_index, uint64_t line);
  // The first line naming `name` (any case), running the scan on first use.
  // Names are told apart by a 64-bit hash: a collision would need ~2^32 names.
  std::optional<NamedLine> First(std::string_view name) const;
  const std::string& InputName(uint32_t input_index) const { return input_names_[input_index]; }

 private:
  struct Entry {
    uint64_t hash;
    NamedLine where;
  };
  std::vector<std::string> input_names_;
  Scan scan_;
  mutable std::once_flag once_;
  mutable std::vector<Entry> entries_;  // sorted by hash after the scan, first per hash
};

}  // namespace ffb
