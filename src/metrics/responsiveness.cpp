// E2 Responsiveness: "reach out to a company and get a response; instant, human".
// Turns are built by the thread stage (src/threads/conversation.cpp); this family
// counts them and summarises their first-response times.
#include <algorithm>
#include <array>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct ResponseState {
  int64_t turns = 0, answered = 0, pending = 0, clock_skew = 0, within_sla = 0;
  int64_t time_sum = 0, business_sum = 0;
  std::vector<int64_t> times, business_times;
  int64_t threads = 0, thread_messages = 0;  // conversations where the brand replied
  // Hour of the week of each answered turn's start, parallel to `times` (reordered only
  // at Finish, so the pairing holds until then).
  std::vector<uint8_t> by_hour;

  void Merge(ResponseState& o) {
    turns += o.turns;
    answered += o.answered;
    pending += o.pending;
    clock_skew += o.clock_skew;
    within_sla += o.within_sla;
    time_sum += o.time_sum;
    business_sum += o.business_sum;
    times.insert(times.end(), o.times.begin(), o.times.end());
    business_times.insert(business_times.end(), o.business_times.begin(), o.business_times.end());
    threads += o.threads;
    thread_messages += o.thread_messages;
    by_hour.insert(by_hour.end(), o.by_hour.begin(), o.by_hour.end());
  }
};

struct State : ClonableState<State> {
  ScopedStates<ResponseState> scopes;
};

class Responsiveness final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E2"; }
  std::string_view name() const override { return "responsiveness"; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    for (const Turn& t : conv.turns()) {
      if (!ctx.InRange(t.start)) continue;
      Platform platform = col.platform[t.first_row];
      int64_t period = ctx.calendar.PeriodOf(t.start);
      uint8_t hour = static_cast<uint8_t>(ctx.calendar.HourOfWeek(t.start));
      scopes.Add(t.brand, period, platform, [&](ResponseState& s) {
        ++s.turns;
        if (t.pending) ++s.pending;
        if (!t.answered) return;
        ++s.answered;
        s.clock_skew += t.clock_skew;
        s.within_sla += t.response_time <= ctx.options.sla;
        s.time_sum += t.response_time;
        s.times.push_back(t.response_time);
        if (ctx.options.business_hours) {
          s.business_sum += t.business_response_time;
          s.business_times.push_back(t.business_response_time);
        }
        s.by_hour.push_back(hour);
      });
    }
    // thread_size: messages in conversations where the brand replied, counted at the
    // brand's first reply.
    for (int16_t b : conv.participating_brands()) {
      int64_t messages = 0;
      uint32_t first_reply = kNoRef;
      for (size_t i = 0; i < conv.size(); ++i) {
        uint32_t row = conv.rows()[i];
        if (!IsMessage(col.type[row])) continue;
        ++messages;
        if (first_reply == kNoRef && conv.author_brand(i) == b && col.type[row] == EventType::kReply)
          first_reply = row;
      }
      if (first_reply == kNoRef || !ctx.InRange(col.created_at[first_reply])) continue;
      scopes.Add(b, ctx.calendar.PeriodOf(col.created_at[first_reply]), col.platform[first_reply],
                 [&](ResponseState& s) {
                   ++s.threads;
                   s.thread_messages += messages;
                 });
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    scopes.ForEach([&](const ScopeKey& key, auto* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      Value by_hour_cells;
      if (key.period == kAllPeriods) {
        std::array<std::vector<int64_t>, 168> cells;
        for (size_t k = 0; k < s->times.size(); ++k) cells[s->by_hour[k]].push_back(s->times[k]);
        ValueList list;
        for (auto& cell : cells) list.push_back(Quantile(cell, 0.5));
        by_hour_cells = Value(std::move(list));
      }
      int64_t unanswered = s->turns - s->answered - s->pending;
      m.Set("inbound_turns", s->turns);
      m.Set("answered_turns", s->answered);
      m.Set("unanswered_turns", unanswered);
      m.Set("pending_turns", s->pending);
      m.Set("response_rate", Value::Ratio(static_cast<double>(s->answered),
                                          static_cast<double>(s->answered + unanswered)));
      m.Set("response_time_median", Quantile(s->times, 0.5));
      m.Set("response_time_p90", Quantile(s->times, 0.9));
      m.Set("response_time_mean", Value::Ratio(static_cast<double>(s->time_sum),
                                               static_cast<double>(s->answered)));
      auto [min, max] = std::minmax_element(s->times.begin(), s->times.end());
      m.Set("response_time_min", s->times.empty() ? Value() : Value(*min));
      m.Set("response_time_max", s->times.empty() ? Value() : Value(*max));
      m.Set("answered_within_sla", Value::Ratio(static_cast<double>(s->within_sla),
                                                static_cast<double>(s->answered)));
      m.Set("clock_skew", s->clock_skew);
      if (ctx.options.business_hours) {
        m.Set("business_response_time_median", Quantile(s->business_times, 0.5));
        m.Set("business_response_time_p90", Quantile(s->business_times, 0.9));
        m.Set("business_response_time_mean", Value::Ratio(static_cast<double>(s->business_sum),
                                                          static_cast<double>(s->answered)));
      }
      m.Set("thread_size", Value::Ratio(static_cast<double>(s->thread_messages),
                                        static_cast<double>(s->threads)));
      if (key.period == kAllPeriods) m.Set("response_time_by_hour_of_week", by_hour_cells);
      m.SetCoverage("responsiveness",
            Value(ValueRecord{{"turns", Value(s->turns)},
                              {"excluded_pending", Value(s->pending)}}));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeResponsiveness() { return std::make_unique<Responsiveness>(); }

}  // namespace rapport
