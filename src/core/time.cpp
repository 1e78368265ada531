#include "core/time.h"

#include <array>
#include <charconv>
#include <cstdio>

#include "absl/time/civil_time.h"
#include "fmt/format.h"

namespace rapport {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

constexpr std::array<int, 12> kDaysInMonth = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool ValidDate(int64_t y, int64_t m, int64_t d) {
  if (m < 1 || m > 12 || d < 1) return false;
  if (d > kDaysInMonth[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return false;
  return true;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

std::optional<Seconds> ParseRfc3339(std::string_view s) {
  int64_t y, mo, d, h = 0, mi = 0, sec = 0;
  if (s.size() < 10 || !Digits(s, 0, 4, y) || s[4] != '-' || !Digits(s, 5, 2, mo) ||
      s[7] != '-' || !Digits(s, 8, 2, d))
    return std::nullopt;
  if (!ValidDate(y, mo, d)) return std::nullopt;
  int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  if (s.size() == 10) {
    if (!PlausibleInstant(days * 86400)) return std::nullopt;
    return days * 86400;
  }
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  if (!Digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !Digits(s, 14, 2, mi))
    return std::nullopt;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, 17, 2, sec)) return std::nullopt;
    pos = 19;
  }
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int64_t offset = 0;
  if (pos == s.size()) {
    // No zone designator: taken as UTC (documented in docs/formats.md).
  } else if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    int64_t oh, om = 0;
    if (!Digits(s, pos + 1, 2, oh)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (pos < s.size()) {
      if (!Digits(s, pos, 2, om)) return std::nullopt;
      pos += 2;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    offset = sign * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const Seconds t = days * 86400 + h * 3600 + mi * 60 + sec - offset;
  if (!PlausibleInstant(t)) return std::nullopt;
  return t;
}

std::optional<Seconds> ParseTwitterDate(std::string_view s) {
  // "Tue Oct 31 22:10:47 +0000 2017"
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ' ||
      s[25] != ' ')
    return std::nullopt;
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (s.substr(4, 3) == kMonths[i]) month = i + 1;
  int64_t d, h, mi, sec, oh, om, y;
  if (month < 0 || !Digits(s, 8, 2, d) || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, sec) ||
      (s[20] != '+' && s[20] != '-') || !Digits(s, 21, 2, oh) || !Digits(s, 23, 2, om) ||
      !Digits(s, 26, 4, y))
    return std::nullopt;
  if (!ValidDate(y, month, d) || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  int64_t offset = (s[20] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  const Seconds t = DaysFromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(d)) * 86400 +
                    h * 3600 + mi * 60 + sec - offset;
  if (!PlausibleInstant(t)) return std::nullopt;
  return t;
}

std::optional<Seconds> ParseTimestamp(std::string_view s) {
  if (s.empty()) return std::nullopt;
  // "2017-10-31...": not a number (no '-' in those), so the digit scan is skipped.
  if (s.size() > 4 && s[4] == '-') {
    if (auto t = ParseRfc3339(s)) return t;
    return ParseTwitterDate(s);
  }
  bool all_digits = true;
  for (char c : s) all_digits &= (c >= '0' && c <= '9') || c == '.';
  if (all_digits && s.size() <= 12 && s.find('-') == std::string_view::npos) {
    int64_t v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc() && (r.ptr == s.data() + s.size() || *r.ptr == '.') &&
        PlausibleInstant(v))
      return v;
    return std::nullopt;
  }
  if (auto t = ParseRfc3339(s)) return t;
  return ParseTwitterDate(s);
}

std::string FormatRfc3339(Seconds t) {
  absl::CivilSecond c = absl::ToCivilSecond(absl::FromUnixSeconds(t), absl::UTCTimeZone());
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year(), c.month(), c.day(),
                     c.hour(), c.minute(), c.second());
}

std::optional<PeriodUnit> ParsePeriodUnit(std::string_view s) {
  if (s == "day") return PeriodUnit::kDay;
  if (s == "week") return PeriodUnit::kWeek;
  if (s == "month") return PeriodUnit::kMonth;
  return std::nullopt;
}

std::string_view PeriodUnitName(PeriodUnit u) {
  switch (u) {
    case PeriodUnit::kDay: return "day";
    case PeriodUnit::kWeek: return "week";
    case PeriodUnit::kMonth: return "month";
  }
  return "week";
}

int64_t PeriodCalendar::LocalDay(Seconds t) const {
  if (utc_) return t >= 0 ? t / 86400 : (t - 86399) / 86400;
  absl::CivilDay d = absl::ToCivilDay(absl::FromUnixSeconds(t), tz_);
  return DaysFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

namespace {
// 1970-01-01 was a Thursday; Monday-based weekday of a day number.
int Weekday(int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }
int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : (a - b + 1) / b; }
}  // namespace

int PeriodCalendar::HourOfWeek(Seconds t) const {
  int64_t day = LocalDay(t);
  int hour;
  if (utc_) {
    hour = static_cast<int>((t - day * 86400) / 3600);
  } else {
    hour = absl::ToCivilHour(absl::FromUnixSeconds(t), tz_).hour();
  }
  return Weekday(day) * 24 + hour;
}

int64_t PeriodCalendar::ZonedPeriodOf(Seconds t) const {
  int64_t day = LocalDay(t);
  switch (unit_) {
    case PeriodUnit::kDay: return day;
    case PeriodUnit::kWeek:  // weeks counted from Monday 1970-01-05 (day 4)
      return FloorDiv(day - Weekday(day) - 4, 7);
    case PeriodUnit::kMonth: {
      absl::CivilDay d = absl::CivilDay(1970, 1, 1) + day;
      return (d.year() - 1970) * 12 + (d.month() - 1);
    }
  }
  return day;
}

Seconds PeriodCalendar::PeriodStart(int64_t period) const {
  absl::CivilDay d;
  switch (unit_) {
    case PeriodUnit::kDay: d = absl::CivilDay(1970, 1, 1) + period; break;
    case PeriodUnit::kWeek: d = absl::CivilDay(1970, 1, 1) + (period * 7 + 4); break;
    case PeriodUnit::kMonth:
      d = absl::CivilDay(1970 + FloorDiv(period, 12), 1 + (period - FloorDiv(period, 12) * 12), 1);
      break;
  }
  return absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(d), tz_));
}

int PeriodCalendar::DaysIn(int64_t period) const {
  switch (unit_) {
    case PeriodUnit::kDay: return 1;
    case PeriodUnit::kWeek: return 7;
    case PeriodUnit::kMonth: {
      absl::CivilMonth m = absl::CivilMonth(1970, 1) + period;
      return static_cast<int>(absl::CivilDay(m + 1) - absl::CivilDay(m));
    }
  }
  return 1;
}

std::string PeriodCalendar::Label(int64_t period) const {
  switch (unit_) {
    case PeriodUnit::kDay: {
      absl::CivilDay d = absl::CivilDay(1970, 1, 1) + period;
      return fmt::format("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    }
    case PeriodUnit::kWeek: {
      // ISO week: the year of the week's Thursday.
      absl::CivilDay thursday = absl::CivilDay(1970, 1, 1) + (period * 7 + 4 + 3);
      int64_t jan1 = DaysFromCivil(thursday.year(), 1, 1);
      int64_t thu = DaysFromCivil(thursday.year(), static_cast<unsigned>(thursday.month()),
                                  static_cast<unsigned>(thursday.day()));
      int64_t week = (thu - jan1) / 7 + 1;
      return fmt::format("{:04}-W{:02}", thursday.year(), week);
    }
    case PeriodUnit::kMonth: {
      absl::CivilMonth m = absl::CivilMonth(1970, 1) + period;
      return fmt::format("{:04}-{:02}", m.year(), m.month());
    }
  }
  return {};
}

std::optional<absl::TimeZone> LoadZone(std::string_view name) {
  absl::TimeZone tz;
  if (name == "UTC" || name == "utc" || name == "Z") return absl::UTCTimeZone();
  if (!absl::LoadTimeZone(std::string(name), &tz)) return std::nullopt;
  return tz;
}

}  // namespace rapport
