// The thread index (src/threads/thread_index.cpp): parents, depth, conversations and
// the reading order of METRICS.md E2 (time, then depth, then id). One named test per
// tricky case of real dumps (STYLE.md "threads").
#include "threads/thread_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Analysis;
using test::TableBuilder;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr const char* kT0 = "2024-03-04T10:00:00Z";
constexpr Seconds kMin = test::kMinute;

TEST(ThreadIndex, EmptyTableHasNoConversations) {
  Analysis a(TableBuilder{});
  EXPECT_EQ(a.threads().conversation_count(), 0u);
  EXPECT_EQ(a.threads().orphan_replies(), 0);
  EXPECT_EQ(a.threads().cycles_broken(), 0);
}

TEST(ThreadIndex, ReplyChainGivesParentDepthAndOneConversation) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Reply("2", "sam", t + kMin, "1");
  b.Reply("3", "acme_help", t + 2 * kMin, "2");
  b.Reply("4", "joe", t + 3 * kMin, "1");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.parent_row(a.Row("1")), kNoRef);
  EXPECT_EQ(th.parent_row(a.Row("2")), a.Row("1"));
  EXPECT_EQ(th.parent_row(a.Row("3")), a.Row("2"));
  EXPECT_EQ(th.depth(a.Row("1")), 0u);
  EXPECT_EQ(th.depth(a.Row("2")), 1u);
  EXPECT_EQ(th.depth(a.Row("3")), 2u);
  EXPECT_EQ(th.depth(a.Row("4")), 1u);
  ASSERT_EQ(th.conversation_count(), 1u);
  EXPECT_EQ(th.conversation_root(0), a.Row("1"));
  EXPECT_THAT(a.ConversationIds(0), ElementsAre("1", "2", "3", "4"));
  EXPECT_EQ(th.orphan_replies(), 0);
  EXPECT_EQ(th.cycles_broken(), 0);
}

TEST(ThreadIndex, OrphanReplyWithMissingParentIsRootOfItsOwnConversation) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Reply("2", "sam", t + kMin, "999");       // 999 is not in the input
  b.Reply("3", "acme_help", t + 2 * kMin, "2");  // the cut thread goes on below it
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.parent_row(a.Row("2")), kNoRef);
  EXPECT_EQ(th.depth(a.Row("2")), 0u);
  EXPECT_EQ(th.depth(a.Row("3")), 1u);
  EXPECT_EQ(th.orphan_replies(), 1);
  EXPECT_EQ(th.conversation_count(), 2u);
  EXPECT_FALSE(a.SameConversation("1", "2"));
  EXPECT_TRUE(a.SameConversation("2", "3"));
  EXPECT_EQ(th.conversation_root(th.conversation_of(a.Row("3"))), a.Row("2"));
  EXPECT_THAT(a.ConversationOf("2"), ElementsAre("2", "3"));
}

TEST(ThreadIndex, TwoRowCycleIsCutOnceAndCounted) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Reply("a", "sam", t, "b");
  b.Reply("b", "joe", t + kMin, "a");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.cycles_broken(), 1);
  EXPECT_EQ(th.conversation_count(), 1u);
  // Exactly one of the two links is cut: one row is the root, the other its reply.
  uint32_t ra = a.Row("a"), rb = a.Row("b");
  EXPECT_EQ(th.depth(ra) + th.depth(rb), 1u);
  uint32_t root = th.depth(ra) == 0 ? ra : rb;
  uint32_t child = root == ra ? rb : ra;
  EXPECT_EQ(th.parent_row(root), kNoRef);
  EXPECT_EQ(th.parent_row(child), root);
  EXPECT_EQ(th.conversation_root(0), root);
}

TEST(ThreadIndex, CycleReachedFromATailKeepsTheTailInTheConversation) {
  // d -> a -> b -> c -> a: the cycle a, b, c is cut once; d hangs below it.
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Reply("d", "sam", t, "a");
  b.Reply("a", "joe", t + kMin, "b");
  b.Reply("b", "ann", t + 2 * kMin, "c");
  b.Reply("c", "bob", t + 3 * kMin, "a");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.cycles_broken(), 1);
  EXPECT_EQ(th.conversation_count(), 1u);
  int roots = 0;
  for (const char* id : {"a", "b", "c", "d"}) roots += th.depth(a.Row(id)) == 0;
  EXPECT_EQ(roots, 1);
  EXPECT_NE(th.depth(a.Row("d")), 0u);
  // Depths follow the links that remain.
  for (const char* id : {"a", "b", "c", "d"}) {
    uint32_t row = a.Row(id);
    if (th.parent_row(row) != kNoRef) {
      EXPECT_EQ(th.depth(row), th.depth(th.parent_row(row)) + 1) << id;
    }
  }
}

TEST(ThreadIndex, SelfParentIsARootNotALoop) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Reply("5", "sam", t, "5");
  b.Reply("6", "acme_help", t + kMin, "5");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.parent_row(a.Row("5")), kNoRef);
  EXPECT_EQ(th.depth(a.Row("5")), 0u);
  EXPECT_EQ(th.depth(a.Row("6")), 1u);
  EXPECT_EQ(th.conversation_count(), 1u);
  EXPECT_EQ(th.conversation_root(0), a.Row("5"));
  // The cut link is reported once, as an orphan or as a cycle.
  EXPECT_EQ(th.orphan_replies() + th.cycles_broken(), 1);
}

TEST(ThreadIndex, ReplyEarlierThanItsParentKeepsLinkDepthButIsReadFirst) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Reply("2", "sam", t - 5 * kMin, "1");  // clocks disagree: the reply is "earlier"
  b.Reply("3", "acme_help", t - 4 * kMin, "2");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.depth(a.Row("1")), 0u);
  EXPECT_EQ(th.depth(a.Row("2")), 1u);
  EXPECT_EQ(th.depth(a.Row("3")), 2u);
  ASSERT_EQ(th.conversation_count(), 1u);
  // Reading order is by time first.
  EXPECT_THAT(a.ConversationIds(0), ElementsAre("2", "3", "1"));
  // The root is the earliest row of depth 0, not the earliest row.
  EXPECT_EQ(th.conversation_root(0), a.Row("1"));
}

TEST(ThreadIndex, EqualTimesAreOrderedByDepthThenId) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Reply("9", "sam", t + kMin, "1");  // depth 1
  b.Reply("2", "joe", t + kMin, "9");  // depth 2, smaller id, same time
  b.Reply("5", "ann", t + kMin, "1");  // depth 1
  Analysis a(b);
  EXPECT_THAT(a.ConversationOf("1"), ElementsAre("1", "5", "9", "2"));
}

TEST(ThreadIndex, NumericIdsSortNumericallyAndBeforeOtherIds) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("root", "acme_help", t);
  for (const char* id : {"a", "10", "B", "9", "100", "a1"}) b.Reply(id, "sam", t + kMin, "root");
  Analysis a(b);
  // "9" < "10" < "100" (numbers) < "B" < "a" < "a1" (strings, byte order).
  EXPECT_THAT(a.ConversationOf("root"), ElementsAre("root", "9", "10", "100", "B", "a", "a1"));
}

// Canonical numbers are compared as stored values, the rest through their text: ids
// that are numbers to IdLess but text to the interner ("007", 2^63) must still fall
// in numeric order among them.
TEST(ThreadIndex, StoredNumbersAndNumericTextSortTogether) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("root", "acme_help", t);
  for (const char* id : {"9223372036854775808", "8", "x", "007", "9223372036854775807", "10"})
    b.Reply(id, "sam", t + kMin, "root");
  Analysis a(b);
  EXPECT_THAT(a.ConversationOf("root"),
              ElementsAre("root", "007", "8", "10", "9223372036854775807",
                          "9223372036854775808", "x"));
}

TEST(ThreadIndex, IdLessComparesNumbersNumericallyThenStrings) {
  EXPECT_TRUE(IdLess("9", "10"));
  EXPECT_FALSE(IdLess("10", "9"));
  EXPECT_TRUE(IdLess("10", "a"));
  EXPECT_FALSE(IdLess("a", "10"));
  EXPECT_TRUE(IdLess("B", "a"));
  EXPECT_TRUE(IdLess("a", "a1"));
  EXPECT_FALSE(IdLess("7", "7"));
  // Real tweet ids (19 digits) are still numbers.
  EXPECT_TRUE(IdLess("999999999999999999", "1000000000000000000"));
  // A number too long for 64 bits compares as text, after every number.
  EXPECT_TRUE(IdLess("1", "123456789012345678901234"));
  EXPECT_FALSE(IdLess("123456789012345678901234", "1"));
}

TEST(ThreadIndex, PlatformConversationIdJoinsAChainCutByAMissingParent) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t, {.conversation = "1"});
  b.Reply("3", "sam", t + 2 * kMin, "2", {.conversation = "1"});  // parent 2 missing
  b.Reply("4", "acme_help", t + 3 * kMin, "3");  // no id: takes its root's (3's)
  b.Reply("6", "joe", t + 4 * kMin, "5");        // cut too, without conversation id
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(th.orphan_replies(), 2);
  EXPECT_TRUE(a.SameConversation("1", "3"));
  EXPECT_TRUE(a.SameConversation("1", "4"));
  EXPECT_FALSE(a.SameConversation("1", "6"));
  EXPECT_EQ(th.conversation_count(), 2u);
  EXPECT_THAT(a.ConversationOf("1"), ElementsAre("1", "3", "4"));
  // Depth still comes from the links within the input.
  EXPECT_EQ(th.depth(a.Row("3")), 0u);
  EXPECT_EQ(th.depth(a.Row("4")), 1u);
  EXPECT_EQ(th.conversation_root(th.conversation_of(a.Row("3"))), a.Row("1"));
}

TEST(ThreadIndex, SameIdOnTwoPlatformsIsTwoEvents) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Post("1", "acme", t, {.platform = Platform::kReddit});
  b.Reply("2", "sam", t + kMin, "1", {.platform = Platform::kReddit});
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_EQ(a.table().size(), 3u);
  EXPECT_EQ(th.conversation_count(), 2u);
  EXPECT_EQ(th.parent_row(a.Row("2", Platform::kReddit)), a.Row("1", Platform::kReddit));
  EXPECT_NE(th.conversation_of(a.Row("1", Platform::kX)),
            th.conversation_of(a.Row("1", Platform::kReddit)));
}

TEST(ThreadIndex, ShareJoinsTheConversationOfTheSharedPost) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Share("2", "sam", t + kMin, "1");
  b.Reply("3", "joe", t + 2 * kMin, "1");
  b.Post("4", "ann", t + 3 * kMin);
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  EXPECT_TRUE(a.SameConversation("1", "2"));
  EXPECT_EQ(th.parent_row(a.Row("2")), a.Row("1"));
  EXPECT_EQ(th.depth(a.Row("2")), 1u);
  EXPECT_FALSE(a.SameConversation("1", "4"));
  EXPECT_THAT(a.ConversationOf("1"), ElementsAre("1", "2", "3"));
}

TEST(ThreadIndex, ConversationsAreNumberedInOrderOfFirstAppearance) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("20", "ann", t + 10 * kMin);
  b.Post("10", "bob", t);
  b.Reply("21", "bob", t + 11 * kMin, "20");
  Analysis a(b);
  const ThreadIndex& th = a.threads();
  ASSERT_EQ(th.conversation_count(), 2u);
  EXPECT_EQ(th.conversation_of(a.Row("20")), 0u);
  EXPECT_EQ(th.conversation_of(a.Row("10")), 1u);
  EXPECT_THAT(a.ConversationIds(0), ElementsAre("20", "21"));
  EXPECT_THAT(a.ConversationIds(1), ElementsAre("10"));
}

TEST(ThreadIndex, RepeatedIdIsFoldedBeforeThreading) {
  TableBuilder b;
  Seconds t = test::T(kT0);
  b.Post("1", "acme_help", t);
  b.Reply("2", "sam", t + kMin, "1");
  b.Post("1", "acme_help", t);  // a later snapshot of the same post
  Analysis a(b);
  EXPECT_EQ(a.table().size(), 2u);
  EXPECT_EQ(a.threads().conversation_count(), 1u);
  EXPECT_THAT(a.ConversationOf("1"), UnorderedElementsAre("1", "2"));
}

}  // namespace
}  // namespace rapport
