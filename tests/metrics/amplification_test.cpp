// E5 Amplification (src/metrics/amplification.cpp): shares and quotes of brand
// content per post and per follower, with missing counters kept out of the ratios,
// and earned mentions (mentions that are not replies to the brand). Figures by hand.
#include <gtest/gtest.h>

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
using C = Counter;

const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10
const Seconds kW11 = test::T("2024-03-11T10:00:00Z");  // Monday, 2024-W11
constexpr Seconds kMin = test::kMinute;

std::vector<BrandSpec> Brands() {
  return {Brand("acme", {"acme_help"}, {"acme"}), Competitor("rival", {"rival_care"})};
}

// acme's content (shares + quotes, followers):
//   1  x post   W10  2 + 1 = 3, 500 followers   -> 3/500 = 0.006
//   2  x reply  W10  0 + 0 = 0, 500 followers   -> 0
//   3  x quote  W11  5 + quotes missing = 5 (without_quotes), 0 followers (no rate)
//   4  x post   W11  shares missing, 4 quotes: not measured
//   m1 mastodon W11  3 + quotes missing = 3 (without_quotes), 200 followers -> 0.015
// Audience messages that mention acme:
//   a1 reply to 1 ("@acme_help hi"): a reply to the brand, not earned
//   a2 post "love @acme_help": earned
//   a3 quote of 1: earned (a quote is no reply)
//   a4 reply to a2 "@acme_help too": a reply to kim, earned
//   a7 post with the term "acme": earned
//   a8 reply to acme's reply 2, "@rival_care is better": not earned for acme; for rival
//      (its parent is acme's) earned
//   a5 W11 reply to a post missing from the input, "@acme_help ?": cannot be placed
// a6, a share of 1, is no message.
TableBuilder Fixture() {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0,
         {.counters = {{C::kShares, 2}, {C::kQuotes, 1}, {C::kLikes, 9}}, .followers = 500});
  b.Reply("a1", "sam", kT0 + 1 * kMin, "1", {.text = "@acme_help hi"});
  b.Reply("2", "acme_help", kT0 + 2 * kMin, "a1",
          {.counters = {{C::kShares, 0}, {C::kQuotes, 0}}, .followers = 500});
  b.Post("a2", "kim", kT0 + 3 * kMin, {.text = "love @acme_help"});
  b.Quote("a3", "lee", kT0 + 4 * kMin, "1", {.text = "look at this"});
  b.Reply("a4", "pat", kT0 + 5 * kMin, "a2", {.text = "@acme_help too"});
  b.Share("a6", "kim", kT0 + 6 * kMin, "1");
  b.Post("a7", "sam", kT0 + 7 * kMin, {.text = "my acme parcel came"});
  b.Reply("a8", "sam", kT0 + 8 * kMin, "2", {.text = "@rival_care is better"});
  b.Quote("3", "acme_help", kW11, "a2",
          {.counters = {{C::kShares, 5}}, .followers = 0});
  b.Post("4", "acme_help", kW11 + kMin, {.counters = {{C::kQuotes, 4}}});
  b.Reply("a5", "zed", kW11 + 2 * kMin, "404", {.text = "@acme_help ?"});
  b.Post("m1", "acme_help", kW11 + 3 * kMin,
         {.platform = Platform::kMastodon, .counters = {{C::kShares, 3}}, .followers = 200});
  return b;
}

const Value& Coverage(const ScopeMetrics& scope, std::string_view key) {
  const Value* cov = FindField(scope.coverage, "amplification");
  EXPECT_NE(cov, nullptr);
  const Value* v = FindField(cov->as_record(), key);
  EXPECT_NE(v, nullptr) << key;
  return *v;
}

TEST(Amplification, SharesPerPostAndRateOverMeasuredPosts) {
  ResultSet r = test::ComputeResults(Fixture());
  EXPECT_TRUE(IsInt(Total(r, "acme", "shares"), 10));  // 2 + 0 + 5 + 3; post 4 not measured
  EXPECT_TRUE(IsInt(Total(r, "acme", "quotes"), 1));
  // (10 + 1) / 4 measured posts
  EXPECT_TRUE(IsNumber(Total(r, "acme", "shares_per_post"), 11.0 / 4));
  // (0.006 + 0 + 0.015) / 3 posts with followers
  EXPECT_TRUE(IsNumber(Total(r, "acme", "amplification_rate"), 0.021 / 3));
  const ScopeMetrics& t = r.brands[0].total;
  EXPECT_TRUE(IsInt(Coverage(t, "content_posts"), 5));
  EXPECT_TRUE(IsInt(Coverage(t, "measured"), 4));
  EXPECT_TRUE(IsInt(Coverage(t, "excluded_no_shares"), 1));
  EXPECT_TRUE(IsInt(Coverage(t, "without_quotes"), 2));
  EXPECT_TRUE(IsInt(Coverage(t, "with_followers"), 3));
}

TEST(Amplification, EarnedMentionsAreNotRepliesToTheBrand) {
  ResultSet r = test::ComputeResults(Fixture());
  EXPECT_TRUE(IsInt(Total(r, "acme", "earned_mentions"), 4));  // a2 a3 a4 a7
  const ScopeMetrics& t = r.brands[0].total;
  EXPECT_TRUE(IsInt(Coverage(t, "mentions"), 7));  // a1 a2 a3 a4 a5 a7 a8
  EXPECT_TRUE(IsInt(Coverage(t, "excluded_unknown_parent"), 1));  // a5
  EXPECT_TRUE(IsInt(Total(r, "rival", "earned_mentions"), 1));  // a8 replies to acme, not rival
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "earned_mentions"), 4));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "earned_mentions"), 0));
}

TEST(Amplification, PeriodsAndPlatforms) {
  ResultSet r = test::ComputeResults(Fixture());
  // W10: posts 1 and 2: (3 + 0) / 2; W11: 3 and m1 measured: (5 + 3) / 2.
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W10", "shares_per_post"), 1.5));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "shares_per_post"), 4.0));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "amplification_rate"), 0.015));
  // x: 1 2 3 measured: (2 + 1 + 0 + 5) / 3; mastodon: 3 / 1.
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "shares_per_post"), 8.0 / 3));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "mastodon", "shares_per_post"), 3.0));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "amplification_rate"), 0.003));
}

TEST(Amplification, NoMeasuredPostGivesNullNotZero) {
  // Only post 4 (no shares counter) and no followers: every ratio is null.
  TableBuilder b(Brands());
  b.Post("4", "acme_help", kT0, {.counters = {{C::kQuotes, 4}}});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNull(Total(r, "acme", "shares_per_post")));
  EXPECT_TRUE(IsNull(Total(r, "acme", "amplification_rate")));
  EXPECT_TRUE(IsInt(Total(r, "acme", "shares"), 0));
  EXPECT_TRUE(IsInt(Total(r, "acme", "earned_mentions"), 0));
  EXPECT_TRUE(IsNull(Total(r, "rival", "shares_per_post")));
  EXPECT_TRUE(IsInt(Coverage(r.brands[0].total, "excluded_no_shares"), 1));
}

TEST(Amplification, MergingPartsEqualsTheWhole) {
  test::Analysis a(Fixture());
  ResultSet whole = test::ComputeFamily(a, "E5");
  for (std::vector<size_t> cuts : {std::vector<size_t>{1}, {1, 2, 3}, {2, 5}}) {
    ResultSet parts = test::ComputeFamily(a, "E5", cuts);
    EXPECT_TRUE(test::ResultsNear(whole, parts, 0));
  }
}

}  // namespace
}  // namespace rapport
