// Enricher::EnableSentiment: TextSignals::sentiment is the VADER compound when on.
#include <gtest/gtest.h>

#include <cmath>

#include "core/event_table.h"
#include "text/enricher.h"
#include "text/vader.h"

namespace rapport {
namespace {

RawEvent Event(std::string_view text) {
  RawEvent e;
  e.text = text;
  return e;
}

TEST(EnricherSentiment, NaNWhenOff) {
  Enricher enricher({});
  EXPECT_FALSE(enricher.sentiment_enabled());
  EXPECT_TRUE(std::isnan(enricher.Analyze(Event("The book was good.")).sentiment));
}

TEST(EnricherSentiment, CompoundAsTheReferenceReturnsIt) {
  Enricher enricher({});
  enricher.EnableSentiment(&Vader::Default());
  EXPECT_TRUE(enricher.sentiment_enabled());
  for (std::string_view text : {"The book was good.", "At least it isn't a horrible book.",
                                "Today SUX!", "", "plain words"}) {
    double compound = RoundPython(Vader::Default().PolarityScores(text).compound, 4);
    EXPECT_EQ(enricher.Analyze(Event(text)).sentiment, static_cast<float>(compound)) << text;
  }
  EXPECT_GT(enricher.Analyze(Event("The book was good.")).sentiment, 0.05f);
  EXPECT_LT(enricher.Analyze(Event("Today SUX!")).sentiment, -0.05f);
  // The other signals are unchanged.
  TextSignals s = enricher.Analyze(Event("great deal https://example.com"));
  EXPECT_TRUE(s.flags & kHasLink);
  EXPECT_GT(s.sentiment, 0.0f);
  enricher.EnableSentiment(nullptr);
  EXPECT_TRUE(std::isnan(enricher.Analyze(Event("The book was good.")).sentiment));
}

}  // namespace
}  // namespace rapport
