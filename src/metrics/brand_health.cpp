// E6 Brand health: "sentiment and buzz volume, benchmarked over time, against
// competitors and across industries". Mentions of each brand (Conversation::
// mention_brands: inbound messages plus configured terms and hashtags), their
// sentiment classes, the brand's share of all brands' buzz, and a 0-100 score.
//
// Share of voice and the health score need every brand's buzz in the same period and
// platform, so Accumulate only counts per leaf scope and Finish, once all states are
// merged, divides.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "absl/time/civil_time.h"
#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct HealthState {
  int64_t buzz = 0;
  int64_t positive = 0, neutral = 0, negative = 0;  // mentions with a sentiment score
  void Merge(const HealthState& o) {
    buzz += o.buzz;
    positive += o.positive;
    neutral += o.neutral;
    negative += o.negative;
  }
};

struct State : ClonableState<State> {
  ScopedStates<HealthState> scopes;
};

// The sentiment classes of METRICS.md: positive when c >= 0.05, negative when
// c <= -0.05. Scores are stored as floats of the reference's 4-place rounding; float
// rounding keeps their order, so comparing with the floats of the thresholds gives
// the classes of the exact values.
int SentimentClass(float c) { return c >= 0.05f ? 1 : c <= -0.05f ? -1 : 0; }

class BrandHealth final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E6"; }
  std::string_view name() const override { return "brand_health"; }
  unsigned text_signals() const override { return kReadsSentiment; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    const bool scored = Scored(ctx);
    for (size_t i = 0; i < conv.size(); ++i) {
      auto brands = conv.mention_brands(i);  // audience messages only
      if (brands.empty()) continue;
      uint32_t row = conv.rows()[i];
      Seconds t = col.created_at[row];
      if (!ctx.InRange(t)) continue;
      int cls = 0;
      bool has_score = scored && !std::isnan(col.sentiment[row]);
      if (has_score) cls = SentimentClass(col.sentiment[row]);
      int64_t period = ctx.calendar.PeriodOf(t);
      for (int16_t b : brands) {
        scopes.Add(b, period, col.platform[row], [&](HealthState& s) {
          ++s.buzz;
          if (!has_score) return;
          if (cls > 0) ++s.positive;
          else if (cls < 0) ++s.negative;
          else ++s.neutral;
        });
      }
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const int brands = ctx.brand_count();
    scopes.EnsureTotals(brands);
    // Every scope's merged counts (a few integers each), then the cross-brand sums.
    std::map<ScopeKey, HealthState> all;
    scopes.ForEach([&](const ScopeKey& key, HealthState* s) { all[key] = *s; });
    std::map<std::pair<int64_t, int>, int64_t> total_buzz;  // (period, platform) -> buzz
    for (const auto& [key, s] : all) total_buzz[{key.period, key.platform}] += s.buzz;
    // A brand without mentions in a scope where others have some gets its share of
    // voice (0) and counts, not null, in the records it has anyway: every period of its
    // all-platform records (the driver lists them all), and the periods of a platform
    // where it has mentions in some period. A platform where a brand has none gets no
    // record (docs/metrics.md: a record exists only where some family counted).
    std::set<std::pair<int16_t, int>> brand_platforms;
    for (const auto& [key, s] : all)
      if (s.buzz > 0 && key.platform != kAllPlatforms) brand_platforms.insert({key.brand, key.platform});
    for (const auto& [pp, buzz] : total_buzz) {
      if (buzz == 0) continue;
      for (int b = 0; b < brands; ++b) {
        const int16_t brand = static_cast<int16_t>(b);
        if (pp.second == kAllPlatforms || brand_platforms.contains({brand, pp.second}))
          all.try_emplace(ScopeKey{brand, pp.first, pp.second});
      }
    }
    // Single brand: the fair share is the median of the brand's buzz over every
    // period of the range (periods without mentions count as 0), per platform scope.
    std::map<std::pair<int16_t, int>, double> median_buzz;
    if (brands == 1) {
      std::vector<int64_t> periods = RangePeriods(ctx);
      std::map<int, std::vector<int64_t>> by_platform;
      for (const auto& [key, s] : all)
        if (key.period != kAllPeriods) by_platform[key.platform];
      by_platform[kAllPlatforms];
      for (auto& [platform, values] : by_platform) {
        for (int64_t p : periods) {
          auto it = all.find(ScopeKey{0, p, platform});
          values.push_back(it == all.end() ? 0 : it->second.buzz);
        }
        Value m = Quantile(values, 0.5);
        median_buzz[{0, platform}] = m.is_null() ? 0.0 : m.as_double();
      }
    }
    const bool scored = Scored(ctx);
    for (const auto& [key, s] : all) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      m.Set("buzz", s.buzz);
      const int64_t polar = s.positive + s.negative;
      Value net;
      if (scored) {
        m.Set("positive", s.positive);
        m.Set("neutral", s.neutral);
        m.Set("negative", s.negative);
        net = Value::Ratio(static_cast<double>(s.positive - s.negative), static_cast<double>(polar));
      } else {
        m.Set("positive", Value());
        m.Set("neutral", Value());
        m.Set("negative", Value());
      }
      m.Set("net_sentiment", net);
      const int64_t total = total_buzz[{key.period, key.platform}];
      m.Set("share_of_voice", Value::Ratio(static_cast<double>(s.buzz), static_cast<double>(total)));
      // 0-100 = round(100 x (0.6 S + 0.4 V)); null without mentions or without a net
      // sentiment (no score, or only neutral mentions).
      Value health;
      if (s.buzz > 0 && !net.is_null()) {
        double fair = brands == 1 ? median_buzz[{0, key.platform}]
                                  : static_cast<double>(total) / static_cast<double>(brands);
        double v = fair > 0 ? std::min(1.0, static_cast<double>(s.buzz) / fair) : 1.0;
        double sv = (net.as_double() + 1.0) / 2.0;
        health = Value(static_cast<int64_t>(std::lround(100.0 * (0.6 * sv + 0.4 * v))));
      }
      m.Set("brand_health", health);
      m.SetCoverage("brand_health",
                    Value(ValueRecord{{"mentions", Value(s.buzz)},
                                      {"scored", Value(scored ? s.positive + s.neutral + s.negative : 0)},
                                      {"excluded_unscored",
                                       Value(scored ? s.buzz - (s.positive + s.neutral + s.negative) : s.buzz)}}));
    }
  }

 private:
  // Texts were scored at ingestion (the `sentiment` column exists).
  static bool Scored(const AnalysisContext& ctx) {
    const auto& col = ctx.table.columns();
    return !col.sentiment.empty() && col.sentiment.size() == col.size();
  }

  // Every period of the analysed range, in order (as the driver lists them).
  static std::vector<int64_t> RangePeriods(const AnalysisContext& ctx) {
    std::vector<int64_t> periods;
    if (ctx.last_day < ctx.first_day) return periods;
    auto period_of_day = [&](int64_t day) {
      return ctx.calendar.PeriodOf(absl::ToUnixSeconds(absl::FromCivil(
          absl::CivilSecond(absl::CivilDay(1970, 1, 1) + day), ctx.options.tz)));
    };
    int64_t p0 = period_of_day(ctx.first_day), p1 = period_of_day(ctx.last_day);
    for (int64_t p = p0; p <= p1 && periods.size() < 100000; ++p) periods.push_back(p);
    return periods;
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeBrandHealth() { return std::make_unique<BrandHealth>(); }

}  // namespace rapport
