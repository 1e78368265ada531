// The metric family extension point (METRICS.md E1..E12). A family is a state plus
// three steps: Accumulate one conversation into a state, Merge two states, Finish a
// state into result records. The driver (driver.cpp) runs Accumulate on all cores,
// one state per task, and merges them in a fixed tree so results do not depend on
// the thread count. Families live one per file in src/metrics/, listed in
// registry.cpp.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "metrics/context.h"
#include "report/results.h"
#include "threads/conversation.h"

namespace rapport {

class FamilyState {
 public:
  virtual ~FamilyState() = default;
};

class MetricFamily {
 public:
  virtual ~MetricFamily() = default;
  virtual std::string_view id() const = 0;    // "E2"
  virtual std::string_view name() const = 0;  // "responsiveness"
  virtual std::unique_ptr<FamilyState> NewState(const AnalysisContext& ctx) const = 0;
  virtual void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                          FamilyState& state) const = 0;
  virtual void Merge(FamilyState& into, FamilyState& from) const = 0;
  virtual void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const = 0;
};

const std::vector<std::unique_ptr<MetricFamily>>& AllFamilies();

// Runs every family over every conversation and fills `out.brands`.
void ComputeMetrics(const AnalysisContext& ctx, ResultSet& out);

}  // namespace rapport
