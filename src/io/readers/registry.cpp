#include "io/readers/registry.h"

#include <algorithm>

#include "fmt/format.h"
#include "io/readers/reader.h"

namespace rapport {

const std::vector<std::unique_ptr<Reader>>& AllReaders() {
  static const auto* readers = [] {
    auto* v = new std::vector<std::unique_ptr<Reader>>();
    for (auto& make : ReaderFactories()) v->push_back(make());
    return v;
  }();
  return *readers;
}

const Reader* FindReader(std::string_view name) {
  for (const auto& r : AllReaders())
    if (r->name() == name) return r.get();
  return nullptr;
}

const Reader* DetectReader(std::string_view head) {
  const Reader* best = nullptr;
  int best_score = 0;
  for (const auto& r : AllReaders()) {
    int s = r->Detect(head);
    if (s > best_score) {
      best = r.get();
      best_score = s;
    }
  }
  return best;
}

std::string_view RecordOfLine(std::string_view line, size_t max_bytes, const BlockContext& ctx,
                              int64_t line_no, InputErrors& errors) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.find_first_not_of(" \t") == std::string_view::npos) return {};
  if (line.size() > max_bytes) {
    errors.Add(InputError::kTooLarge, ctx.file, line_no,
               fmt::format("record of {} bytes is larger than the limit of {} bytes",
                           line.size(), max_bytes));
    return {};
  }
  return line;
}

int64_t CountLines(std::string_view s) {
  // Byte counters over runs of 255 bytes: the compiler turns the inner loop into wide
  // compares (a count into int64_t would widen every byte first).
  int64_t n = 0;
  const char* p = s.data();
  size_t left = s.size();
  while (left > 0) {
    const size_t run = std::min<size_t>(left, 255);
    uint8_t c = 0;
    for (size_t i = 0; i < run; ++i) c = static_cast<uint8_t>(c + (p[i] == '\n'));
    n += c;
    p += run;
    left -= run;
  }
  if (!s.empty() && s.back() != '\n') ++n;
  return n;
}

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      ++p;
      continue;
    }
    int n;
    uint32_t cp;
    if ((*p & 0xE0) == 0xC0) {
      n = 1;
      cp = *p & 0x1F;
    } else if ((*p & 0xF0) == 0xE0) {
      n = 2;
      cp = *p & 0x0F;
    } else if ((*p & 0xF8) == 0xF0) {
      n = 3;
      cp = *p & 0x07;
    } else {
      return false;
    }
    if (end - p < n + 1) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

}  // namespace rapport
