#include "server/event_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "fmt/format.h"
#include "io/readers/reader.h"
#include "io/writers/native_writer.h"
#include "simdjson.h"

namespace rapport {
namespace {

// Bumped when the schema changes; a newer file is refused rather than misread.
constexpr int kSchemaVersion = 1;

class CallbackSink final : public EventSink {
 public:
  explicit CallbackSink(const std::function<void(const RawEvent&)>& fn) : fn_(fn) {}
  void Add(const RawEvent& e) override {
    ++events_;
    fn_(e);
  }
  int events_ = 0;

 private:
  const std::function<void(const RawEvent&)>& fn_;
};

void Bind(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

std::string_view Column(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s, i))) : std::string_view();
}

}  // namespace

bool ParseNativeRecord(std::string_view record, const std::function<void(const RawEvent&)>& fn) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: parse from a padded
  // copy. One reader and buffer per nesting level, since fn may parse again (Put merges
  // an event that ParseNativeRecord handed out) and a reader reuses its event.
  struct Slot {
    std::unique_ptr<Reader> reader;
    std::string buf;
  };
  thread_local std::vector<std::unique_ptr<Slot>> slots;
  thread_local size_t depth = 0;
  if (slots.size() <= depth) slots.push_back(std::make_unique<Slot>(Slot{FindReader("rapport")->NewInstance(), {}}));
  Slot& slot = *slots[depth];
  struct Nest {
    size_t& d;
    explicit Nest(size_t& depth_) : d(depth_) { ++d; }
    ~Nest() { --d; }
  } nest(depth);
  slot.buf.assign(record);
  slot.buf.append(simdjson::SIMDJSON_PADDING, '\0');
  CallbackSink sink(fn);
  InputErrors errors;
  slot.reader->Parse({slot.buf.data(), record.size()}, BlockContext{"store"}, sink, errors);
  return errors.total() == 0 && sink.events_ == 1;
}

EventStore::EventStore(const std::string& path, bool create) : path_(path) {
  if (!create && access(path.c_str(), F_OK) != 0)
    throw StoreError(StoreError::Kind::kMissing, fmt::format("{}: no such event store", path));
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::kCannotOpen, fmt::format("{}: cannot open the event store: {}", path, msg));
  }
  try {
    // Another writer (rapport ingest next to a running server) waits instead of failing.
    sqlite3_busy_timeout(db_, 10000);
    // WAL: readers never block the writer. synchronous=FULL: every commit syncs the WAL
    // to disk before it returns, so an acknowledged write survives a crash and a power
    // loss (NORMAL would survive a crash only). docs/serve.md "Durability".
    std::string mode = Pragma("journal_mode=WAL");
    if (mode != "wal")
      throw StoreError(StoreError::Kind::kCannotOpen,
                       fmt::format("{}: the event store needs WAL mode, got \"{}\"", path, mode));
    Exec("PRAGMA synchronous=FULL");
    int64_t version = std::stoll(Pragma("user_version"));
    if (version > kSchemaVersion)
      throw StoreError(StoreError::Kind::kNotAStore,
                       fmt::format("{}: event store schema {} is newer than this rapport ({})", path,
                                   version, kSchemaVersion));
    Exec(
        "CREATE TABLE IF NOT EXISTS events("
        " seq INTEGER PRIMARY KEY,"
        " platform TEXT NOT NULL,"
        " id TEXT NOT NULL,"
        " rev INTEGER NOT NULL,"
        " record TEXT NOT NULL,"
        " UNIQUE(platform, id));"
        "CREATE INDEX IF NOT EXISTS events_rev ON events(rev);");
    if (version == 0) Exec(fmt::format("PRAGMA user_version={}", kSchemaVersion).c_str());
    insert_ = Prepare(
        "INSERT INTO events(platform, id, rev, record) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(platform, id) DO NOTHING");
    lookup_ = Prepare("SELECT seq, record FROM events WHERE platform = ?1 AND id = ?2");
    update_ = Prepare("UPDATE events SET record = ?1, rev = ?2 WHERE seq = ?3");
  } catch (...) {
    sqlite3_finalize(insert_);
    sqlite3_finalize(lookup_);
    sqlite3_finalize(update_);
    sqlite3_close(db_);
    throw;
  }
}

EventStore::~EventStore() {
  if (rev_ != 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_finalize(insert_);
  sqlite3_finalize(lookup_);
  sqlite3_finalize(update_);
  sqlite3_close(db_);
}

void EventStore::Fail(const std::string& what) {
  int code = sqlite3_errcode(db_);
  auto kind = code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? StoreError::Kind::kNotAStore
                                                              : StoreError::Kind::kIo;
  std::string msg = fmt::format("{}: {}: {}", path_, what, sqlite3_errmsg(db_));
  if (code == SQLITE_NOTADB) msg = fmt::format("{}: not an event store (not a SQLite database)", path_);
  throw StoreError(kind, msg);
}

void EventStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    Fail(sql);
  }
}

sqlite3_stmt* EventStore::Prepare(const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) Fail(sql);
  return s;
}

std::string EventStore::Pragma(const std::string& name) {
  sqlite3_stmt* s = nullptr;
  std::string sql = "PRAGMA " + name;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) Fail(sql);
  std::string out;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) out = std::string(Column(s, 0));
  sqlite3_finalize(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail(sql);
  return out;
}

void EventStore::Begin() {
  Exec("BEGIN IMMEDIATE");
  // Every row the transaction writes carries its revision, so a reader asks for
  // "rows after revision r" and sees both new and changed events.
  sqlite3_stmt* s = Prepare("SELECT COALESCE(MAX(rev), 0) + 1 FROM events");
  sqlite3_step(s);
  rev_ = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
}

PutOutcome EventStore::Put(const RawEvent& e) {
  line_.clear();
  AppendNativeEvent(e, line_);
  if (!line_.empty() && line_.back() == '\n') line_.pop_back();
  std::string_view platform = PlatformName(e.platform);
  sqlite3_reset(insert_);
  Bind(insert_, 1, platform);
  Bind(insert_, 2, e.id);
  sqlite3_bind_int64(insert_, 3, rev_);
  Bind(insert_, 4, line_);
  if (sqlite3_step(insert_) != SQLITE_DONE) Fail("insert");
  if (sqlite3_changes(db_) == 1) return PutOutcome::kInserted;

  // A known id: the engine's fold rule (event_table.cpp) applied to the stored record.
  // Known counters and the follower count of the later record replace the stored
  // ones; every other field stays as first stored.
  sqlite3_reset(lookup_);
  Bind(lookup_, 1, platform);
  Bind(lookup_, 2, e.id);
  if (sqlite3_step(lookup_) != SQLITE_ROW) Fail("lookup");
  int64_t seq = sqlite3_column_int64(lookup_, 0);
  std::string stored(Column(lookup_, 1));
  sqlite3_reset(lookup_);
  merged_.clear();
  bool ok = ParseNativeRecord(stored, [&](const RawEvent& old) {
    RawEvent m = old;
    for (int c = 0; c < kCounterCount; ++c)
      if (e.counters[c] != kUnknownCount) m.counters[c] = e.counters[c];
    if (e.author_followers != kUnknownCount) m.author_followers = e.author_followers;
    AppendNativeEvent(m, merged_);
  });
  if (!ok) merged_ = line_;  // an unreadable stored record is replaced by the new one
  if (!merged_.empty() && merged_.back() == '\n') merged_.pop_back();
  if (merged_ == stored) return PutOutcome::kUnchanged;
  sqlite3_reset(update_);
  Bind(update_, 1, merged_);
  sqlite3_bind_int64(update_, 2, rev_);
  sqlite3_bind_int64(update_, 3, seq);
  if (sqlite3_step(update_) != SQLITE_DONE) Fail("update");
  return PutOutcome::kUpdated;
}

void EventStore::Commit() {
  Exec("COMMIT");
  rev_ = 0;
}

void EventStore::Rollback() {
  if (rev_ == 0) return;
  rev_ = 0;
  Exec("ROLLBACK");
}

int64_t EventStore::ReadSince(int64_t after_rev, const std::function<void(const StoredRow&)>& fn) {
  int64_t max_rev = after_rev;
  if (after_rev == 0) {
    // Everything: a plain scan in seq (rowid) order.
    sqlite3_stmt* s = Prepare("SELECT seq, rev, record FROM events ORDER BY seq");
    int rc;
    try {
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        StoredRow row{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), Column(s, 2)};
        max_rev = std::max(max_rev, row.rev);
        fn(row);
      }
    } catch (...) {
      sqlite3_finalize(s);
      throw;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) Fail("read");
    return max_rev;
  }
  // What changed: through the rev index (left to itself, SQLite prefers a scan of the
  // whole table in seq order to avoid a sort: measured 0.4 s a request on 1M events),
  // then sorted by seq here, where the few changed rows are.
  struct Changed {
    int64_t seq, rev;
    std::string record;
  };
  std::vector<Changed> rows;
  sqlite3_stmt* s = Prepare("SELECT seq, rev, record FROM events INDEXED BY events_rev WHERE rev > ?1");
  sqlite3_bind_int64(s, 1, after_rev);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    rows.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), std::string(Column(s, 2))});
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) Fail("read");
  std::sort(rows.begin(), rows.end(), [](const Changed& a, const Changed& b) { return a.seq < b.seq; });
  for (const auto& r : rows) {
    max_rev = std::max(max_rev, r.rev);
    fn(StoredRow{r.seq, r.rev, r.record});
  }
  return max_rev;
}

int64_t EventStore::Count() {
  sqlite3_stmt* s = Prepare("SELECT COUNT(*) FROM events");
  int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
  sqlite3_finalize(s);
  return n;
}

int64_t EventStore::DataVersion() { return std::stoll(Pragma("data_version")); }

}  // namespace rapport
