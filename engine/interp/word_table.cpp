#include "engine/interp/word_table.h"

namespace ffb {

void WordTable::Set(WordId id, std::span<const Instr> body) {
  entries_.grow_to_at_least(static_cast<size_t>(id) + 1);
  Entry& e = entries_[id];
  // size first, then the pointer with release: a reader that sees the
  // pointer sees the size.
  e.size = static_cast<uint32_t>(body.size());
  e.code.store(body.data(), std::memory_order_release);
}

void WordTable::Publish(std::shared_ptr<const BytecodeColumns> code, std::span<const WordId> ids) {
  {
    std::lock_guard<std::mutex> lock(owned_mutex_);
    owned_.push_back(code);
  }
  for (size_t b = 0; b < ids.size() && b < code->body_count(); ++b)
    if (ids[b] != kNoWordId && !code->Body(b).empty()) Set(ids[b], code->Body(b));
}

void WordTable::Publish(WordId id, std::span<const Instr> body) {
  auto code = std::make_shared<BytecodeColumns>();
  for (const Instr& in : body) code->Push(in);
  code->EndBody();
  WordId ids[1] = {id};
  Publish(std::move(code), ids);
}

}  // namespace ffb
