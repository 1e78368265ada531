// E6 Brand health (src/metrics/brand_health.cpp): buzz, sentiment classes, share of
// voice and the 0-100 score on tiny tables, each figure worked out by hand. Sentiment
// scores are set on the table's `sentiment` column directly, so the classes under
// test do not depend on VADER.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Brand;
using test::Competitor;
using test::InPeriod;
using test::IsInt;
using test::IsNull;
using test::IsNumber;
using test::OnPlatform;
using test::TableBuilder;
using test::Total;

constexpr Seconds kMin = test::kMinute;
constexpr Seconds kDay = test::kDay;
const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10

// The table of `b` with the given compound scores by event id (0 for the others), as
// ingestion with sentiment on would store them.
EventTable Scored(const TableBuilder& b, const std::map<std::string, float>& scores) {
  EventTable t = b.Build();
  auto& col = t.mutable_columns();
  col.sentiment.assign(t.size(), 0.0f);
  for (size_t row = 0; row < t.size(); ++row) {
    auto it = scores.find(std::string(t.IdString(row)));
    if (it != scores.end()) col.sentiment[row] = it->second;
  }
  return t;
}

const std::vector<std::string> kE6Metrics = {"buzz",     "positive",       "neutral",
                                             "negative", "net_sentiment",  "share_of_voice",
                                             "brand_health"};

TableBuilder TwoBrands() {
  TableBuilder b({Brand("acme", {"acme_help"}, {"acme"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Post("2", "joe", kT0 + kMin, {.mentions = {"acme_help"}});
  b.Post("3", "ann", kT0 + 2 * kMin, {.mentions = {"acme_help"}});
  b.Post("4", "bob", kT0 + 3 * kMin, {.mentions = {"rival_care"}});
  b.Post("5", "kim", kT0 + 4 * kMin, {.mentions = {"acme_help", "rival_care"}});
  b.Post("6", "lee", kT0 + 5 * kMin, {.text = "saw Acme today"});  // a term: a mention
  b.Post("7", "max", kT0 + 6 * kMin, {.text = "acme rocks"});
  b.Post("8", "sam", kT0 + 7 * kMin, {.mentions = {"acme_help"}});
  b.Post("9", "acme_help", kT0 + 8 * kMin, {.text = "acme is great"});  // the brand's own
  b.Share("10", "lee", kT0 + 9 * kMin, "1");                           // not a message
  return b;
}
const std::map<std::string, float> kScores = {{"1", 0.5f},     {"2", -0.3f}, {"3", 0.0f},
                                              {"4", 0.6f},     {"5", -0.05f}, {"6", 0.0499f},
                                              {"7", 0.05f},    {"8", 0.9f},  {"9", 0.9f}};

TEST(BrandHealth, CountsSharesAndScoreOfTwoBrands) {
  // acme: mentions 1 2 3 5 6 7 8 = 7; positive 1 7 8 (0.05 is positive), negative 2 5
  // (-0.05 is negative), neutral 3 6 (0.0499). net = (3 - 2) / 5 = 0.2.
  // rival: 4 (positive) and 5 (negative): buzz 2, net 0.
  // share of voice: 7/9 and 2/9; fair share 9 / 2 = 4.5.
  // acme health = round(100 (0.6 * 0.6 + 0.4 * 1)) = 76;
  // rival = round(100 (0.6 * 0.5 + 0.4 * 2/4.5)) = round(47.78) = 48.
  TableBuilder b = TwoBrands();
  test::Analysis a(Scored(b, kScores), b.brands());
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(Total(r, "acme", "buzz"), 7));
  EXPECT_TRUE(IsInt(Total(r, "acme", "positive"), 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "neutral"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "negative"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "net_sentiment"), 0.2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "share_of_voice"), 7.0 / 9));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_health"), 76));
  EXPECT_TRUE(IsInt(Total(r, "rival", "buzz"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "rival", "net_sentiment"), 0.0));
  EXPECT_TRUE(IsNumber(Total(r, "rival", "share_of_voice"), 2.0 / 9));
  EXPECT_TRUE(IsInt(Total(r, "rival", "brand_health"), 48));
  // The same in the one period and on the one platform.
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "brand_health"), 76));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "rival", "x", "share_of_voice"), 2.0 / 9));
}

TEST(BrandHealth, WithoutScoresSentimentFiguresAreNull) {
  TableBuilder b = TwoBrands();
  ResultSet r = test::ComputeResults(b);  // no sentiment column
  EXPECT_TRUE(IsInt(Total(r, "acme", "buzz"), 7));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "share_of_voice"), 7.0 / 9));
  for (const char* m : {"positive", "neutral", "negative", "net_sentiment", "brand_health"})
    EXPECT_TRUE(IsNull(Total(r, "acme", m))) << m;
}

TEST(BrandHealth, EmptyInputGivesZeroBuzzAndNulls) {
  ResultSet r = test::ComputeResults(TableBuilder({Brand("acme", {"acme_help"})}));
  const ScopeMetrics* total = test::FindScope(r, "acme");
  ASSERT_NE(total, nullptr);
  std::vector<std::string> names;
  for (const auto& [k, v] : total->metrics) names.push_back(k);
  EXPECT_THAT(names, ::testing::IsSupersetOf(kE6Metrics));
  EXPECT_TRUE(IsInt(Total(r, "acme", "buzz"), 0));
  for (const char* m : {"net_sentiment", "share_of_voice", "brand_health"})
    EXPECT_TRUE(IsNull(Total(r, "acme", m))) << m;
}

TEST(BrandHealth, OnlyNeutralMentionsHaveNoNetSentimentNorScore) {
  TableBuilder b({Brand("acme", {"acme_help"})});
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  test::Analysis a(Scored(b, {{"1", 0.0f}}), b.brands());
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(Total(r, "acme", "neutral"), 1));
  EXPECT_TRUE(IsNull(Total(r, "acme", "net_sentiment")));
  EXPECT_TRUE(IsNull(Total(r, "acme", "brand_health")));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "share_of_voice"), 1.0));
}

TEST(BrandHealth, SingleBrandFairShareIsTheMedianBuzzOfThePeriods) {
  // Weekly buzz: W10 3, W11 1, W12 0 (a brand post only, which puts W12 in the
  // range), W13 2. Sorted 0 1 2 3: median 1.5. Every mention positive: S = 1.
  // W11: V = 1/1.5 -> round(100 (0.6 + 0.4 * 2/3)) = 87; W10, W13 and the range: V = 1.
  TableBuilder b({Brand("acme", {"acme_help"})});
  std::map<std::string, float> scores;
  auto mention = [&](const std::string& id, Seconds t) {
    b.Post(id, "fan" + id, t, {.mentions = {"acme_help"}});
    scores[id] = 0.6f;
  };
  mention("1", kT0);
  mention("2", kT0 + kMin);
  mention("3", kT0 + 2 * kMin);
  mention("4", kT0 + 7 * kDay);
  b.Post("5", "acme_help", kT0 + 14 * kDay);
  mention("6", kT0 + 21 * kDay);
  mention("7", kT0 + 21 * kDay + kMin);
  test::Analysis a(Scored(b, scores), b.brands());
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "brand_health"), 87));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "brand_health"), 100));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W13", "brand_health"), 100));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-W12", "brand_health")));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W12", "buzz"), 0));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_health"), 100));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "share_of_voice"), 1.0));
}

TEST(BrandHealth, ShareOfVoiceIsPerPlatformAndPeriod) {
  // W10: x acme 2; reddit rival 1. W11: reddit acme 1. A brand without mentions in a
  // scope where another has some gets 0, not null, on a platform where it has
  // mentions at all (acme on reddit in W10); elsewhere it gets no platform record.
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Post("2", "joe", kT0 + kMin, {.mentions = {"acme_help"}});
  b.Post("3", "ann", kT0 + 2 * kMin, {.mentions = {"rival_care"}, .platform = Platform::kReddit});
  b.Post("4", "bob", kT0 + 7 * kDay, {.mentions = {"acme_help"}, .platform = Platform::kReddit});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "share_of_voice"), 1.0));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "reddit", "share_of_voice"), 0.5));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "rival", "reddit", "share_of_voice"), 0.5));
  EXPECT_TRUE(IsNumber(test::OnPlatformInPeriod(r, "acme", "reddit", "2024-W10", "share_of_voice"), 0.0));
  EXPECT_TRUE(IsInt(test::OnPlatformInPeriod(r, "acme", "reddit", "2024-W10", "buzz"), 0));
  EXPECT_TRUE(IsNumber(test::OnPlatformInPeriod(r, "rival", "reddit", "2024-W10", "share_of_voice"), 1.0));
  EXPECT_EQ(test::FindScope(r, "rival", {}, "x"), nullptr);  // no mentions of rival on x
  EXPECT_TRUE(IsNumber(InPeriod(r, "rival", "2024-W11", "share_of_voice"), 0.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "share_of_voice"), 3.0 / 4));
  EXPECT_TRUE(IsNumber(Total(r, "rival", "share_of_voice"), 1.0 / 4));
}

TEST(BrandHealth, SinceAndUntilFilterMentions) {
  TableBuilder b = TwoBrands();
  test::Analysis a(Scored(b, kScores), b.brands(),
                   {.since = kT0 + kMin, .until = kT0 + 5 * kMin});
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(Total(r, "acme", "buzz"), 3));  // 2, 3, 5
  EXPECT_TRUE(IsInt(Total(r, "rival", "buzz"), 2));  // 4, 5
}

TEST(BrandHealth, MergingPartsEqualsTheWhole) {
  TableBuilder b = TwoBrands();
  for (int k = 0; k < 6; ++k)
    b.Post("m" + std::to_string(k), "u" + std::to_string(k), kT0 + k * kDay,
           {.mentions = {k % 2 ? "acme_help" : "rival_care"}});
  std::map<std::string, float> scores = kScores;
  for (int k = 0; k < 6; ++k) scores["m" + std::to_string(k)] = k % 3 ? -0.4f : 0.7f;
  test::Analysis a(Scored(b, scores), b.brands(), {.by = PeriodUnit::kDay});
  ResultSet whole = test::ComputeFamily(a, "E6");
  for (size_t cut : {size_t{1}, size_t{5}, size_t{9}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E6", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E6", {2, 4, 11}), whole));
}

}  // namespace
}  // namespace rapport
