// Merging (src/metrics/driver.cpp): the figures, and the JSON and CSV written from
// them, are byte-identical whether TBB runs on 1 thread or on several, for a table
// large enough that the driver splits it into many tasks (grain 1024 conversations)
// and the thread index sorts it in parallel. Ingestion too gives the same table.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>

#include "../support/io_support.h"
#include "../support/table_builder.h"
#include "fmt/ranges.h"
#include "report/writers.h"
#include "tbb/global_control.h"

namespace rapport {
namespace {

using test::Brand;
using test::Competitor;
using test::TableBuilder;

constexpr Seconds kMin = test::kMinute;

// A deterministic pseudo-random forum: ~3,500 conversations over five weeks, two
// brands on three platforms, answered, pending and unanswered turns, shares,
// quotes, threads of several depths and a few cut chains.
TableBuilder Forum() {
  TableBuilder b({Brand("acme", {"acme_help", "acme"}, {"acme"}), Competitor("rival", {"rival_care"})});
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  const Seconds t0 = test::T("2024-03-04T00:00:00Z");
  const Platform platforms[] = {Platform::kX, Platform::kReddit, Platform::kMastodon};
  const char* brands[] = {"acme_help", "acme", "rival_care"};
  int id = 0;
  for (int c = 0; c < 3500; ++c) {
    Platform p = platforms[next(3)];
    Seconds t = t0 + static_cast<Seconds>(next(35 * 86400));
    std::string root = std::to_string(++id);
    bool brand_root = next(3) == 0;
    if (brand_root) {
      b.Post(root, brands[next(3)], t, {.platform = p});
    } else {
      std::vector<std::string> m;
      if (next(2)) m.push_back(next(4) ? "acme_help" : "rival_care");
      b.Post(root, "user" + std::to_string(next(400)), t,
             {.mentions = m, .inbound = next(5) ? Inbound::kUnknown : Inbound::kTrue,
              .text = next(6) ? "" : "acme rocks", .platform = p, .mentions_field = true});
    }
    std::vector<std::string> ids = {root};
    int replies = static_cast<int>(next(6));
    for (int r = 0; r < replies; ++r) {
      std::string rid = std::to_string(++id);
      std::string parent = ids[next(ids.size())];
      t += static_cast<Seconds>(next(180)) * kMin;
      uint64_t kind = next(10);
      if (kind < 3) {
        b.Reply(rid, brands[next(3)], t, parent, {.platform = p});
      } else if (kind == 3) {
        b.Share(rid, "user" + std::to_string(next(400)), t, parent, {.platform = p});
      } else if (kind == 4) {
        b.Quote(rid, "user" + std::to_string(next(400)), t, parent, {.platform = p, .mentions_field = true});
      } else if (kind == 5) {
        b.Reply(rid, "user" + std::to_string(next(400)), t, "missing" + rid, {.platform = p});
      } else {
        b.Reply(rid, "user" + std::to_string(next(400)), t, parent, {.platform = p, .mentions_field = true});
      }
      ids.push_back(rid);
    }
  }
  return b;
}

struct Outputs {
  std::string json, csv;
  ResultSet results;
};

Outputs ComputeWithThreads(const EventTable& table, const std::vector<BrandSpec>& brands,
                           size_t threads, test::Options options) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  Outputs out;
  out.results = test::ComputeResults(table, brands, options);
  out.json = WriteJson(out.results);
  out.csv = WriteCsv(out.results);
  return out;
}

TEST(Determinism, OneAndTwoThreadsGiveByteIdenticalJsonAndCsv) {
  TableBuilder b = Forum();
  EventTable table = b.Build();
  ASSERT_GT(table.size(), 8000u);
  std::string error;
  test::Options options{.as_of = test::T("2024-04-20T00:00:00Z"),
                        .business_hours = *ParseBusinessHours("Mon-Fri 09:00-17:00", &error)};
  {
    ThreadIndex threads(table);
    ASSERT_GT(threads.conversation_count(), 3 * 1024u);  // several reduce tasks
  }
  Outputs one = ComputeWithThreads(table, b.brands(), 1, options);
  Outputs two = ComputeWithThreads(table, b.brands(), 2, options);
  Outputs four = ComputeWithThreads(table, b.brands(), 4, options);
  EXPECT_TRUE(test::ResultsNear(one.results, two.results, 0.0));
  EXPECT_EQ(one.json, two.json);
  EXPECT_EQ(one.csv, two.csv);
  EXPECT_EQ(one.json, four.json);
  // The figures are not trivial: turns, replies, engagers on every platform.
  EXPECT_GT(test::Total(one.results, "acme", "inbound_turns").as_int(), 100);
  EXPECT_GT(test::Total(one.results, "acme", "answered_turns").as_int(), 10);
  EXPECT_GT(test::Total(one.results, "rival", "engagers").as_int(), 10);
  EXPECT_EQ(one.results.brands[0].platforms.size(), 3u);
}

TEST(Determinism, ByDayInAnotherZoneIsAlsoThreadIndependent) {
  TableBuilder b = Forum();
  EventTable table = b.Build();
  test::Options options{.by = PeriodUnit::kDay, .tz = *LoadZone("Europe/Paris")};
  Outputs one = ComputeWithThreads(table, b.brands(), 1, options);
  Outputs two = ComputeWithThreads(table, b.brands(), 2, options);
  EXPECT_EQ(one.json, two.json);
}

TEST(Determinism, MergingFamilyStatesInAnyCutEqualsTheWhole) {
  // Every family over the same forum, with the conversations cut into 2 and 7 parts.
  TableBuilder b = Forum();
  test::Analysis a(b);
  size_t n = a.threads().conversation_count();
  for (const char* family : {"E2", "E3", "E4", "E9", "E10"}) {
    ResultSet whole = test::ComputeFamily(a, family);
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, family, {n / 2}), whole)) << family;
    std::vector<size_t> cuts;
    for (size_t k = 1; k < 7; ++k) cuts.push_back(n * k / 7);
    EXPECT_TRUE(test::ResultsNear(test::ComputeFamily(a, family, cuts), whole)) << family;
  }
}

TEST(Determinism, IngestionOnOneAndTwoThreadsGivesTheSameTable) {
  std::string text;
  for (int k = 0; k < 3000; ++k) {
    text += fmt::format(
        R"({{"platform":"{}","id":"{}","type":"{}","author":"u{}","created_at":{},{}"text":"t {}"}})",
        k % 3 ? "x" : "reddit", k % 2900, k % 4 ? "reply" : "post", k % 97, 1509487847 + k * 13,
        k % 4 ? fmt::format(R"("parent_id":"{}",)", k / 2) : "", std::string(k % 50, 'y'));
    text += k % 101 == 7 ? "\n{broken\n" : "\n";
  }
  test::TempDir dir;
  std::string path = dir.Write("many.ndjson", text);
  std::vector<std::string> dumps;
  std::vector<std::vector<std::pair<InputError, int64_t>>> errors;
  for (size_t threads : {1, 2}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    auto in = test::IngestFiles({path}, 1024);
    dumps.push_back(fmt::format("{}", fmt::join(test::DumpTable(in->table), "\n")));
    errors.push_back(test::ErrorLines(in->result.errors));
  }
  EXPECT_EQ(dumps[0], dumps[1]);
  EXPECT_EQ(errors[0], errors[1]);
  EXPECT_EQ(errors[0].size(), 10u);  // the first 10 of 30 broken lines are kept
}

}  // namespace
}  // namespace rapport
