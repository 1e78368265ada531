// E10 Presence: "being there actively on a daily basis". How many days the brand
// posted, how long it went silent, and which hours of the week it answers within
// the SLA.
#include <algorithm>
#include <array>
#include <map>
#include <vector>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct PresenceState {
  std::vector<Seconds> post_times;  // the brand's messages and shares
  // Whether post_times is in order. Finish sorts each leaf once; the wider scopes
  // merge sorted leaves, which come in period order, so a merge only touches the
  // times of the period at hand instead of every scope sorting all its times.
  bool sorted = true;
  // Per hour of week, (turns judged, answered within SLA); written for whole-range scopes.
  std::vector<std::pair<int64_t, int64_t>> hours;
  void Add(Seconds t) {
    if (!post_times.empty() && t < post_times.back()) sorted = false;
    post_times.push_back(t);
  }
  void Sort() {
    if (!sorted) std::sort(post_times.begin(), post_times.end());
    sorted = true;
  }
  void Merge(PresenceState& o) {
    const size_t mid = post_times.size();
    post_times.insert(post_times.end(), o.post_times.begin(), o.post_times.end());
    if (sorted && o.sorted && mid > 0 && mid < post_times.size()) {
      auto middle = post_times.begin() + static_cast<std::ptrdiff_t>(mid);
      std::inplace_merge(std::upper_bound(post_times.begin(), middle, *middle), middle,
                         post_times.end());
    }
    sorted = sorted && o.sorted;
    if (hours.empty() && !o.hours.empty()) hours.assign(168, {0, 0});
    for (size_t h = 0; h < o.hours.size(); ++h) {
      hours[h].first += o.hours[h].first;
      hours[h].second += o.hours[h].second;
    }
  }
};

struct State : ClonableState<State> {
  ScopedStates<PresenceState> scopes;
};

class Presence final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E10"; }
  std::string_view name() const override { return "presence"; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    for (size_t i = 0; i < conv.size(); ++i) {
      int16_t b = conv.author_brand(i);
      if (b == kAudience) continue;
      uint32_t row = conv.rows()[i];
      EventType type = col.type[row];
      if (!IsMessage(type) && type != EventType::kShare) continue;
      Seconds t = col.created_at[row];
      if (!ctx.InRange(t)) continue;
      scopes.Add(b, ctx.calendar.PeriodOf(t), col.platform[row],
                 [&](PresenceState& s) { s.Add(t); });
    }
    for (const Turn& turn : conv.turns()) {
      if (turn.pending || !ctx.InRange(turn.start)) continue;
      int hour = ctx.calendar.HourOfWeek(turn.start);
      bool ok = turn.answered && turn.response_time <= ctx.options.sla;
      scopes.Add(turn.brand, ctx.calendar.PeriodOf(turn.start), col.platform[turn.first_row],
                      [&](PresenceState& s) {
                        if (s.hours.empty()) s.hours.assign(168, {0, 0});
                        ++s.hours[hour].first;
                        s.hours[hour].second += ok;
                      });
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    scopes.ForEachLeaf([](PresenceState& s) { s.Sort(); });
    std::vector<int64_t> days;
    scopes.ForEach([&](const ScopeKey& key, auto* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      s->Sort();  // sorted already when merged from sorted leaves
      auto& times = s->post_times;
      days.clear();
      Seconds silence = 0;
      for (size_t i = 0; i < times.size(); ++i) {
        days.push_back(ctx.calendar.LocalDay(times[i]));
        if (i > 0) silence = std::max(silence, times[i] - times[i - 1]);
      }
      // Local days of sorted times are in order, but for a zone whose clocks went
      // back across midnight.
      if (!std::is_sorted(days.begin(), days.end())) std::sort(days.begin(), days.end());
      int64_t days_in = key.period == kAllPeriods ? ctx.last_day - ctx.first_day + 1
                                                  : ctx.DaysInRange(key.period);
      int64_t active = std::unique(days.begin(), days.end()) - days.begin();
      m.Set("active_days", active);
      m.Set("active_days_share", Value::Ratio(static_cast<double>(active),
                                              static_cast<double>(std::max<int64_t>(days_in, 0))));
      m.Set("posts_per_active_day", Value::Ratio(static_cast<double>(times.size()),
                                                 static_cast<double>(active)));
      m.Set("longest_silence", times.size() < 2 ? Value() : Value(silence));
      if (key.period == kAllPeriods) {
        ValueList cells;
        for (int h = 0; h < 168; ++h) {
          auto [judged, ok] = s->hours.empty() ? std::pair<int64_t, int64_t>{0, 0} : s->hours[h];
          cells.push_back(Value::Ratio(static_cast<double>(ok), static_cast<double>(judged)));
        }
        m.Set("coverage_by_hour", Value(std::move(cells)));
      }
      m.SetCoverage("presence", Value(ValueRecord{{"brand_posts", Value(times.size())}}));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakePresence() { return std::make_unique<Presence>(); }

}  // namespace rapport
