// Reports on a live table that changes a little (src/metrics/chunk_cache.h): only the
// chunks of conversations that changed are accumulated again, and the report is still
// byte for byte the one a fresh read of the store gives.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "metrics/chunk_cache.h"
#include "report/report_job.h"
#include "report/writers.h"
#include "server/event_store.h"
#include "server/live_table.h"

namespace rapport {
namespace {

std::string Question(const std::string& id, const std::string& time, int likes = 0) {
  return fmt::format(
      R"({{"platform":"x","id":"{0}","type":"post","author":"c{0}","author_handle":"cust{0}",)"
      R"("created_at":"{1}","text":"@acmehelp where is my order {0}? not happy",)"
      R"("metrics":{{"likes":{2}}},"inbound":true}})",
      id, time, likes);
}

std::string Answer(const std::string& id, const std::string& parent, const std::string& time) {
  return fmt::format(
      R"({{"platform":"x","id":"{0}","type":"reply","author":"brand1","author_handle":"acmehelp",)"
      R"("created_at":"{1}","parent_id":"{2}","text":"@cust{2} sorry, on it","inbound":false}})",
      id, time, parent);
}

// 2024-03-04 plus `minutes`, as RFC 3339.
std::string At(int minutes) {
  return fmt::format("2024-03-{:02}T{:02}:{:02}:00Z", 4 + minutes / 1440, minutes / 60 % 24, minutes % 60);
}

class IncrementalReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rapport_incremental_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "r.db").string();
    request_.brands = {BrandSpec{"acme", {"acmehelp"}, {}, {}, false}};
    writer_ = std::make_unique<EventStore>(db_, true);
    reader_ = std::make_unique<EventStore>(db_, false);
  }
  void TearDown() override {
    writer_.reset();
    reader_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Store(const std::vector<std::string>& lines) {
    writer_->Begin();
    for (const auto& l : lines) ASSERT_TRUE(ParseNativeRecord(l, [&](const RawEvent& e) { writer_->Put(e); })) << l;
    writer_->Commit();
  }

  // Report of the live table, and how many chunks it accumulated.
  std::string Live(LiveTable& live, size_t* accumulated, size_t* chunks = nullptr) {
    live.Refresh(*reader_);
    ReportStats stats;
    std::string json = WriteJson(live.Compute(request_, nullptr, &stats));
    *accumulated = stats.chunks_accumulated;
    if (chunks) *chunks = stats.chunks;
    return json;
  }

  // Report of a table read from the store at once, with no cache to reuse.
  std::string Fresh() {
    EventStore reader(db_, false);
    LiveTable fresh(request_.brands, EnrichOptions{});
    fresh.Refresh(reader);
    ReportStats stats;
    std::string json = WriteJson(fresh.Compute(request_, nullptr, &stats));
    EXPECT_EQ(stats.chunks_accumulated, stats.chunks);
    return json;
  }

  std::filesystem::path dir_;
  std::string db_;
  ReportRequest request_;
  std::unique_ptr<EventStore> writer_, reader_;
};

constexpr int kChunk = static_cast<int>(kChunkConversations);
constexpr int kUnanswered1 = kChunk + 476, kUnanswered2 = kChunk + 576;  // chunk 1
constexpr int kInChunk2 = 2 * kChunk + 452;

// 3 * kChunkConversations - 100 questions (three chunks), all answered but two in the
// second chunk, eight a minute: all within the first three days.
std::vector<std::string> Base() {
  std::vector<std::string> lines;
  const int n = 3 * kChunk - 100;
  for (int i = 0; i < n; ++i) {
    const int t = i / 8;
    if (i == kUnanswered1 || i == kUnanswered2) {
      lines.push_back(Question(fmt::format("q{}", i), At(t)));
      continue;
    }
    lines.push_back(Question(fmt::format("q{}", i), At(t), i % 7));
    lines.push_back(Answer(fmt::format("a{}", i), fmt::format("q{}", i), At(t + 1 + i % 90)));
  }
  return lines;
}

TEST_F(IncrementalReportTest, OnlyChangedChunksAreAccumulatedAndTheReportIsUnchanged) {
  Store(Base());
  LiveTable live(request_.brands, EnrichOptions{});
  size_t accumulated = 0, chunks = 0;
  std::string first = Live(live, &accumulated, &chunks);
  EXPECT_EQ(chunks, 3u);
  EXPECT_EQ(accumulated, 3u);
  EXPECT_EQ(first, Fresh());

  // Nothing changed: nothing accumulated, the same report.
  EXPECT_EQ(Live(live, &accumulated), first);
  EXPECT_EQ(accumulated, 0u);

  // A second answer in conversation q5 (chunk 0), before the latest event: as_of stays.
  Store({Answer("a5b", "q5", At(30))});
  std::string second = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 1u);
  EXPECT_NE(second, first);
  EXPECT_EQ(second, Fresh());

  // More likes on a question of chunk 2, replaced in place.
  Store({Question(fmt::format("q{}", kInChunk2), At(kInChunk2 / 8), 99)});
  std::string third = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 1u);
  EXPECT_NE(third, second);
  EXPECT_EQ(third, Fresh());

  // A new question ten days later: as_of moves past the 7-day horizon of the two
  // unanswered questions of chunk 1 (pending -> unanswered), and the new conversation
  // lands in chunk 2. Chunk 0 has no unanswered turn and is reused.
  Store({Question("late", At(10 * 1440))});
  std::string fourth = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 2u);
  EXPECT_EQ(fourth, Fresh());
}

TEST_F(IncrementalReportTest, EachSetOfOptionsKeepsItsOwnChunks) {
  Store(Base());
  LiveTable live(request_.brands, EnrichOptions{});
  size_t accumulated = 0;
  std::string weekly = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 3u);
  request_.analysis.by = PeriodUnit::kDay;
  std::string daily = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 3u);  // other periods: other states
  EXPECT_NE(daily, weekly);
  EXPECT_EQ(daily, Fresh());
  request_.analysis.by = PeriodUnit::kWeek;
  EXPECT_EQ(Live(live, &accumulated), weekly);
  EXPECT_EQ(accumulated, 0u);  // the weekly chunks were kept
  request_.analysis.sla = 60;
  std::string strict = Live(live, &accumulated);
  EXPECT_EQ(accumulated, 3u);
  EXPECT_EQ(strict, Fresh());
}

TEST(ChunkCacheTest, AsOfMovesInvalidateOnlyChunksWithTurnsWhosePendingFlagFlips) {
  ChunkCache::Chunk c;
  c.valid = true;
  c.fingerprint = 42;
  c.as_of = 1000;
  c.open_turn_starts = {100, 500};
  const Seconds horizon = 300;
  EXPECT_TRUE(ChunkCache::Reusable(c, 42, 1000, horizon));
  EXPECT_FALSE(ChunkCache::Reusable(c, 43, 1000, horizon));  // content changed
  // pending(s) = as_of - s < horizon: at 1000, 500 is not pending (500 >= 300)...
  EXPECT_TRUE(ChunkCache::Reusable(c, 42, 1100, horizon));   // flips for s in (700, 800]: none
  EXPECT_FALSE(ChunkCache::Reusable(c, 42, 700, horizon));   // s in (400, 700]: 500 flips
  EXPECT_TRUE(ChunkCache::Reusable(c, 42, 800, horizon));    // s in (500, 700]: none
  c.valid = false;
  EXPECT_FALSE(ChunkCache::Reusable(c, 42, 1000, horizon));
}

}  // namespace
}  // namespace rapport
