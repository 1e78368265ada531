// The event table of a store, kept in memory and brought up to date by Refresh():
// what `rapport serve` computes reports on, and what `rapport report --db` reads.
// New rows are parsed, enriched and appended once; a changed row (a re-posted id
// with new counters) has its counters replaced in place. Nothing already read is
// read or enriched again. docs/serve.md "What is incremental".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "io/ingest.h"
#include "metrics/chunk_cache.h"
#include "report/report_job.h"
#include "server/event_store.h"
#include "text/enricher.h"

namespace rapport {

class LiveTable {
 public:
  // `brands` decide the enrichment (brand terms and hashtags) of every event.
  LiveTable(std::vector<BrandSpec> brands, const EnrichOptions& enrich);

  // Pulls every row written since the last call. Returns true when the table changed.
  // Safe to call while other threads Compute (it waits for them). Throws StoreError.
  bool Refresh(EventStore& store);

  // The report on the table as it is now; request.brands must be the constructor's.
  // `version`, when given, receives the version of the table it was computed on.
  // Chunks of conversations that did not change since the last report with the same
  // options are not accumulated again (metrics/chunk_cache.h); `stats` says how many were.
  ResultSet Compute(const ReportRequest& request, uint64_t* version = nullptr,
                    ReportStats* stats = nullptr) const;

  // Calls fn with the table, which does not change during the call.
  void Read(const std::function<void(const EventTable&)>& fn) const;

  // Increases whenever Refresh changes the table.
  uint64_t version() const;
  int64_t events() const;

 private:
  void AppendRecords(std::vector<std::string>& chunks);

  std::vector<BrandSpec> brands_;
  Enricher enricher_;
  mutable std::shared_mutex mu_;
  std::unique_ptr<EventTable> table_;
  std::vector<int64_t> seq_of_row_;  // store seq of each table row, ascending
  std::vector<uint32_t> record_bytes_;  // length of each row's stored record
  // Per row, changed whenever its counters are replaced in place (0: never).
  std::vector<uint32_t> row_stamps_;
  uint32_t last_stamp_ = 0;
  mutable ChunkCaches chunk_caches_;
  int64_t last_rev_ = 0;
  int64_t data_version_ = -1;
  uint64_t version_ = 0;
  uint64_t bytes_ = 0;  // bytes of the records read, newline included (input.files[0].bytes)
  std::string path_;
};

}  // namespace rapport
