// The in-memory draft of one generated spec and its JSON Lines serialiser.
// A Draft is reused line after line (clear, refill) so generating millions
// of specs allocates almost nothing; strings keep their capacity.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace ffgen {

constexpr int kMaxSlots = 8;
constexpr int kMaxTests = 6;

enum class SlotKind : uint8_t { kInt, kUint, kBool, kChar, kAny };

inline std::string_view SlotKindName(SlotKind k) {
  switch (k) {
    case SlotKind::kInt:
      return "int";
    case SlotKind::kUint:
      return "uint";
    case SlotKind::kBool:
      return "bool";
    case SlotKind::kChar:
      return "char";
    case SlotKind::kAny:
      return "any";
  }
  return "any";
}

// How a test value is written: the cell and the JSON spelling are separate
// so bad lines can carry spellings no cell has (raw out-of-range numbers,
// strings where an int belongs).
enum class ValueForm : uint8_t {
  kInt,        // signed decimal
  kUint,       // unsigned decimal (cells >= 2^63 print as 2^63..2^64-1)
  kBool,       // true / false
  kChar,       // one-character JSON string
  kCodePoint,  // a char written as its code point
  kRaw,        // `raw` verbatim (e.g. 99999999999999999999)
  kString,     // `raw` as a JSON string (e.g. "seven")
};

struct Value {
  int64_t cell = 0;
  ValueForm form = ValueForm::kInt;
  const char* raw = nullptr;
};

struct Slot {
  std::string_view name;
  SlotKind kind = SlotKind::kInt;
  std::string_view type_text;  // normally SlotKindName(kind); bad lines override
  // Test values are drawn from [lo, hi] (ints, chars); nonzero excludes 0.
  int64_t lo = 0, hi = 0;
  bool nonzero = false;
  std::string constraint;  // empty: no "constraint" key
};

struct TestCase {
  Value in[kMaxSlots + 1];
  Value out[kMaxSlots];
  int nin = 0, nout = 0;
  const char* tags[2] = {nullptr, nullptr};
  int ntags = 0;
  const char* description = nullptr;
};

struct Draft {
  std::string name;
  std::string description;
  Slot in[kMaxSlots], out[kMaxSlots];
  int nin = 0, nout = 0;
  std::string properties[3];
  int nprops = 0;
  TestCase tests[kMaxTests];
  int ntests = 0;
  const char* time = "O(1)";
  const char* space = "O(1)";
  const char* pattern = "";
  std::string hints[2];
  int nhints = 0;
  std::string code;
  const char* author = "";
  std::string version, created;
  const char* mtags[3] = {nullptr, nullptr, nullptr};
  int nmtags = 0;
  // Extra raw JSON members appended at the end of the object ("k":v), for
  // the unknown-field and duplicate-key bad lines.
  std::string extra_members;

  void Clear() {
    name.clear();
    description.clear();
    nin = nout = nprops = ntests = nhints = nmtags = 0;
    for (auto& s : in) s.constraint.clear();
    for (auto& s : out) s.constraint.clear();
    for (auto& p : properties) p.clear();
    for (auto& h : hints) h.clear();
    time = space = "O(1)";
    pattern = "";
    code.clear();
    version.clear();
    created.clear();
    extra_members.clear();
  }
};

// Appends JSON text to a std::string. Generated strings never contain
// characters that need escaping except where a bad line wants raw bytes,
// so strings are written verbatim.
class JsonOut {
 public:
  explicit JsonOut(std::string& s) : s_(s) {}
  void Raw(std::string_view v) { s_.append(v); }
  void Ch(char c) { s_.push_back(c); }
  void Str(std::string_view v) {
    s_.push_back('"');
    s_.append(v);
    s_.push_back('"');
  }
  void Key(std::string_view k) {
    Str(k);
    s_.push_back(':');
  }
  void Int(int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    s_.append(buf, r.ptr);
  }
  void Uint(uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    s_.append(buf, r.ptr);
  }
  void Val(const Value& v) {
    switch (v.form) {
      case ValueForm::kInt:
        Int(v.cell);
        break;
      case ValueForm::kUint:
        Uint(static_cast<uint64_t>(v.cell));
        break;
      case ValueForm::kBool:
        Raw(v.cell ? "true" : "false");
        break;
      case ValueForm::kChar: {
        char c = static_cast<char>(v.cell);
        Str(std::string_view(&c, 1));
        break;
      }
      case ValueForm::kCodePoint:
        Int(v.cell);
        break;
      case ValueForm::kRaw:
        Raw(v.raw);
        break;
      case ValueForm::kString:
        Str(v.raw);
        break;
    }
  }

 private:
  std::string& s_;
};

// Serialises the draft as one JSON object (no line terminator).
inline void WriteSpec(const Draft& d, std::string& line) {
  JsonOut j(line);
  j.Raw("{\"word\":");
  j.Str(d.name);
  j.Raw(",\"description\":");
  j.Str(d.description);
  j.Raw(",\"stack_effect\":{\"inputs\":[");
  auto slots = [&](const Slot* s, int n) {
    for (int i = 0; i < n; ++i) {
      if (i) j.Ch(',');
      j.Raw("{\"name\":");
      j.Str(s[i].name);
      j.Raw(",\"type\":");
      j.Str(s[i].type_text);
      if (!s[i].constraint.empty()) {
        j.Raw(",\"constraint\":");
        j.Str(s[i].constraint);
      }
      j.Ch('}');
    }
  };
  slots(d.in, d.nin);
  j.Raw("],\"outputs\":[");
  slots(d.out, d.nout);
  j.Raw("]},\"properties\":[");
  for (int i = 0; i < d.nprops; ++i) {
    if (i) j.Ch(',');
    j.Str(d.properties[i]);
  }
  j.Raw("],\"test_cases\":[");
  for (int t = 0; t < d.ntests; ++t) {
    const TestCase& tc = d.tests[t];
    if (t) j.Ch(',');
    j.Ch('{');
    if (tc.description) {
      j.Raw("\"description\":");
      j.Str(tc.description);
      j.Ch(',');
    }
    j.Raw("\"input\":[");
    for (int i = 0; i < tc.nin; ++i) {
      if (i) j.Ch(',');
      j.Val(tc.in[i]);
    }
    j.Raw("],\"output\":[");
    for (int i = 0; i < tc.nout; ++i) {
      if (i) j.Ch(',');
      j.Val(tc.out[i]);
    }
    j.Raw("],\"tags\":[");
    for (int i = 0; i < tc.ntags; ++i) {
      if (i) j.Ch(',');
      j.Str(tc.tags[i]);
    }
    j.Raw("]}");
  }
  j.Raw("],\"complexity\":{\"time\":");
  j.Str(d.time);
  j.Raw(",\"space\":");
  j.Str(d.space);
  j.Raw("},\"implementation\":{\"pattern\":");
  j.Str(d.pattern);
  j.Raw(",\"hints\":[");
  for (int i = 0; i < d.nhints; ++i) {
    if (i) j.Ch(',');
    j.Str(d.hints[i]);
  }
  j.Raw("],\"code\":");
  j.Str(d.code);
  j.Raw("},\"metadata\":{\"author\":");
  j.Str(d.author);
  j.Raw(",\"version\":");
  j.Str(d.version);
  j.Raw(",\"created\":");
  j.Str(d.created);
  j.Raw(",\"tags\":[");
  for (int i = 0; i < d.nmtags; ++i) {
    if (i) j.Ch(',');
    j.Str(d.mtags[i]);
  }
  j.Raw("]}");
  if (!d.extra_members.empty()) {
    j.Ch(',');
    j.Raw(d.extra_members);
  }
  j.Ch('}');
}

}  // namespace ffgen
