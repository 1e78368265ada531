#include "metrics/context.h"

#include <algorithm>

namespace rapport {

AnalysisContext::AnalysisContext(const EventTable& t, const Roles& r, const ThreadIndex& th,
                                 AnalysisOptions o)
    : table(t), roles(r), threads(th), options(std::move(o)),
      calendar(options.by, options.tz) {
  const auto& created = table.columns().created_at;
  Seconds latest = 0, earliest = 0;
  bool any = false;
  for (size_t row = 0; row < table.size(); ++row) {
    if (!any) {
      latest = earliest = created[row];
      any = true;
    }
    latest = std::max(latest, created[row]);
    earliest = std::min(earliest, created[row]);
  }
  as_of = options.as_of ? *options.as_of : latest;
  Seconds start = options.since ? *options.since : earliest;
  Seconds end = options.until ? *options.until - 1 : std::max(latest, earliest);
  if (any || options.since) {
    first_day = calendar.LocalDay(start);
    last_day = calendar.LocalDay(end);
  }
}

int AnalysisContext::DaysInRange(int64_t period) const {
  int64_t start = calendar.LocalDay(calendar.PeriodStart(period));
  int64_t end = start + calendar.DaysIn(period) - 1;
  int64_t lo = std::max(start, first_day), hi = std::min(end, last_day);
  return hi < lo ? 0 : static_cast<int>(hi - lo + 1);
}

}  // namespace rapport
