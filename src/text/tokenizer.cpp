#include "text/tokenizer.h"

#include <algorithm>

namespace rapport {
namespace {

enum CaseClass : uint8_t { kUpper = 1, kNotUpper = 2 };
struct CaseRange {
  char32_t first, last;
  CaseClass cls;
};
struct LowerPair {
  char32_t cp, lower;
};

#include "text/unicode_tables.inc"

inline bool IsContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// 0 for code points that are neither: digits, symbols, CJK, emoji...
uint8_t CaseClassOf(char32_t cp) {
  auto it = std::upper_bound(std::begin(kCaseRanges), std::end(kCaseRanges), cp,
                             [](char32_t c, const CaseRange& r) { return c < r.first; });
  if (it == std::begin(kCaseRanges)) return 0;
  --it;
  return cp <= it->last ? it->cls : 0;
}

char32_t LowerOf(char32_t cp) {
  auto it = std::lower_bound(std::begin(kLowerMap), std::end(kLowerMap), cp,
                             [](const LowerPair& p, char32_t c) { return p.cp < c; });
  return (it != std::end(kLowerMap) && it->cp == cp) ? it->lower : cp;
}

}  // namespace

Utf8Char DecodeUtf8(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  const size_t left = text.size() - pos;
  const unsigned char c = s[0];
  if (c < 0x80) return {c, 1, true};
  // Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF): the second
  // byte's allowed range depends on the lead byte.
  unsigned char lo = 0x80, hi = 0xBF;
  uint32_t size;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    size = 2, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    size = 3, cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    size = 4, cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return {c, 1, false};
  }
  if (left < size || s[1] < lo || s[1] > hi) return {c, 1, false};
  for (uint32_t k = 1; k < size; ++k) {
    if (!IsContinuation(s[k])) return {c, 1, false};
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  return {cp, size, true};
}

void AppendUtf8(char32_t cp, std::string& out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) {
    pos += static_cast<unsigned char>(text[pos]) < 0x80 ? 1 : DecodeUtf8(text, pos).size;
  }
  return count;
}

bool IsPythonSpace(char32_t cp) {
  if (cp < 0x80) return tokenizer_internal::IsAsciiSpace(static_cast<unsigned char>(cp));
  return std::find(std::begin(kSpaces), std::end(kSpaces), cp) != std::end(kSpaces);
}

bool IsUpperPython(std::string_view text) {
  bool cased = false;
  for (size_t pos = 0; pos < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') return false;
      cased |= c >= 'A' && c <= 'Z';
      ++pos;
      continue;
    }
    Utf8Char u = DecodeUtf8(text, pos);
    pos += u.size;
    if (!u.valid) continue;
    uint8_t cls = CaseClassOf(u.cp);
    if (cls == kNotUpper) return false;
    cased |= cls == kUpper;
  }
  return cased;
}

void AppendLowerPython(std::string_view text, std::string& out) {
  for (size_t pos = 0; pos < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++pos;
      continue;
    }
    Utf8Char u = DecodeUtf8(text, pos);
    if (!u.valid) {
      out.push_back(static_cast<char>(c));  // kept as it is: it has no case
    } else if (u.cp == 0x130) {
      out.append("i\xCC\x87");  // İ: SpecialCasing gives i + COMBINING DOT ABOVE
    } else {
      AppendUtf8(LowerOf(u.cp), out);
    }
    pos += u.size;
  }
}

namespace tokenizer_internal {
size_t UnicodeSpaceAt(std::string_view text, size_t pos) {
  Utf8Char u = DecodeUtf8(text, pos);
  return u.valid && IsPythonSpace(u.cp) ? u.size : 0;
}
}  // namespace tokenizer_internal

void TokenizeVader(std::string_view text, std::vector<std::string_view>& out) {
  ForEachPythonWord(text, [&](std::string_view w) { out.push_back(StripPunctuationIfWord(w)); });
}

}  // namespace rapport
