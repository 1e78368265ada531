#include "text/enricher.h"

#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#include "core/event_table.h"
#include "text/vader.h"

namespace rapport {
namespace {

// ASCII only, as std::isalnum in the "C" locale rapport runs in, without its call.
bool IsAsciiAlnum(unsigned char c) {
  return static_cast<unsigned char>((c | 0x20) - 'a') < 26 || static_cast<unsigned char>(c - '0') < 10;
}
bool IsHandleChar(unsigned char c) {
  return IsAsciiAlnum(c) || c == '_';
}
bool IsWordChar(unsigned char c) {
  return IsAsciiAlnum(c) || c == '_' || c >= 0x80;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != lower[i]) return false;
  return true;
}

// "http://" or "https://" somewhere in the text, in one scan.
bool HasHttpLink(std::string_view text) {
  // Searched from the "://", rarer in texts than an 'h'.
  for (size_t i = text.find("://"); i != std::string_view::npos; i = text.find("://", i + 1)) {
    if (text.substr(0, i).ends_with("http") || text.substr(0, i).ends_with("https")) return true;
  }
  return false;
}

// The intent classifier's bits are the table's flags.
static_assert(int{kIntentQuestion} == int{kQuestion} && int{kIntentComplaint} == int{kComplaint} &&
              int{kIntentPraise} == int{kPraise});

}  // namespace

void Enricher::Configure(const EnrichOptions& options) {
  EnableSentiment(options.sentiment && (options.read & kReadsSentiment) ? &Vader::Default() : nullptr);
  EnableClassifiers(options.classifiers);
  EnableIntent((options.read & kReadsIntent) != 0);
  EnablePromotional((options.read & kReadsPromotional) != 0);
  if (options.intent || options.promotional)
    SetClassifiers(options.intent ? *options.intent : IntentLexicon::Default(),
                   options.promotional ? *options.promotional : PromotionalLexicon::Default());
}

Enricher::Enricher(const std::vector<BrandSpec>& brands) : auto_brands_(brands.empty()) {
  for (const auto& b : brands) {
    for (const auto& a : b.accounts) {
      accounts_.insert(a);
      if (a.size() < 64) account_sizes_ |= uint64_t{1} << a.size();
    }
  }
  for (uint32_t b = 0; b < brands.size(); ++b) {
    for (const auto& t : brands[b].terms) terms_.push_back({t, b, ""});
    for (const auto& h : brands[b].hashtags) hashtags_.push_back({h, b, "#" + h});
  }
  by_first_byte_.resize(256);
  for (size_t i = 0; i < terms_.size() + hashtags_.size(); ++i) {
    const std::string& t = i < terms_.size() ? terms_[i].text : hashtags_[i - terms_.size()].with_hash;
    if (t.empty()) continue;
    by_first_byte_[static_cast<unsigned char>(t.front())].push_back(static_cast<uint32_t>(i));
    byte_class_[static_cast<unsigned char>(t.front())] |= kFirstByte;
  }
  for (int c = 0; c < 256; ++c)
    if (IsWordChar(static_cast<unsigned char>(c))) byte_class_[c] |= kWordByte;
  simd_first_ = true;
  for (int c = 0x80; c < 256; ++c)
    if (byte_class_[c] & kFirstByte) simd_first_ = false;
  for (int h = 0; h < 8; ++h) first_high_[h] = static_cast<uint8_t>(1u << h);
  for (int b = 0; b < 0x80; ++b)
    if (byte_class_[static_cast<unsigned char>(AsciiLower(static_cast<char>(b)))] & kFirstByte)
      first_low_[b & 15] |= static_cast<uint8_t>(1u << (b >> 4));
}

namespace {

#if defined(__AVX2__)
// Bit i set when p[i] is a word byte (IsWordChar: ASCII alnum, '_', >= 0x80), and in
// *first when p[i] is in the nibble tables' set.
inline uint32_t ScanWords32(const char* p, __m256i low_table, __m256i high_table,
                            uint32_t* first) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const auto in = [&](__m256i x, char lo, char hi) {  // lo <= x <= hi, signed bytes
    return _mm256_andnot_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(lo), x),
                               _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(hi + 1)), x));
  };
  const __m256i high_bit = _mm256_cmpgt_epi8(_mm256_setzero_si256(), v);  // >= 0x80
  const __m256i letter = in(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), 'a', 'z');
  const __m256i word = _mm256_or_si256(
      _mm256_or_si256(high_bit, letter),
      _mm256_or_si256(in(v, '0', '9'), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('_'))));
  // Bytes >= 0x80 find 0 in the high table (their high nibble is 8..15).
  const __m256i lo = _mm256_shuffle_epi8(low_table, _mm256_and_si256(v, _mm256_set1_epi8(15)));
  const __m256i hi = _mm256_shuffle_epi8(
      high_table, _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(15)));
  const __m256i none = _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), _mm256_setzero_si256());
  *first = ~static_cast<uint32_t>(_mm256_movemask_epi8(none));
  return static_cast<uint32_t>(_mm256_movemask_epi8(word));
}
#endif

}  // namespace

void Enricher::ExtractHandles(std::string_view text, std::vector<std::string_view>& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '@') continue;
    if (i > 0 && IsHandleChar(static_cast<unsigned char>(text[i - 1]))) continue;  // e-mail
    size_t j = i + 1;
    while (j < text.size() && IsHandleChar(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i + 1) out.push_back(text.substr(i + 1, j - i - 1));
    i = j - 1;
  }
}

void Enricher::MatchBrandTerms(const RawEvent& e, std::vector<uint32_t>& brands) const {
  Match<true>(e, brands);
}

void Enricher::MatchBrandTermsScalar(const RawEvent& e, std::vector<uint32_t>& brands) const {
  Match<false>(e, brands);
}

template <bool kVector>
void Enricher::Match(const RawEvent& e, std::vector<uint32_t>& brands) const {
  if (terms_.empty() && hashtags_.empty()) return;
  // The text is read ASCII-lower-cased (configured terms are lower-cased ASCII or
  // matched byte for byte), in one pass: at each byte, the strings starting with it. A
  // string is found when one of its occurrences is word-bounded at the ends that are
  // word characters; bytes >= 0x80 count as word characters, so "café" is not found
  // inside "cafétéria". Only word starts and non-word bytes are tried: a string
  // starting with a word character needs a word start. With AVX2 those candidate bytes
  // are found 32 at a time (word bytes by range compares, first bytes by nibble tables)
  // when every string starts with an ASCII byte; the comparisons are the same.
  thread_local std::vector<uint8_t> found;
  const size_t n_terms = terms_.size();
  found.assign(n_terms + hashtags_.size(), 0);
  const char* const text = e.text.data();
  const size_t size = e.text.size();
  const auto try_at = [&](size_t i) {
    const auto c = static_cast<unsigned char>(AsciiLower(text[i]));
    for (uint32_t k : by_first_byte_[c]) {
      if (found[k]) continue;
      const std::string& t = k < n_terms ? terms_[k].text : hashtags_[k - n_terms].with_hash;
      if (size - i < t.size()) continue;
      size_t j = 1;
      while (j < t.size() && AsciiLower(text[i + j]) == t[j]) ++j;
      if (j < t.size()) continue;
      const size_t end = i + t.size();
      const bool word_back = IsWordChar(static_cast<unsigned char>(t.back()));
      if (end == size || !word_back ||
          !IsWordChar(static_cast<unsigned char>(AsciiLower(text[end]))))
        found[k] = 1;
    }
  };
  bool vectorized = false;
#if defined(__AVX2__)
  if (kVector && simd_first_) {
    vectorized = true;
    const __m256i low_table = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(first_low_.data())));
    const __m256i high_table = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(first_high_.data())));
    uint32_t carry = 0;  // the word bit of the byte before the chunk
    for (size_t at = 0; at < size; at += 32) {
      uint32_t first;
      uint32_t word;
      if (size - at >= 32) {
        word = ScanWords32(text + at, low_table, high_table, &first);
      } else {
        // The last bytes through a zeroed copy; bits beyond the text are cleared.
        alignas(32) char tail[32] = {};
        std::memcpy(tail, text + at, size - at);
        word = ScanWords32(tail, low_table, high_table, &first);
        const uint32_t valid = (1u << (size - at)) - 1;
        word &= valid;
        first &= valid;
      }
      uint32_t candidates = first & ~(word & ((word << 1) | carry));
      carry = word >> 31;
      while (candidates != 0) {
        try_at(at + static_cast<size_t>(__builtin_ctz(candidates)));
        candidates &= candidates - 1;
      }
    }
  }
#endif
  if (!vectorized) {
    bool prev_word = false;
    for (size_t i = 0; i < size; ++i) {
      const uint8_t cls = byte_class_[static_cast<unsigned char>(AsciiLower(text[i]))];
      const bool word = (cls & kWordByte) != 0;
      const bool skip = !(cls & kFirstByte) || (prev_word && word);
      prev_word = word;
      if (!skip) try_at(i);
    }
  }
  for (size_t k = 0; k < n_terms; ++k)
    if (found[k]) brands.push_back(terms_[k].brand);
  for (size_t k = 0; k < hashtags_.size(); ++k) {
    const auto& tag = hashtags_[k];
    bool hit = found[n_terms + k] != 0;
    for (auto h : e.hashtags) {
      if (hit) break;
      if (!h.empty() && h.front() == '#') h.remove_prefix(1);
      if (EqualsLower(h, tag.text)) hit = true;
    }
    if (hit) brands.push_back(tag.brand);
  }
}

bool Enricher::SurelyBrandAuthored(const RawEvent& e) const {
  if (auto_brands_) return e.inbound == Inbound::kFalse;  // ResolveRoles' rule
  if (e.author.size() >= 64 || !(account_sizes_ >> e.author.size() & 1)) return false;
  char lower[64];
  for (size_t i = 0; i < e.author.size(); ++i) lower[i] = AsciiLower(e.author[i]);
  return accounts_.contains(std::string(lower, e.author.size()));  // short: no allocation
}

TextSignals Enricher::Analyze(const RawEvent& e) const {
  TextSignals s{std::numeric_limits<float>::quiet_NaN(), 0};
  if (e.urls > 0 || HasHttpLink(e.text)) s.flags |= kHasLink;
  if (classify_) {
    // One split of the text into words serves both classifiers; it is made only when
    // one of them will read it (a text without a link is never promotional).
    thread_local TextWords words;
    const bool promotional = promotional_on_ && (s.flags & kHasLink);
    if (intent_on_ || promotional) words.Split(e.text);
    if (intent_on_) s.flags |= intent_.Classify(words, e.text);
    if (promotional && promotional_.HasOffer(words, e.text)) s.flags |= kPromotional;
  }
  if (vader_ && IsMessage(e.type) && !SurelyBrandAuthored(e))
    s.sentiment = static_cast<float>(RoundPython(vader_->Compound(e.text), 4));
  return s;
}

}  // namespace rapport
