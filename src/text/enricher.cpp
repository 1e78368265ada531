#include "text/enricher.h"

#include <cctype>
#include <cmath>
#include <limits>

#include "core/event_table.h"
#include "text/vader.h"

namespace rapport {
namespace {

bool IsHandleChar(unsigned char c) {
  return std::isalnum(c) || c == '_';
}
bool IsWordChar(unsigned char c) {
  return std::isalnum(c) || c == '_' || c >= 0x80;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Word-bounded search of a lower-cased term in a lower-cased text. Bytes >= 0x80 count
// as word characters, so "café" is not matched inside "cafétéria".
bool ContainsWord(std::string_view lowered, std::string_view term) {
  if (term.empty()) return false;
  const bool word_front = IsWordChar(static_cast<unsigned char>(term.front()));
  const bool word_back = IsWordChar(static_cast<unsigned char>(term.back()));
  for (size_t i = lowered.find(term); i != std::string_view::npos; i = lowered.find(term, i + 1)) {
    bool left_ok = i == 0 || !word_front || !IsWordChar(static_cast<unsigned char>(lowered[i - 1]));
    size_t end = i + term.size();
    bool right_ok = end == lowered.size() || !word_back ||
                    !IsWordChar(static_cast<unsigned char>(lowered[end]));
    if (left_ok && right_ok) return true;
  }
  return false;
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != lower[i]) return false;
  return true;
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
  // Lower-cased once per text (ASCII only: configured terms are lower-cased ASCII or
  // matched byte for byte), reused across calls on this thread.
  thread_local std::string lowered;
  lowered.resize(e.text.size());
  for (size_t i = 0; i < e.text.size(); ++i) lowered[i] = AsciiLower(e.text[i]);
  for (const auto& term : terms_)
    if (ContainsWord(lowered, term.text)) brands.push_back(term.brand);
  for (const auto& tag : hashtags_) {
    bool found = false;
    for (auto h : e.hashtags) {
      if (!h.empty() && h.front() == '#') h.remove_prefix(1);
      if (EqualsLower(h, tag.text)) found = true;
    }
    if (!found) found = ContainsWord(lowered, tag.with_hash);
    if (found) brands.push_back(tag.brand);
  }
}

TextSignals Enricher::Analyze(const RawEvent& e) const {
  TextSignals s{std::numeric_limits<float>::quiet_NaN(), 0};
  if (e.urls > 0 || e.text.find("http://") != std::string_view::npos ||
      e.text.find("https://") != std::string_view::npos)
    s.flags |= kHasLink;
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
