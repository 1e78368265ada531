// E3 Dialogue (src/metrics/dialogue.cpp): the mix of the brand's messages and the
// alternations between the brand and each audience author.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"
#include "../support/worked_example.h"

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

std::vector<BrandSpec> Acme() { return {Brand("acme", {"acme_help", "acme"})}; }

const std::vector<std::string> kE3Metrics = {
    "brand_posts", "broadcasts",  "brand_replies", "brand_shares",
    "dialogue_ratio", "promotional_share", "brand_conversations", "exchanges",
    "exchanges_per_conversation", "back_and_forth_share"};

TEST(Dialogue, WorkedExampleOfTheDocs) {
  // Broadcast: event 1; reply: event 4 (to sam). Exchanges, in reading order:
  // brand/sam: B(1) s(2) s(3) B(4) s(5) -> 3; brand/kim: B(1) B(4) k(6) -> 1.
  ResultSet r = test::ComputeResults(test::WorkedExample());
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_posts"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "broadcasts"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_replies"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_shares"), 0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "dialogue_ratio"), 0.5));
  EXPECT_TRUE(IsNull(Total(r, "acme", "promotional_share")));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 4));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "exchanges_per_conversation"), 4));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "back_and_forth_share"), 1.0));
}

TEST(Dialogue, EmptyTableGivesNullRatiosAndZeroCounts) {
  ResultSet r = test::ComputeResults(TableBuilder(Acme()));
  for (const char* count : {"brand_posts", "broadcasts", "brand_replies", "brand_shares",
                            "brand_conversations", "exchanges"})
    EXPECT_TRUE(IsInt(Total(r, "acme", count), 0)) << count;
  for (const char* ratio : {"dialogue_ratio", "promotional_share", "exchanges_per_conversation",
                            "back_and_forth_share"})
    EXPECT_TRUE(IsNull(Total(r, "acme", ratio))) << ratio;
}

TEST(Dialogue, BrandWithoutDataStillHasEveryMetric) {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "acme_help", kT0);
  ResultSet r = test::ComputeResults(b);
  for (const auto& name : kE3Metrics) {
    EXPECT_NE(test::FindMetric(*test::FindScope(r, "rival"), name), nullptr) << name;
  }
  EXPECT_TRUE(IsInt(Total(r, "rival", "brand_posts"), 0));
  EXPECT_TRUE(IsNull(Total(r, "rival", "dialogue_ratio")));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "dialogue_ratio"), 0.0));  // 0 replies of 1: 0, not null
}

TEST(Dialogue, BrandMessagesSplitIntoBroadcastsRepliesAndShares) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);                      // broadcast
  b.Reply("2", "acme", kT0 + 1 * kMin, "1");          // to its own post: a thread, broadcast
  b.Post("3", "sam", kT0 + 2 * kMin);
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "3");     // to sam: reply
  b.Reply("5", "acme_help", kT0 + 4 * kMin, "404");   // to a message not in the input: reply
  b.Quote("6", "acme_help", kT0 + 5 * kMin, "3");     // a quote: broadcast
  b.Share("7", "acme", kT0 + 6 * kMin, "3");          // share
  b.Reaction("8", "acme", kT0 + 7 * kMin, "3");       // not counted
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "broadcasts"), 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_replies"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_shares"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_posts"), 6));
  // Shares are in the denominator: 2 / 6.
  EXPECT_TRUE(IsNumber(Total(r, "acme", "dialogue_ratio"), 2.0 / 6.0));
  const Value* cov = FindField(test::FindScope(r, "acme")->coverage, "dialogue");
  ASSERT_NE(cov, nullptr);
  EXPECT_TRUE(IsInt(*FindField(cov->as_record(), "brand_messages"), 6));
}

TEST(Dialogue, ReplyToACompetitorIsAReply) {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "rival_care", kT0);
  b.Reply("2", "acme_help", kT0 + kMin, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_replies"), 1));
  EXPECT_TRUE(IsInt(Total(r, "rival", "broadcasts"), 1));
}

TEST(Dialogue, AlternationsBetweenBrandAndOneAuthor) {
  // s B s B -> 3 alternations.
  TableBuilder b(Acme());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0 + 1 * kMin, "1");
  b.Reply("3", "sam", kT0 + 2 * kMin, "2");
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "3");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 3));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "back_and_forth_share"), 1.0));
}

TEST(Dialogue, ConsecutiveMessagesOfOneSideCountOnce) {
  // s s B -> 1; B B s s -> 1.
  TableBuilder b(Acme());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "sam", kT0 + 1 * kMin, "1");
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "2");
  b.Post("10", "acme_help", kT0 + kDay);
  b.Reply("11", "acme_help", kT0 + kDay + 1 * kMin, "10");
  b.Reply("12", "joe", kT0 + kDay + 2 * kMin, "11");
  b.Reply("13", "joe", kT0 + kDay + 3 * kMin, "12");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "exchanges_per_conversation"), 1.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "back_and_forth_share"), 0.0));
}

TEST(Dialogue, BackAndForthNeedsTwoAlternationsWithOneAuthor) {
  // Conversation 1: B s B -> sam 2 (back and forth).
  // Conversation 2: B j a -> joe 1, ann 1: 2 exchanges but no back and forth.
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1");
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "2");
  b.Post("10", "acme_help", kT0 + kDay);
  b.Reply("11", "joe", kT0 + kDay + 1 * kMin, "10");
  b.Reply("12", "ann", kT0 + kDay + 2 * kMin, "10");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 4));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "exchanges_per_conversation"), 2.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "back_and_forth_share"), 0.5));
}

TEST(Dialogue, BrandAloneInAConversationHasZeroExchanges) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "back_and_forth_share"), 0.0));
}

TEST(Dialogue, CompetitorsAreNotAudienceInExchanges) {
  // B r B: the rival is a brand, not an audience author -> 0 for acme and for rival.
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "rival_care", kT0 + 1 * kMin, "1");
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "2");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 0));
  EXPECT_TRUE(IsInt(Total(r, "rival", "exchanges"), 0));
  EXPECT_TRUE(IsInt(Total(r, "rival", "brand_conversations"), 1));
}

TEST(Dialogue, SharesAndReactionsAreNotExchanges) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Share("2", "sam", kT0 + 1 * kMin, "1");
  b.Reaction("3", "joe", kT0 + 2 * kMin, "1");
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "exchanges"), 0));
}

TEST(Dialogue, ConversationIsCountedInThePeriodOfTheBrandsFirstMessage) {
  // Brand post in week 10; sam answers and the brand replies in week 11.
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 7 * kDay, "1");
  b.Reply("3", "acme_help", kT0 + 7 * kDay + kMin, "2");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "broadcasts"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "brand_conversations"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "exchanges"), 2));  // B s B
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "brand_replies"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "brand_conversations"), 0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-W11", "back_and_forth_share")));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "dialogue_ratio"), 1.0));
}

TEST(Dialogue, SinceLeavesOutConversationsWhoseFirstBrandMessageIsBefore) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kDay, "1");
  b.Reply("3", "acme_help", kT0 + 1 * kDay + kMin, "2");
  ResultSet r = test::ComputeResults(b, {.since = kT0 + 1 * kDay});
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_posts"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_replies"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "brand_conversations"), 0));
  ResultSet u = test::ComputeResults(b, {.until = kT0 + 1 * kDay});
  EXPECT_TRUE(IsInt(Total(u, "acme", "brand_posts"), 1));
  EXPECT_TRUE(IsInt(Total(u, "acme", "broadcasts"), 1));
  EXPECT_TRUE(IsInt(Total(u, "acme", "brand_conversations"), 1));
  EXPECT_TRUE(IsInt(Total(u, "acme", "exchanges"), 2));  // counted over the whole conversation
}

TEST(Dialogue, PlatformsAreSplit) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Post("2", "acme", kT0, {.platform = Platform::kReddit});
  b.Post("3", "sam", kT0 + kMin, {.platform = Platform::kReddit});
  b.Reply("4", "acme", kT0 + 2 * kMin, "3", {.platform = Platform::kReddit});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "dialogue_ratio"), 0.0));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "reddit", "dialogue_ratio"), 0.5));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "dialogue_ratio"), 1.0 / 3.0));
}

TEST(Dialogue, PromotionalShareIsNullUntilTextIsClassified) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Post("2", "acme_help", kT0 + kMin);
  b.Post("3", "sam", kT0 + 2 * kMin);
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "3");
  EventTable table = b.Build();
  // Mark post 1 and the reply as promotional: only broadcasts count.
  for (size_t row = 0; row < table.size(); ++row)
    if (table.IdString(row) == "1" || table.IdString(row) == "4")
      table.mutable_columns().text_flags[row] |= kPromotional;
  ResultSet off = test::ComputeResults(table, Acme());
  EXPECT_TRUE(IsNull(Total(off, "acme", "promotional_share")));
  ResultSet on = test::ComputeResults(table, Acme(), {.text_classified = true});
  EXPECT_TRUE(IsNumber(Total(on, "acme", "promotional_share"), 0.5));
  ResultSet none = test::ComputeResults(TableBuilder(Acme()), {.text_classified = true});
  EXPECT_TRUE(IsNull(Total(none, "acme", "promotional_share")));
}

TEST(Dialogue, MergingStatesOfTwoHalvesEqualsTheWhole) {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  for (int k = 0; k < 10; ++k) {
    std::string id = "p" + std::to_string(k);
    std::string brand = k % 3 == 0 ? "rival_care" : "acme_help";
    Seconds t = kT0 + k * 9 * 3600;
    b.Post(id, brand, t);
    for (int j = 0; j < k % 4; ++j) {
      std::string rid = id + "-" + std::to_string(j);
      b.Reply(rid, "user" + std::to_string(j % 2), t + (2 * j + 1) * kMin, j ? id + "-" + std::to_string(j - 1) : id);
      b.Reply(rid + "b", brand, t + (2 * j + 2) * kMin, rid);
    }
    if (k % 5 == 0) b.Share("s" + id, brand, t + kMin, "p0");
  }
  test::Analysis a(b);
  ResultSet whole = test::ComputeFamily(a, "E3");
  for (size_t cut : {size_t{1}, size_t{5}, size_t{9}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E3", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E3", {3, 4, 7}), whole));
}

}  // namespace
}  // namespace rapport
