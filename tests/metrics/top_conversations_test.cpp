// E3 top_conversations (src/metrics/dialogue.cpp): the brand's busiest conversations,
// whole-range scopes only, worked out by hand on tiny tables.
#include <gtest/gtest.h>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Brand;
using test::TableBuilder;

const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10
constexpr Seconds kMin = test::kMinute;

const ValueList& Top(const ScopeMetrics& m) {
  const Value* v = FindField(m.metrics, "top_conversations");
  EXPECT_NE(v, nullptr);
  return v->as_list();
}
int64_t Int(const Value& rec, const char* key) { return FindField(rec.as_record(), key)->as_int(); }
std::string Str(const Value& rec, const char* key) { return FindField(rec.as_record(), key)->as_string(); }

TEST(TopConversations, BusiestFirstWithTheirFigures) {
  TableBuilder b({Brand("acme", {"acme_help"})});
  // 1: sam, acme, sam, acme: 4 messages, 1 author, 2 brand messages, 3 alternations.
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "acme_help", kT0 + kMin, "1");
  b.Reply("3", "sam", kT0 + 2 * kMin, "2");
  b.Reply("4", "acme_help", kT0 + 3 * kMin, "3");
  // 5: joe, acme: 2 messages, 1 alternation.
  b.Post("5", "joe", kT0 + 60 * kMin, {.mentions = {"acme_help"}});
  b.Reply("6", "acme_help", kT0 + 61 * kMin, "5");
  // 7: the brand's post and two audience replies: 3 messages, 2 authors, 1 + 1.
  b.Post("7", "acme_help", kT0 + 120 * kMin);
  b.Reply("8", "ann", kT0 + 121 * kMin, "7");
  b.Reply("9", "bob", kT0 + 122 * kMin, "7", {.platform = Platform::kX});
  // 10: the brand never wrote here: not one of its conversations.
  b.Post("10", "kim", kT0 + 180 * kMin, {.mentions = {"acme_help"}});
  b.Reply("11", "lee", kT0 + 181 * kMin, "10");
  b.Reply("12", "max", kT0 + 182 * kMin, "10");
  b.Reply("13", "ned", kT0 + 183 * kMin, "10");
  b.Reply("14", "ola", kT0 + 184 * kMin, "10");
  ResultSet r = test::ComputeResults(b);
  const ValueList& top = Top(r.brands[0].total);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(Str(top[0], "conversation"), "1");
  EXPECT_EQ(Str(top[0], "platform"), "x");
  EXPECT_EQ(Str(top[0], "started_at"), "2024-03-04T10:00:00Z");
  EXPECT_EQ(Int(top[0], "messages"), 4);
  EXPECT_EQ(Int(top[0], "audience_authors"), 1);
  EXPECT_EQ(Int(top[0], "brand_messages"), 2);
  EXPECT_EQ(Int(top[0], "exchanges"), 3);
  EXPECT_EQ(Str(top[1], "conversation"), "7");
  EXPECT_EQ(Int(top[1], "messages"), 3);
  EXPECT_EQ(Int(top[1], "audience_authors"), 2);
  EXPECT_EQ(Int(top[1], "exchanges"), 2);
  EXPECT_EQ(Str(top[2], "conversation"), "5");
  EXPECT_EQ(Int(top[2], "messages"), 2);
  EXPECT_EQ(Int(top[2], "exchanges"), 1);
  // Whole-range scopes only: the platform total has it, a week does not.
  EXPECT_EQ(Top(r.brands[0].platforms.at("x").total).size(), 3u);
  EXPECT_EQ(FindField(r.brands[0].periods.at("2024-W10").metrics, "top_conversations"), nullptr);
}

TEST(TopConversations, TenKeptTiesInInputOrder) {
  // 25 conversations of 2 messages each (more than twice the 10 kept, so candidates
  // are trimmed while accumulating), and one of 3 messages at the end.
  TableBuilder b({Brand("acme", {"acme_help"})});
  for (int i = 0; i < 25; ++i) {
    std::string id = "p" + std::to_string(i);
    b.Post(id, "u" + std::to_string(i), kT0 + i * kMin, {.mentions = {"acme_help"}});
    b.Reply("r" + std::to_string(i), "acme_help", kT0 + i * kMin + 30, id);
  }
  b.Post("big", "zed", kT0 + 100 * kMin, {.mentions = {"acme_help"}});
  b.Reply("big1", "acme_help", kT0 + 101 * kMin, "big");
  b.Reply("big2", "zed", kT0 + 102 * kMin, "big1");
  ResultSet r = test::ComputeResults(b);
  const ValueList& top = Top(r.brands[0].total);
  ASSERT_EQ(top.size(), 10u);
  EXPECT_EQ(Str(top[0], "conversation"), "big");
  for (int i = 1; i < 10; ++i) EXPECT_EQ(Str(top[static_cast<size_t>(i)], "conversation"), "p" + std::to_string(i - 1));
}

}  // namespace
}  // namespace rapport
