// Scopes: every metric exists per brand x period x platform and for the whole range
// (METRICS.md). ScopedStates keeps one state per scope and routes each item to the
// four scopes it belongs to, so no family writes that loop itself.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "metrics/context.h"
#include "report/results.h"

namespace rapport {

inline constexpr int64_t kAllPeriods = INT64_MIN;
inline constexpr int kAllPlatforms = -1;

struct ScopeKey {
  int16_t brand;
  int64_t period;  // kAllPeriods: the whole range
  int platform;    // kAllPlatforms: all platforms
  bool operator==(const ScopeKey&) const = default;
  bool operator<(const ScopeKey& o) const {
    if (brand != o.brand) return brand < o.brand;
    if (period != o.period) return period < o.period;
    return platform < o.platform;
  }
  template <typename H>
  friend H AbslHashValue(H h, const ScopeKey& k) {
    return H::combine(std::move(h), k.brand, k.period, k.platform);
  }
};

template <typename S>
class ScopedStates {
 public:
  // Calls f(state) for the item's four scopes.
  template <typename F>
  void Add(int16_t brand, int64_t period, Platform platform, F&& f) {
    int p = static_cast<int>(platform);
    f(states_[{brand, kAllPeriods, kAllPlatforms}]);
    f(states_[{brand, period, kAllPlatforms}]);
    f(states_[{brand, kAllPeriods, p}]);
    f(states_[{brand, period, p}]);
  }
  // Calls f(key, state), for families that keep some figures only for some scopes.
  template <typename F>
  void AddKeyed(int16_t brand, int64_t period, Platform platform, F&& f) {
    int p = static_cast<int>(platform);
    for (ScopeKey k : {ScopeKey{brand, kAllPeriods, kAllPlatforms}, ScopeKey{brand, period, kAllPlatforms},
                       ScopeKey{brand, kAllPeriods, p}, ScopeKey{brand, period, p}})
      f(k, states_[k]);
  }
  S& At(const ScopeKey& k) { return states_[k]; }
  // Every brand gets its whole-range scope, so a brand without data still shows every
  // metric (as null or 0) rather than none.
  void EnsureTotals(int brands) {
    for (int b = 0; b < brands; ++b) states_[{static_cast<int16_t>(b), kAllPeriods, kAllPlatforms}];
  }
  // Merges `other` into this with S::Merge.
  void Merge(ScopedStates& other) {
    for (auto& [k, s] : other.states_) states_[k].Merge(s);
  }
  // Scopes in a fixed order (brand, period, platform) for deterministic output.
  std::vector<std::pair<ScopeKey, S*>> Sorted() {
    std::vector<std::pair<ScopeKey, S*>> v;
    v.reserve(states_.size());
    for (auto& [k, s] : states_) v.push_back({k, &s});
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
  }

 private:
  absl::flat_hash_map<ScopeKey, S> states_;
};

// The record of results a scope writes into (created on first use).
ScopeMetrics& ScopeTarget(const AnalysisContext& ctx, ResultSet& out, const ScopeKey& key);

// Type 7 quantile (METRICS.md conventions) of sorted values; null when empty.
Value Quantile(const std::vector<int64_t>& sorted, double q);
Value QuantileD(const std::vector<double>& sorted, double q);

}  // namespace rapport
