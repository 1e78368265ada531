// Enrichment: what is read from an event's text once, at ingestion, so the text can
// be dropped afterwards (ARCHITECTURE.md "enrich"). Runs on the reader threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "core/brands.h"
#include "core/event_table.h"
#include "core/raw_event.h"
#include "text/intent.h"
#include "text/promotional.h"

namespace rapport {

class Vader;

struct TextSignals {
  float sentiment;    // VADER compound, NaN when sentiment is off
  uint8_t flags = 0;  // TextFlag bits
};

// What enrichment computes, for the callers that build an Enricher (report_job.cpp).
struct EnrichOptions {
  bool sentiment = true;    // VADER compound of every message (the `sentiment` column)
  bool classifiers = true;  // intent and promotional flags
  // TextSignal bits: what the metric families read (TextSignalsRead(), family.h). A
  // signal no family reads is not computed, whatever the two switches above say.
  unsigned read = kAllTextSignals;
  // Lexicons from rapport.toml's [classifiers] tables; unset: the defaults.
  std::optional<IntentLexicon> intent;
  std::optional<PromotionalLexicon> promotional;
};

class Enricher {
 public:
  explicit Enricher(const std::vector<BrandSpec>& brands);

  // @handles written in a text, in order, without '@' (not lower-cased).
  static void ExtractHandles(std::string_view text, std::vector<std::string_view>& out);
  // Indices of brands whose configured terms or hashtags the event carries.
  void MatchBrandTerms(const RawEvent& e, std::vector<uint32_t>& brands) const;
  // The same, trying the text byte by byte: the reference the vectorized search of
  // MatchBrandTerms (AVX2 builds) is tested against.
  void MatchBrandTermsScalar(const RawEvent& e, std::vector<uint32_t>& brands) const;
  TextSignals Analyze(const RawEvent& e) const;

  // From now on Analyze() scores the text of each message (post, reply, quote: shares,
  // reactions and sessions count in no sentiment figure): TextSignals::sentiment is the VADER
  // compound as the reference returns it (rounded to 4 places, so the +-0.05 classes
  // of METRICS.md agree with it), else NaN. `vader` (usually &Vader::Default()) must
  // outlive the Enricher; nullptr turns scoring off.
  void EnableSentiment(const Vader* vader) { vader_ = vader; }
  bool sentiment_enabled() const { return vader_ != nullptr; }

  // The text classifiers (docs/classifiers.md): Analyze() sets kQuestion, kComplaint,
  // kPraise (intent) and kPromotional (a link and an offer term) while they are on,
  // which is the default. SetClassifiers replaces their lexicons.
  void EnableClassifiers(bool on) { classify_ = on; }
  // The two classifiers one by one (both on by default): a report turns off the one no
  // metric family reads (intent, so far: docs/classifiers.md).
  void EnableIntent(bool on) { intent_on_ = on; }
  void EnablePromotional(bool on) { promotional_on_ = on; }
  // Whether Analyze() sets kPromotional (E3's promotional share is null otherwise).
  bool classifiers_enabled() const { return classify_ && promotional_on_; }
  void SetClassifiers(const IntentLexicon& intent, const PromotionalLexicon& promotional) {
    intent_ = IntentClassifier(intent);
    promotional_ = PromotionalClassifier(promotional);
  }
  // Everything `options` asks for: sentiment (with the default VADER), the classifiers
  // on or off, and their lexicons when configured.
  void Configure(const EnrichOptions& options);

 private:
  struct Term {
    std::string text;  // lower-cased
    uint32_t brand;
    std::string with_hash;  // hashtags: "#" + text
  };
  // Whether no metric reads this event's sentiment because its author is surely a
  // brand: its author id is a configured account, or (no brand configured) it is an
  // inbound=false message. E6 and E11 read the sentiment of audience messages only.
  // An account named only by its handle is decided after ingestion (ResolveRoles), so
  // its messages are still scored.
  bool SurelyBrandAuthored(const RawEvent& e) const;
  std::vector<Term> terms_;
  std::vector<Term> hashtags_;
  bool auto_brands_ = true;                        // no brand configured
  absl::flat_hash_set<std::string> accounts_;      // configured accounts (lower-case)
  uint64_t account_sizes_ = 0;  // bit n: an account of n bytes (n < 64): most ids miss
  // The searched strings (terms, then "#" + hashtag) by first byte, so that one pass
  // over a text finds them all: index i < terms_.size() is terms_[i], else
  // hashtags_[i - terms_.size()].
  std::vector<std::vector<uint32_t>> by_first_byte_;  // 256 lists
  static constexpr uint8_t kWordByte = 1, kFirstByte = 2;
  std::array<uint8_t, 256> byte_class_{};  // kWordByte | kFirstByte bits
  // The text bytes whose lower-cased value has kFirstByte, as two nibble tables: byte b
  // < 0x80 is one when first_low_[b & 15] & first_high_[b >> 4] (vpshufb lookups).
  // Exact only while every searched string starts with an ASCII byte (simd_first_).
  std::array<uint8_t, 16> first_low_{}, first_high_{};
  bool simd_first_ = false;
  template <bool kVector>
  void Match(const RawEvent& e, std::vector<uint32_t>& brands) const;
  const Vader* vader_ = nullptr;
  bool classify_ = true;
  bool intent_on_ = true;
  bool promotional_on_ = true;
  IntentClassifier intent_;
  PromotionalClassifier promotional_;
};

}  // namespace rapport
