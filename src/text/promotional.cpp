#include "text/promotional.h"

#include <cstring>

#include "absl/strings/string_view.h"

#include "text/intent.h"  // TextWords: the word splitter both classifiers share

namespace rapport {
namespace {

// The default call-to-action and offer lexicon: the terms METRICS.md E3 names ("buy",
// "shop", "order", "sale", "discount", "deal", "promo code", "sign up", "register",
// "limited time"; "% off" and prices are rules, below) plus their common inflections
// and a few synonyms of the same kind. Written before the labelled sample was read.
constexpr std::string_view kOfferTerms[] = {
    "buy", "buying", "shop", "shopping", "order", "order now", "preorder", "pre-order",
    "sale", "sales event", "on sale", "discount", "discounts", "discounted", "deal", "deals",
    "promo", "promo code", "promocode", "coupon", "coupons", "voucher", "sign up", "signup",
    "register", "subscribe", "limited time", "limited offer", "special offer", "free shipping",
    "free trial", "get yours", "grab yours", "book now", "shop now", "buy now", "save up to",
    "giveaway", "win a", "enter to win"};

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(unsigned char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "20% off", "20 % OFF": a digit, optional spaces, '%', optional spaces, "off" as a word.
bool HasPercentOff(std::string_view t) {
  for (size_t i = t.find('%'); i != std::string_view::npos; i = t.find('%', i + 1)) {
    size_t b = i;
    while (b > 0 && t[b - 1] == ' ') --b;
    if (b == 0 || !IsDigit(static_cast<unsigned char>(t[b - 1]))) continue;
    size_t a = i + 1;
    while (a < t.size() && t[a] == ' ') ++a;
    if (a + 3 > t.size()) continue;
    if ((t[a] | 0x20) != 'o' || (t[a + 1] | 0x20) != 'f' || (t[a + 2] | 0x20) != 'f') continue;
    if (a + 3 == t.size() || !IsAlnum(static_cast<unsigned char>(t[a + 3]))) return true;
  }
  return false;
}

// A currency sign directly followed by a digit: "$19.99", "£5", "€10", "¥500". A
// cashtag ("$AAPL") is not a price.
bool HasPrice(std::string_view t) {
  static constexpr std::string_view kSigns[] = {"$", "\xC2\xA3", "\xE2\x82\xAC", "\xC2\xA5"};
  for (std::string_view sign : kSigns) {
    for (size_t i = t.find(sign); i != std::string_view::npos; i = t.find(sign, i + 1)) {
      size_t d = i + sign.size();
      if (d < t.size() && IsDigit(static_cast<unsigned char>(t[d]))) return true;
    }
  }
  return false;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

PromotionalLexicon PromotionalLexicon::Default() {
  PromotionalLexicon l;
  l.terms.assign(std::begin(kOfferTerms), std::end(kOfferTerms));
  return l;
}

PromotionalClassifier::PromotionalClassifier(const PromotionalLexicon& lexicon)
    : percent_off_(lexicon.percent_off), prices_(lexicon.prices) {
  for (const auto& term : lexicon.terms) {
    // A hyphen separates words as the splitter reads them: "pre-order" is "pre order".
    std::string spaced = term;
    for (char& c : spaced)
      if (c == '-') c = ' ';
    std::vector<std::string> words = SplitSpaces(spaced);
    if (words.empty()) continue;
    std::string tail;
    for (size_t k = 1; k < words.size(); ++k) tail += (k > 1 ? " " : "") + words[k];
    first_word_[words[0]].push_back(std::move(tail));
  }
}

bool PromotionalClassifier::HasOffer(std::string_view text) const {
  thread_local TextWords tw;
  tw.Split(text);
  return HasOffer(tw, text);
}

bool PromotionalClassifier::HasOffer(const TextWords& tw, std::string_view text) const {
  if (percent_off_ && text.find('%') != std::string_view::npos && HasPercentOff(text)) return true;
  if (prices_ && HasPrice(text)) return true;
  const auto& w = tw.words;
  for (size_t i = 0; i < w.size(); ++i) {
    auto it = first_word_.find(absl::string_view(w[i].text.data(), w[i].text.size()));
    if (it == first_word_.end()) continue;
    for (const std::string& tail : it->second) {
      if (tail.empty()) return true;
      // Compare the tail word by word with the words that follow.
      size_t k = i + 1, pos = 0;
      bool match = true;
      while (match && pos < tail.size()) {
        size_t sp = tail.find(' ', pos);
        std::string_view want = std::string_view(tail).substr(pos, sp == std::string::npos ? std::string::npos : sp - pos);
        match = k < w.size() && w[k].text == want;
        ++k;
        pos = sp == std::string::npos ? tail.size() : sp + 1;
      }
      if (match) return true;
    }
  }
  return false;
}

}  // namespace rapport
