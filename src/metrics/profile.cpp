#include "metrics/profile.h"

#include <cmath>
#include <map>
#include <set>

namespace rapport {

const std::vector<HeadlineMetric>& HeadlineMetrics() {
  static const auto* metrics = new std::vector<HeadlineMetric>{
      // E1: impressions when the data has them, else followers (METRICS.md E0).
      {"engagement_rate", "E1", {"engagement_rate_impressions", "engagement_rate_followers"}},
      {"response_rate", "E2", {"response_rate"}},
      {"response_time_median", "E2", {"response_time_median"}, true},
      {"dialogue_ratio", "E3", {"dialogue_ratio"}},
      {"participants", "E4", {"participants"}},
      {"shares_per_post", "E5", {"shares_per_post"}},
      {"net_sentiment", "E6", {"net_sentiment"}},
      {"share_of_voice", "E6", {"share_of_voice"}},
      {"returning_share", "E9", {"returning_share"}},
      {"active_days_share", "E10", {"active_days_share"}},
      {"resolved_positive_share", "E11", {"resolved_positive_share"}},
  };
  return *metrics;
}

std::optional<double> PercentileRank(double x, const std::vector<double>& others, bool lower_is_better) {
  if (others.empty()) return std::nullopt;
  double score = 0;
  for (double o : others) {
    if (o == x) score += 0.5;
    else if (lower_is_better ? x < o : x > o) score += 1;
  }
  return 100.0 * score / static_cast<double>(others.size());
}

std::optional<double> KendallTauB(const std::vector<std::pair<double, double>>& pairs, size_t min_pairs) {
  if (pairs.size() < min_pairs || pairs.size() < 2) return std::nullopt;
  // n0 - n1 and n0 - n2 count the pairs untied in x and in y; O(n^2) is fine for the
  // handful of brands a report compares.
  double concordant = 0, discordant = 0, untied_x = 0, untied_y = 0;
  for (size_t i = 0; i < pairs.size(); ++i) {
    for (size_t j = i + 1; j < pairs.size(); ++j) {
      double dx = pairs[i].first - pairs[j].first, dy = pairs[i].second - pairs[j].second;
      if (dx != 0) untied_x += 1;
      if (dy != 0) untied_y += 1;
      if (dx * dy > 0) concordant += 1;
      else if (dx * dy < 0) discordant += 1;
    }
  }
  if (untied_x == 0 || untied_y == 0) return std::nullopt;
  return (concordant - discordant) / std::sqrt(untied_x * untied_y);
}

namespace {

std::optional<double> Number(const ScopeMetrics& m, const std::string& name) {
  const Value* v = FindField(m.metrics, name);
  if (!v || !(v->is_int() || v->is_double())) return std::nullopt;
  return v->as_double();
}

// The metric name a headline uses for this report: the first of its names that some
// compared record has a value for, so every brand is ranked on the same definition.
std::string ResolveName(const HeadlineMetric& h, const std::vector<const ScopeMetrics*>& scopes) {
  for (const auto& name : h.names)
    for (const ScopeMetrics* m : scopes)
      if (Number(*m, name)) return name;
  return h.names.front();
}

void SetProfile(ScopeMetrics& m, ValueRecord profile) {
  for (auto& [name, v] : m.metrics) {
    if (name == "profile") {
      v = Value(std::move(profile));
      return;
    }
  }
  m.Set("profile", Value(std::move(profile)));
}

// Ranks each item's value of every headline among the other items' values.
std::vector<ValueRecord> RankAmong(const std::vector<const ScopeMetrics*>& items,
                                   const std::vector<std::string>& names) {
  const auto& heads = HeadlineMetrics();
  std::vector<ValueRecord> out(items.size());
  for (size_t h = 0; h < heads.size(); ++h) {
    std::vector<std::optional<double>> values;
    for (const ScopeMetrics* m : items) values.push_back(Number(*m, names[h]));
    for (size_t i = 0; i < items.size(); ++i) {
      Value pct;
      if (values[i]) {
        std::vector<double> others;
        for (size_t j = 0; j < items.size(); ++j)
          if (j != i && values[j]) others.push_back(*values[j]);
        if (auto p = PercentileRank(*values[i], others, heads[h].lower_is_better)) pct = Value(*p);
      }
      out[i].emplace_back(heads[h].key, pct);
    }
  }
  return out;
}

// One brand's records of one slice (all platforms, or one platform).
struct SliceOf {
  ScopeMetrics* total;
  std::map<std::string, ScopeMetrics>* periods;
};

// Ranks one slice: with several brands, each brand's total among the other brands'
// totals and each period among the other brands' same period; with one brand, its
// total and each period against the brand's own periods.
void RankSlice(const std::vector<SliceOf>& brands, bool single, const std::vector<std::string>& names) {
  if (single) {
    for (const SliceOf& b : brands) {
      std::vector<const ScopeMetrics*> periods;
      std::vector<ScopeMetrics*> targets;
      for (auto& [label, m] : *b.periods) {
        periods.push_back(&m);
        targets.push_back(&m);
      }
      // The total's others are every period (RankAmong leaves its own slot out);
      // each period's others are the other periods, never the total.
      std::vector<const ScopeMetrics*> with_total = periods;
      with_total.push_back(b.total);
      auto ranked = RankAmong(with_total, names);
      auto period_ranks = RankAmong(periods, names);
      for (size_t i = 0; i < targets.size(); ++i) SetProfile(*targets[i], std::move(period_ranks[i]));
      SetProfile(*b.total, std::move(ranked.back()));
    }
    return;
  }
  std::vector<const ScopeMetrics*> totals;
  for (const SliceOf& b : brands) totals.push_back(b.total);
  auto ranked = RankAmong(totals, names);
  for (size_t i = 0; i < brands.size(); ++i) SetProfile(*brands[i].total, std::move(ranked[i]));
  std::set<std::string> labels;
  for (const SliceOf& b : brands)
    for (const auto& [label, m] : *b.periods) labels.insert(label);
  for (const auto& label : labels) {
    std::vector<ScopeMetrics*> items;
    for (const SliceOf& b : brands) {
      auto it = b.periods->find(label);
      if (it != b.periods->end()) items.push_back(&it->second);
    }
    auto pr = RankAmong(std::vector<const ScopeMetrics*>(items.begin(), items.end()), names);
    for (size_t i = 0; i < items.size(); ++i) SetProfile(*items[i], std::move(pr[i]));
  }
}

}  // namespace

void ComputeProfile(ResultSet& r) {
  const auto& heads = HeadlineMetrics();
  r.profile.clear();
  if (r.brands.empty()) return;
  const bool single = r.brands.size() == 1;

  // One definition per headline for the whole report, chosen on the whole-range
  // records (and, for one brand, its periods), so every record compares like with like.
  std::vector<const ScopeMetrics*> resolve_on;
  for (const auto& b : r.brands) resolve_on.push_back(&b.total);
  if (single)
    for (const auto& [label, m] : r.brands[0].periods) resolve_on.push_back(&m);
  std::vector<std::string> names;
  for (const auto& h : heads) names.push_back(ResolveName(h, resolve_on));

  std::vector<SliceOf> all;
  std::set<std::string> platforms;
  for (auto& b : r.brands) {
    all.push_back({&b.total, &b.periods});
    for (const auto& [name, p] : b.platforms) platforms.insert(name);
  }
  RankSlice(all, single, names);
  // Per platform: the brands seen on that platform.
  for (const auto& platform : platforms) {
    std::vector<SliceOf> slice;
    for (auto& b : r.brands) {
      auto it = b.platforms.find(platform);
      if (it != b.platforms.end()) slice.push_back({&it->second.total, &it->second.periods});
    }
    RankSlice(slice, single, names);
  }

  ValueList metric_list;
  for (size_t h = 0; h < heads.size(); ++h)
    metric_list.push_back(Value(ValueRecord{{"key", Value(heads[h].key)},
                                            {"family", Value(heads[h].family)},
                                            {"metric", Value(names[h])},
                                            {"better", Value(heads[h].lower_is_better ? "lower" : "higher")}}));
  // Agreement between definitions over the brands' whole-range figures, each oriented
  // so that higher is better (a faster time ranks above a slower one).
  ValueList agreement;
  for (size_t a = 0; a < heads.size(); ++a) {
    for (size_t c = a + 1; c < heads.size(); ++c) {
      std::vector<std::pair<double, double>> pairs;
      for (const auto& b : r.brands) {
        auto x = Number(b.total, names[a]), y = Number(b.total, names[c]);
        if (!x || !y) continue;
        pairs.emplace_back(heads[a].lower_is_better ? -*x : *x, heads[c].lower_is_better ? -*y : *y);
      }
      auto tau = KendallTauB(pairs, 3);
      agreement.push_back(Value(ValueRecord{{"a", Value(heads[a].key)},
                                            {"b", Value(heads[c].key)},
                                            {"tau_b", tau ? Value(*tau) : Value()},
                                            {"brands", Value(pairs.size())}}));
    }
  }
  r.profile = {{"compared", Value(single ? "periods" : "brands")},
               {"metrics", Value(std::move(metric_list))},
               {"definition_agreement", Value(std::move(agreement))}};
}

}  // namespace rapport
