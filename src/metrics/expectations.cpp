// E11 Expectations met: "whether or not expectations were met". For an answered turn
// (E2) whose author wrote again in the same conversation after the brand's reply, the
// change of sentiment from the turn's first message to the author's last message.
// Needs the sentiment scores of ingestion; without them the figures are null.
#include <cmath>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct ExpectationState {
  int64_t followed_up = 0;        // answered turns whose author wrote after the reply
  int64_t answered = 0;           // answered turns (the coverage's denominator)
  int64_t scored = 0;             // followed-up turns with both scores
  int64_t shift_e4 = 0;           // sum of (last - first), in units of 1e-4
  int64_t negative_start = 0;     // scored turns whose first message was negative
  int64_t resolved = 0;           // ... and whose last message was positive or neutral
  void Merge(const ExpectationState& o) {
    followed_up += o.followed_up;
    answered += o.answered;
    scored += o.scored;
    shift_e4 += o.shift_e4;
    negative_start += o.negative_start;
    resolved += o.resolved;
  }
};

struct State : ClonableState<State> {
  ScopedStates<ExpectationState> scopes;
};

// Scores are the reference's compound rounded to 4 places, stored as floats; as
// integers of 1e-4 they sum exactly, so the mean does not depend on the order of
// merges.
int64_t E4(float c) { return std::llround(static_cast<double>(c) * 1e4); }
bool Negative(float c) { return c <= -0.05f; }  // METRICS.md classes (see brand_health.cpp)

class Expectations final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E11"; }
  std::string_view name() const override { return "expectations"; }
  unsigned text_signals() const override { return kReadsSentiment; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    const bool scored = !col.sentiment.empty() && col.sentiment.size() == col.size();
    const auto rows = conv.rows();
    for (const Turn& t : conv.turns()) {
      if (!t.answered || !ctx.InRange(t.start)) continue;
      const Platform platform = col.platform[t.first_row];
      // The author's last message after the brand's reply, in reading order.
      size_t reply_pos = 0;
      while (reply_pos < rows.size() && rows[reply_pos] != t.reply_row) ++reply_pos;
      uint32_t last = kNoRef;
      for (size_t i = reply_pos + 1; i < rows.size(); ++i) {
        uint32_t row = rows[i];
        if (col.author[row] == t.author && col.platform[row] == platform && IsMessage(col.type[row]))
          last = row;
      }
      scopes.Add(t.brand, ctx.calendar.PeriodOf(t.start), platform, [&](ExpectationState& s) {
        ++s.answered;
        if (last == kNoRef) return;
        ++s.followed_up;
        if (!scored) return;
        float first_c = col.sentiment[t.first_row], last_c = col.sentiment[last];
        if (std::isnan(first_c) || std::isnan(last_c)) return;
        ++s.scored;
        s.shift_e4 += E4(last_c) - E4(first_c);
        if (Negative(first_c)) {
          ++s.negative_start;
          s.resolved += !Negative(last_c);
        }
      });
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    const auto& col = ctx.table.columns();
    const bool scored = !col.sentiment.empty() && col.sentiment.size() == col.size();
    scopes.ForEach([&](const ScopeKey& key, ExpectationState* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      const double n = static_cast<double>(s->scored);
      m.Set("followed_up_turns", s->followed_up);
      m.Set("sentiment_shift", n > 0 ? Value(static_cast<double>(s->shift_e4) / 1e4 / n) : Value());
      // METRICS.md: the share of the followed-up turns that went from a negative first
      // message to a positive or neutral last one.
      m.Set("resolved_positive_share", Value::Ratio(static_cast<double>(s->resolved), n));
      // Counts of the share's parts (null when texts were not scored): resolved_turns /
      // negative_start_turns is the share among the turns that started negative.
      m.Set("negative_start_turns", scored ? Value(s->negative_start) : Value());
      m.Set("resolved_turns", scored ? Value(s->resolved) : Value());
      m.SetCoverage("expectations",
                    Value(ValueRecord{{"answered_turns", Value(s->answered)},
                                      {"followed_up", Value(s->followed_up)},
                                      {"scored", Value(s->scored)},
                                      {"excluded_no_follow_up", Value(s->answered - s->followed_up)},
                                      {"excluded_unscored", Value(s->followed_up - s->scored)}}));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeExpectations() { return std::make_unique<Expectations>(); }

}  // namespace rapport
