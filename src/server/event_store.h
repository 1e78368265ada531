// The durable event store: one SQLite file in WAL mode holding every event in the
// native schema (docs/formats.md "rapport"), one row per (platform, id). `rapport
// ingest` and `POST /v1/events` write it; `rapport serve` and `rapport report --db`
// read it. Durability and the rule for a re-posted id: docs/serve.md.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/raw_event.h"

struct sqlite3;
struct sqlite3_stmt;

namespace rapport {

class StoreError : public std::runtime_error {
 public:
  enum class Kind { kMissing, kCannotOpen, kNotAStore, kIo };
  StoreError(Kind kind, const std::string& m) : std::runtime_error(m), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// What Put did with an event.
enum class PutOutcome {
  kInserted,   // a new (platform, id)
  kUpdated,    // a known id whose later counters or follower count changed the record
  kUnchanged,  // a known id and nothing new: the stored record stays as it is
};

// One stored row as ReadSince hands it out; `record` is valid during the callback.
struct StoredRow {
  int64_t seq;  // position in the store: first-arrival order, never reused
  int64_t rev;  // the transaction that last wrote the row
  std::string_view record;  // one native NDJSON line, without the newline
};

// One connection. Not thread-safe: give each thread its own store or lock around it.
class EventStore {
 public:
  // Opens `path` (creating it when `create`), sets WAL and synchronous=FULL, creates
  // the schema. Throws StoreError.
  EventStore(const std::string& path, bool create);
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // A write transaction (BEGIN IMMEDIATE: one writer at a time, others wait up to
  // the busy timeout). Nothing is visible to readers, nor durable, before Commit().
  void Begin();
  PutOutcome Put(const RawEvent& e);
  void Commit();
  void Rollback();
  bool in_transaction() const { return rev_ != 0; }

  // Calls fn for every row written by a transaction after `after_rev`, in seq order;
  // returns the highest rev seen (after_rev when none). ReadSince(0) reads everything.
  int64_t ReadSince(int64_t after_rev, const std::function<void(const StoredRow&)>& fn);
  int64_t Count();
  // Changes when another connection commits (PRAGMA data_version): a cheap "anything
  // new?" before ReadSince.
  int64_t DataVersion();
  std::string Pragma(const std::string& name);  // e.g. "journal_mode" -> "wal"
  const std::string& path() const { return path_; }

 private:
  void Exec(const char* sql);
  sqlite3_stmt* Prepare(const char* sql);
  [[noreturn]] void Fail(const std::string& what);

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* lookup_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  int64_t rev_ = 0;  // the open transaction's revision, 0 outside one
  std::string line_, merged_;
};

// Parses one native NDJSON record (no newline) and calls fn with the event; returns
// false (fn not called) when the record is not a valid native event.
bool ParseNativeRecord(std::string_view record, const std::function<void(const RawEvent&)>& fn);

}  // namespace rapport
