#include "core/event_table.h"

#include <gtest/gtest.h>

#include <random>
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
  builder.Flush();
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

// CounterColumns against a plain model: every value, from 16-bit cells, spills, widened
// 32-bit columns and sparse pairs, must read back exactly, whatever the mix of batch
// widths, updates, compaction and sparsification.
using Model = std::vector<std::array<int64_t, kCounterCount>>;

void ExpectSame(const CounterColumns& cols, const Model& model) {
  ASSERT_EQ(cols.size(), model.size());
  for (size_t row = 0; row < model.size(); ++row)
    for (int c = 0; c < kCounterCount; ++c)
      ASSERT_EQ(cols.Get(static_cast<Counter>(c), row), model[row][c]) << "row " << row << " counter " << c;
}

// Values of the kinds that matter: small, at the 16- and 32-bit edges, negative, huge.
int64_t PickValue(std::mt19937_64& rng, int kind) {
  static constexpr int64_t kEdges[] = {0, 1, 65533, 65534, 65535, 65536, 4294967293, 4294967294,
                                       4294967295, 4294967296, -1, -7, int64_t{1} << 40};
  switch (kind) {
    case 0: return static_cast<int64_t>(rng() % 1000);
    case 1: return kEdges[rng() % std::size(kEdges)];
    case 2: return 100000 + static_cast<int64_t>(rng() % 1000000);  // impressions-like
    default: return kUnknownCount;
  }
}

// `large_reach`: reach, known on a tenth of the rows, is over 16 bits there, so the
// batch's column widens while the table's stays sparse.
std::array<int64_t, kCounterCount> PickRow(std::mt19937_64& rng, bool large_reach) {
  std::array<int64_t, kCounterCount> row;
  row.fill(kUnknownCount);
  row[0] = PickValue(rng, rng() % 50 == 0 ? 1 : 0);       // likes: small, rare edges
  row[1] = PickValue(rng, rng() % 3 == 0 ? 3 : 0);        // shares: often unknown
  row[4] = PickValue(rng, 2);                             // impressions: large, widens
  if (rng() % 10 == 0) row[5] = PickValue(rng, large_reach ? 2 : 1);  // reach: sparse
  if (rng() % 2 == 0) row[11] = -static_cast<int64_t>(rng() % 5);  // score: spills
  return row;
}

TEST(CounterColumns, NarrowCellsSpillsAndWideColumnsReadBackExactly) {
  std::mt19937_64 rng(7);
  CounterColumns table;
  Model model;
  for (int batch = 0; batch < 12; ++batch) {
    CounterColumns b;
    const int rows = 1 + static_cast<int>(rng() % 700);
    for (int r = 0; r < rows; ++r) {
      auto row = PickRow(rng, batch % 2 == 1);
      if (batch % 3 == 0) row[4] = PickValue(rng, 0);  // some batches stay narrow
      b.AppendRow(row);
      model.push_back(row);
    }
    table.Append(b);
    ExpectSame(table, model);
  }
  EXPECT_FALSE(table.IsWide(Counter::kLikes));      // rare edges spill, no widening
  EXPECT_TRUE(table.IsWide(Counter::kImpressions));  // most values are over 16 bits
  // Updates of any kind over any cell, then compaction and sparsification.
  auto update = [&](Model& m, int count) {
    for (int k = 0; k < count; ++k) {
      const size_t row = rng() % m.size();
      const int c = std::array{0, 1, 4, 5, 11}[rng() % 5];
      const int64_t v = PickValue(rng, static_cast<int>(rng() % 4));
      table.Set(static_cast<Counter>(c), row, v);
      m[row][c] = v;
    }
  };
  update(model, 3000);
  ExpectSame(table, model);
  std::vector<uint8_t> keep(model.size());
  Model kept;
  for (size_t row = 0; row < model.size(); ++row)
    if ((keep[row] = rng() % 4 != 0)) kept.push_back(model[row]);
  table.Compact(keep, kept.size());
  ExpectSame(table, kept);
  table.Sparsify();
  ExpectSame(table, kept);
  update(kept, 50);  // a sparse column with 32-bit values turns dense and narrow again
  ExpectSame(table, kept);
  // Sparse columns' block index (built by Sparsify) must follow appends and a second
  // sparsification.
  CounterColumns tail;
  for (int r = 0; r < 300; ++r) {
    auto row = PickRow(rng, false);
    tail.AppendRow(row);
    kept.push_back(row);
  }
  table.Append(tail);
  ExpectSame(table, kept);
  table.Sparsify();
  ExpectSame(table, kept);
}

TEST(CounterColumns, SmallCountersTakeTwoBytesARow) {
  CounterColumns cols;
  cols.Reserve(10000);
  std::array<int64_t, kCounterCount> row;
  row.fill(kUnknownCount);
  for (int r = 0; r < 10000; ++r) {
    row[0] = r % 500;
    row[2] = r == 77 ? 1000000 : 3;  // one viral value spills; the column stays narrow
    cols.AppendRow(row);
  }
  EXPECT_FALSE(cols.IsWide(Counter::kLikes));
  EXPECT_FALSE(cols.IsWide(Counter::kQuotes));
  EXPECT_EQ(cols.Get(Counter::kQuotes, 77), 1000000);
  EXPECT_EQ(cols.Get(Counter::kQuotes, 78), 3);
  EXPECT_LT(cols.MemoryBytes(), 2 * 10000 * 2 + 1024);  // 32-bit cells would take 80,000
}

}  // namespace
}  // namespace rapport
