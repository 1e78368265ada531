// Turns (src/threads/conversation.cpp): which messages are inbound to a brand
// (METRICS.md E2 rules (a) to (d)), how they group into turns, and when a turn is
// answered, pending or unanswered.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Analysis;
using test::Brand;
using test::Competitor;
using test::Ev;
using test::TableBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr Seconds kMin = test::kMinute;
constexpr Seconds kHour = test::kHour;
constexpr Seconds kDay = test::kDay;
const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // a Monday

// acme (own brand, two accounts) and rival (a competitor).
std::vector<BrandSpec> Brands() {
  return {Brand("acme", {"acme_help", "Acme"}, {"acme"}), Competitor("rival", {"rival_care"})};
}

// No mentions field and no text: nothing is inbound unless the links make it so.
Ev Plain() { return {.mentions_field = true}; }

TEST(Turns, ConsecutiveInboundMessagesOfOneAuthorFormOneTurn) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", Plain());
  b.Reply("3", "sam", kT0 + 2 * kMin, "1", Plain());
  b.Reply("4", "sam", kT0 + 3 * kMin, "1", Plain());
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(a.Id(turns[0].first_row), "2");
  EXPECT_EQ(turns[0].start, kT0 + 1 * kMin);  // the turn starts at its first message
  EXPECT_EQ(turns[0].messages, 3u);
  EXPECT_FALSE(turns[0].answered);
}

TEST(Turns, BrandMessageClosesEveryOpenTurnOfTheConversation) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", Plain());
  b.Reply("3", "joe", kT0 + 2 * kMin, "1", Plain());
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "2");  // answers sam, closes sam's and joe's
  b.Reply("5", "joe", kT0 + 4 * kMin, "1", Plain());  // a new turn of joe
  b.Reply("6", "sam", kT0 + 5 * kMin, "4", Plain());  // a new turn of sam
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 4u);
  std::vector<std::string> firsts;
  for (const auto& t : turns) firsts.push_back(a.Id(t.first_row));
  EXPECT_THAT(firsts, ElementsAre("2", "3", "5", "6"));
  for (const auto& t : turns) EXPECT_EQ(t.messages, 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_EQ(turns[0].response_time, 2 * kMin);
  EXPECT_FALSE(turns[1].answered);  // closed, not answered: acme replied to sam only
}

TEST(Turns, OtherAuthorsMessagesDoNotBreakATurn) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", Plain());
  b.Reply("3", "joe", kT0 + 2 * kMin, "1", Plain());
  b.Reply("4", "sam", kT0 + 3 * kMin, "1", Plain());
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_EQ(a.Id(turns[0].first_row), "2");
  EXPECT_EQ(turns[0].messages, 2u);
  EXPECT_EQ(a.Id(turns[1].first_row), "3");
}

TEST(Turns, AuthorsMessageNotInboundNeitherJoinsNorBreaksTheTurn) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", Plain());  // inbound (a)
  b.Reply("x", "joe", kT0 + 2 * kMin, "1", Plain());  // inbound (a), joe's turn
  b.Reply("3", "sam", kT0 + 3 * kMin, "x", Plain());  // to joe: not inbound
  b.Reply("4", "sam", kT0 + 4 * kMin, "1", Plain());  // inbound (a), same turn as 2
  b.Reply("5", "acme_help", kT0 + 10 * kMin, "4");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("3"), IsEmpty());
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 2u);
  const Turn& sam = turns[0];
  EXPECT_EQ(a.Id(sam.first_row), "2");
  EXPECT_EQ(sam.messages, 2u);  // 2 and 4, not 3
  EXPECT_TRUE(sam.answered);
  EXPECT_EQ(sam.response_time, 9 * kMin);  // from 2, the turn's start
}

TEST(Turns, RuleAReplyToBrandContentIsInbound) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1", Plain());
  b.Quote("3", "joe", kT0 + 2 * kMin, "1", Plain());  // a quote of brand content too
  b.Post("4", "ann", kT0 + 3 * kMin, Plain());
  b.Reply("5", "bob", kT0 + 4 * kMin, "4", Plain());  // replies to audience
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("2"), ElementsAre("acme"));
  EXPECT_THAT(a.InboundTo("3"), ElementsAre("acme"));
  EXPECT_THAT(a.InboundTo("4"), IsEmpty());
  EXPECT_THAT(a.InboundTo("5"), IsEmpty());
}

TEST(Turns, RuleAReplyToAnyAccountOfTheBrandIsInbound) {
  TableBuilder b(Brands());
  b.Post("1", "Acme", kT0);  // the brand's second account, id written in capitals
  b.Reply("2", "sam", kT0 + kMin, "1", Plain());
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("2"), ElementsAre("acme"));
}

TEST(Turns, RuleAReplyToABrandShareIsNotInbound) {
  // Brand content is its posts, replies and quotes; its shares are not (METRICS.md).
  TableBuilder b(Brands());
  b.Post("1", "ann", kT0, Plain());
  b.Share("2", "acme_help", kT0 + kMin, "1");
  b.Reply("3", "sam", kT0 + 2 * kMin, "2", Plain());
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("3"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, RuleBMentionFieldIsCaseInsensitive) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"@ACME_Help"}});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), ElementsAre("acme"));
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(a.Id(turns[0].first_row), "1");
}

TEST(Turns, RuleBHandlesInTextCountWhenThereIsNoMentionsField) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.text = "hey @Acme_Help my order never arrived"});
  b.Post("2", "joe", kT0, {.text = "write to support@acme_help.com"});  // an e-mail
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), ElementsAre("acme"));
  EXPECT_THAT(a.InboundTo("2"), IsEmpty());
}

TEST(Turns, RuleBMentionsFieldWinsOverTheText) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"someone"}, .text = "@acme_help hello"});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
}

TEST(Turns, RuleCMessageTheBrandRepliedToIsInbound) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, Plain());  // no mention, no inbound mark
  b.Reply("2", "acme_help", kT0 + 30 * kMin, "1");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), ElementsAre("acme"));
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_EQ(turns[0].response_time, 30 * kMin);
}

TEST(Turns, RuleDInboundMarkCountsWhenOnlyOneBrandTookPart) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.inbound = Inbound::kTrue, .mentions_field = true});
  b.Reply("2", "joe", kT0 + kMin, "1", Plain());
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "2");  // acme takes part, not replying to 1
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), ElementsAre("acme"));  // (d) alone
  EXPECT_THAT(a.InboundTo("2"), ElementsAre("acme"));  // (c)
}

TEST(Turns, RuleDDoesNotApplyWhenTwoBrandsTookPart) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.inbound = Inbound::kTrue, .mentions_field = true});
  b.Reply("2", "joe", kT0 + kMin, "1", Plain());
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "2");
  b.Reply("4", "rival_care", kT0 + 3 * kMin, "2");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
  EXPECT_THAT(a.InboundTo("2"), ElementsAre("acme", "rival"));  // (c) for each
}

TEST(Turns, RuleDDoesNotApplyWhenNoBrandTookPart) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.inbound = Inbound::kTrue, .mentions_field = true});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, RuleDBrandShareIsNotTakingPart) {
  // A brand's share is not a message: it does not make the brand a participant.
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.inbound = Inbound::kTrue, .mentions_field = true});
  b.Share("2", "acme_help", kT0 + kMin, "1");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
}

TEST(Turns, BrandTermNamesTheBrandButIsNotInbound) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.text = "I love Acme so much"});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, SharesAndReactionsAreNeverInbound) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Share("2", "sam", kT0 + kMin, "1", {.mentions = {"acme_help"}, .inbound = Inbound::kTrue});
  b.Reaction("3", "joe", kT0 + kMin, "1", {.mentions = {"acme_help"}});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("2"), IsEmpty());
  EXPECT_THAT(a.InboundTo("3"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, MessageInboundToTwoBrandsIsATurnOfEach) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help", "rival_care"}});
  b.Reply("2", "rival_care", kT0 + 5 * kMin, "1");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), ElementsAre("acme", "rival"));
  auto acme = a.TurnsOf("acme");
  auto rival = a.TurnsOf("rival");
  ASSERT_EQ(acme.size(), 1u);
  ASSERT_EQ(rival.size(), 1u);
  EXPECT_FALSE(acme[0].answered);  // a competitor's reply does not answer acme
  EXPECT_TRUE(rival[0].answered);
  EXPECT_EQ(rival[0].response_time, 5 * kMin);
}

TEST(Turns, OtherBrandsMessageDoesNotCloseATurn) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help", "rival_care"}});
  b.Reply("2", "rival_care", kT0 + kMin, "1");
  b.Reply("3", "sam", kT0 + 2 * kMin, "2", {.mentions = {"acme_help"}});  // (a) rival, (b) acme
  Analysis a(b);
  auto acme = a.TurnsOf("acme");
  ASSERT_EQ(acme.size(), 1u);
  EXPECT_EQ(acme[0].messages, 2u);
  auto rival = a.TurnsOf("rival");
  ASSERT_EQ(rival.size(), 2u);  // rival's own reply closed the first
  EXPECT_TRUE(rival[0].answered);
  EXPECT_FALSE(rival[1].answered);
}

TEST(Turns, BrandShareOrReactionDoesNotCloseATurn) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1", Plain());
  b.Share("3", "acme_help", kT0 + 2 * kMin, "2");
  b.Reaction("4", "Acme", kT0 + 3 * kMin, "2");
  b.Reply("5", "sam", kT0 + 4 * kMin, "1", Plain());
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(turns[0].messages, 2u);
  EXPECT_FALSE(turns[0].answered);  // a share is not a reply
}

TEST(Turns, BrandReplyToAnyMessageOfTheTurnAnswersItAndTheFirstReplyCounts) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", Plain());
  b.Reply("3", "sam", kT0 + 2 * kMin, "1", Plain());
  b.Reply("4", "Acme", kT0 + 20 * kMin, "3");  // the other account, to the 2nd message
  b.Reply("5", "acme_help", kT0 + 30 * kMin, "2");
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_EQ(turns[0].response_time, 19 * kMin);  // 10:20 - 10:01
  EXPECT_EQ(a.Id(turns[0].reply_row), "4");
}

TEST(Turns, BrandPostWithoutReplyClosesButDoesNotAnswer) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1", Plain());
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "1");  // the brand speaks, to its own post
  b.Reply("4", "sam", kT0 + 3 * kMin, "1", Plain());
  Analysis a(b, {.as_of = kT0 + 30 * kDay});
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_FALSE(turns[0].answered);
  EXPECT_FALSE(turns[0].pending);
  EXPECT_FALSE(turns[1].answered);
}

TEST(Turns, ReplyToAClosedTurnStillAnswersIt) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + kMin, "1", Plain());
  b.Reply("3", "acme_help", kT0 + 2 * kMin, "1");   // closes sam's turn
  b.Reply("4", "acme_help", kT0 + 61 * kMin, "2");  // then replies to it
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_EQ(turns[0].response_time, 60 * kMin);
}

TEST(Turns, NegativeResponseTimeCountsZeroAndIsMarkedClockSkew) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0 - 5 * kMin, "1");  // the reply is stamped earlier
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_EQ(turns[0].response_time, 0);
  EXPECT_TRUE(turns[0].clock_skew);
}

TEST(Turns, PositiveResponseTimeIsNotClockSkew) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0, "1");  // same second: 0 s, not skew
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(turns[0].response_time, 0);
  EXPECT_FALSE(turns[0].clock_skew);
}

TEST(Turns, PendingWhenYoungerThanTheHorizonAtTheLatestEvent) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Post("2", "joe", kT0 + 8 * kDay, {.mentions = {"acme_help"}});
  b.Post("3", "ann", kT0 + 9 * kDay);  // the latest event of the input: as_of
  Analysis a(b);
  EXPECT_EQ(a.ctx().as_of, kT0 + 9 * kDay);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_FALSE(turns[0].pending);  // 9 days old: unanswered
  EXPECT_TRUE(turns[1].pending);   // 1 day old
}

TEST(Turns, HorizonBoundaryIsExclusive) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  {
    Analysis a(b, {.as_of = kT0 + 7 * kDay - 1});
    EXPECT_TRUE(a.TurnsOf("acme").at(0).pending);
  }
  {
    Analysis a(b, {.as_of = kT0 + 7 * kDay});
    EXPECT_FALSE(a.TurnsOf("acme").at(0).pending);  // as_of - start == horizon
  }
}

TEST(Turns, AsOfAndResponseHorizonOptionsMoveTheLine) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Post("2", "joe", kT0 + 2 * kHour, {.mentions = {"acme_help"}});
  // Judged one hour after the second turn with a 90 minute horizon: only 2 is pending.
  Analysis a(b, {.as_of = kT0 + 3 * kHour, .response_horizon = 90 * kMin});
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 2u);
  EXPECT_FALSE(turns[0].pending);
  EXPECT_TRUE(turns[1].pending);
}

TEST(Turns, AnsweredTurnIsNeverPending) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0 + kMin, "1");
  Analysis a(b);
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_TRUE(turns[0].answered);
  EXPECT_FALSE(turns[0].pending);
}

TEST(Turns, BrandReplyingToACompetitorIsNotATurn) {
  TableBuilder b(Brands());
  b.Post("1", "rival_care", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0 + kMin, "1", {.mentions = {"rival_care"}});
  b.Reply("3", "rival_care", kT0 + 2 * kMin, "2");
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
  EXPECT_THAT(a.InboundTo("2"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, SameAuthorInTwoConversationsHasTwoTurns) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Post("2", "sam", kT0 + kMin, {.mentions = {"acme_help"}});
  Analysis a(b);
  EXPECT_EQ(a.TurnsOf("acme").size(), 2u);
}

TEST(Turns, BrandOwnMessageMentioningItselfIsNotInbound) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0, {.mentions = {"acme"}, .inbound = Inbound::kTrue});
  Analysis a(b);
  EXPECT_THAT(a.InboundTo("1"), IsEmpty());
  EXPECT_THAT(a.Turns(), IsEmpty());
}

TEST(Turns, BusinessResponseTimeIsComputedForAnsweredTurns) {
  std::string error;
  auto hours = ParseBusinessHours("Mon-Fri 09:00-17:00", &error);
  ASSERT_TRUE(hours) << error;
  TableBuilder b(Brands());
  // Friday 16:30 UTC -> Monday 09:15 UTC: 30 min Friday + 15 min Monday.
  Seconds fri = test::T("2024-03-08T16:30:00Z");
  b.Post("1", "sam", fri, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", test::T("2024-03-11T09:15:00Z"), "1");
  Analysis a(b, {.business_hours = *hours});
  auto turns = a.TurnsOf("acme");
  ASSERT_EQ(turns.size(), 1u);
  EXPECT_EQ(turns[0].response_time, test::T("2024-03-11T09:15:00Z") - fri);
  EXPECT_EQ(turns[0].business_response_time, 45 * kMin);
}

}  // namespace
}  // namespace rapport
