// The main job, from inputs to results: ingest, roles, thread index, metrics, and the
// `input` / `options` records that say what the figures were computed on. The CLI
// and the server both call this.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/brands.h"
#include "io/ingest.h"
#include "metrics/chunk_cache.h"
#include "metrics/context.h"
#include "report/results.h"
#include "text/enricher.h"

namespace rapport {

struct ReportRequest {
  IngestOptions ingest;
  std::vector<BrandSpec> brands;  // empty: brands from inbound=false authors
  AnalysisOptions analysis;
  std::string business_hours_text;  // as the user wrote it, for `options`
};

struct ReportStats {
  double ingest_seconds = 0, index_seconds = 0, metrics_seconds = 0;
  uint64_t bytes = 0;
  int64_t events = 0;
  size_t column_bytes = 0, dictionary_bytes = 0;
  // Peak resident set (getrusage) after each stage, in bytes.
  size_t peak_after_ingest = 0, peak_after_index = 0, peak_after_metrics = 0;
  // Chunks of conversations, and how many were accumulated (the rest came from a cache).
  size_t chunks = 0, chunks_accumulated = 0;
};

// What lets a report on a table that changed a little reuse the last one's work
// (metrics/chunk_cache.h): the kept chunk states and each row's change stamp.
struct IncrementalState {
  ChunkCaches* caches = nullptr;
  std::span<const uint32_t> row_stamps;
};

// `enrich` narrowed to the text signals the metric families read (TextSignalsRead()):
// what RunReport and `serve` give the enricher.
EnrichOptions ForReport(EnrichOptions enrich);

// Throws what Ingest throws (SourceError, FormatError, StrictModeError).
ResultSet RunReport(const ReportRequest& request, ReportStats* stats = nullptr);
// The same with a choice of what enrichment computes (e.g. --no-sentiment).
ResultSet RunReport(const ReportRequest& request, const EnrichOptions& enrich, ReportStats* stats);
// The stages after ingestion, on a table already read (by RunReport, or kept in
// memory by `rapport serve`): roles, thread index, metrics, and the `input` record
// from `ingest`. request.ingest is not used. The table is only read.
ResultSet ComputeReport(const EventTable& table, const IngestResult& ingest, const ReportRequest& request,
                        bool text_classified, ReportStats* stats = nullptr,
                        const IncrementalState* incremental = nullptr);

}  // namespace rapport
