// E11 Expectations met (src/metrics/expectations.cpp): sentiment from a turn's first
// message to its author's last message after the brand's reply, on tiny tables with
// hand-set scores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Brand;
using test::InPeriod;
using test::IsInt;
using test::IsNull;
using test::IsNumber;
using test::TableBuilder;
using test::Total;

constexpr Seconds kMin = test::kMinute;
constexpr Seconds kDay = test::kDay;
const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10

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

// Five turns to acme:
//  s: sam -0.6, acme replies, sam 0.4 then 0.2 (last)  -> shift 0.8, resolved
//  j: joe -0.3, acme replies, joe -0.5                 -> shift -0.2, negative start
//  a: ann 0.5, acme replies, no follow-up              -> left out
//  b: bob 0.1, acme replies, bob 0.0                   -> shift -0.1
//  k: kim -0.9, never answered                         -> left out
// followed up 3; shift (0.8 - 0.2 - 0.1) / 3; resolved 1 of 3 (1 of the 2 negative starts).
TableBuilder FiveTurns(Seconds t0 = kT0) {
  TableBuilder b({Brand("acme", {"acme_help"})});
  auto turn = [&](const std::string& id, const std::string& who, Seconds t,
                  std::vector<Seconds> follow_ups) {
    b.Post(id, who, t, {.mentions = {"acme_help"}});
    b.Reply(id + "r", "acme_help", t + 5 * kMin, id);
    std::string parent = id + "r";
    for (size_t k = 0; k < follow_ups.size(); ++k) {
      std::string fid = id + "f" + std::to_string(k);
      b.Reply(fid, who, follow_ups[k], parent);
      parent = fid;
    }
  };
  turn("s", "sam", t0, {t0 + 10 * kMin, t0 + 20 * kMin});
  turn("j", "joe", t0 + kDay, {t0 + kDay + 30 * kMin});
  turn("a", "ann", t0 + 2 * kDay, {});
  turn("b", "bob", t0 + 3 * kDay, {t0 + 3 * kDay + 9 * kMin});
  b.Post("k", "kim", t0 + 4 * kDay, {.mentions = {"acme_help"}});
  return b;
}
const std::map<std::string, float> kScores = {
    {"s", -0.6f}, {"sf0", 0.4f}, {"sf1", 0.2f}, {"j", -0.3f}, {"jf0", -0.5f},
    {"a", 0.5f},  {"b", 0.1f},   {"bf0", 0.0f}, {"k", -0.9f}, {"sr", 0.9f}};

TEST(Expectations, ShiftAndResolvedShare) {
  TableBuilder b = FiveTurns();
  test::Analysis a(Scored(b, kScores), b.brands());
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(Total(r, "acme", "followed_up_turns"), 3));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "sentiment_shift"), 0.5 / 3));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "resolved_positive_share"), 1.0 / 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "negative_start_turns"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "resolved_turns"), 1));
  const Value* cov = FindField(test::FindScope(r, "acme")->coverage, "expectations");
  ASSERT_NE(cov, nullptr);
  EXPECT_EQ(test::Show(*cov),
            R"({"answered_turns":4,"followed_up":3,"scored":3,"excluded_no_follow_up":1,"excluded_unscored":0})");
}

TEST(Expectations, ATurnCountsInThePeriodOfItsStart) {
  TableBuilder b = FiveTurns();
  test::Analysis a(Scored(b, kScores), b.brands(), {.by = PeriodUnit::kDay});
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-04", "sentiment_shift"), 0.8));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-04", "resolved_positive_share"), 1.0));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-05", "sentiment_shift"), -0.2));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-05", "resolved_positive_share"), 0.0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-03-06", "sentiment_shift")));  // no follow-up
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-03-06", "followed_up_turns"), 0));
}

TEST(Expectations, WithoutScoresFiguresAreNull) {
  ResultSet r = test::ComputeResults(FiveTurns());
  EXPECT_TRUE(IsInt(Total(r, "acme", "followed_up_turns"), 3));
  for (const char* m : {"sentiment_shift", "resolved_positive_share", "negative_start_turns", "resolved_turns"})
    EXPECT_TRUE(IsNull(Total(r, "acme", m))) << m;
}

TEST(Expectations, EmptyInputGivesNulls) {
  ResultSet r = test::ComputeResults(TableBuilder({Brand("acme", {"acme_help"})}));
  EXPECT_TRUE(IsInt(Total(r, "acme", "followed_up_turns"), 0));
  EXPECT_TRUE(IsNull(Total(r, "acme", "sentiment_shift")));
  EXPECT_TRUE(IsNull(Total(r, "acme", "resolved_positive_share")));
}

TEST(Expectations, OnlyTheAuthorsMessagesAfterTheReplyCount) {
  // sam writes twice before the reply (one turn), kim writes after it: no follow-up by
  // sam, so nothing is counted.
  TableBuilder b({Brand("acme", {"acme_help"})});
  b.Post("1", "sam", kT0, {.mentions = {"acme_help"}});
  b.Reply("2", "sam", kT0 + kMin, "1", {.mentions = {"acme_help"}});
  b.Reply("3", "acme_help", kT0 + 5 * kMin, "2");
  b.Reply("4", "kim", kT0 + 6 * kMin, "3");
  test::Analysis a(Scored(b, {{"1", -0.5f}, {"4", 0.5f}}), b.brands());
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(Total(r, "acme", "followed_up_turns"), 0));
  EXPECT_TRUE(IsNull(Total(r, "acme", "sentiment_shift")));
}

TEST(Expectations, MergingPartsEqualsTheWhole) {
  TableBuilder b = FiveTurns();
  test::Analysis a(Scored(b, kScores), b.brands(), {.by = PeriodUnit::kDay});
  ResultSet whole = test::ComputeFamily(a, "E11");
  for (size_t cut : {size_t{1}, size_t{2}, size_t{4}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E11", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E11", {1, 2, 3}), whole));
}

}  // namespace
}  // namespace rapport
