#include "engine/native/jit_runner.h"

#include <asmjit/x86.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace ffb {
namespace {

// The verifier caps a body's depth (inputs included) at 1024 cells.
constexpr size_t kUnderflowSlackCells = 1024;

static_assert(offsetof(NativeTestContext, fuel) == 0);
static_assert(offsetof(NativeTestContext, calls_left) == 8);
static_assert(offsetof(NativeTestContext, data_limit) == 16);
static_assert(offsetof(NativeTestContext, trap_target) == 24);
static_assert(offsetof(NativeTestContext, machine_limit) == 32);
constexpr int32_t kCtxSavedRsp = 40, kCtxResultSp = 48, kCtxCode = 56;
static_assert(offsetof(NativeTestContext, saved_rsp) == kCtxSavedRsp);
static_assert(offsetof(NativeTestContext, result_sp) == kCtxResultSp);
static_assert(offsetof(NativeTestContext, code) == kCtxCode);
static_assert(offsetof(NativeTestContext, return_cells_left) == 64);

using EnterFn = void (*)(NativeTestContext*, const void* fn, int64_t* sp, void* stack_top);

size_t PageSize() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }
size_t RoundUp(size_t n, size_t to) { return (n + to - 1) / to * to; }

// The runtime stubs: enter, trap landing, unresolved-call target.
struct Stubs {
  std::vector<uint8_t> bytes;
  size_t enter = 0, trap = 0, unresolved = 0;
};

Stubs BuildStubs() {
  using namespace asmjit;
  CodeHolder code;
  code.init(Environment(Arch::kX64));
  x86::Assembler a(&code);
  const x86::Gp saved[] = {x86::rbx, x86::rbp, x86::r12, x86::r13, x86::r14, x86::r15};
  Label enter = a.newLabel(), trap = a.newLabel(), unresolved = a.newLabel();
  a.bind(enter);
  for (const x86::Gp& r : saved) a.push(r);
  a.mov(x86::r15, x86::rdi);
  a.mov(x86::qword_ptr(x86::r15, kCtxSavedRsp), x86::rsp);
  a.mov(x86::rsp, x86::rcx);
  a.mov(x86::rdi, x86::rdx);
  a.call(x86::rsi);
  a.mov(x86::qword_ptr(x86::r15, kCtxResultSp), x86::rax);
  a.mov(x86::dword_ptr(x86::r15, kCtxCode), 0);
  a.mov(x86::rsp, x86::qword_ptr(x86::r15, kCtxSavedRsp));
  for (int i = 5; i >= 0; --i) a.pop(saved[i]);
  a.ret();
  a.align(AlignMode::kCode, 16);
  a.bind(trap);  // eax = Code
  a.mov(x86::dword_ptr(x86::r15, kCtxCode), x86::eax);
  a.mov(x86::rsp, x86::qword_ptr(x86::r15, kCtxSavedRsp));
  for (int i = 5; i >= 0; --i) a.pop(saved[i]);
  a.ret();
  a.align(AlignMode::kCode, 16);
  a.bind(unresolved);
  a.mov(x86::eax, static_cast<uint32_t>(Code::kInternal));
  a.jmp(trap);
  Stubs s;
  const CodeBuffer& buf = code.textSection()->buffer();
  s.bytes.assign(buf.data(), buf.data() + buf.size());
  s.enter = code.labelOffset(enter);
  s.trap = code.labelOffset(trap);
  s.unresolved = code.labelOffset(unresolved);
  return s;
}

}  // namespace

JitCode::JitCode(size_t reserve_bytes)
    : reserved_(
          RoundUp(std::min(reserve_bytes, (size_t{1} << 31) - (size_t{1} << 20)), PageSize())),
      table_(new std::atomic<std::atomic<const void*>*>[kBlocks]) {
  for (size_t i = 0; i < kBlocks; ++i) table_[i].store(nullptr, std::memory_order_relaxed);
  void* p = mmap(nullptr, reserved_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::runtime_error("JitCode: cannot reserve executable memory");
  base_ = static_cast<uint8_t*>(p);
  Stubs s = BuildStubs();
  size_t at = 0;
  std::string error;
  if (!Append(s.bytes.data(), s.bytes.size(), &at, &error) ||
      mprotect(base_ + at, RoundUp(s.bytes.size(), PageSize()), PROT_READ | PROT_EXEC) != 0)
    throw std::runtime_error("JitCode: " + error);
  enter_ = base_ + at + s.enter;
  trap_ = base_ + at + s.trap;
  unresolved_ = base_ + at + s.unresolved;
}

JitCode::~JitCode() {
  if (base_ != nullptr) munmap(base_, reserved_);
  for (size_t i = 0; i < kBlocks; ++i) delete[] table_[i].load(std::memory_order_relaxed);
}

bool JitCode::Append(const uint8_t* bytes, size_t size, size_t* offset, std::string* error) {
  size_t pages = RoundUp(std::max<size_t>(size, 1), PageSize());
  if (used_ + pages > reserved_) {
    *error = "executable memory reservation exhausted";
    return false;
  }
  if (mprotect(base_ + used_, pages, PROT_READ | PROT_WRITE) != 0) {
    *error = "mprotect failed";
    return false;
  }
  if (size > 0) std::memcpy(base_ + used_, bytes, size);
  *offset = used_;
  used_ += pages;
  return true;
}

void JitCode::SetEntry(uint32_t word_id, const void* p) {
  size_t block = word_id >> kBlockBits;
  std::atomic<const void*>* b = table_[block].load(std::memory_order_acquire);
  if (b == nullptr) {
    b = new std::atomic<const void*>[size_t{1} << kBlockBits];
    for (size_t i = 0; i < (size_t{1} << kBlockBits); ++i)
      b[i].store(nullptr, std::memory_order_relaxed);
    table_[block].store(b, std::memory_order_release);
  }
  b[word_id & ((1u << kBlockBits) - 1)].store(p, std::memory_order_release);
}

const void* JitCode::Find(uint32_t word_id) const {
  size_t block = word_id >> kBlockBits;
  if (block >= kBlocks) return nullptr;
  std::atomic<const void*>* b = table_[block].load(std::memory_order_acquire);
  if (b == nullptr) return nullptr;
  return b[word_id & ((1u << kBlockBits) - 1)].load(std::memory_order_acquire);
}

bool JitCode::Publish(const NativeCode& code, std::string* error) {
  if (code.words.empty()) return true;
  for (const NativeWord& w : code.words) {
    if ((w.word_id >> kBlockBits) >= kBlocks) {
      *error = "word id out of range";
      return false;
    }
  }
  size_t at = 0;
  if (!Append(code.bytes.data(), code.bytes.size(), &at, error)) return false;
  uint8_t* text = base_ + at;
  std::unordered_map<uint32_t, const void*> local;
  local.reserve(code.words.size());
  for (const NativeWord& w : code.words) local[w.word_id] = text + w.code_offset;
  for (const NativeReloc& r : code.relocs) {
    const void* target = unresolved_;
    if (r.kind == RelocKind::kWord) {
      auto it = local.find(r.target);
      const void* t = it != local.end() ? it->second : Find(r.target);
      if (t != nullptr) target = t;
    }
    uint8_t* field = text + r.offset;
    int64_t rel = reinterpret_cast<const uint8_t*>(target) - (field + 4);
    auto rel32 = static_cast<int32_t>(rel);
    std::memcpy(field, &rel32, 4);
  }
  if (mprotect(text, RoundUp(code.bytes.size(), PageSize()), PROT_READ | PROT_EXEC) != 0) {
    *error = "mprotect(PROT_EXEC) failed";
    return false;
  }
  for (const NativeWord& w : code.words) SetEntry(w.word_id, text + w.code_offset);
  return true;
}

NativeMachine::NativeMachine(const JitCode& jit, NativeLimits limits) : jit_(jit), limits_(limits) {
  size_t page = PageSize();
  // Below the base: kUnderflowSlackCells readable cells, so a word run with
  // fewer inputs than it takes reads garbage instead of faulting (Run then
  // reports kInternal when the result sp lies below the base).
  size_t slack = RoundUp(kUnderflowSlackCells * 8, page);
  size_t data_bytes = slack + RoundUp(size_t{limits_.data_cells} * 8 + 64, page);
  data_map_bytes_ = data_bytes + 2 * page;  // guard page on each side
  void* d = mmap(nullptr, data_map_bytes_, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (d == MAP_FAILED) throw std::runtime_error("NativeMachine: cannot map the data stack");
  data_map_ = static_cast<uint8_t*>(d);
  mprotect(data_map_ + page, data_bytes, PROT_READ | PROT_WRITE);
  data_base_ = reinterpret_cast<int64_t*>(data_map_ + page + slack);
  machine_map_bytes_ = RoundUp(limits_.machine_stack_bytes, page) + page;
  void* m = mmap(nullptr, machine_map_bytes_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) throw std::runtime_error("NativeMachine: cannot map the machine stack");
  machine_map_ = static_cast<uint8_t*>(m);
  mprotect(machine_map_, page, PROT_NONE);
}

NativeMachine::~NativeMachine() {
  munmap(data_map_, data_map_bytes_);
  munmap(machine_map_, machine_map_bytes_);
}

NativeRun NativeMachine::Run(uint32_t word_id, std::span<const int64_t> inputs) {
  const void* fn = jit_.Find(word_id);
  if (fn == nullptr) return {Code::kInternal, {}};
  if (inputs.size() > limits_.data_cells) return {Code::kDataStackOverflow, {}};
  // inputs.data() is null for a test with no inputs: memcpy(…, nullptr, 0) is UB.
  if (!inputs.empty()) std::memcpy(data_base_, inputs.data(), inputs.size() * sizeof(int64_t));
  // A word's deepest cell is checked at its entry: room for 64 KB of machine
  // stack per frame below the limit covers the biggest frame the verifier allows.
  uint8_t* top = machine_map_ + machine_map_bytes_;
  ctx_ = NativeTestContext{};
  ctx_.fuel = limits_.fuel;
  ctx_.calls_left = uint64_t{limits_.call_depth} + 1;  // the word run is not a nested call
  ctx_.return_cells_left = limits_.return_cells;
  ctx_.data_limit = data_base_ + limits_.data_cells;
  ctx_.trap_target = jit_.trap();
  ctx_.machine_limit = machine_map_ + PageSize() + (size_t{64} << 10);
  auto enter = reinterpret_cast<EnterFn>(const_cast<void*>(jit_.enter()));
  enter(&ctx_, fn, data_base_ + inputs.size(), top);
  if (ctx_.code != 0) return {static_cast<Code>(ctx_.code), {}};
  int64_t* sp = ctx_.result_sp;
  if (sp < data_base_ || sp > data_base_ + limits_.data_cells) return {Code::kInternal, {}};
  return {Code::kNone, {data_base_, static_cast<size_t>(sp - data_base_)}};
}

}  // namespace ffb
