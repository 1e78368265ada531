#include "core/event_table.h"

#include <gtest/gtest.h>

#include <string>

#include "io/event_builder.h"

namespace rapport {
namespace {

// Appends `n` events with ids from `first`; impressions known on every 10th row only,
// likes on all rows, a negative score (spilled) on row 3.
void AddBatch(EventTable& table, const Enricher& enricher, int first, int n) {
  EventBuilder builder(table.dictionaries(), enricher);
  EventBatch batch;
  builder.set_batch(&batch);
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(std::to_string(first + i));
  for (int i = 0; i < n; ++i) {
    RawEvent e;
    e.platform = Platform::kX;
    e.id = ids[i];
    e.author = "a";
    e.created_at = 1000 + first + i;
    e.counters[static_cast<int>(Counter::kLikes)] = first + i;
    if ((first + i) % 10 == 0) e.counters[static_cast<int>(Counter::kImpressions)] = 100 * (first + i);
    if (first + i == 3) e.counters[static_cast<int>(Counter::kScore)] = -7;
    builder.Add(e);
  }
  table.Append(std::move(batch));
}

TEST(EventTable, RareCountersAreSparseAndExact) {
  EventTable table;
  Enricher enricher({});
  AddBatch(table, enricher, 0, 50);
  AddBatch(table, enricher, 50, 50);
  EXPECT_EQ(table.Finalize(), 0);
  ASSERT_EQ(table.size(), 100u);
  // Dense columns are 4 bytes a row; impressions (10 known) must cost far less.
  EXPECT_LT(table.columns().counters.MemoryBytes(), 100 * 4 + 100 * 4 + 10 * 8 + 512);
  for (size_t row = 0; row < 100; ++row) {
    EXPECT_EQ(table.Counter(Counter::kLikes, row), static_cast<int64_t>(row));
    EXPECT_EQ(table.Counter(Counter::kImpressions, row), row % 10 == 0 ? 100 * static_cast<int64_t>(row) : kUnknownCount);
    EXPECT_EQ(table.Counter(Counter::kScore, row), row == 3 ? -7 : kUnknownCount);
    EXPECT_EQ(table.Counter(Counter::kShares, row), kUnknownCount);
  }
}

TEST(EventTable, RepeatedIdTakesTheLaterSparseCounters) {
  EventTable table;
  Enricher enricher({});
  AddBatch(table, enricher, 0, 40);
  // A later snapshot of ids 20..29: impressions now known on id 20 (2000) again, likes
  // updated; ids 30..39 of this batch are new.
  AddBatch(table, enricher, 20, 20);
  EXPECT_EQ(table.Finalize(), 20);  // ids 20..39 folded into their first rows
  ASSERT_EQ(table.size(), 40u);
  EXPECT_EQ(table.Counter(Counter::kImpressions, 20), 2000);
  EXPECT_EQ(table.Counter(Counter::kImpressions, 30), 3000);
  EXPECT_EQ(table.Counter(Counter::kImpressions, 21), kUnknownCount);
  EXPECT_EQ(table.Counter(Counter::kScore, 3), -7);
  EXPECT_EQ(table.Counter(Counter::kLikes, 39), 39);
}

}  // namespace
}  // namespace rapport
