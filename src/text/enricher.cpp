#include "text/enricher.h"

#include <cctype>
#include <cmath>
#include <limits>

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
  for (size_t i = text.find("http"); i != std::string_view::npos; i = text.find("http", i + 1)) {
    std::string_view rest = text.substr(i + 4);
    if (rest.starts_with("://") || rest.starts_with("s://")) return true;
  }
  return false;
}

// The intent classifier's bits are the table's flags.
static_assert(int{kIntentQuestion} == int{kQuestion} && int{kIntentComplaint} == int{kComplaint} &&
              int{kIntentPraise} == int{kPraise});

}  // namespace

void Enricher::Configure(const EnrichOptions& options) {
  EnableSentiment(options.sentiment ? &Vader::Default() : nullptr);
  EnableClassifiers(options.classifiers);
  if (options.intent || options.promotional)
    SetClassifiers(options.intent ? *options.intent : IntentLexicon::Default(),
                   options.promotional ? *options.promotional : PromotionalLexicon::Default());
}

Enricher::Enricher(const std::vector<BrandSpec>& brands) {
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
}

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
  if (terms_.empty() && hashtags_.empty()) return;
  // The text is read ASCII-lower-cased (configured terms are lower-cased ASCII or
  // matched byte for byte), in one pass: at each byte, the strings starting with it. A
  // string is found when one of its occurrences is word-bounded at the ends that are
  // word characters; bytes >= 0x80 count as word characters, so "café" is not found
  // inside "cafétéria". Only word starts and non-word bytes are tried: a string
  // starting with a word character needs a word start.
  thread_local std::vector<uint8_t> found;
  const size_t n_terms = terms_.size();
  found.assign(n_terms + hashtags_.size(), 0);
  const char* const text = e.text.data();
  const size_t size = e.text.size();
  bool prev_word = false;
  for (size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(AsciiLower(text[i]));
    const uint8_t cls = byte_class_[c];
    const bool word = (cls & kWordByte) != 0;
    const bool skip = !(cls & kFirstByte) || (prev_word && word);
    prev_word = word;
    if (skip) continue;
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

TextSignals Enricher::Analyze(const RawEvent& e) const {
  TextSignals s{std::numeric_limits<float>::quiet_NaN(), 0};
  if (e.urls > 0 || HasHttpLink(e.text)) s.flags |= kHasLink;
  if (classify_) {
    // One split of the text into words serves both classifiers.
    thread_local TextWords words;
    words.Split(e.text);
    s.flags |= intent_.Classify(words, e.text);
    if ((s.flags & kHasLink) && promotional_.HasOffer(words, e.text)) s.flags |= kPromotional;
  }
  if (vader_)
    s.sentiment = static_cast<float>(RoundPython(vader_->PolarityScores(e.text).compound, 4));
  return s;
}

}  // namespace rapport
