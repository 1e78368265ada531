// What every metric family reads: the table, the roles, the thread index and the
// options that shape the figures (periods, zone, range, horizon, SLA).
#pragma once

#include <optional>
#include <vector>

#include "core/actions.h"
#include "core/event_table.h"
#include "core/roles.h"
#include "core/time.h"
#include "threads/business_hours.h"
#include "threads/thread_index.h"

namespace rapport {

struct AnalysisOptions {
  PeriodUnit by = PeriodUnit::kWeek;
  absl::TimeZone tz = absl::UTCTimeZone();
  std::optional<Seconds> since;  // inclusive
  std::optional<Seconds> until;  // exclusive
  std::optional<Seconds> as_of;  // default: the latest created_at of the input
  Seconds response_horizon = 7 * 86400;
  Seconds sla = 3600;
  std::optional<BusinessHours> business_hours;
  int returning_lookback = 4;  // E9: k previous periods
  int top_n = 10;  // E1 top_posts
  ActionWeights action_weights = DefaultActionWeights();  // E1, rapport.toml [weights]
  // True once the text classifiers (intent, promotional) ran at enrichment; until then
  // figures that need them are null, not 0.
  bool text_classified = false;
};

struct AnalysisContext {
  const EventTable& table;
  const Roles& roles;
  const ThreadIndex& threads;
  AnalysisOptions options;
  PeriodCalendar calendar;
  Seconds as_of = 0;
  // The analysed range, as local days: [first_day, last_day].
  int64_t first_day = 0;
  int64_t last_day = -1;

  AnalysisContext(const EventTable& t, const Roles& r, const ThreadIndex& th, AnalysisOptions o);
  bool InRange(Seconds t) const {
    return (!options.since || t >= *options.since) && (!options.until || t < *options.until);
  }
  int brand_count() const { return static_cast<int>(roles.brands.size()); }
  // Days of a period that fall inside the analysed range (E10's denominator).
  int DaysInRange(int64_t period) const;
};

}  // namespace rapport
