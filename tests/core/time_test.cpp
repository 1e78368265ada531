#include "core/time.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(Time, ParsesRfc3339) {
  EXPECT_EQ(ParseRfc3339("1990-01-01T00:00:00Z"), 631152000);
  EXPECT_EQ(ParseRfc3339("2017-10-31T22:10:47Z"), 1509487847);
  EXPECT_EQ(ParseRfc3339("2017-10-31T23:10:47+01:00"), 1509487847);
  EXPECT_EQ(ParseRfc3339("2017-10-31T22:10:47.123Z"), 1509487847);
  EXPECT_EQ(ParseRfc3339("2017-10-31"), 1509408000);
  EXPECT_FALSE(ParseRfc3339("2017-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2017-10-31T25:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("yesterday"));
}

TEST(Time, ParsesTwitterDates) {
  EXPECT_EQ(ParseTwitterDate("Tue Oct 31 22:10:47 +0000 2017"), 1509487847);
  EXPECT_FALSE(ParseTwitterDate("Tue Oct 31 22:10:47 2017"));
}

TEST(Time, ParsesEpochSeconds) { EXPECT_EQ(ParseTimestamp("1509487847"), 1509487847); }

TEST(Time, RejectsInstantsOutside1990To2099) {
  // Placeholders (0) and mistyped years are bad timestamps, in every form.
  EXPECT_FALSE(ParseRfc3339("1970-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("1989-12-31"));
  EXPECT_FALSE(ParseRfc3339("2817-10-11T08:50:14Z"));
  EXPECT_FALSE(ParseTwitterDate("Wed Oct 11 08:50:14 +0000 2817"));
  EXPECT_FALSE(ParseTimestamp("0"));
  EXPECT_FALSE(ParseTimestamp("99999999999"));
  EXPECT_EQ(ParseRfc3339("2099-12-31T23:59:59Z"), kLatestInstant - 1);
  EXPECT_FALSE(ParseRfc3339("2100-01-01T00:00:00Z"));
  // The offset is applied before the check: 1990-01-01T00:30+01:00 is still 1989.
  EXPECT_FALSE(ParseRfc3339("1990-01-01T00:30:00+01:00"));
}

TEST(Time, FormatsRfc3339) { EXPECT_EQ(FormatRfc3339(1509487847), "2017-10-31T22:10:47Z"); }

TEST(Time, IsoWeeks) {
  PeriodCalendar cal(PeriodUnit::kWeek, absl::UTCTimeZone());
  // 2017-10-31 is a Tuesday of ISO week 44; 2021-01-03 (Sunday) is in 2020-W53.
  EXPECT_EQ(cal.Label(cal.PeriodOf(1509487847)), "2017-W44");
  EXPECT_EQ(cal.Label(cal.PeriodOf(*ParseRfc3339("2021-01-03T12:00:00Z"))), "2020-W53");
  EXPECT_EQ(cal.Label(cal.PeriodOf(*ParseRfc3339("2021-01-04T00:00:00Z"))), "2021-W01");
  EXPECT_EQ(cal.PeriodStart(cal.PeriodOf(1509487847)), *ParseRfc3339("2017-10-30"));
}

// In UTC, days and weeks are found by arithmetic; through the zone (Africa/Abidjan
// has been GMT+0 since 1912) they must be the same, at every hour and around the epoch.
TEST(Time, UtcArithmeticPeriodsMatchTheZonedOnes) {
  auto gmt = LoadZone("Africa/Abidjan");
  ASSERT_TRUE(gmt);
  for (PeriodUnit unit : {PeriodUnit::kDay, PeriodUnit::kWeek}) {
    PeriodCalendar utc(unit, absl::UTCTimeZone()), zoned(unit, *gmt);
    for (Seconds t = -30 * 86400 - 1; t < 30 * 86400; t += 3599)
      ASSERT_EQ(utc.PeriodOf(t), zoned.PeriodOf(t)) << t;
    for (Seconds t = kEarliestInstant; t < kLatestInstant; t += 86400 * 3 + 3601)
      ASSERT_EQ(utc.PeriodOf(t), zoned.PeriodOf(t)) << t;
  }
  PeriodCalendar week(PeriodUnit::kWeek, absl::UTCTimeZone());
  EXPECT_EQ(week.PeriodOf(4 * 86400), 0);       // Monday 1970-01-05
  EXPECT_EQ(week.PeriodOf(4 * 86400 - 1), -1);  // the Sunday before
}

TEST(Time, MonthsAndDaysInTimeZone) {
  auto paris = LoadZone("Europe/Paris");
  ASSERT_TRUE(paris);
  PeriodCalendar cal(PeriodUnit::kMonth, *paris);
  // 23:30 UTC on Oct 31 is already November 1 in Paris.
  EXPECT_EQ(cal.Label(cal.PeriodOf(*ParseRfc3339("2017-10-31T23:30:00Z"))), "2017-11");
  EXPECT_EQ(cal.DaysIn(cal.PeriodOf(*ParseRfc3339("2017-02-10T00:00:00Z"))), 28);
  EXPECT_EQ(cal.HourOfWeek(*ParseRfc3339("2017-10-30T08:30:00Z")), 9);  // Monday 09:30 CET
  EXPECT_FALSE(LoadZone("Mars/Olympus"));
}

}  // namespace
}  // namespace rapport
