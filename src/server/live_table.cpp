#include "server/live_table.h"

#include <algorithm>
#include <mutex>

#include "io/event_builder.h"
#include "io/readers/reader.h"
#include "simdjson.h"
#include "tbb/parallel_for.h"
#include "text/vader.h"

namespace rapport {
namespace {

// Records are gathered into blocks of about this size, parsed on all cores.
constexpr size_t kChunkBytes = 4 << 20;
// Parsed and appended every this many bytes, so a first load of a big store does not
// hold all its text at once.
constexpr size_t kRoundBytes = 64 << 20;

}  // namespace

LiveTable::LiveTable(std::vector<BrandSpec> brands, const EnrichOptions& enrich)
    : brands_(std::move(brands)), enricher_(brands_), table_(std::make_unique<EventTable>()) {
  enricher_.Configure(ForReport(enrich));
}

uint64_t LiveTable::version() const {
  std::shared_lock lock(mu_);
  return version_;
}

void LiveTable::Read(const std::function<void(const EventTable&)>& fn) const {
  std::shared_lock lock(mu_);
  fn(*table_);
}

int64_t LiveTable::events() const {
  std::shared_lock lock(mu_);
  return static_cast<int64_t>(table_->size());
}

void LiveTable::AppendRecords(std::vector<std::string>& chunks) {
  if (chunks.empty()) return;
  std::vector<EventBatch> batches(chunks.size());
  Dictionaries& dict = table_->dictionaries();
  const Reader* proto = FindReader("rapport");
  tbb::parallel_for(size_t{0}, chunks.size(), [&](size_t i) {
    auto reader = proto->NewInstance();
    EventBuilder builder(dict, enricher_);
    builder.set_batch(&batches[i]);
    InputErrors errors;  // none: the store holds only records its writer produced
    size_t size = chunks[i].size();
    chunks[i].append(simdjson::SIMDJSON_PADDING, '\0');
    reader->Parse({chunks[i].data(), size}, BlockContext{"store"}, builder, errors);
    builder.Flush();
  });
  for (auto& b : batches) table_->Append(std::move(b));
  row_stamps_.resize(table_->size(), 0);
  chunks.clear();
}

bool LiveTable::Refresh(EventStore& store) {
  std::unique_lock lock(mu_);
  if (path_.empty()) path_ = store.path();
  // Nothing committed by another connection since the last look: no query at all.
  int64_t dv = store.DataVersion();
  if (dv == data_version_) return false;
  data_version_ = dv;

  bool changed = false;
  std::vector<std::string> chunks;
  size_t round = 0;
  int64_t last_seq = seq_of_row_.empty() ? 0 : seq_of_row_.back();
  EventColumns& cols = table_->mutable_columns();
  last_rev_ = store.ReadSince(last_rev_, [&](const StoredRow& row) {
    changed = true;
    if (row.seq > last_seq) {
      // A new event: appended in seq order, as `report --db` reads the store.
      if (chunks.empty() || chunks.back().size() >= kChunkBytes) {
        chunks.emplace_back();
        chunks.back().reserve(kChunkBytes + 4096);
      }
      chunks.back().append(row.record);
      chunks.back().push_back('\n');
      seq_of_row_.push_back(row.seq);
      record_bytes_.push_back(static_cast<uint32_t>(row.record.size()));
      bytes_ += row.record.size() + 1;
      round += row.record.size() + 1;
      if (round >= kRoundBytes) {
        AppendRecords(chunks);
        round = 0;
      }
      return;
    }
    // A known event whose counters changed (the store's fold rule): replace its
    // counters and follower count in place; its other fields cannot have changed.
    auto it = std::lower_bound(seq_of_row_.begin(), seq_of_row_.end(), row.seq);
    if (it == seq_of_row_.end() || *it != row.seq) return;
    size_t r = static_cast<size_t>(it - seq_of_row_.begin());
    bytes_ = bytes_ - record_bytes_[r] + row.record.size();
    record_bytes_[r] = static_cast<uint32_t>(row.record.size());
    if (r < row_stamps_.size()) row_stamps_[r] = ++last_stamp_;
    ParseNativeRecord(row.record, [&](const RawEvent& e) {
      for (int c = 0; c < kCounterCount; ++c) cols.counters.Set(static_cast<Counter>(c), r, e.counters[c]);
      cols.followers[r] = e.author_followers >= 0 && e.author_followers < CounterColumns::kSpill32
                              ? static_cast<uint32_t>(e.author_followers)
                              : CounterColumns::kUnknown32;
    });
  });
  AppendRecords(chunks);
  if (changed) ++version_;
  return changed;
}

ResultSet LiveTable::Compute(const ReportRequest& request, uint64_t* version, ReportStats* stats) const {
  std::shared_lock lock(mu_);
  if (version) *version = version_;
  IngestResult ingest;
  InputFileInfo file;
  file.path = path_;
  file.format = "store";
  file.bytes = bytes_;
  file.records = static_cast<int64_t>(table_->size());
  ingest.files.push_back(file);
  ingest.events = static_cast<int64_t>(table_->size());
  ingest.bytes = bytes_;
  IncrementalState incremental{&chunk_caches_, row_stamps_};
  return ComputeReport(*table_, ingest, request, enricher_.classifiers_enabled(), stats, &incremental);
}

}  // namespace rapport
