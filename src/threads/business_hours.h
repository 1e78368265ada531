// Business hours ("Mon-Fri 09:00-17:00"): customer-care teams are judged on the clock
// that runs only while they are open (METRICS.md E2 --business-hours).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "core/time.h"

namespace rapport {

struct BusinessHours {
  // Open minutes of each weekday (0 = Monday): [open, close) in minutes from midnight.
  std::array<std::vector<std::pair<int, int>>, 7> open;
};

// "Mon-Fri 09:00-17:00", several specs separated by ';' or ',' e.g.
// "Mon-Fri 09:00-17:00; Sat 10:00-14:00". Error text on failure.
std::optional<BusinessHours> ParseBusinessHours(std::string_view spec, std::string* error);

// Seconds of [from, to) that fall inside business hours in zone `tz`.
Seconds BusinessSeconds(const BusinessHours& hours, const absl::TimeZone& tz, Seconds from,
                        Seconds to);

}  // namespace rapport
