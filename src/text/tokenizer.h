// Tokenizing as VADER's reference (vaderSentiment 3.3.1, Python) does it, with
// Python's Unicode meaning of whitespace, case and length: str.split(), then each
// word loses leading/trailing string.punctuation unless that leaves 2 code points or
// fewer (SentiText._strip_punc_if_word). See docs/sentiment.md.
//
// Text is UTF-8. Python never sees malformed UTF-8, so we pick a meaning: a byte that
// does not start a valid sequence is one code point of its own (as Python's
// surrogateescape decoding would give), neither space, nor cased, nor punctuation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace rapport {

struct Utf8Char {
  char32_t cp;    // the code point, or the lone byte's value when !valid
  uint32_t size;  // bytes consumed, 1..4
  bool valid;
};

// Decodes the code point at text[pos] (pos < text.size()).
Utf8Char DecodeUtf8(std::string_view text, size_t pos);
// Appends code point `cp` as UTF-8; surrogates and values past U+10FFFF, which UTF-8
// cannot carry, become U+FFFD.
void AppendUtf8(char32_t cp, std::string& out);
// len() of the decoded string.
size_t CountCodePoints(std::string_view text);

// Python str.isspace() of one code point: what str.split() and str.strip() use.
bool IsPythonSpace(char32_t cp);
// string.punctuation: the 32 ASCII punctuation characters.
inline bool IsAsciiPunctuation(unsigned char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Python str.isupper(): at least one upper-case code point and no lower-case or
// title-case one. ":D" and "XD" are upper case, "É" and "ПРИВЕТ" too.
bool IsUpperPython(std::string_view text);
// Python str.lower(), appended to `out`, with one simplification: Python lowers Σ to
// ς at the end of a word (Final_Sigma); here it is always σ (no VADER key has either).
void AppendLowerPython(std::string_view text, std::string& out);

// SentiText._strip_punc_if_word: the word without leading and trailing ASCII
// punctuation, or the word unchanged when that leaves 2 code points or fewer.
inline std::string_view StripPunctuationIfWord(std::string_view word);

// Calls f(std::string_view) for each word of str.split(text), in order.
template <class F>
void ForEachPythonWord(std::string_view text, F&& f);

// ForEachPythonWord, 32 bytes at a time where AVX2 is available (branches per word,
// not per byte). The words passed to f point into a copy of the text that this object
// keeps, followed by at least kPadding readable bytes, so a word can be loaded whole.
class WordSplitter {
 public:
  static constexpr size_t kPadding = 32;
  template <class F>
  void ForEach(std::string_view text, F&& f);

 private:
  std::string padded_;
  std::vector<uint32_t> spaces_;  // bit k of word b: padded_[32 * b + k] is a space
};

// SentiText.words_and_emoticons: str.split() then StripPunctuationIfWord.
// Appends views into `text` to `out`.
void TokenizeVader(std::string_view text, std::vector<std::string_view>& out);

// ---------------------------------------------------------------------------------
// Inline parts, on the scoring hot path.

namespace tokenizer_internal {
// ASCII bytes that str.isspace() accepts: \t \n \v \f \r, 0x1C..0x1F and ' '.
inline constexpr bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
}
// Byte classes of the word splitter: 0 a word byte, 1 an ASCII space, 2 the lead byte
// of a code point that may be a space: U+0085 and U+00A0 (C2), U+1680 (E1), U+2000..
// U+205F (E2), U+3000 (E3). Other bytes >= 0x80 never start a space (continuation
// bytes can't start a code point), so they need no decoding.
inline constexpr struct ByteClasses {
  uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 128; ++c) of[c] = IsAsciiSpace(static_cast<unsigned char>(c)) ? 1 : 0;
    of[0xC2] = of[0xE1] = of[0xE2] = of[0xE3] = 2;
  }
} kByteClasses;
// For a class-2 byte at text[pos]: the size of the space there, or 0.
size_t UnicodeSpaceAt(std::string_view text, size_t pos);
}  // namespace tokenizer_internal

template <class F>
void ForEachPythonWord(std::string_view text, F&& f) {
  using tokenizer_internal::kByteClasses;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t pos = 0;
  while (true) {
    while (pos < n) {  // spaces
      uint8_t cls = kByteClasses.of[s[pos]];
      if (cls == 0) break;
      if (cls == 1) {
        ++pos;
        continue;
      }
      size_t space = tokenizer_internal::UnicodeSpaceAt(text, pos);
      if (space == 0) break;
      pos += space;
    }
    if (pos >= n) return;
    const size_t start = pos++;  // not a space: no need to look at it again
    while (pos < n) {            // the word
      uint8_t cls = kByteClasses.of[s[pos]];
      if (cls == 0) {
        ++pos;
        continue;
      }
      if (cls == 1 || tokenizer_internal::UnicodeSpaceAt(text, pos) != 0) break;
      ++pos;
    }
    f(text.substr(start, pos - start));
  }
}

#if defined(__AVX2__)
namespace tokenizer_internal {
// Bit k of *space: p[k] is an ASCII space; of *lead: p[k] is a class-2 byte.
inline void ClassifyBlock(const char* p, uint32_t* space, uint32_t* lead) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  auto in_range = [&](char first, char count_minus_1) {  // first <= v <= first + count - 1
    __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8(first));
    return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(count_minus_1)), d);
  };
  __m256i sp = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(' ')),
                               _mm256_or_si256(in_range('\t', 4), in_range(0x1C, 3)));
  __m256i ld = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(static_cast<char>(0xC2))),
                               in_range(static_cast<char>(0xE1), 2));
  *space = static_cast<uint32_t>(_mm256_movemask_epi8(sp));
  *lead = static_cast<uint32_t>(_mm256_movemask_epi8(ld));
}
}  // namespace tokenizer_internal
#endif

template <class F>
void WordSplitter::ForEach(std::string_view text, F&& f) {
#if defined(__AVX2__)
  // One pass marks every space byte in a bitmask (class-2 bytes decoded where they
  // occur); the words are then the runs of zero bits.
  padded_.assign(text);
  padded_.append(kPadding, ' ');  // ends the last word, and makes the last block whole
  const char* s = padded_.data();
  const std::string_view view(s, text.size());
  const size_t n = text.size();
  const size_t blocks = n / 32 + 1;  // the last one holds position n, a padding space
  spaces_.resize(blocks);
  uint32_t carry = 0;  // bytes of a multi-byte space that spill into the next block
  for (size_t b = 0; b < blocks; ++b) {
    uint32_t space, lead;
    tokenizer_internal::ClassifyBlock(s + 32 * b, &space, &lead);
    space |= carry;
    carry = 0;
    for (; lead; lead &= lead - 1) {
      const size_t pos = 32 * b + static_cast<size_t>(__builtin_ctz(lead));
      if (pos >= n) break;
      const size_t size = tokenizer_internal::UnicodeSpaceAt(view, pos);
      if (size == 0) continue;
      const uint64_t bits = ((uint64_t{1} << size) - 1) << (pos % 32);
      space |= static_cast<uint32_t>(bits);
      carry = static_cast<uint32_t>(bits >> 32);
    }
    spaces_[b] = space;
  }
  size_t pos = 0;
  while (true) {
    size_t w = pos / 32;
    uint32_t bits = ~spaces_[w] & (~0u << (pos % 32));
    while (bits == 0) {
      if (++w >= blocks) return;
      bits = ~spaces_[w];
    }
    const size_t start = 32 * w + static_cast<size_t>(__builtin_ctz(bits));
    if (start >= n) return;
    bits = spaces_[w] & (~0u << (start % 32));
    while (bits == 0) bits = spaces_[++w];  // position n is a space: always found
    pos = 32 * w + static_cast<size_t>(__builtin_ctz(bits));
    f(std::string_view(s + start, pos - start));
  }
#else
  padded_.assign(text);
  padded_.append(kPadding, ' ');
  ForEachPythonWord(std::string_view(padded_.data(), text.size()), f);
#endif
}

inline std::string_view StripPunctuationIfWord(std::string_view word) {
  size_t begin = 0, end = word.size();
  while (begin < end && IsAsciiPunctuation(static_cast<unsigned char>(word[begin]))) ++begin;
  while (end > begin && IsAsciiPunctuation(static_cast<unsigned char>(word[end - 1]))) --end;
  if (begin == 0 && end == word.size()) return word;
  std::string_view stripped = word.substr(begin, end - begin);
  // 2 code points take at most 8 bytes; 3 take at least 3.
  if (stripped.size() <= 2) return word;
  if (stripped.size() <= 8 && CountCodePoints(stripped) <= 2) return word;
  return stripped;
}

}  // namespace rapport
