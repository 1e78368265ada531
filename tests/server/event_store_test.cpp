// The event store (src/server/event_store.cpp): WAL and synchronous=FULL on, a
// round trip of native records, one row per (platform, id), the fold rule for a
// re-posted id, revisions for "what changed since", rollback, reopening.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "server/event_store.h"

namespace rapport {
namespace {

class EventStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rapport_store_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "events.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Stores native lines in one transaction; returns the outcomes.
  std::vector<PutOutcome> PutLines(EventStore& store, const std::vector<std::string>& lines) {
    std::vector<PutOutcome> out;
    store.Begin();
    for (const auto& line : lines) {
      bool ok = ParseNativeRecord(line, [&](const RawEvent& e) { out.push_back(store.Put(e)); });
      EXPECT_TRUE(ok) << line;
    }
    store.Commit();
    return out;
  }

  std::vector<std::string> Records(EventStore& store, int64_t after = 0) {
    std::vector<std::string> out;
    store.ReadSince(after, [&](const StoredRow& r) { out.emplace_back(r.record); });
    return out;
  }

  std::filesystem::path dir_;
  std::string path_;
};

const std::string kPost =
    R"({"platform":"x","id":"1","type":"post","author":"u1","author_handle":"sam","created_at":"2024-03-04T10:00:00Z","parent_id":null,"conversation_id":null,"text":"hello @acme","hashtags":[],"urls":0,"metrics":{"likes":3,"replies":null},"author_followers":10,"inbound":true})";

std::string WithLikes(int likes, const std::string& id = "1") {
  std::string s = kPost;
  s.replace(s.find("\"likes\":3"), 9, "\"likes\":" + std::to_string(likes));
  s.replace(s.find("\"id\":\"1\""), 8, "\"id\":\"" + id + "\"");
  return s;
}

TEST_F(EventStoreTest, OpensInWalModeWithFullSync) {
  EventStore store(path_, true);
  EXPECT_EQ(store.Pragma("journal_mode"), "wal");
  EXPECT_EQ(store.Pragma("synchronous"), "2");  // FULL
  EXPECT_EQ(store.Pragma("user_version"), "1");
  EXPECT_TRUE(std::filesystem::exists(path_));
}

TEST_F(EventStoreTest, MissingStoreIsAnErrorWithoutCreate) {
  try {
    EventStore store(path_, false);
    FAIL() << "opened a missing store";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kMissing);
  }
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(EventStoreTest, NotASqliteFileIsRefused) {
  { FILE* f = fopen(path_.c_str(), "w"); fputs("this is not a database, just text\n", f); fclose(f); }
  try {
    EventStore store(path_, true);
    FAIL() << "opened a text file";
  } catch (const StoreError& e) {
    EXPECT_EQ(e.kind(), StoreError::Kind::kNotAStore) << e.what();
  }
}

TEST_F(EventStoreTest, RoundTripKeepsTheCanonicalRecord) {
  EventStore store(path_, true);
  EXPECT_EQ(PutLines(store, {kPost}), std::vector<PutOutcome>{PutOutcome::kInserted});
  auto records = Records(store);
  ASSERT_EQ(records.size(), 1u);
  // The writer's canonical form: re-reading and re-writing gives the same bytes.
  std::string again;
  ASSERT_TRUE(ParseNativeRecord(records[0], [&](const RawEvent& e) {
    EXPECT_EQ(e.id, "1");
    EXPECT_EQ(e.author, "u1");
    EXPECT_EQ(e.text, "hello @acme");
    EXPECT_EQ(e.counters[static_cast<int>(Counter::kLikes)], 3);
    EXPECT_EQ(e.author_followers, 10);
    EXPECT_EQ(e.inbound, Inbound::kTrue);
  }));
  EXPECT_EQ(Records(store), records);
}

TEST_F(EventStoreTest, SameIdTwiceIsOneRow) {
  EventStore store(path_, true);
  auto out = PutLines(store, {kPost, kPost});
  EXPECT_EQ(out, (std::vector<PutOutcome>{PutOutcome::kInserted, PutOutcome::kUnchanged}));
  EXPECT_EQ(PutLines(store, {kPost}), std::vector<PutOutcome>{PutOutcome::kUnchanged});
  EXPECT_EQ(store.Count(), 1);
}

TEST_F(EventStoreTest, SameIdOnAnotherPlatformIsAnotherEvent) {
  EventStore store(path_, true);
  std::string reddit = kPost;
  reddit.replace(reddit.find("\"x\""), 3, "\"reddit\"");
  EXPECT_EQ(PutLines(store, {kPost, reddit}),
            (std::vector<PutOutcome>{PutOutcome::kInserted, PutOutcome::kInserted}));
  EXPECT_EQ(store.Count(), 2);
}

TEST_F(EventStoreTest, LaterKnownCountersWinOtherFieldsStayAsFirstStored) {
  EventStore store(path_, true);
  PutLines(store, {WithLikes(3), WithLikes(2, "2")});
  // A later snapshot: more likes, replies now known, a different text (ignored, as the
  // engine's fold ignores it), the follower count unknown (the stored one stays).
  std::string later = WithLikes(7);
  later.replace(later.find("\"replies\":null"), 14, "\"replies\":4");
  later.replace(later.find("hello @acme"), 11, "edited text");
  later.replace(later.find("\"author_followers\":10"), 21, "\"author_followers\":null");
  EXPECT_EQ(PutLines(store, {later}), std::vector<PutOutcome>{PutOutcome::kUpdated});
  auto records = Records(store);
  ASSERT_EQ(records.size(), 2u);
  ASSERT_TRUE(ParseNativeRecord(records[0], [&](const RawEvent& e) {
    EXPECT_EQ(e.id, "1");  // keeps its place (seq) in first-arrival order
    EXPECT_EQ(e.counters[static_cast<int>(Counter::kLikes)], 7);
    EXPECT_EQ(e.counters[static_cast<int>(Counter::kReplies)], 4);
    EXPECT_EQ(e.text, "hello @acme");
    EXPECT_EQ(e.author_followers, 10);
  }));
  // An older snapshot with unknown counters changes nothing.
  std::string unknowns = WithLikes(0);
  unknowns.replace(unknowns.find("\"likes\":0"), 9, "\"likes\":null");
  EXPECT_EQ(PutLines(store, {unknowns}), std::vector<PutOutcome>{PutOutcome::kUnchanged});
}

TEST_F(EventStoreTest, ReadSinceReturnsNewAndChangedRowsInSeqOrder) {
  EventStore store(path_, true);
  PutLines(store, {WithLikes(1, "a"), WithLikes(1, "b")});
  int64_t rev1 = store.ReadSince(0, [](const StoredRow&) {});
  EXPECT_EQ(rev1, 1);
  PutLines(store, {WithLikes(1, "c"), WithLikes(5, "a"), WithLikes(1, "b")});
  std::vector<int64_t> seqs;
  int64_t rev2 = store.ReadSince(rev1, [&](const StoredRow& r) {
    seqs.push_back(r.seq);
    EXPECT_EQ(r.rev, 2);
  });
  EXPECT_EQ(rev2, 2);
  EXPECT_EQ(seqs, (std::vector<int64_t>{1, 3}));  // a changed, c new; b unchanged
  EXPECT_TRUE(Records(store, rev2).empty());
}

TEST_F(EventStoreTest, ReadSinceIsInSeqOrderWhenAnOlderRowChangedLater) {
  EventStore store(path_, true);
  PutLines(store, {WithLikes(1, "a")});
  int64_t rev1 = store.ReadSince(0, [](const StoredRow&) {});
  PutLines(store, {WithLikes(1, "c"), WithLikes(1, "d")});  // rev 2: seq 2, 3
  PutLines(store, {WithLikes(8, "c")});                     // rev 3 changes seq 2
  std::vector<std::pair<int64_t, int64_t>> seen;
  EXPECT_EQ(store.ReadSince(rev1, [&](const StoredRow& r) { seen.emplace_back(r.seq, r.rev); }), 3);
  EXPECT_EQ(seen, (std::vector<std::pair<int64_t, int64_t>>{{2, 3}, {3, 2}}));
}

TEST_F(EventStoreTest, RollbackStoresNothing) {
  EventStore store(path_, true);
  store.Begin();
  ParseNativeRecord(kPost, [&](const RawEvent& e) { store.Put(e); });
  store.Rollback();
  EXPECT_EQ(store.Count(), 0);
}

TEST_F(EventStoreTest, CommittedRowsSurviveReopeningAndAnotherConnectionSeesThem) {
  {
    EventStore writer(path_, true);
    EventStore reader(path_, false);
    int64_t v0 = reader.DataVersion();
    PutLines(writer, {WithLikes(1, "a"), WithLikes(2, "b")});
    EXPECT_NE(reader.DataVersion(), v0);
    EXPECT_EQ(reader.Count(), 2);
    // Left open without a commit: lost on close, as after a crash.
    writer.Begin();
    ParseNativeRecord(WithLikes(3, "c"), [&](const RawEvent& e) { writer.Put(e); });
  }
  EventStore again(path_, false);
  EXPECT_EQ(again.Count(), 2);
  EXPECT_EQ(PutLines(again, {WithLikes(1, "a")}), std::vector<PutOutcome>{PutOutcome::kUnchanged});
}

}  // namespace
}  // namespace rapport
