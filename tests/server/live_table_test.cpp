// The live table (src/server/live_table.cpp): brought up to date piece by piece, it
// gives the same report, byte for byte, as a table read from the store at once, and the
// same figures as `rapport report` on the events as a file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "report/report_job.h"
#include "report/writers.h"
#include "server/event_store.h"
#include "server/live_table.h"

namespace rapport {
namespace {

// A customer asks @acmehelp; the brand answers `delay` minutes later; one like.
std::vector<std::string> Exchange(int i, int delay, int likes) {
  std::string q = fmt::format(
      R"({{"platform":"x","id":"q{0}","type":"post","author":"c{0}","author_handle":"cust{0}",)"
      R"("created_at":"2024-03-04T10:{1:02}:00Z","text":"@acmehelp my order {0} is late, not happy",)"
      R"("metrics":{{"likes":{2}}},"inbound":true}})",
      i, i % 60, likes);
  std::string a = fmt::format(
      R"({{"platform":"x","id":"a{0}","type":"reply","author":"brand1","author_handle":"acmehelp",)"
      R"("created_at":"2024-03-04T{1:02}:{2:02}:00Z","parent_id":"q{0}","text":"@cust{0} sorry, fixing it",)"
      R"("inbound":false}})",
      i, 10 + (i % 60 + delay) / 60, (i % 60 + delay) % 60);
  return {q, a};
}

class LiveTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rapport_live_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = (dir_ / "r.db").string();
    request_.brands = {BrandSpec{"acme", {"acmehelp"}, {}, {}, false}};
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Store(EventStore& store, const std::vector<std::string>& lines) {
    store.Begin();
    for (const auto& l : lines) ASSERT_TRUE(ParseNativeRecord(l, [&](const RawEvent& e) { store.Put(e); })) << l;
    store.Commit();
  }

  std::string FreshJson() {
    EventStore reader(db_, false);
    LiveTable fresh(request_.brands, EnrichOptions{});
    fresh.Refresh(reader);
    return WriteJson(fresh.Compute(request_));
  }

  std::filesystem::path dir_;
  std::string db_;
  ReportRequest request_;
};

TEST_F(LiveTableTest, IncrementalEqualsFullReadAndTheFileReport) {
  EventStore writer(db_, true);
  EventStore reader(db_, false);
  LiveTable live(request_.brands, EnrichOptions{});
  std::vector<std::string> all;
  for (int i = 0; i < 10; ++i)
    for (auto& l : Exchange(i, 5 + i, i)) all.push_back(l);
  Store(writer, {all.begin(), all.begin() + 8});
  EXPECT_TRUE(live.Refresh(reader));
  EXPECT_EQ(live.events(), 8);
  EXPECT_FALSE(live.Refresh(reader));  // nothing new: no change, same version
  uint64_t v1 = live.version();
  Store(writer, {all.begin() + 8, all.end()});
  // A later snapshot of q0: more likes (replaced in place), then nothing new.
  Store(writer, {Exchange(0, 5, 40)[0], Exchange(1, 6, 1)[0]});
  EXPECT_TRUE(live.Refresh(reader));
  EXPECT_GT(live.version(), v1);
  EXPECT_EQ(live.events(), 20);

  ResultSet incremental = live.Compute(request_);
  EXPECT_EQ(WriteJson(incremental), FreshJson());
  const Value* events = FindField(incremental.input, "events");
  ASSERT_NE(events, nullptr);
  EXPECT_EQ(events->as_int(), 20);
  ASSERT_EQ(incremental.brands.size(), 1u);

  // The same events as a file, q0's later snapshot at the end: the same figures.
  std::string file = (dir_ / "events.ndjson").string();
  {
    std::ofstream out(file);
    for (const auto& l : all) out << l << "\n";
    out << Exchange(0, 5, 40)[0] << "\n";
  }
  ReportRequest from_file = request_;
  from_file.ingest.inputs = {file};
  ResultSet direct = RunReport(from_file);
  // Everything but `input` (the store is one "file" there) is the same.
  incremental.input.clear();
  direct.input.clear();
  EXPECT_EQ(WriteJson(incremental), WriteJson(direct));
}

// The likes of event `id` in the live table.
int64_t Likes(const LiveTable& live, std::string_view id) {
  int64_t likes = -1;
  live.Read([&](const EventTable& t) {
    for (size_t r = 0; r < t.size(); ++r)
      if (t.IdString(r) == id) likes = t.Counter(Counter::kLikes, r);
  });
  return likes;
}

TEST_F(LiveTableTest, ChangedCountersAreReplacedInPlace) {
  EventStore writer(db_, true);
  EventStore reader(db_, false);
  LiveTable live(request_.brands, EnrichOptions{});
  Store(writer, Exchange(1, 10, 2));
  live.Refresh(reader);
  EXPECT_EQ(Likes(live, "q1"), 2);
  Store(writer, {Exchange(1, 10, 7)[0]});
  EXPECT_TRUE(live.Refresh(reader));
  EXPECT_EQ(live.events(), 2);
  EXPECT_EQ(Likes(live, "q1"), 7);
  EXPECT_EQ(Likes(live, "a1"), kUnknownCount);
  EXPECT_EQ(WriteJson(live.Compute(request_)), FreshJson());
}

}  // namespace
}  // namespace rapport
