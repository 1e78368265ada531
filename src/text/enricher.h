// Enrichment: what is read from an event's text once, at ingestion, so the text can
// be dropped afterwards (ARCHITECTURE.md "enrich"). Runs on the reader threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/brands.h"
#include "core/raw_event.h"

namespace rapport {

struct TextSignals {
  float sentiment;    // VADER compound, NaN when sentiment is off
  uint8_t flags = 0;  // TextFlag bits
};

class Enricher {
 public:
  explicit Enricher(const std::vector<BrandSpec>& brands);

  // @handles written in a text, in order, without '@' (not lower-cased).
  static void ExtractHandles(std::string_view text, std::vector<std::string_view>& out);
  // Indices of brands whose configured terms or hashtags the event carries.
  void MatchBrandTerms(const RawEvent& e, std::vector<uint32_t>& brands) const;
  TextSignals Analyze(const RawEvent& e) const;

 private:
  struct Term {
    std::string text;  // lower-cased
    uint32_t brand;
    std::string with_hash;  // hashtags: "#" + text
  };
  std::vector<Term> terms_;
  std::vector<Term> hashtags_;
};

}  // namespace rapport
