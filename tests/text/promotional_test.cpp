// Promotional classifier (src/text/promotional.cpp): the rules on hand-written cases,
// then the evaluation on the hand-labelled sample data/labels/promotional_labels.tsv,
// whose figures docs/classifiers.md reports (pinned here).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "text/enricher.h"
#include "text/promotional.h"

namespace rapport {
namespace {

TEST(PromotionalClassifier, OfferTermsPercentOffAndPrices) {
  PromotionalClassifier c;
  const std::pair<const char*, bool> cases[] = {
      {"Buy now", true},
      {"SHOP the new range", true},
      {"use PROMO CODE spring", true},
      {"promo", true},
      {"Sign up today", true},
      {"signup", true},
      {"sign the petition", false},  // "sign" alone is no term
      {"limited time only", true},
      {"Limited edition", false},
      {"20% off everything", true},
      {"20 % OFF", true},
      {"100% official", false},
      {"off we go, 50%", false},
      {"only $19.99", true},
      {"\xE2\x82\xAC" "5 a month", true},  // €5
      {"$AAPL up", false},                  // a cashtag is not a price
      {"US$ rates", false},
      {"big #sale", true},                  // hashtags are read
      {"https://shop.example.com/buy", false},  // words in links are not
      {"@shop hello", false},                   // nor handles
      {"shopping", true},
      {"shops", false},  // only the listed forms
      {"", false},
  };
  for (auto [text, want] : cases) EXPECT_EQ(c.HasOffer(text), want) << text;
}

TEST(PromotionalClassifier, NeedsALink) {
  PromotionalClassifier c;
  EXPECT_FALSE(c.IsPromotional("Buy now", false));
  EXPECT_TRUE(c.IsPromotional("Buy now", true));
  EXPECT_FALSE(c.IsPromotional("hello", true));
  Enricher e({});
  RawEvent ev;
  ev.text = "Spring sale: 20% off https://acme.example/spring";
  EXPECT_EQ(e.Analyze(ev).flags & (kHasLink | kPromotional), kHasLink | kPromotional);
  ev.text = "Spring sale: 20% off";  // no link
  EXPECT_EQ(e.Analyze(ev).flags & kPromotional, 0);
  ev.text = "Spring sale";
  ev.urls = 1;  // a link the reader saw in the entities
  EXPECT_EQ(e.Analyze(ev).flags & kPromotional, kPromotional);
}

TEST(PromotionalClassifier, LexiconIsConfigurable) {
  PromotionalLexicon l;
  l.terms = {"flash offer"};
  l.percent_off = false;
  l.prices = false;
  PromotionalClassifier c(l);
  EXPECT_TRUE(c.HasOffer("a Flash offer today"));
  EXPECT_FALSE(c.HasOffer("flash"));
  EXPECT_FALSE(c.HasOffer("buy now"));
  EXPECT_FALSE(c.HasOffer("20% off $5"));
  Enricher e({});
  e.SetClassifiers(IntentLexicon::Default(), l);
  RawEvent ev;
  ev.text = "flash offer https://x.example";
  EXPECT_TRUE(e.Analyze(ev).flags & kPromotional);
  ev.text = "buy now https://x.example";
  EXPECT_FALSE(e.Analyze(ev).flags & kPromotional);
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char n = s[++i];
    out.push_back(n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : n);
  }
  return out;
}

TEST(PromotionalEvaluation, HandLabelledSample) {
  std::ifstream in(std::string(RAPPORT_TEST_DIR) + "/../data/labels/promotional_labels.tsv");
  ASSERT_TRUE(in) << "data/labels/promotional_labels.tsv";
  Enricher enricher({});
  int n = 0, tp = 0, fp = 0, fn = 0, tn = 0;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
    ASSERT_NE(t3, std::string::npos) << line;
    bool want = line.substr(t2 + 1, t3 - t2 - 1) == "promotional";
    std::string text = Unescape(line.substr(t3 + 1));
    RawEvent e;
    e.text = text;  // links only as the text shows them (no reader entities)
    bool got = enricher.Analyze(e).flags & kPromotional;
    ++n;
    if (got != want && std::getenv("RAPPORT_EVAL_VERBOSE"))
      std::printf("%s %s\t%s\n", got ? "FP" : "FN", line.substr(t1 + 1, t2 - t1 - 1).c_str(),
                  text.substr(0, 120).c_str());
    tp += got && want;
    fp += got && !want;
    fn += !got && want;
    tn += !got && !want;
  }
  auto ratio = [](int a, int b) { return b ? static_cast<double>(a) / b : 0.0; };
  std::printf("promotional on %d hand-labelled texts: tp %d fp %d fn %d tn %d\n", n, tp, fp, fn, tn);
  std::printf("promotional precision %.3f recall %.3f; not-promotional precision %.3f recall %.3f\n",
              ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(tn, tn + fn), ratio(tn, tn + fp));
  // The figures of docs/classifiers.md.
  EXPECT_EQ(n, 170);
  EXPECT_EQ(tp, 7);
  EXPECT_EQ(fp, 6);
  EXPECT_EQ(fn, 36);
}

}  // namespace
}  // namespace rapport
