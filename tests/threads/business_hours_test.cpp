// Business hours (src/threads/business_hours.cpp): the spec parser and the clock that
// runs only while the team is open (METRICS.md E2 --business-hours).
#include "threads/business_hours.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"

namespace rapport {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Span = std::pair<int, int>;

constexpr Seconds kHour = test::kHour;

BusinessHours Parse(std::string_view spec) {
  std::string error;
  auto h = ParseBusinessHours(spec, &error);
  EXPECT_TRUE(h) << spec << ": " << error;
  return h ? *h : BusinessHours{};
}

TEST(BusinessHours, ParsesADayRangeAndAClockRange) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  for (int d = 0; d < 5; ++d) EXPECT_THAT(h.open[d], ElementsAre(Span{540, 1020})) << d;
  EXPECT_THAT(h.open[5], IsEmpty());
  EXPECT_THAT(h.open[6], IsEmpty());
}

TEST(BusinessHours, ParsesSeveralSpecsSeparatedBySemicolonOrComma) {
  BusinessHours h = Parse("Mon-Fri 09:00-12:00; Mon-Fri 13:00-17:00, Sat 10:00-14:00");
  EXPECT_THAT(h.open[0], ElementsAre(Span{540, 720}, Span{780, 1020}));
  EXPECT_THAT(h.open[5], ElementsAre(Span{600, 840}));
  EXPECT_THAT(h.open[6], IsEmpty());
}

TEST(BusinessHours, DayNamesAreCaseInsensitive) {
  BusinessHours h = Parse("sat-SUN 10:00-11:00");
  EXPECT_THAT(h.open[5], ElementsAre(Span{600, 660}));
  EXPECT_THAT(h.open[6], ElementsAre(Span{600, 660}));
  EXPECT_THAT(h.open[0], IsEmpty());
}

TEST(BusinessHours, DayRangeWrapsAroundTheWeekend) {
  BusinessHours h = Parse("Fri-Mon 09:00-17:00");
  for (int d : {4, 5, 6, 0}) EXPECT_THAT(h.open[d], ElementsAre(Span{540, 1020})) << d;
  for (int d : {1, 2, 3}) EXPECT_THAT(h.open[d], IsEmpty()) << d;
}

TEST(BusinessHours, MidnightCloseIsAllowed) {
  BusinessHours h = Parse("Sun 00:00-24:00");
  EXPECT_THAT(h.open[6], ElementsAre(Span{0, 1440}));
}

TEST(BusinessHours, RejectsMalformedSpecsWithAMessage) {
  for (const char* bad : {"", " ; ", "Mon-Fri", "Mon-Fri 17:00-09:00", "Mon-Fri 09:00-09:00",
                          "Xyz 09:00-17:00", "Mon-Fri 9:00-17:00", "Mon-Fri 09:00",
                          "Mon-Fri 09:00-25:00", "Mon-Fri 09:60-17:00", "Mon-Fri 24:30-24:45",
                          "Mon-Fri 0a:00-17:00"}) {
    std::string error;
    EXPECT_FALSE(ParseBusinessHours(bad, &error)) << '"' << bad << '"';
    EXPECT_FALSE(error.empty()) << '"' << bad << '"';
  }
}

TEST(BusinessSeconds, InsideOneOpenSpanIsWallClockTime) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  // Monday 2024-03-04 10:00 -> 11:30 UTC.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-04T10:00:00Z"),
                            test::T("2024-03-04T11:30:00Z")),
            90 * 60);
}

TEST(BusinessSeconds, ClockStopsOutsideOpenHours) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  // Monday 16:00 -> Tuesday 10:00: 1 h Monday + 1 h Tuesday.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-04T16:00:00Z"),
                            test::T("2024-03-05T10:00:00Z")),
            2 * kHour);
  // Entirely at night: 0.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-04T18:00:00Z"),
                            test::T("2024-03-05T08:59:59Z")),
            0);
}

TEST(BusinessSeconds, AcrossAWeekendOnlyFridayAndMondayCount) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  // Friday 2024-03-08 16:00 -> Monday 2024-03-11 10:00: 1 h + 1 h, the weekend is closed.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-08T16:00:00Z"),
                            test::T("2024-03-11T10:00:00Z")),
            2 * kHour);
  // A whole week, Monday 00:00 -> next Monday 00:00: 5 x 8 h.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-04T00:00:00Z"),
                            test::T("2024-03-11T00:00:00Z")),
            40 * kHour);
}

TEST(BusinessSeconds, EmptyOrReversedIntervalIsZero) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  Seconds t = test::T("2024-03-04T10:00:00Z");
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), t, t), 0);
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), t, t - kHour), 0);
}

TEST(BusinessSeconds, OpenHoursAreLocalToTheTimeZone) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  auto paris = LoadZone("Europe/Paris");
  ASSERT_TRUE(paris);
  // 07:00 -> 09:00 UTC on a Monday in March is 08:00 -> 10:00 CET: 1 h open.
  EXPECT_EQ(BusinessSeconds(h, *paris, test::T("2024-03-04T07:00:00Z"),
                            test::T("2024-03-04T09:00:00Z")),
            kHour);
}

TEST(BusinessSeconds, AcrossTheSpringDstChangeInParis) {
  BusinessHours h = Parse("Mon-Fri 09:00-17:00");
  auto paris = LoadZone("Europe/Paris");
  ASSERT_TRUE(paris);
  // Clocks go forward on Sunday 2024-03-31. Friday 16:00 CET (15:00 UTC) -> Monday
  // 10:00 CEST (08:00 UTC): 1 h Friday + 1 h Monday, although 65 h passed.
  Seconds from = test::T("2024-03-29T15:00:00Z"), to = test::T("2024-04-01T08:00:00Z");
  EXPECT_EQ(to - from, 65 * kHour);
  EXPECT_EQ(BusinessSeconds(h, *paris, from, to), 2 * kHour);
}

TEST(BusinessSeconds, DstDaysLastTwentyThreeAndTwentyFiveHours) {
  BusinessHours h = Parse("Sun 00:00-24:00");
  auto paris = LoadZone("Europe/Paris");
  ASSERT_TRUE(paris);
  // Sunday 2024-03-31 in Paris: 23 h; Sunday 2024-10-27: 25 h.
  EXPECT_EQ(BusinessSeconds(h, *paris, test::T("2024-03-30T12:00:00Z"),
                            test::T("2024-04-01T12:00:00Z")),
            23 * kHour);
  EXPECT_EQ(BusinessSeconds(h, *paris, test::T("2024-10-26T12:00:00Z"),
                            test::T("2024-10-28T12:00:00Z")),
            25 * kHour);
}

TEST(BusinessSeconds, AutumnDstChangeInsideOpenHoursCountsRealSeconds) {
  // Open all Sunday 00:00-04:00 local; on 2024-10-27 that span lasts 5 real hours
  // (03:00 CEST -> 02:00 CET happens inside it).
  BusinessHours h = Parse("Sun 00:00-04:00");
  auto paris = LoadZone("Europe/Paris");
  ASSERT_TRUE(paris);
  EXPECT_EQ(BusinessSeconds(h, *paris, test::T("2024-10-26T12:00:00Z"),
                            test::T("2024-10-27T12:00:00Z")),
            5 * kHour);
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

TEST(BusinessSeconds, OverlappingOpenSpansCountEachSecondOnce) {
  // Two specs that overlap on Monday 12:00-17:00 (e.g. a team's hours and a
  // weekday rule written separately): a second is open or not, never open twice.
  BusinessHours h = Parse("Mon 09:00-17:00; Mon 12:00-18:00");
  Seconds from = test::T("2024-03-04T12:00:00Z"), to = test::T("2024-03-04T13:00:00Z");
  Seconds got = BusinessSeconds(h, absl::UTCTimeZone(), from, to);
  EXPECT_EQ(got, kHour);
  // The whole Monday is open 09:00-18:00: 9 h.
  EXPECT_EQ(BusinessSeconds(h, absl::UTCTimeZone(), test::T("2024-03-04T00:00:00Z"),
                            test::T("2024-03-05T00:00:00Z")),
            9 * kHour);
}

}  // namespace
}  // namespace rapport
