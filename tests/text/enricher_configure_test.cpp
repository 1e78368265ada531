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

TEST(EnricherConfigure, ComputesOnlyTheSignalsRead) {
  const RawEvent text = Event("my order never arrived, still waiting? great deal https://acme.example/d");
  EnrichOptions options;
  options.read = kReadsSentiment | kReadsPromotional;  // what the families read today
  Enricher e(std::vector<BrandSpec>{});
  e.Configure(options);
  TextSignals s = e.Analyze(text);
  EXPECT_EQ(s.flags & (kComplaint | kQuestion | kPraise), 0);  // intent not asked for
  EXPECT_EQ(s.flags & (kHasLink | kPromotional), kHasLink | kPromotional);
  EXPECT_FALSE(std::isnan(s.sentiment));
  EXPECT_TRUE(e.classifiers_enabled());

  options.read = kReadsIntent;
  Enricher intent_only(std::vector<BrandSpec>{});
  intent_only.Configure(options);
  s = intent_only.Analyze(text);
  EXPECT_EQ(s.flags & (kComplaint | kQuestion), kComplaint | kQuestion);
  EXPECT_EQ(s.flags & kPromotional, 0);
  EXPECT_TRUE(std::isnan(s.sentiment));
  EXPECT_FALSE(intent_only.classifiers_enabled());  // E3's promotional share would be null
}

TEST(EnricherConfigure, SentimentOfMessagesOnly) {
  Enricher e(std::vector<BrandSpec>{});
  e.Configure(EnrichOptions{});
  RawEvent ev = Event("I love it, it is great!");
  for (EventType t : {EventType::kPost, EventType::kReply, EventType::kQuote}) {
    ev.type = t;
    EXPECT_GT(e.Analyze(ev).sentiment, 0.5f) << EventTypeName(t);
  }
  // No figure reads the sentiment of a share, reaction or session (METRICS.md E6, E11).
  for (EventType t : {EventType::kShare, EventType::kReaction, EventType::kSession}) {
    ev.type = t;
    EXPECT_TRUE(std::isnan(e.Analyze(ev).sentiment)) << EventTypeName(t);
  }
}

TEST(EnricherConfigure, LinkFlagFromTheText) {
  Enricher e(std::vector<BrandSpec>{});
  e.Configure(EnrichOptions{});
  for (const char* yes : {"http://a.b", "see https://a.b/c", "xhttp://a", "a https://b and ftp://c",
                          "ftp://a then http://b"})
    EXPECT_TRUE(e.Analyze(Event(yes)).flags & kHasLink) << yes;
  for (const char* no : {"ftp://a.b", "://a", "htt://a", "http:/a", "https:/a", "HTTP://A", "http",
                         "no link at all", ""})
    EXPECT_FALSE(e.Analyze(Event(no)).flags & kHasLink) << no;
  RawEvent with_entities = Event("no link in the text");
  with_entities.urls = 1;  // the reader saw URL entities
  EXPECT_TRUE(e.Analyze(with_entities).flags & kHasLink);
}

// E6 and E11 read the sentiment of audience messages only: a message whose author is
// surely a brand (ResolveRoles' rules that ingestion can apply exactly) is not scored.
TEST(EnricherConfigure, BrandsOwnMessagesAreNotScored) {
  BrandSpec acme;
  acme.name = "acme";
  acme.accounts = {"acmehelp", "acme"};
  Enricher configured(std::vector<BrandSpec>{acme});
  configured.Configure(EnrichOptions{});
  RawEvent ev = Event("I love it, it is great!");
  ev.author = "AcmeHelp";  // an account by its author id, any case
  EXPECT_TRUE(std::isnan(configured.Analyze(ev).sentiment));
  ev.inbound = Inbound::kFalse;
  ev.author = "12345";  // a brand named by its handle only is decided after ingestion
  ev.author_handle = "@acmehelp";
  EXPECT_GT(configured.Analyze(ev).sentiment, 0.5f);
  ev.author = "acmehelper";
  EXPECT_GT(configured.Analyze(ev).sentiment, 0.5f);

  // No brand configured: every author of an inbound=false message is a brand.
  Enricher automatic(std::vector<BrandSpec>{});
  automatic.Configure(EnrichOptions{});
  ev.inbound = Inbound::kFalse;
  EXPECT_TRUE(std::isnan(automatic.Analyze(ev).sentiment));
  for (Inbound in : {Inbound::kTrue, Inbound::kUnknown}) {
    ev.inbound = in;
    EXPECT_GT(automatic.Analyze(ev).sentiment, 0.5f);
  }
}

}  // namespace
}  // namespace rapport
