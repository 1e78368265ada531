// E1 Exposure and action (src/metrics/exposure.cpp): actions per the platforms' own
// definitions, engagement rates by impressions, reach and followers, coverage of
// missing counters, top posts; and E12's channel table (src/metrics/channels.cpp) on
// the same posts. Every figure below is worked out by hand in the comments.
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
using test::OnPlatformInPeriod;
using test::TableBuilder;
using test::Total;
using C = Counter;

const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10
const Seconds kW11 = test::T("2024-03-11T10:00:00Z");  // Monday, 2024-W11
constexpr Seconds kHour = test::kHour;

std::vector<BrandSpec> Brands() {
  return {Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})};
}

// acme's content, with its actions under the default definitions (weights 1):
//   1  x post   W10  10 likes 2 shares 1 quote 3 replies 4 bookmarks = 20; 1000 impressions, 500 followers
//   2  x reply  W10  1 like, 0 shares/quotes/replies, bookmarks missing = 1 (incomplete); 100 impressions, 500 followers
//   3  x quote  W11  5 likes 5 shares 0 0 0 + 10 clicks (optional) = 20; followers 0 (no rate)
//   4  x post   W11  no counter at all: not measured (its 500 impressions are not used)
//   m1 mastodon W11  6 likes 3 reblogs 1 reply, quotes missing (optional) = 10; 200 followers
//   r1 reddit   W10  score 50, comments missing = 50 (incomplete)
//   f1 facebook W10  30 reactions (likes) 5 comments 5 shares, clicks missing (optional) = 40; reach 800
// Not content: acme's share 5 (counters ignored), sam's reply 9 (audience).
TableBuilder Fixture() {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0,
         {.counters = {{C::kLikes, 10}, {C::kShares, 2}, {C::kQuotes, 1}, {C::kReplies, 3},
                       {C::kBookmarks, 4}, {C::kImpressions, 1000}},
          .followers = 500});
  b.Reply("9", "sam", kT0 + 300, "1", {.text = "@acme_help where is my order", .counters = {{C::kLikes, 7}}});
  b.Reply("2", "acme_help", kT0 + kHour, "9",
          {.counters = {{C::kLikes, 1}, {C::kShares, 0}, {C::kQuotes, 0}, {C::kReplies, 0},
                        {C::kImpressions, 100}},
           .followers = 500});
  b.Post("r1", "acme_help", kT0 + 2 * kHour,
         {.platform = Platform::kReddit, .counters = {{C::kScore, 50}}});
  b.Post("f1", "acme_help", kT0 + 3 * kHour,
         {.platform = Platform::kFacebook,
          .counters = {{C::kLikes, 30}, {C::kComments, 5}, {C::kShares, 5}, {C::kReach, 800}}});
  b.Share("5", "acme_help", kT0 + 4 * kHour, "9", {.counters = {{C::kLikes, 100}}});
  b.Quote("3", "acme_help", kW11, "1",
          {.counters = {{C::kLikes, 5}, {C::kShares, 5}, {C::kQuotes, 0}, {C::kReplies, 0},
                        {C::kBookmarks, 0}, {C::kClicks, 10}},
           .followers = 0});
  b.Post("4", "acme_help", kW11 + kHour, {.counters = {{C::kImpressions, 500}}});
  b.Post("m1", "acme_help", kW11 + 23 * kHour,
         {.platform = Platform::kMastodon,
          .counters = {{C::kLikes, 6}, {C::kShares, 3}, {C::kReplies, 1}},
          .followers = 200});
  return b;
}

const Value& Coverage(const ResultSet& r, std::string_view key, const ScopeMetrics* scope = nullptr) {
  if (!scope) scope = &r.brands[0].total;
  const Value* cov = FindField(scope->coverage, "exposure");
  EXPECT_NE(cov, nullptr);
  const Value* v = FindField(cov->as_record(), key);
  EXPECT_NE(v, nullptr) << key;
  return *v;
}

TEST(Exposure, ActionsAndRatesOverEveryPlatform) {
  ResultSet r = test::ComputeResults(Fixture());
  EXPECT_TRUE(IsInt(Total(r, "acme", "content_posts"), 7));
  // 20 + 1 + 20 + 10 + 50 + 40
  EXPECT_TRUE(IsInt(Total(r, "acme", "actions"), 141));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "actions_per_post_mean"), 141.0 / 6));
  // sorted 1 10 20 20 40 50: (20 + 20) / 2
  EXPECT_TRUE(IsNumber(Total(r, "acme", "actions_per_post_median"), 20.0));
  // Posts 1 and 2 have impressions: (20 + 1) / (1000 + 100); post 4's are not used.
  EXPECT_TRUE(IsNumber(Total(r, "acme", "engagement_rate_impressions"), 21.0 / 1100));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "engagement_rate_reach"), 40.0 / 800));
  // 20/500, 1/500, 10/200 (post 3 has 0 followers: left out)
  EXPECT_TRUE(IsNumber(Total(r, "acme", "engagement_rate_followers"), (0.04 + 0.002 + 0.05) / 3));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "engagement_rate"), 21.0 / 1100));
  EXPECT_EQ(Total(r, "acme", "engagement_rate_basis").as_string(), "impressions");

  EXPECT_TRUE(IsInt(Coverage(r, "content_posts"), 7));
  EXPECT_TRUE(IsInt(Coverage(r, "measured"), 6));
  EXPECT_TRUE(IsInt(Coverage(r, "excluded_no_counters"), 1));
  EXPECT_TRUE(IsInt(Coverage(r, "incomplete_counters"), 2));
  EXPECT_TRUE(IsInt(Coverage(r, "with_impressions"), 2));
  EXPECT_TRUE(IsInt(Coverage(r, "with_reach"), 1));
  EXPECT_TRUE(IsInt(Coverage(r, "with_followers"), 3));
}

TEST(Exposure, PlatformsAndPeriods) {
  ResultSet r = test::ComputeResults(Fixture());
  // x: posts 1 2 3 4, measured 1 2 3: 41 actions; followers 20/500 and 1/500.
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "x", "content_posts"), 4));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "x", "actions"), 41));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "engagement_rate_followers"), 0.021));
  EXPECT_TRUE(IsNull(OnPlatform(r, "acme", "x", "engagement_rate_reach")));
  // mastodon: no impressions, so the headline rate is the followers one.
  EXPECT_TRUE(IsNull(OnPlatform(r, "acme", "mastodon", "engagement_rate_impressions")));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "mastodon", "engagement_rate"), 0.05));
  EXPECT_EQ(OnPlatform(r, "acme", "mastodon", "engagement_rate_basis").as_string(), "followers");
  // reddit: score + comments, neither impressions nor followers: no rate at all.
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "reddit", "actions"), 50));
  EXPECT_TRUE(IsNull(OnPlatform(r, "acme", "reddit", "engagement_rate")));
  EXPECT_TRUE(IsNull(OnPlatform(r, "acme", "reddit", "engagement_rate_basis")));
  // facebook: reactions + comments + shares, by reach.
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "facebook", "engagement_rate_reach"), 0.05));

  // W10: 1 2 r1 f1 = 20 + 1 + 50 + 40; W11: 3 4 m1 = 20 + 10, no impressions.
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "actions"), 111));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "content_posts"), 3));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "actions"), 30));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "actions_per_post_median"), 15.0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-W11", "engagement_rate_impressions")));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "engagement_rate"), 0.05));
  EXPECT_TRUE(IsNumber(OnPlatformInPeriod(r, "acme", "x", "2024-W10", "engagement_rate_impressions"),
                       21.0 / 1100));
  EXPECT_TRUE(IsInt(OnPlatformInPeriod(r, "acme", "x", "2024-W11", "actions"), 20));
  // Top posts exist for the whole range only.
  EXPECT_EQ(FindField(r.brands[0].periods.at("2024-W10").metrics, "top_posts"), nullptr);
}

TEST(Exposure, BrandWithoutContentHasZeroCountsAndNullRatios) {
  ResultSet r = test::ComputeResults(Fixture());
  EXPECT_TRUE(IsInt(Total(r, "rival", "content_posts"), 0));
  EXPECT_TRUE(IsInt(Total(r, "rival", "actions"), 0));
  for (const char* m : {"actions_per_post_mean", "actions_per_post_median", "engagement_rate_impressions",
                        "engagement_rate_reach", "engagement_rate_followers", "engagement_rate",
                        "engagement_rate_basis"})
    EXPECT_TRUE(IsNull(Total(r, "rival", m))) << m;
  EXPECT_EQ(Total(r, "rival", "top_posts").as_list().size(), 0u);
}

TEST(Exposure, ZeroImpressionsAreKnownButGiveNoRate) {
  // X reports 0 impressions for tweets older than its view counts: the counter is
  // known (with_impressions 1), the ratio over 0 is null, and the headline falls back
  // to followers (8 / 400).
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0,
         {.counters = {{C::kLikes, 8}, {C::kShares, 0}, {C::kQuotes, 0}, {C::kReplies, 0},
                       {C::kBookmarks, 0}, {C::kImpressions, 0}},
          .followers = 400});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNull(Total(r, "acme", "engagement_rate_impressions")));
  EXPECT_TRUE(IsInt(Coverage(r, "with_impressions"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "engagement_rate"), 0.02));
  EXPECT_EQ(Total(r, "acme", "engagement_rate_basis").as_string(), "followers");
  EXPECT_TRUE(IsInt(Coverage(r, "incomplete_counters"), 0));
}

TEST(Exposure, TopPostsByActionsWithTheirOwnRate) {
  ResultSet r = test::ComputeResults(Fixture(), {.top_n = 4});
  const ValueList& top = Total(r, "acme", "top_posts").as_list();
  ASSERT_EQ(top.size(), 4u);
  auto field = [&](size_t i, std::string_view k) { return *FindField(top[i].as_record(), k); };
  // 50 (r1), 40 (f1), then the two 20s by time: 1 (W10) before 3 (W11).
  EXPECT_EQ(field(0, "id").as_string(), "r1");
  EXPECT_EQ(field(0, "platform").as_string(), "reddit");
  EXPECT_TRUE(IsInt(field(0, "actions"), 50));
  EXPECT_TRUE(IsNull(field(0, "engagement_rate")));
  EXPECT_EQ(field(1, "id").as_string(), "f1");
  EXPECT_EQ(field(2, "id").as_string(), "1");
  EXPECT_EQ(field(2, "created_at").as_string(), "2024-03-04T10:00:00Z");
  EXPECT_TRUE(IsNumber(field(2, "engagement_rate"), 0.02));  // 20 / 1000 impressions
  EXPECT_EQ(field(2, "rate_basis").as_string(), "impressions");
  EXPECT_EQ(field(3, "id").as_string(), "3");
  EXPECT_TRUE(IsNull(field(3, "engagement_rate")));  // 0 followers, no impressions
  // The mastodon platform's own top list: m1 at 10 / 200 followers.
  const ValueList& m = OnPlatform(r, "acme", "mastodon", "top_posts").as_list();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(IsNumber(*FindField(m[0].as_record(), "engagement_rate"), 0.05));
  EXPECT_EQ(FindField(m[0].as_record(), "rate_basis")->as_string(), "followers");
}

TEST(Exposure, WeightsScaleEachCounter) {
  ActionWeights w = DefaultActionWeights();
  w[static_cast<int>(C::kLikes)] = 0.5;
  w[static_cast<int>(C::kShares)] = 2;
  ResultSet r = test::ComputeResults(Fixture(), {.action_weights = w});
  // x post 1: 0.5*10 + 2*2 + 1 + 3 + 4 = 17; reply 2: 0.5; quote 3: 2.5 + 10 + 10 = 22.5.
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "actions"), 40.0));
  EXPECT_TRUE(OnPlatform(r, "acme", "x", "actions").is_double());  // not integral any more
  EXPECT_TRUE(IsNumber(OnPlatformInPeriod(r, "acme", "x", "2024-W10", "engagement_rate_impressions"),
                       17.5 / 1100));
  // reddit's score is weighed as score (1), not as likes.
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "reddit", "actions"), 50.0));
}

TEST(Exposure, SinceAndUntilFilterByThePostsTime) {
  ResultSet r = test::ComputeResults(Fixture(), {.since = kW11});
  EXPECT_TRUE(IsInt(Total(r, "acme", "content_posts"), 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "actions"), 30));
}

TEST(Exposure, MergingPartsEqualsTheWhole) {
  test::Analysis a(Fixture());
  ResultSet whole = test::ComputeFamily(a, "E1");
  for (std::vector<size_t> cuts : {std::vector<size_t>{1}, {1, 2, 3}, {2, 4}}) {
    ResultSet parts = test::ComputeFamily(a, "E1", cuts);
    EXPECT_TRUE(test::ResultsNear(whole, parts, 0));
  }
}

TEST(Exposure, TopPostsAmongManyAreTheSameHoweverStatesAreSplit) {
  // 60 posts with likes 0, 7, 14, ... (mod 60, all distinct) over two weeks and two
  // platforms, top 3: each state keeps at most twice top_n and skips posts that rank
  // after the last one it kept, so every split must still find 59, 58, 57 likes.
  TableBuilder b({Brand("acme", {"acme_help"})});
  for (int k = 0; k < 60; ++k)
    b.Post(std::to_string(k), "acme_help", kT0 + (k % 2) * 7 * test::kDay + k,
           {.platform = k % 3 ? Platform::kX : Platform::kBluesky,
            .counters = {{C::kLikes, k * 7 % 60}}});
  test::Analysis a(b, {.top_n = 3});
  ResultSet whole = test::ComputeFamily(a, "E1");
  const ValueList& top = Total(whole, "acme", "top_posts").as_list();
  ASSERT_EQ(top.size(), 3u);
  for (size_t i = 0; i < 3; ++i)
    EXPECT_TRUE(IsInt(*FindField(top[i].as_record(), "actions"), 59 - static_cast<int64_t>(i)))
        << i;
  for (std::vector<size_t> cuts : {std::vector<size_t>{1}, {7, 30}, {10, 20, 30, 40, 50}})
    EXPECT_TRUE(test::ResultsNear(whole, test::ComputeFamily(a, "E1", cuts), 0));
}

TEST(Exposure, ActionDefinitionsFollowEachPlatform) {
  auto required = [](Platform p) {
    const auto& d = ActionsOf(p);
    return std::vector<C>(d.required.begin(), d.required.end());
  };
  auto optional = [](Platform p) {
    const auto& d = ActionsOf(p);
    return std::vector<C>(d.optional.begin(), d.optional.end());
  };
  EXPECT_EQ(required(Platform::kX), (std::vector<C>{C::kShares, C::kLikes, C::kQuotes, C::kReplies, C::kBookmarks}));
  EXPECT_EQ(optional(Platform::kX), (std::vector<C>{C::kClicks}));
  EXPECT_EQ(required(Platform::kInstagram), (std::vector<C>{C::kLikes, C::kComments}));
  EXPECT_EQ(optional(Platform::kInstagram), (std::vector<C>{C::kSaves, C::kShares}));
  EXPECT_EQ(required(Platform::kTiktok), (std::vector<C>{C::kLikes, C::kComments}));
  EXPECT_EQ(required(Platform::kReddit), (std::vector<C>{C::kScore, C::kComments}));
  EXPECT_EQ(optional(Platform::kBluesky), (std::vector<C>{C::kQuotes}));
  EXPECT_EQ(required(Platform::kForum), (std::vector<C>{C::kReplies}));
  EXPECT_TRUE(IsActionCounter(C::kSaves));
  EXPECT_FALSE(IsActionCounter(C::kImpressions));
  EXPECT_FALSE(IsActionCounter(C::kViews));
}

// E12: the platforms side by side in the all-platform records.
TEST(Channels, PlatformsSideBySide) {
  ResultSet r = test::ComputeResults(Fixture());
  const Value& channels = Total(r, "acme", "channels");
  ASSERT_TRUE(channels.is_record());
  std::vector<std::string> names;
  for (const auto& [name, row] : channels.as_record()) names.push_back(name);
  EXPECT_EQ(names, (std::vector<std::string>{"facebook", "mastodon", "reddit", "x"}));
  const ValueRecord& x = FindField(channels.as_record(), "x")->as_record();
  EXPECT_TRUE(IsInt(*FindField(x, "posts"), 4));
  EXPECT_TRUE(IsInt(*FindField(x, "actions"), 41));
  EXPECT_TRUE(IsNumber(*FindField(x, "engagement_rate"), 21.0 / 1100));
  EXPECT_TRUE(IsNumber(*FindField(x, "share_of_posts"), 4.0 / 7));
  EXPECT_TRUE(IsNumber(*FindField(x, "share_of_actions"), 41.0 / 141));
  // sam's reply 9 is a turn answered by reply 2: response rate 1; it is x's one mention.
  EXPECT_TRUE(IsNumber(*FindField(x, "response_rate"), 1.0));
  EXPECT_TRUE(IsInt(*FindField(x, "buzz"), 1));
  EXPECT_TRUE(IsNumber(*FindField(x, "share_of_buzz"), 1.0));
  // E5 beside it: x's measured posts 1 2 3 carry 2 + 0 + 5 shares and 1 quote.
  EXPECT_TRUE(IsNumber(*FindField(x, "shares_per_post"), 8.0 / 3));
  const ValueRecord& reddit = FindField(channels.as_record(), "reddit")->as_record();
  EXPECT_TRUE(IsNull(*FindField(reddit, "engagement_rate")));
  EXPECT_TRUE(IsNull(*FindField(reddit, "response_rate")));
  EXPECT_TRUE(IsInt(*FindField(reddit, "buzz"), 0));
  EXPECT_TRUE(IsNumber(*FindField(reddit, "share_of_actions"), 50.0 / 141));

  // A period: in W11 x has 3 and 4 (20 actions), mastodon m1 (10), facebook nothing.
  const Value& w11 = InPeriod(r, "acme", "2024-W11", "channels");
  const ValueRecord& x11 = FindField(w11.as_record(), "x")->as_record();
  EXPECT_TRUE(IsInt(*FindField(x11, "posts"), 2));
  EXPECT_TRUE(IsNumber(*FindField(x11, "share_of_actions"), 20.0 / 30));
  const ValueRecord& fb11 = FindField(w11.as_record(), "facebook")->as_record();
  EXPECT_TRUE(IsInt(*FindField(fb11, "posts"), 0));
  EXPECT_TRUE(IsNumber(*FindField(fb11, "share_of_actions"), 0.0));

  // A brand with no platform has an empty table.
  EXPECT_TRUE(Total(r, "rival", "channels").as_record().empty());
}

TEST(Channels, WrittenInEveryOutputFormat) {
  ResultSet r = test::ComputeResults(Fixture());
  std::string csv = WriteCsv(r);
  EXPECT_NE(csv.find("acme,all,all,channels.x.actions,41\n"), std::string::npos);
  EXPECT_NE(csv.find("acme,2024-W11,all,channels.mastodon.actions,10\n"), std::string::npos);
  std::string json = WriteJson(r);
  EXPECT_NE(json.find("\"channels\": {\"facebook\":{\"posts\":1,\"actions\":40,"), std::string::npos);
  std::string text = WriteText(r, false);
  EXPECT_NE(text.find("E12 Channels"), std::string::npos);
  EXPECT_NE(text.find("E1 Exposure and action"), std::string::npos);
}

}  // namespace
}  // namespace rapport
