#include "threads/business_hours.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "fmt/format.h"

namespace rapport {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int DayIndex(std::string_view s) {
  std::string lower;
  for (char c : s.substr(0, 3)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 7; ++i)
    if (kDays[i] == lower && (s.size() == 3 || s.size() >= 3)) return i;
  return -1;
}

std::optional<int> ParseClock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  if (!std::isdigit(static_cast<unsigned char>(s[0])) || !std::isdigit(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[3])) || !std::isdigit(static_cast<unsigned char>(s[4])))
    return std::nullopt;
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<BusinessHours> ParseBusinessHours(std::string_view spec, std::string* error) {
  BusinessHours hours;
  bool any = false;
  while (!spec.empty()) {
    size_t sep = spec.find_first_of(";,");
    std::string_view part = Trim(spec.substr(0, sep));
    spec = sep == std::string_view::npos ? std::string_view() : spec.substr(sep + 1);
    if (part.empty()) continue;
    size_t space = part.find(' ');
    if (space == std::string_view::npos) {
      *error = fmt::format("\"{}\": expected DAYS HH:MM-HH:MM, e.g. Mon-Fri 09:00-17:00", part);
      return std::nullopt;
    }
    std::string_view days = part.substr(0, space), clock = Trim(part.substr(space + 1));
    size_t dash = days.find('-');
    int d0 = DayIndex(days.substr(0, dash));
    int d1 = dash == std::string_view::npos ? d0 : DayIndex(days.substr(dash + 1));
    size_t cdash = clock.find('-');
    auto open = ParseClock(clock.substr(0, cdash));
    auto close = cdash == std::string_view::npos ? std::nullopt : ParseClock(clock.substr(cdash + 1));
    if (d0 < 0 || d1 < 0 || !open || !close || *close <= *open) {
      *error = fmt::format("\"{}\": expected DAYS HH:MM-HH:MM with days Mon..Sun and the "
                           "closing time after the opening, e.g. Mon-Fri 09:00-17:00", part);
      return std::nullopt;
    }
    for (int d = d0;; d = (d + 1) % 7) {
      hours.open[d].push_back({*open, *close});
      if (d == d1) break;
    }
    any = true;
  }
  if (!any) {
    *error = "empty business hours";
    return std::nullopt;
  }
  // Overlapping or touching spans of a day are merged: a second is open or not, never
  // open twice ("Mon 09:00-17:00; Mon 12:00-18:00" is Monday 09:00-18:00).
  for (auto& spans : hours.open) {
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<int, int>> merged;
    for (auto span : spans) {
      if (!merged.empty() && span.first <= merged.back().second)
        merged.back().second = std::max(merged.back().second, span.second);
      else
        merged.push_back(span);
    }
    spans = std::move(merged);
  }
  return hours;
}

Seconds BusinessSeconds(const BusinessHours& hours, const absl::TimeZone& tz, Seconds from,
                        Seconds to) {
  if (to <= from) return 0;
  absl::CivilDay day = absl::ToCivilDay(absl::FromUnixSeconds(from), tz);
  absl::CivilDay last = absl::ToCivilDay(absl::FromUnixSeconds(to), tz);
  Seconds total = 0;
  for (; day <= last; ++day) {
    int weekday = static_cast<int>(absl::GetWeekday(day));  // absl: Monday = 0
    for (auto [open, close] : hours.open[weekday]) {
      Seconds s = absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(day) + open * 60, tz));
      Seconds e = absl::ToUnixSeconds(absl::FromCivil(absl::CivilSecond(day) + close * 60, tz));
      Seconds lo = std::max(s, from), hi = std::min(e, to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

}  // namespace rapport
