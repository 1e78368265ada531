// E0 engagement profile (METRICS.md E0): every brand under every definition at once.
// Runs after the families, on their results: it needs every brand's figures, so it
// cannot be a family. Headline metrics are looked up by name, so a family that is not
// built yet simply leaves its entry null and is picked up once it writes the metric.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "report/results.h"

namespace rapport {

struct HeadlineMetric {
  std::string key;                  // the key in `profile` (the metric's name, or engagement_rate)
  std::string family;               // "E2"
  std::vector<std::string> names;   // metric names in the results, first non-null choice wins
  bool lower_is_better = false;     // times: faster is better
};

// The headline metric of each family, in catalogue order.
const std::vector<HeadlineMetric>& HeadlineMetrics();

// Percentile rank of `x` among `others` (the compared values, x itself not included):
// 100 x (others x beats + 0.5 x others it ties) / others, so 100 is best, 0 worst.
// nullopt when there is nothing to compare with.
std::optional<double> PercentileRank(double x, const std::vector<double>& others, bool lower_is_better);

// Kendall's tau-b of paired observations; nullopt with fewer than `min_pairs` pairs
// or when either side is constant (tau-b is 0/0 then).
std::optional<double> KendallTauB(const std::vector<std::pair<double, double>>& pairs, size_t min_pairs = 3);

// Adds `profile` to every brand's total and all-platform period records and fills
// `results.profile` (headline metrics, what was compared, definition_agreement).
void ComputeProfile(ResultSet& results);

}  // namespace rapport
