// Enricher::Configure (src/text/enricher.cpp): what EnrichOptions asks for reaches
// Analyze(): sentiment on or off, classifiers on or off, configured lexicons.
#include <gtest/gtest.h>

#include <cmath>

#include "core/event_table.h"
#include "text/enricher.h"

namespace rapport {
namespace {

RawEvent Event(std::string_view text) {
  RawEvent e;
  e.text = text;
  return e;
}

TEST(EnricherConfigure, ConfiguredLexiconsReplaceTheDefaults) {
  const RawEvent kaput = Event("@acme the blender is kaput");
  const RawEvent bogo = Event("BOGO this weekend https://acme.example/d");
  Enricher defaults(std::vector<BrandSpec>{});
  defaults.Configure(EnrichOptions{});
  EXPECT_FALSE(defaults.Analyze(kaput).flags & kComplaint);
  EXPECT_FALSE(defaults.Analyze(bogo).flags & kPromotional);
  EXPECT_FALSE(std::isnan(defaults.Analyze(kaput).sentiment));  // sentiment on by default

  EnrichOptions options;
  options.intent = IntentLexicon::Default();
  options.intent->complaint_terms.push_back("kaput");
  options.promotional = PromotionalLexicon::Default();
  options.promotional->terms.push_back("bogo");
  Enricher configured(std::vector<BrandSpec>{});
  configured.Configure(options);
  EXPECT_TRUE(configured.Analyze(kaput).flags & kComplaint);
  EXPECT_TRUE(configured.Analyze(bogo).flags & kPromotional);

  // Only one of the two configured: the other keeps its defaults.
  EnrichOptions only_promo;
  only_promo.promotional = options.promotional;
  Enricher half(std::vector<BrandSpec>{});
  half.Configure(only_promo);
  EXPECT_TRUE(half.Analyze(bogo).flags & kPromotional);
  EXPECT_FALSE(half.Analyze(kaput).flags & kComplaint);
  EXPECT_TRUE(half.Analyze(Event("my order never arrived, still waiting")).flags & kComplaint);
}

TEST(EnricherConfigure, OffMeansOff) {
  EnrichOptions options;
  options.sentiment = false;
  options.classifiers = false;
  Enricher e(std::vector<BrandSpec>{});
  e.Configure(options);
  TextSignals s = e.Analyze(Event("great deal https://example.com, still waiting?"));
  EXPECT_TRUE(std::isnan(s.sentiment));
  EXPECT_EQ(s.flags & (kComplaint | kQuestion | kPraise | kPromotional), 0);
}

}  // namespace
}  // namespace rapport
