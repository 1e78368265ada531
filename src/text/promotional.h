// Promotional classifier (METRICS.md E3): a text is promotional when it carries a
// link AND a call-to-action or offer term: a word or phrase of the lexicon ("buy",
// "promo code", ...), "N% off", or a price (a currency sign followed by a digit,
// "$19.99"). docs/classifiers.md gives the rules, the default lexicon and the
// evaluation on hand-labelled texts.
//
// One pass over the text's words, no regex and no allocation per text once a
// thread's buffer has grown: it runs on every event at ingestion, on the reader
// threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace rapport {

struct TextWords;  // text/intent.h

struct PromotionalLexicon {
  // Lower-case ASCII words or phrases of up to 3 words separated by one space,
  // matched on whole words (case-insensitive); words inside links and @handles are
  // not read, a #hashtag is read as its word.
  std::vector<std::string> terms;
  bool percent_off = true;  // "20% off", "20 % OFF"
  bool prices = true;       // $, £, € or ¥ directly followed by a digit: "$19.99", "€5"

  // The default lexicon: the terms METRICS.md names plus a few inflections and
  // synonyms, listed in promotional.cpp and docs/classifiers.md.
  static PromotionalLexicon Default();
};

class PromotionalClassifier {
 public:
  explicit PromotionalClassifier(const PromotionalLexicon& lexicon = PromotionalLexicon::Default());

  // True when the text holds a term, "% off" or a price of the lexicon.
  bool HasOffer(std::string_view text) const;
  // The same on words already split by TextWords::Split(text).
  bool HasOffer(const TextWords& words, std::string_view text) const;
  // METRICS.md E3: a link and an offer. `has_link` comes from the reader (URL entities)
  // or the text (the enricher decides).
  bool IsPromotional(std::string_view text, bool has_link) const {
    return has_link && HasOffer(text);
  }

 private:
  // Phrases by their first word: each value lists the phrases (as the words after the
  // first, joined by one space; empty for a one-word term) that start with that word.
  absl::flat_hash_map<std::string, std::vector<std::string>> first_word_;
  bool percent_off_ = true;
  bool prices_ = true;
};

}  // namespace rapport
