// E9 Relationship (src/metrics/relationship.cpp): engagers, returning engagers and
// cohorts of first-time engagers.
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

std::vector<BrandSpec> Acme() {
  return {Brand("acme", {"acme_help"}, {"acme"}, {"acmelove"}),
          Competitor("rival", {"rival_care"})};
}

// `author` engages with acme in week w (0 = 2024-W10) by mentioning it.
void Engage(TableBuilder& b, const std::string& author, int week, Platform p = Platform::kX) {
  static int next = 0;
  b.Post("e" + std::to_string(++next), author, kT0 + week * 7 * kDay,
         {.mentions = {"acme_help"}, .platform = p});
}

std::string Cohorts(const ResultSet& r, const char* brand) {
  return test::Show(Total(r, brand, "cohort_retention"));
}

TEST(Relationship, WorkedExampleOfTheDocs) {
  // sam wrote to the brand (inbound), lee shared its post; kim answered sam only.
  ResultSet r = test::ComputeResults(test::WorkedExample());
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 2));
  EXPECT_TRUE(IsInt(Total(r, "acme", "returning_engagers"), 0));
  EXPECT_TRUE(IsInt(Total(r, "acme", "new_engagers"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "returning_share"), 0.0));
  EXPECT_EQ(Cohorts(r, "acme"), R"([{"cohort":"2024-W10","size":2,"retention":[]}])");
}

TEST(Relationship, EmptyTableGivesZeroEngagersAndNullShare) {
  ResultSet r = test::ComputeResults(TableBuilder(Acme()));
  for (const char* brand : {"acme", "rival"}) {
    EXPECT_TRUE(IsInt(Total(r, brand, "engagers"), 0)) << brand;
    EXPECT_TRUE(IsInt(Total(r, brand, "returning_engagers"), 0)) << brand;
    EXPECT_TRUE(IsInt(Total(r, brand, "new_engagers"), 0)) << brand;
    EXPECT_TRUE(IsNull(Total(r, brand, "returning_share"))) << brand;
    EXPECT_EQ(Cohorts(r, brand), "[]") << brand;
  }
}

TEST(Relationship, BrandWithoutDataStillHasEveryMetric) {
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 1));
  EXPECT_TRUE(IsInt(Total(r, "rival", "engagers"), 0));
  EXPECT_TRUE(IsNull(Total(r, "rival", "returning_share")));
  EXPECT_EQ(Cohorts(r, "rival"), "[]");
}

TEST(Relationship, WhatCountsAsAnEngagement) {
  TableBuilder b(Acme());
  b.Post("1", "acme_help", kT0);
  b.Reply("2", "sam", kT0 + 1 * kMin, "1", {.mentions_field = true});   // reply to the brand
  b.Post("3", "joe", kT0 + 2 * kMin, {.text = "I love Acme!"});          // brand term
  b.Post("4", "ann", kT0 + 3 * kMin, {.hashtags = {"#AcmeLove"}});       // hashtag field
  b.Post("5", "bob", kT0 + 4 * kMin, {.text = "so #acmelove today"});    // hashtag in text
  b.Share("6", "lee", kT0 + 5 * kMin, "1");                             // share of its post
  b.Quote("7", "max", kT0 + 6 * kMin, "1", {.mentions_field = true});   // quote of its post
  b.Post("8", "kim", kT0 + 7 * kMin, {.text = "acmeville is far"});      // not word-bounded
  b.Reaction("9", "zoe", kT0 + 8 * kMin, "1");                          // a like: no
  b.Post("10", "ann2", kT0 + 9 * kMin);
  b.Share("11", "acme_help", kT0 + 10 * kMin, "10");                    // brand shares ann2
  b.Share("12", "ned", kT0 + 11 * kMin, "11");                          // share of a share: no
  b.Post("13", "rival_care", kT0 + 12 * kMin, {.mentions = {"acme_help"}});  // a brand: no
  ResultSet r = test::ComputeResults(b);
  // sam, joe, ann, bob, lee, max.
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 6));
  EXPECT_TRUE(IsInt(Total(r, "rival", "engagers"), 0));
}

TEST(Relationship, EngagerIsCountedOncePerPeriod) {
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  Engage(b, "sam", 0);
  b.Post("x", "sam", kT0 + kMin, {.text = "acme acme"});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "engagers"), 1));
}

// W10: sam, joe, ann; W11: sam, bob; W12: joe, bob.
TableBuilder ThreeWeeks() {
  TableBuilder b(Acme());
  for (const char* a : {"sam", "joe", "ann"}) Engage(b, a, 0);
  for (const char* a : {"sam", "bob"}) Engage(b, a, 1);
  for (const char* a : {"joe", "bob"}) Engage(b, a, 2);
  return b;
}

TEST(Relationship, ReturningEngagersEngagedInOneOfThePreviousPeriods) {
  ResultSet r = test::ComputeResults(ThreeWeeks());
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "engagers"), 3));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "returning_engagers"), 0));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "new_engagers"), 3));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "returning_engagers"), 1));  // sam
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "returning_share"), 0.5));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W12", "returning_engagers"), 2));  // joe, bob
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W12", "returning_share"), 1.0));
  // Whole range: 4 distinct, 3 returning in some period.
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 4));
  EXPECT_TRUE(IsInt(Total(r, "acme", "returning_engagers"), 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "new_engagers"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "returning_share"), 0.75));
}

TEST(Relationship, CohortRetentionBySharesOfTheFirstPeriod) {
  // Cohort W10 {sam, joe, ann}: W11 sam 1/3, W12 joe 1/3. Cohort W11 {bob}: W12 1.
  ResultSet r = test::ComputeResults(ThreeWeeks());
  Value v = Total(r, "acme", "cohort_retention");
  ASSERT_TRUE(v.is_list());
  ASSERT_EQ(v.as_list().size(), 2u);
  const ValueRecord& w10 = v.as_list()[0].as_record();
  EXPECT_EQ(FindField(w10, "cohort")->as_string(), "2024-W10");
  EXPECT_TRUE(IsInt(*FindField(w10, "size"), 3));
  const ValueList& ret10 = FindField(w10, "retention")->as_list();
  ASSERT_EQ(ret10.size(), 2u);
  EXPECT_TRUE(IsNumber(ret10[0], 1.0 / 3.0));
  EXPECT_TRUE(IsNumber(ret10[1], 1.0 / 3.0));
  const ValueRecord& w11 = v.as_list()[1].as_record();
  EXPECT_EQ(FindField(w11, "cohort")->as_string(), "2024-W11");
  EXPECT_EQ(test::Show(*FindField(w11, "retention")), "[1]");
  // Only the whole-range records carry the cohort list.
  EXPECT_EQ(test::FindMetric(*test::FindScope(r, "acme", "2024-W10"), "cohort_retention"), nullptr);
}

TEST(Relationship, CohortRetentionCountsEmptyPeriodsAsZero) {
  // sam W10 and W12, nothing in W11: cohort W10 retention [0, 1].
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  Engage(b, "sam", 2);
  ResultSet r = test::ComputeResults(b);
  EXPECT_EQ(Cohorts(r, "acme"), R"([{"cohort":"2024-W10","size":1,"retention":[0,1]}])");
}

TEST(Relationship, LookbackIsFourPeriodsByDefaultAndConfigurable) {
  // sam in W10, then W14 (4 weeks later: returning) and ann in W10, then W15 (5 later).
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  Engage(b, "ann", 0);
  Engage(b, "sam", 4);
  Engage(b, "ann", 5);
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W14", "returning_engagers"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W15", "returning_engagers"), 0));
  EXPECT_TRUE(IsInt(Total(r, "acme", "returning_engagers"), 1));
  // Periods in between are listed with no engagers.
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W12", "engagers"), 0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-W12", "returning_share")));
  ResultSet k5 = test::ComputeResults(b, {.returning_lookback = 5});
  EXPECT_TRUE(IsInt(InPeriod(k5, "acme", "2024-W15", "returning_engagers"), 1));
  ResultSet k1 = test::ComputeResults(b, {.returning_lookback = 1});
  EXPECT_TRUE(IsInt(Total(k1, "acme", "returning_engagers"), 0));
}

TEST(Relationship, MonthlyPeriodsLookBackInMonths) {
  TableBuilder b(Acme());
  b.Post("1", "sam", "2024-01-31T23:00:00Z", {.mentions = {"acme_help"}});
  b.Post("2", "sam", "2024-03-01T01:00:00Z", {.mentions = {"acme_help"}});
  ResultSet r = test::ComputeResults(b, {.by = PeriodUnit::kMonth, .returning_lookback = 2});
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-03", "returning_engagers"), 1));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-02", "engagers"), 0));
  ResultSet k1 = test::ComputeResults(b, {.by = PeriodUnit::kMonth, .returning_lookback = 1});
  EXPECT_TRUE(IsInt(InPeriod(k1, "acme", "2024-03", "returning_engagers"), 0));
}

TEST(Relationship, AnEngagerIsAPlatformAndAnAuthor) {
  // sam on X in W10 and "sam" on Reddit in W11: two engagers, none returning.
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  Engage(b, "sam", 1, Platform::kReddit);
  Engage(b, "joe", 0, Platform::kReddit);
  Engage(b, "joe", 1, Platform::kReddit);
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 3));
  EXPECT_TRUE(IsInt(Total(r, "acme", "returning_engagers"), 1));  // joe on Reddit
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "x", "engagers"), 1));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "reddit", "engagers"), 2));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "reddit", "returning_engagers"), 1));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "reddit", "returning_share"), 0.5));
  EXPECT_EQ(test::Show(OnPlatform(r, "acme", "reddit", "cohort_retention")),
            R"([{"cohort":"2024-W10","size":1,"retention":[1]},{"cohort":"2024-W11","size":1,"retention":[]}])");
}

TEST(Relationship, OnlyEngagementsInsideTheRangeAreSeen) {
  // sam in W10 and W11; with --since at the start of W11 sam is new in W11.
  TableBuilder b(Acme());
  Engage(b, "sam", 0);
  Engage(b, "sam", 1);
  Engage(b, "joe", 2);
  ResultSet r = test::ComputeResults(b, {.since = test::T("2024-03-11T00:00:00Z"),
                                         .until = test::T("2024-03-18T00:00:00Z")});
  EXPECT_TRUE(IsInt(Total(r, "acme", "engagers"), 1));
  EXPECT_TRUE(IsInt(Total(r, "acme", "returning_engagers"), 0));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "engagers"), 1));
  EXPECT_EQ(r.brands[0].periods.count("2024-W10"), 0u);
  EXPECT_EQ(r.brands[0].periods.count("2024-W12"), 0u);
}

TEST(Relationship, MergingStatesOfTwoHalvesEqualsTheWhole) {
  TableBuilder b(Acme());
  for (int k = 0; k < 30; ++k)
    Engage(b, "user" + std::to_string(k % 7), k % 6, k % 4 ? Platform::kX : Platform::kReddit);
  test::Analysis a(b);
  ResultSet whole = test::ComputeFamily(a, "E9");
  for (size_t cut : {size_t{1}, size_t{15}, size_t{29}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E9", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E9", {3, 10, 20}), whole));
}

TEST(Relationship, ManyRepeatedEngagementsAreEachEngagerOncePerPeriod) {
  // Past 4096 engagements a state's list is sorted and deduplicated as it grows (and
  // in merges): 9000 mentions by 300 authors over 3 weeks are 300 engagers a week.
  TableBuilder b(Acme());
  for (int k = 0; k < 9000; ++k) Engage(b, "user" + std::to_string(k % 300), k / 3000);
  test::Analysis a(b);
  ResultSet whole = test::ComputeFamily(a, "E9");
  EXPECT_TRUE(IsInt(Total(whole, "acme", "engagers"), 300));
  EXPECT_TRUE(IsInt(Total(whole, "acme", "returning_engagers"), 300));
  EXPECT_TRUE(IsInt(InPeriod(whole, "acme", "2024-W11", "engagers"), 300));
  EXPECT_TRUE(IsInt(InPeriod(whole, "acme", "2024-W12", "new_engagers"), 0));
  EXPECT_EQ(Cohorts(whole, "acme"), R"([{"cohort":"2024-W10","size":300,"retention":[1,1]}])");
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E9", {4500}), whole));
}

}  // namespace
}  // namespace rapport
