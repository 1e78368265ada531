// Instants are int64 seconds since the Unix epoch, UTC. Periods are computed in the
// report's time zone (`--tz`, IANA names through Abseil's cctz).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace rapport {

using Seconds = int64_t;

// Instants a social-media record can carry: from 1990-01-01 (before any of the
// platforms; 0 and other placeholders fall below it) to 2100-01-01. The parsers
// reject anything outside, so one mistyped year cannot stretch a report over
// centuries of empty periods (docs/formats.md, bad input).
inline constexpr Seconds kEarliestInstant = 631152000;   // 1990-01-01T00:00:00Z
inline constexpr Seconds kLatestInstant = 4102444800;    // 2100-01-01T00:00:00Z
constexpr bool PlausibleInstant(Seconds t) { return t >= kEarliestInstant && t < kLatestInstant; }

// RFC 3339 ("2017-10-31T22:10:47Z", offsets, fractions dropped), a bare date
// ("2017-10-31", midnight UTC), or "YYYY-MM-DD HH:MM:SS" taken as UTC.
std::optional<Seconds> ParseRfc3339(std::string_view s);
// The Twitter v1 / TWCS form: "Tue Oct 31 22:10:47 +0000 2017".
std::optional<Seconds> ParseTwitterDate(std::string_view s);
// Either of the above, or integer epoch seconds (also as text).
std::optional<Seconds> ParseTimestamp(std::string_view s);
// "2017-10-31T22:10:47Z".
std::string FormatRfc3339(Seconds t);
// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);

enum class PeriodUnit : uint8_t { kDay, kWeek, kMonth };
std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s);
std::string_view PeriodUnitName(PeriodUnit u);

// Buckets instants into reporting periods in one time zone.
class PeriodCalendar {
 public:
  PeriodCalendar(PeriodUnit unit, absl::TimeZone tz)
      : unit_(unit), tz_(tz), utc_(tz == absl::UTCTimeZone()) {}
  // A period index that orders periods and counts them: days since epoch, ISO weeks
  // since the epoch week, or months since 1970-01.
  // Inline in UTC by day or week (arithmetic only): families ask it for every event.
  int64_t PeriodOf(Seconds t) const {
    if (utc_ && unit_ != PeriodUnit::kMonth) {
      const int64_t day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
      if (unit_ == PeriodUnit::kDay) return day;
      // Weeks counted from Monday 1970-01-05 (day 4): floor((day - 4) / 7).
      const int64_t d = day - 4;
      return d >= 0 ? d / 7 : (d - 6) / 7;
    }
    return ZonedPeriodOf(t);
  }
  // The label users see: "2017-10-31", "2017-W44", "2017-10".
  std::string Label(int64_t period) const;
  // First instant of a period, and the number of local calendar days in it.
  Seconds PeriodStart(int64_t period) const;
  int DaysIn(int64_t period) const;
  // Local day number (days since 1970-01-01 in the zone) and hour of the ISO week
  // (0 = Monday 00:00-01:00).
  int64_t LocalDay(Seconds t) const;
  int HourOfWeek(Seconds t) const;
  const absl::TimeZone& zone() const { return tz_; }
  PeriodUnit unit() const { return unit_; }

 private:
  int64_t ZonedPeriodOf(Seconds t) const;

  PeriodUnit unit_;
  absl::TimeZone tz_;
  bool utc_;  // tz_ is UTC: days and hours by division (asked once per event per family)
};

// Loads an IANA zone ("UTC", "Europe/Paris"); nullopt when unknown.
std::optional<absl::TimeZone> LoadZone(std::string_view name);

}  // namespace rapport
