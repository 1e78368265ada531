// The metric family extension point (METRICS.md E1..E12). A family is a state plus
// three steps: Accumulate one conversation into a state, Merge two states, Finish a
// state into result records. The driver (driver.cpp) runs Accumulate on all cores,
// one state per task, and merges them in a fixed tree so results do not depend on
// the thread count. Families live one per file in src/metrics/, listed in
// registry.cpp.
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "metrics/context.h"
#include "report/results.h"
#include "threads/conversation.h"

namespace rapport {

class FamilyState {
 public:
  virtual ~FamilyState() = default;
  // A deep copy: `rapport serve` keeps each chunk's accumulated state between reports
  // (chunk_cache.h) and merges copies, since Merge may consume its source.
  virtual std::unique_ptr<FamilyState> Clone() const = 0;
};

// Base of a family's state: `struct State : ClonableState<State> { ... };` gives it
// Clone by copy construction.
template <typename Self>
class ClonableState : public FamilyState {
 public:
  std::unique_ptr<FamilyState> Clone() const override {
    return std::make_unique<Self>(static_cast<const Self&>(*this));
  }
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
  // The text signals of enrichment this family reads (TextSignal bits): ingestion
  // computes only those some family reads, so a family must declare each it uses.
  virtual unsigned text_signals() const { return 0; }
};

const std::vector<std::unique_ptr<MetricFamily>>& AllFamilies();
// The union of every family's text_signals(): what a report asks enrichment for.
unsigned TextSignalsRead();

class ChunkCaches;
struct ChunkStats;

// Runs every family over every conversation and fills `out.brands`. Conversations are
// accumulated in fixed chunks (kChunkConversations, in conversation order) merged in a
// fixed tree, so results do not depend on the thread count. With `caches`, a chunk
// whose conversations did not change since the last call with the same options is
// not accumulated again: its kept states are merged instead (same result, bit for
// bit). `row_stamps` (one per table row, changed whenever the row's counters are
// replaced in place) tell in-place changes apart; empty when rows never change.
void ComputeMetrics(const AnalysisContext& ctx, ResultSet& out, ChunkCaches* caches = nullptr,
                    std::span<const uint32_t> row_stamps = {}, ChunkStats* stats = nullptr);

}  // namespace rapport
