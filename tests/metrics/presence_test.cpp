// E10 Presence (src/metrics/presence.cpp): active days, posts per active day, the
// longest silence, and the hours of the week answered within the SLA.
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
constexpr Seconds kHour = test::kHour;
constexpr Seconds kDay = test::kDay;
const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10

std::vector<BrandSpec> Brands() {
  return {Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})};
}

TEST(Presence, WorkedExampleOfTheDocs) {
  // Brand posts: 1 (10:00) and 4 (10:20), on the one day of the range.
  ResultSet r = test::ComputeResults(test::WorkedExample());
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 1.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "posts_per_active_day"), 2.0));
  EXPECT_TRUE(IsInt(Total(r, "acme", "longest_silence"), 1200));
}

TEST(Presence, EmptyTableGivesNullRatiosAndZeroCounts) {
  ResultSet r = test::ComputeResults(TableBuilder(Brands()));
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 0));
  EXPECT_TRUE(IsNull(Total(r, "acme", "active_days_share")));
  EXPECT_TRUE(IsNull(Total(r, "acme", "posts_per_active_day")));
  EXPECT_TRUE(IsNull(Total(r, "acme", "longest_silence")));
  Value cells = Total(r, "acme", "coverage_by_hour");
  ASSERT_TRUE(cells.is_list());
  ASSERT_EQ(cells.as_list().size(), 168u);
  for (const Value& c : cells.as_list()) EXPECT_TRUE(IsNull(c));
}

TEST(Presence, BrandWithoutPostsHasAShareOfZeroOverTheRange) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Post("2", "sam", kT0 + 2 * kDay);  // the range is 3 days
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 1.0 / 3.0));
  EXPECT_TRUE(IsInt(Total(r, "rival", "active_days"), 0));
  EXPECT_TRUE(IsNumber(Total(r, "rival", "active_days_share"), 0.0));
  EXPECT_TRUE(IsNull(Total(r, "rival", "posts_per_active_day")));
  EXPECT_TRUE(IsNull(Total(r, "rival", "longest_silence")));
}

// Brand posts Monday 10:00 and 12:00 and Wednesday 09:00; an audience post on Sunday
// closes the range: Monday..Sunday = 7 days.
TableBuilder OneWeek() {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Post("2", "acme_help", kT0 + 2 * kHour);
  b.Post("3", "acme_help", test::T("2024-03-06T09:00:00Z"));
  b.Post("4", "sam", test::T("2024-03-10T18:00:00Z"));
  return b;
}

TEST(Presence, ActiveDaysPostsPerDayAndLongestSilenceOverAWeek) {
  ResultSet r = test::ComputeResults(OneWeek());
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 2));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 2.0 / 7.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "posts_per_active_day"), 1.5));
  // Monday 12:00 -> Wednesday 09:00 = 45 h; the time after the last post is not counted.
  EXPECT_TRUE(IsInt(Total(r, "acme", "longest_silence"), 45 * kHour));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "active_days"), 2));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W10", "active_days_share"), 2.0 / 7.0));
}

TEST(Presence, DailyPeriodsHaveOneDayEach) {
  ResultSet r = test::ComputeResults(OneWeek(), {.by = PeriodUnit::kDay});
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-04", "active_days_share"), 1.0));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-04", "posts_per_active_day"), 2.0));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-03-04", "longest_silence"), 2 * kHour));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-03-05", "active_days"), 0));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-03-05", "active_days_share"), 0.0));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-03-05", "posts_per_active_day")));
  EXPECT_TRUE(IsNull(InPeriod(r, "acme", "2024-03-06", "longest_silence")));  // one post
  EXPECT_EQ(r.brands[0].periods.size(), 7u);
}

TEST(Presence, PeriodDaysAreCutToTheAnalysedRange) {
  // Data from Wednesday 2024-03-06 to Tuesday 2024-03-12: week 10 has 5 days in the
  // range (Wed..Sun), week 11 has 2 (Mon, Tue). One brand post in each week.
  TableBuilder b(Brands());
  b.Post("1", "acme_help", "2024-03-06T08:00:00Z");
  b.Post("2", "acme_help", "2024-03-11T08:00:00Z");
  b.Post("3", "sam", "2024-03-12T20:00:00Z");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W10", "active_days_share"), 1.0 / 5.0));
  EXPECT_TRUE(IsNumber(InPeriod(r, "acme", "2024-W11", "active_days_share"), 1.0 / 2.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 2.0 / 7.0));
}

TEST(Presence, SinceAndUntilSetTheDaysAndFilterThePosts) {
  // --since Monday 00:00, --until next Monday 00:00: 7 days whatever the data.
  TableBuilder b(Brands());
  b.Post("1", "acme_help", "2024-03-05T08:00:00Z");
  b.Post("2", "acme_help", "2024-03-11T00:00:00Z");  // = until: outside
  b.Post("3", "acme_help", "2024-03-03T23:59:59Z");  // before since: outside
  ResultSet r = test::ComputeResults(
      b, {.since = test::T("2024-03-04T00:00:00Z"), .until = test::T("2024-03-11T00:00:00Z")});
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 1.0 / 7.0));
  EXPECT_TRUE(IsNull(Total(r, "acme", "longest_silence")));
  const Value* cov = FindField(test::FindScope(r, "acme")->coverage, "presence");
  ASSERT_NE(cov, nullptr);
  EXPECT_TRUE(IsInt(*FindField(cov->as_record(), "brand_posts"), 1));
}

TEST(Presence, SharesCountAsPresenceReactionsDoNot) {
  TableBuilder b(Brands());
  b.Post("1", "sam", kT0);
  b.Share("2", "acme_help", kT0 + kHour, "1");
  b.Reaction("3", "acme_help", kT0 + kDay, "1");
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 1));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "posts_per_active_day"), 1.0));
  EXPECT_TRUE(IsNumber(Total(r, "acme", "active_days_share"), 0.5));  // 2 days of range
}

TEST(Presence, DaysAreLocalToTheReportTimeZone) {
  // Monday 23:30 and Tuesday 00:30 UTC: two UTC days, one Paris day (Tuesday).
  TableBuilder b(Brands());
  b.Post("1", "acme_help", "2024-03-04T23:30:00Z");
  b.Post("2", "acme_help", "2024-03-05T00:30:00Z");
  ResultSet utc = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(utc, "acme", "active_days"), 2));
  ResultSet paris = test::ComputeResults(b, {.tz = *LoadZone("Europe/Paris")});
  EXPECT_TRUE(IsInt(Total(paris, "acme", "active_days"), 1));
  EXPECT_TRUE(IsNumber(Total(paris, "acme", "active_days_share"), 1.0));
}

TEST(Presence, CoverageByHourIsTheShareOfTurnsAnsweredWithinTheSla) {
  // Judged at 10:59 with a 30 min horizon. Hour 10 on Monday:
  //   A 10:00 answered in 30 min (within the SLA), B 10:05 answered in 2 h (not),
  //   D 10:10 unanswered (49 min old: judged), C 10:40 unanswered (19 min: pending,
  //   left out). -> 1 / 3. Every other hour: null.
  TableBuilder b(Brands());
  auto ask = [&](const std::string& id, const std::string& who, Seconds at, Seconds delay) {
    b.Post(id, who, at, {.mentions = {"acme_help"}});
    if (delay >= 0) b.Reply(id + "r", "acme_help", at + delay, id);
  };
  ask("A", "ann", kT0, 30 * kMin);
  ask("B", "bob", kT0 + 5 * kMin, 2 * kHour);
  ask("D", "dan", kT0 + 10 * kMin, -1);
  ask("C", "cat", kT0 + 40 * kMin, -1);
  ResultSet r = test::ComputeResults(b, {.as_of = kT0 + 59 * kMin, .response_horizon = 30 * kMin});
  const ValueList& cells = Total(r, "acme", "coverage_by_hour").as_list();
  ASSERT_EQ(cells.size(), 168u);
  for (size_t h = 0; h < 168; ++h) {
    if (h == 10) {
      EXPECT_TRUE(IsNumber(cells[h], 1.0 / 3.0));
    }
    else EXPECT_TRUE(IsNull(cells[h])) << h;
  }
  EXPECT_EQ(test::FindMetric(*test::FindScope(r, "acme", "2024-W10"), "coverage_by_hour"), nullptr);
  // In Paris the same turns start in hour 11.
  ResultSet paris = test::ComputeResults(
      b, {.tz = *LoadZone("Europe/Paris"), .as_of = kT0 + 59 * kMin, .response_horizon = 30 * kMin});
  EXPECT_TRUE(IsNumber(Total(paris, "acme", "coverage_by_hour").as_list()[11], 1.0 / 3.0));
}

TEST(Presence, PlatformsAreSplit) {
  TableBuilder b(Brands());
  b.Post("1", "acme_help", kT0);
  b.Post("2", "acme_help", kT0 + kDay, {.platform = Platform::kLinkedin});
  b.Post("3", "acme_help", kT0 + kDay + kHour, {.platform = Platform::kLinkedin});
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "x", "active_days"), 1));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "x", "active_days_share"), 0.5));
  EXPECT_TRUE(IsNumber(OnPlatform(r, "acme", "linkedin", "posts_per_active_day"), 2.0));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "linkedin", "longest_silence"), kHour));
  EXPECT_TRUE(IsInt(Total(r, "acme", "longest_silence"), kDay));
}

TEST(Presence, SilencesAcrossInterleavedPlatformsAndPeriods) {
  // Each (period, platform) is sorted once and the wider scopes merge them: posts of
  // two platforms interleaved over two weeks, given out of order.
  TableBuilder b(Brands());
  const Platform li = Platform::kLinkedin;
  b.Post("6", "acme_help", kT0 + 11 * kDay, {.platform = li});  // W11 Fri
  b.Post("5", "acme_help", kT0 + 8 * kDay);                     // W11 Tue
  b.Post("3", "acme_help", kT0 + 2 * kDay);                     // W10 Wed
  b.Post("4", "acme_help", kT0 + 7 * kDay, {.platform = li});   // W11 Mon
  b.Post("1", "acme_help", kT0);                                // W10 Mon
  b.Post("2", "acme_help", kT0 + kDay, {.platform = li});       // W10 Tue
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(IsInt(Total(r, "acme", "longest_silence"), 5 * kDay));  // Wed W10 to Mon W11
  EXPECT_TRUE(IsInt(Total(r, "acme", "active_days"), 6));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W10", "longest_silence"), kDay));
  EXPECT_TRUE(IsInt(InPeriod(r, "acme", "2024-W11", "longest_silence"), 3 * kDay));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "x", "longest_silence"), 6 * kDay));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "linkedin", "longest_silence"), 6 * kDay));
  EXPECT_TRUE(IsInt(OnPlatform(r, "acme", "linkedin", "active_days"), 3));
}

TEST(Presence, MergingStatesOfTwoHalvesEqualsTheWhole) {
  TableBuilder b(Brands());
  for (int k = 0; k < 20; ++k) {
    std::string id = std::to_string(k);
    Seconds t = kT0 + k * 11 * kHour;
    if (k % 3 == 0) {
      b.Post(id, k % 2 ? "rival_care" : "acme_help", t, {.platform = k % 4 ? Platform::kX : Platform::kBluesky});
    } else {
      b.Post(id, "user" + id, t, {.mentions = {"acme_help"}});
      if (k % 2) b.Reply(id + "r", "acme_help", t + k * 7 * kMin, id);
    }
  }
  test::Analysis a(b);
  ResultSet whole = test::ComputeFamily(a, "E10");
  for (size_t cut : {size_t{1}, size_t{10}, size_t{19}})
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E10", {cut}), whole)) << cut;
  EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, "E10", {4, 9, 13}), whole));
}

}  // namespace
}  // namespace rapport
