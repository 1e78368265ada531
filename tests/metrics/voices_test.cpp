// E4 Voices (src/metrics/voices.cpp): per conversation rooted at a brand post, the
// audience authors, replies, depth, audience-to-audience share and Gini of voices,
// averaged over the brand's posts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"
#include "../support/worked_example.h"

namespace rapport {

// Defined in src/metrics/voices.cpp.
Value Gini(std::vector<int64_t>& x);

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

std::vector<BrandSpec> Acme() { return {Brand("acme", {"acme_help"})}; }

Value Coverage(const ResultSet& r, const char* brand, const char* field) {
  const Value* cov = FindField(test::FindScope(r, brand)->coverage, "voices");
  if (!cov) return Value();
  const Value* v = FindField(cov->as_record(), field);
  return v ? *v : Value();
}

TEST(Voices, WorkedExampleOfTheDocs) {
  // One conversation rooted at post 1: replies 2, 3, 4, 5, 6 (the brand's 4 included),
  // participants sam and kim; depth of 6 is 4; kim -> sam is the only reply between two
  // audience accounts: 1/5. Replies per participant [1, 3]:
  // G = 2 (1*1 + 2*3) / (2 * 4) - 3/2 = 0.25.
  ResultSet r = test::ComputeResults(test::WorkedExample());
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 5));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "max_depth"), 4));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 0.2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "voice_concentration"), 0.25));
}

TEST(Voices, EmptyTableGivesNullMeansAndZeroConversations) {
  ResultSet r = test::ComputeResults(TableBuilder(Acme()));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 0));
  for (const char* mean : {"participants", "replies", "max_depth", "audience_to_audience_share",
                           "voice_concentration"})
    EXPECT_TRUE(IsNull(Total(r, "acme", mean))) << mean;
  EXPECT_TRUE(IsInt(Coverage(r, "acme", "brand_posts"), 0));
}

TEST(Voices, BrandWithoutDataStillHasEveryMetric) {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "rival", "brand_rooted_conversations"), 0));
  EXPECT_TRUE(IsNull(Total(r, "rival", "participants")));
  EXPECT_TRUE(IsNull(Total(r, "rival", "voice_concentration")));
}

TEST(Voices, FiguresAreAveragedOverTheBrandsPosts) {
  // The worked example's conversation and a brand post nobody answered:
  // participants (2 + 0) / 2 = 1, replies (5 + 0) / 2 = 2.5, max_depth (4 + 0) / 2 = 2;
  // the a2a share and the Gini are only defined on the first.
  TableBuilder b = test::WorkedExample();
  b.Post("8", "100", "2024-03-05T09:00:00Z", {.handle = "@Acme"});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 2.5));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "max_depth"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 0.2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "voice_concentration"), 0.25));
  EXPECT_TRUE(IsInt(Coverage(r, "acme", "brand_posts"), 2));
  EXPECT_TRUE(IsInt(Coverage(r, "acme", "with_replies"), 1));
  EXPECT_TRUE(IsInt(Coverage(r, "acme", "with_2_participants"), 1));
}

TEST(Voices, GiniOfThreeUnequalVoices) {
  // Replies per participant [1, 1, 4]: G = 2 (1 + 2 + 12) / (3 * 6) - 4/3 = 1/3.
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "ann", kT0 + 1 * kMin, "1");
  b.Reply("3", "bob", kT0 + 2 * kMin, "1");
  for (int k = 0; k < 4; ++k) b.Reply("s" + std::to_string(k), "sam", kT0 + (3 + k) * kMin, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(Total(r, "acme", "voice_concentration"), 1.0 / 3.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 3));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 0.0));
}

TEST(Voices, EqualVoicesGiveZeroConcentration) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "ann", kT0 + 1 * kMin, "1");
  b.Reply("3", "bob", kT0 + 2 * kMin, "1");
  b.Reply("4", "ann", kT0 + 3 * kMin, "1");
  b.Reply("5", "bob", kT0 + 4 * kMin, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(Total(r, "acme", "voice_concentration"), 0.0));
}

TEST(Voices, OneParticipantGivesNullConcentration) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1");
  b.Reply("3", "sam", kT0 + 2 * kMin, "2");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNull(Total(r, "acme", "voice_concentration")));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 0.5));  // 3 -> 2
  EXPECT_TRUE(IsInt(Coverage(r, "acme", "with_2_participants"), 0));
}

TEST(Voices, GiniHelper) {
  std::vector<int64_t> none, one = {5}, equal = {3, 3, 3}, zeros = {0, 0},
                       skewed = {0, 0, 0, 10};
  EXPECT_TRUE(IsNull(Gini(none)));
  EXPECT_TRUE(IsNull(Gini(one)));
  EXPECT_TRUE(IsNumber(Gini(equal), 0.0));
  EXPECT_TRUE(IsNull(Gini(zeros)));
  // [0, 0, 0, 10]: 2 * 40 / (4 * 10) - 5/4 = 0.75 (the maximum for n = 4).
  EXPECT_TRUE(IsNumber(Gini(skewed), 0.75));
}

TEST(Voices, BrandAndCompetitorRepliesCountAsRepliesButNotAsVoices) {
  // Replies: sam -> post, rival -> sam, acme -> sam, joe -> rival = 4.
  // Participants: sam, joe. Audience to audience: none (joe answers a brand): 0.
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1");
  b.Reply("3", "rival_care", kT0 + 2 * kMin, "2");
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "2");
  b.Reply("5", "joe", kT0 + 4 * kMin, "3");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 4));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 0.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "max_depth"), 3));
  EXPECT_TRUE(IsInt(Total(r, "rival", "brand_rooted_conversations"), 0));
}

TEST(Voices, SharesQuotesAndReactionsAreNotReplies) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Share("2", "sam", kT0 + 1 * kMin, "1");
  b.Reaction("3", "joe", kT0 + 2 * kMin, "1");
  b.Quote("4", "ann", kT0 + 3 * kMin, "1");  // joins the conversation, not a reply
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 0));
  EXPECT_TRUE(IsNull(Total(r, "acme", "audience_to_audience_share")));
}

TEST(Voices, OnlyConversationsRootedAtABrandPostOrQuoteCount) {
  TableBuilder b(Acme());
  b.Post("1", "sam", kT0);                               // audience root
  b.Reply("2", "acme_help", kT0 + kMin, "1");
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "404");      // brand reply to a missing post
  b.Reply("4", "joe", kT0 + 3 * kMin, "3");
  b.Quote("5", "acme_help", kT0 + 4 * kMin, "405");      // brand quote, quoted post missing
  b.Reply("6", "ann", kT0 + 5 * kMin, "5");
  b.Quote("7", "acme_help", kT0 + 6 * kMin, "1");        // joins sam's conversation
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 1));  // only 5
  EXPECT_TRUE(IsNumber(Total(r, "acme", "participants"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 1));
}

TEST(Voices, ConversationIsCountedInThePeriodOfItsRoot) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 7 * kDay, "1");  // week 11
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "brand_rooted_conversations"), 1));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W10", "replies"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "brand_rooted_conversations"), 0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-W11", "replies")));
}

TEST(Voices, SinceAndUntilSelectConversationsByTheirRoot) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 2 * kDay, "1");
  b.Post("3", "acme_help", kT0 + 2 * kDay);
  ResultSet r = test::ComputeResults(b, {.since = kT0 + kDay});
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_rooted_conversations"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 0));  // post 3 only
  ResultSet u = test::ComputeResults(b, {.until = kT0 + kDay});
  EXPECT_TRUE(IsInt(Total(u, "acme", "brand_rooted_conversations"), 1));
  EXPECT_TRUE(IsNumber(Total(u, "acme", "replies"), 1));  // post 1, reply counted anyway
}

TEST(Voices, PlatformsAreSplit) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1");
  b.Post("1", "acme_help", kT0, {.platform = Platform::kMastodon});
  b.Reply("2", "sam", kT0 + kMin, "1", {.platform = Platform::kMastodon});
  b.Reply("3", "joe", kT0 + 2 * kMin, "2", {.platform = Platform::kMastodon});
  b.Reply("4", "ann", kT0 + 3 * kMin, "1", {.platform = Platform::kMastodon});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "replies"), 1));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "mastodon", "replies"), 3));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "mastodon", "audience_to_audience_share"), 1.0 / 3.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "replies"), 2));
  // a2a: x 0/1, mastodon 1/3 -> mean 1/6.
  EXPECT_TRUE(IsNumber(Total(r, "acme", "audience_to_audience_share"), 1.0 / 6.0));
}

TEST(Voices, MergingStatesOfTwoHalvesEqualsTheWhole) {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  for (int k = 0; k < 11; ++k) {
    std::string id = "p" + std::to_string(k);
    Seconds t = kT0 + k * 13 * 3600;
    b.Post(id, k % 4 == 0 ? "rival_care" : "acme_help", t);
    std::string parent = id;
    for (int j = 0; j < k % 5 + 1; ++j) {
      std::string rid = id + "-" + std::to_string(j);
      b.Reply(rid, "user" + std::to_string((j * k) % 3), t + (j + 1) * kMin, j % 2 ? parent : id);
      parent = rid;
    }
  }
  test::Analysis a(b);
  ResultSet whole = test::ComputeFamily(a, "E4");
  for (size_t cut : {size_t{1}, size_t{5}, size_t{10}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E4", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E4", {2, 3, 8}), whole));
}

}  // namespace
}  // namespace rapport
