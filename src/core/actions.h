// E1's actions: which interaction counters count as an action on each platform, after
// each platform's own published definition (METRICS.md E1 table), and their weights.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include "core/event.h"

namespace rapport {

struct ActionDefinition {
  // Counted always: a missing one counts as 0 and marks the post incomplete.
  std::span<const Counter> required;
  // Counted "when present" (METRICS.md's parentheses): a missing one is no gap.
  std::span<const Counter> optional;
};

// The definition for a platform (blog, forum, other: replies).
const ActionDefinition& ActionsOf(Platform p);

// Whether some platform counts this counter as an action (the keys [weights] accepts).
bool IsActionCounter(Counter c);

// Weight per counter, indexed by Counter; default 1 (METRICS.md).
using ActionWeights = std::array<double, kCounterCount>;
inline ActionWeights DefaultActionWeights() {
  ActionWeights w;
  w.fill(1.0);
  return w;
}

}  // namespace rapport
