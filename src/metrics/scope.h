// Scopes: every metric exists per brand x period x platform and for the whole range
// (METRICS.md). ScopedStates keeps one state per scope and routes each item to the
// four scopes it belongs to, so no family writes that loop itself.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "metrics/context.h"
#include "metrics/family.h"
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

// Items are kept once, in their leaf scope (brand, period, platform); the three wider
// scopes are merged from the leaves only when results are written, one at a time. So
// a family that keeps samples (for exact quantiles) holds each sample once, not four
// times (measured: 4x less state memory for E2 on 5M events).
template <typename S>
class ScopedStates {
 public:
  // Calls f(state) on the item's leaf scope.
  template <typename F>
  void Add(int16_t brand, int64_t period, Platform platform, F&& f) {
    f(states_[{brand, period, static_cast<int>(platform)}]);
  }
  // Merges `other` into this with S::Merge, and empties `other` at once: a join holds
  // both sides, so freeing each family's side as soon as it is merged lowers the peak.
  void Merge(ScopedStates& other) {
    for (auto& [k, s] : other.states_) states_[k].Merge(s);
    absl::flat_hash_map<ScopeKey, S>().swap(other.states_);
  }
  // Calls f(state) on every leaf, in no particular order (to prepare leaves before
  // ForEach merges them).
  template <typename F>
  void ForEachLeaf(F&& f) {
    for (auto& [k, s] : states_) f(s);
  }
  // Every brand gets its whole-range scope, so a brand without data still shows every
  // metric (as null or 0) rather than none.
  void EnsureTotals(int brands) { brands_ = std::max(brands_, brands); }

  // Calls f(key, state) for every scope, leaves and merged ones. Merges go through
  // leaves in key order, so results are the same on every run. Consumes the states:
  // call once, at Finish.
  template <typename F>
  void ForEach(F&& f) {
    std::vector<ScopeKey> leaves;
    leaves.reserve(states_.size());
    for (auto& [k, s] : states_) leaves.push_back(k);
    std::sort(leaves.begin(), leaves.end());
    size_t i = 0;
    for (int b = 0; b < brands_ || i < leaves.size(); ++b) {
      size_t end = i;
      while (end < leaves.size() && leaves[end].brand == b) ++end;
      const int16_t brand = static_cast<int16_t>(b);
      {
        S total;
        for (size_t k = i; k < end; ++k) total.Merge(states_[leaves[k]]);
        f(ScopeKey{brand, kAllPeriods, kAllPlatforms}, &total);
      }
      for (size_t k = i; k < end;) {  // one period at a time: leaves are contiguous
        size_t stop = k;
        S period;
        while (stop < end && leaves[stop].period == leaves[k].period) period.Merge(states_[leaves[stop++]]);
        f(ScopeKey{brand, leaves[k].period, kAllPlatforms}, &period);
        k = stop;
      }
      std::vector<int> platforms;
      for (size_t k = i; k < end; ++k) platforms.push_back(leaves[k].platform);
      std::sort(platforms.begin(), platforms.end());
      platforms.erase(std::unique(platforms.begin(), platforms.end()), platforms.end());
      for (int p : platforms) {
        S platform;
        for (size_t k = i; k < end; ++k)
          if (leaves[k].platform == p) platform.Merge(states_[leaves[k]]);
        f(ScopeKey{brand, kAllPeriods, p}, &platform);
      }
      for (size_t k = i; k < end; ++k) f(leaves[k], &states_[leaves[k]]);
      i = end;
    }
    states_.clear();
  }

 private:
  absl::flat_hash_map<ScopeKey, S> states_;
  int brands_ = 0;
};

// The shape most families share: a state whose figures live in `State::scopes` (a
// ScopedStates, next to any scratch space of the family's own), created empty and
// merged scope by scope. Such a family writes only Accumulate and Finish.
template <typename State>
class ScopedFamily : public MetricFamily {
 public:
  std::unique_ptr<FamilyState> NewState(const AnalysisContext&) const override {
    return std::make_unique<State>();
  }
  void Merge(FamilyState& into, FamilyState& from) const override {
    static_cast<State&>(into).scopes.Merge(static_cast<State&>(from).scopes);
  }
};

// The record of results a scope writes into (created on first use).
ScopeMetrics& ScopeTarget(const AnalysisContext& ctx, ResultSet& out, const ScopeKey& key);

// Type 7 quantile (METRICS.md conventions) of the values, in any order; null when
// empty. Found by selection (linear) rather than a sort: Finish takes quantiles of
// every scope's samples, where sorting them all was the largest cost of a report.
// Reorders x.
template <typename T>
Value Quantile(std::vector<T>& x, double q) {
  if (x.empty()) return Value();
  double h = q * static_cast<double>(x.size() - 1);
  size_t l = static_cast<size_t>(std::floor(h));
  auto nth = x.begin() + static_cast<std::ptrdiff_t>(l);
  std::nth_element(x.begin(), nth, x.end());
  double lo = static_cast<double>(*nth);
  if (l + 1 >= x.size()) return Value(lo);
  double hi = static_cast<double>(*std::min_element(nth + 1, x.end()));
  return Value(lo + (hi - lo) * (h - static_cast<double>(l)));
}
template <typename T>
Value Quantile(std::vector<T>&& x, double q) {
  return Quantile(x, q);
}

}  // namespace rapport
