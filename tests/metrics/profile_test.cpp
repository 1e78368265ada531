// E0 engagement profile (src/metrics/profile.cpp): percentile ranks and Kendall's
// tau-b worked out by hand, on result sets built directly (the figures under test are
// the families' outputs, so no event table is needed), and once through the driver.
#include "metrics/profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iterator>
#include <sstream>

#include "report/writers.h"

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Brand;
using test::TableBuilder;

constexpr double kEps = 1e-9;

BrandResults MakeBrand(const std::string& name, ValueRecord total) {
  BrandResults b;
  b.name = name;
  b.total.metrics = std::move(total);
  return b;
}

const Value& Pct(const BrandResults& b, const std::string& key) {
  const Value* profile = FindField(b.total.metrics, "profile");
  EXPECT_NE(profile, nullptr) << b.name;
  const Value* v = FindField(profile->as_record(), key);
  EXPECT_NE(v, nullptr) << b.name << " " << key;
  return *v;
}

const Value* Agreement(const ResultSet& r, const std::string& a, const std::string& b) {
  for (const auto& item : FindField(r.profile, "definition_agreement")->as_list()) {
    const auto& rec = item.as_record();
    if (FindField(rec, "a")->as_string() == a && FindField(rec, "b")->as_string() == b)
      return &item;
  }
  return nullptr;
}

TEST(PercentileRank, BeatsAndHalfTies) {
  // 0.8 among {0.5, 0.8, 0.2}: beats two, ties one: (2 + 0.5) / 3.
  EXPECT_NEAR(*PercentileRank(0.8, {0.5, 0.8, 0.2}, false), 250.0 / 3, kEps);
  EXPECT_NEAR(*PercentileRank(0.2, {0.5, 0.8, 0.8}, false), 0.0, kEps);
  // Times: faster is better, so 30 s beats 60 s and 120 s.
  EXPECT_NEAR(*PercentileRank(30, {60, 120}, true), 100.0, kEps);
  EXPECT_NEAR(*PercentileRank(60, {120, 30}, true), 50.0, kEps);
  EXPECT_FALSE(PercentileRank(1.0, {}, false).has_value());
}

TEST(KendallTauB, HandComputedWithTies) {
  // x = 1 2 2 3, y = 1 3 2 2: of the 6 pairs, 3 concordant, 1 discordant, one tied in
  // x only, one tied in y only: (3 - 1) / sqrt(5 * 5) = 0.4 (scipy.stats.kendalltau).
  auto tau = KendallTauB({{1, 1}, {2, 3}, {2, 2}, {3, 2}});
  ASSERT_TRUE(tau.has_value());
  EXPECT_NEAR(*tau, 0.4, kEps);
  EXPECT_NEAR(*KendallTauB({{1, 10}, {2, 20}, {3, 30}}), 1.0, kEps);
  EXPECT_NEAR(*KendallTauB({{1, 30}, {2, 20}, {3, 10}}), -1.0, kEps);
  EXPECT_FALSE(KendallTauB({{1, 1}, {2, 2}}).has_value());          // fewer than 3
  EXPECT_FALSE(KendallTauB({{1, 5}, {2, 5}, {3, 5}}).has_value());  // y constant: 0/0
}

// Four brands; brand c has no response time (null must stay null, never 0).
ResultSet FourBrands() {
  ResultSet r;
  r.brands.push_back(MakeBrand("a", {{"response_rate", Value(0.5)},
                                     {"response_time_median", Value(60.0)},
                                     {"dialogue_ratio", Value(0.1)}}));
  r.brands.push_back(MakeBrand("b", {{"response_rate", Value(0.8)},
                                     {"response_time_median", Value(120.0)},
                                     {"dialogue_ratio", Value(0.2)}}));
  r.brands.push_back(MakeBrand("c", {{"response_rate", Value(0.8)},
                                     {"response_time_median", Value()},
                                     {"dialogue_ratio", Value(0.3)}}));
  r.brands.push_back(MakeBrand("d", {{"response_rate", Value(0.2)},
                                     {"response_time_median", Value(30.0)},
                                     {"dialogue_ratio", Value(0.4)}}));
  return r;
}

TEST(ComputeProfile, PercentilesAmongBrands) {
  ResultSet r = FourBrands();
  ComputeProfile(r);
  EXPECT_EQ(FindField(r.profile, "compared")->as_string(), "brands");
  // response_rate 0.5 0.8 0.8 0.2
  EXPECT_NEAR(Pct(r.brands[0], "response_rate").as_double(), 100.0 / 3, kEps);
  EXPECT_NEAR(Pct(r.brands[1], "response_rate").as_double(), 250.0 / 3, kEps);
  EXPECT_NEAR(Pct(r.brands[2], "response_rate").as_double(), 250.0 / 3, kEps);
  EXPECT_NEAR(Pct(r.brands[3], "response_rate").as_double(), 0.0, kEps);
  // response_time_median 60 120 null 30: among the three brands with a time.
  EXPECT_NEAR(Pct(r.brands[0], "response_time_median").as_double(), 50.0, kEps);
  EXPECT_NEAR(Pct(r.brands[1], "response_time_median").as_double(), 0.0, kEps);
  EXPECT_TRUE(Pct(r.brands[2], "response_time_median").is_null());
  EXPECT_NEAR(Pct(r.brands[3], "response_time_median").as_double(), 100.0, kEps);
  // Families absent from the results: null, never 0.
  for (const char* key : {"engagement_rate", "shares_per_post", "net_sentiment", "participants",
                          "returning_share", "resolved_positive_share"})
    for (const auto& b : r.brands) EXPECT_TRUE(Pct(b, key).is_null()) << key;
}

TEST(ComputeProfile, DefinitionAgreement) {
  ResultSet r = FourBrands();
  ComputeProfile(r);
  // 11 headline metrics: 55 pairs.
  EXPECT_EQ(FindField(r.profile, "definition_agreement")->as_list().size(), 55u);
  // Rate vs time over a, b, d (c has no time), times negated (faster is better):
  // (0.5, -60) (0.8, -120) (0.2, -30): all three pairs discordant: tau-b = -1.
  const auto& rt = Agreement(r, "response_rate", "response_time_median")->as_record();
  EXPECT_NEAR(FindField(rt, "tau_b")->as_double(), -1.0, kEps);
  EXPECT_EQ(FindField(rt, "brands")->as_int(), 3);
  // Rate 0.5 0.8 0.8 0.2 vs dialogue 0.1 0.2 0.3 0.4: 2 concordant, 3 discordant,
  // 1 pair tied in rate: (2 - 3) / sqrt(5 * 6).
  const auto& rd = Agreement(r, "response_rate", "dialogue_ratio")->as_record();
  EXPECT_NEAR(FindField(rd, "tau_b")->as_double(), -1.0 / std::sqrt(30.0), kEps);
  EXPECT_EQ(FindField(rd, "brands")->as_int(), 4);
  // A metric no brand has: null with 0 brands.
  const auto& rs = Agreement(r, "response_rate", "shares_per_post")->as_record();
  EXPECT_TRUE(FindField(rs, "tau_b")->is_null());
  EXPECT_EQ(FindField(rs, "brands")->as_int(), 0);
}

TEST(ComputeProfile, TerminalSummaryTable) {
  ResultSet r = FourBrands();
  ComputeProfile(r);
  std::string text = WriteText(r, false);
  size_t table = text.find("E0 Engagement profile (percentile among the brands, 100 = best)");
  ASSERT_NE(table, std::string::npos);
  // Brand d: no engagement rate, the lowest rate (0), the fastest time (100), the
  // highest dialogue ratio (100), nothing else.
  size_t at = text.find("\n  d ", table);
  ASSERT_NE(at, std::string::npos) << text;
  std::string line = text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  std::istringstream words(line);
  std::vector<std::string> cells{std::istream_iterator<std::string>(words), {}};
  EXPECT_EQ(cells, (std::vector<std::string>{"d", "n/a", "0", "100", "100", "n/a", "n/a", "n/a", "n/a",
                                             "n/a", "n/a", "n/a"}));
}

TEST(ComputeProfile, AgreementNullWithFewerThanThreeBrands) {
  ResultSet r = FourBrands();
  r.brands.resize(2);
  ComputeProfile(r);
  for (const auto& item : FindField(r.profile, "definition_agreement")->as_list())
    EXPECT_TRUE(FindField(item.as_record(), "tau_b")->is_null());
  EXPECT_NEAR(Pct(r.brands[0], "response_rate").as_double(), 0.0, kEps);
  EXPECT_NEAR(Pct(r.brands[1], "response_rate").as_double(), 100.0, kEps);
}

TEST(ComputeProfile, EngagementRateImpressionsElseFollowers) {
  ResultSet r;
  r.brands.push_back(MakeBrand("a", {{"engagement_rate_impressions", Value()},
                                     {"engagement_rate_followers", Value(0.02)}}));
  r.brands.push_back(MakeBrand("b", {{"engagement_rate_impressions", Value(0.05)},
                                     {"engagement_rate_followers", Value(0.01)}}));
  r.brands.push_back(MakeBrand("c", {{"engagement_rate_impressions", Value(0.03)},
                                     {"engagement_rate_followers", Value(0.5)}}));
  ComputeProfile(r);
  // Some brand has impressions: every brand is ranked on the impressions rate.
  const auto& first = FindField(r.profile, "metrics")->as_list()[0].as_record();
  EXPECT_EQ(FindField(first, "key")->as_string(), "engagement_rate");
  EXPECT_EQ(FindField(first, "metric")->as_string(), "engagement_rate_impressions");
  EXPECT_TRUE(Pct(r.brands[0], "engagement_rate").is_null());
  EXPECT_NEAR(Pct(r.brands[1], "engagement_rate").as_double(), 100.0, kEps);
  EXPECT_NEAR(Pct(r.brands[2], "engagement_rate").as_double(), 0.0, kEps);

  for (auto& b : r.brands) b.total.metrics[0].second = Value();  // no impressions anywhere
  ComputeProfile(r);
  EXPECT_EQ(FindField(FindField(r.profile, "metrics")->as_list()[0].as_record(), "metric")->as_string(),
            "engagement_rate_followers");
  EXPECT_NEAR(Pct(r.brands[0], "engagement_rate").as_double(), 50.0, kEps);
  EXPECT_NEAR(Pct(r.brands[1], "engagement_rate").as_double(), 0.0, kEps);
  EXPECT_NEAR(Pct(r.brands[2], "engagement_rate").as_double(), 100.0, kEps);
}

TEST(ComputeProfile, SingleBrandAgainstItsOwnPeriods) {
  ResultSet r;
  r.brands.push_back(MakeBrand("solo", {{"response_rate", Value(0.3)}}));
  r.brands[0].periods["2024-W01"].metrics = {{"response_rate", Value(0.2)}};
  r.brands[0].periods["2024-W02"].metrics = {{"response_rate", Value(0.4)}};
  r.brands[0].periods["2024-W03"].metrics = {{"response_rate", Value()}};
  r.brands[0].periods["2024-W04"].metrics = {{"response_rate", Value(0.4)}};
  ComputeProfile(r);
  EXPECT_EQ(FindField(r.profile, "compared")->as_string(), "periods");
  // The range's 0.3 among the periods 0.2 0.4 0.4: beats one of three.
  EXPECT_NEAR(Pct(r.brands[0], "response_rate").as_double(), 100.0 / 3, kEps);
  auto period_pct = [&](const std::string& label) {
    return *FindField(FindField(r.brands[0].periods[label].metrics, "profile")->as_record(), "response_rate");
  };
  EXPECT_NEAR(period_pct("2024-W01").as_double(), 0.0, kEps);   // among 0.4 0.4
  EXPECT_NEAR(period_pct("2024-W02").as_double(), 75.0, kEps);  // among 0.2 0.4
  EXPECT_TRUE(period_pct("2024-W03").is_null());
  for (const auto& item : FindField(r.profile, "definition_agreement")->as_list())
    EXPECT_TRUE(FindField(item.as_record(), "tau_b")->is_null());
}

TEST(ComputeProfile, RunByTheDriverAfterTheFamilies) {
  // Three brands, each asked once; two answer (after 2 and 10 minutes), one never does.
  const Seconds t0 = test::T("2024-03-04T10:00:00Z");
  TableBuilder b({Brand("a", {"a_help"}), Brand("b", {"b_help"}), Brand("c", {"c_help"})});
  b.Post("1", "sam", t0, {.mentions = {"a_help"}});
  b.Reply("2", "a_help", t0 + 2 * test::kMinute, "1");
  b.Post("3", "joe", t0, {.mentions = {"b_help"}});
  b.Reply("4", "b_help", t0 + 10 * test::kMinute, "3");
  b.Post("5", "ann", t0, {.mentions = {"c_help"}});
  ResultSet r = test::ComputeResults(b, {.as_of = t0 + 30 * test::kDay});
  ASSERT_EQ(r.brands.size(), 3u);
  EXPECT_NEAR(Pct(r.brands[0], "response_rate").as_double(), 75.0, kEps);  // 1 vs 1, 0
  EXPECT_NEAR(Pct(r.brands[2], "response_rate").as_double(), 0.0, kEps);
  EXPECT_NEAR(Pct(r.brands[0], "response_time_median").as_double(), 100.0, kEps);
  EXPECT_NEAR(Pct(r.brands[1], "response_time_median").as_double(), 0.0, kEps);
  EXPECT_TRUE(Pct(r.brands[2], "response_time_median").is_null());
  // The week's record carries the same ranks.
  const Value* week = FindField(r.brands[0].periods.at("2024-W10").metrics, "profile");
  ASSERT_NE(week, nullptr);
  EXPECT_NEAR(FindField(week->as_record(), "response_rate")->as_double(), 75.0, kEps);
}

}  // namespace
}  // namespace rapport
