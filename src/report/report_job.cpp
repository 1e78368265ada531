#include "report/report_job.h"

#include <sys/resource.h>

#include <chrono>
#include <optional>
#include <set>

#include "core/roles.h"
#include "metrics/family.h"
#include "text/vader.h"
#include "tbb/parallel_invoke.h"
#include "threads/thread_index.h"

namespace rapport {
namespace {

size_t PeakRss() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<size_t>(ru.ru_maxrss) * 1024;
}

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

ValueRecord InputRecord(const IngestResult& ingest, const AnalysisContext& ctx,
                        const ThreadIndex& threads) {
  ValueList files;
  std::set<std::string> formats;
  for (const auto& f : ingest.files) {
    files.push_back(Value(ValueRecord{{"path", Value(f.path)},
                                      {"format", Value(f.format)},
                                      {"compression", Value(std::string(CompressionName(f.compression)))},
                                      {"bytes", Value(static_cast<int64_t>(f.bytes))},
                                      {"records", Value(f.records)}}));
    if (f.format != "empty") formats.insert(f.format);
  }
  ValueList format_list;
  for (const auto& f : formats) format_list.push_back(Value(f));
  ValueRecord skipped;
  for (int e = 0; e < kInputErrorCount; ++e) {
    auto reason = static_cast<InputError>(e);
    skipped.emplace_back(std::string(InputErrorName(reason)), Value(ingest.errors.count(reason)));
  }
  ValueList first;
  for (const auto& loc : ingest.errors.first()) {
    first.push_back(Value(ValueRecord{{"file", Value(loc.file)},
                                      {"line", Value(loc.line)},
                                      {"reason", Value(std::string(InputErrorName(loc.reason)))},
                                      {"message", Value(loc.message)}}));
  }
  ValueRecord range;
  if (ingest.events > 0) {
    Seconds lo = INT64_MAX, hi = INT64_MIN;
    for (Seconds t : ctx.table.columns().created_at) {
      lo = std::min(lo, t);
      hi = std::max(hi, t);
    }
    range = {{"from", Value(FormatRfc3339(lo))}, {"to", Value(FormatRfc3339(hi))}};
  }
  return {{"files", Value(std::move(files))},
          {"formats", Value(std::move(format_list))},
          {"events", Value(ingest.events)},
          {"skipped", Value(std::move(skipped))},
          {"skipped_total", Value(ingest.errors.total())},
          {"first_errors", Value(std::move(first))},
          {"range", range.empty() ? Value() : Value(std::move(range))},
          {"conversations", Value(threads.conversation_count())},
          {"replies_to_missing_parents", Value(threads.orphan_replies())},
          {"reply_cycles_broken", Value(threads.cycles_broken())}};
}

// E1's weights of the counters some platform counts as actions, in counter order.
Value ActionWeightsRecord(const ActionWeights& w) {
  ValueRecord r;
  for (int c = 0; c < kCounterCount; ++c)
    if (IsActionCounter(static_cast<Counter>(c)))
      r.emplace_back(std::string(CounterName(static_cast<Counter>(c))), Value(w[c]));
  return Value(std::move(r));
}

ValueRecord OptionsRecord(const ReportRequest& req, const AnalysisContext& ctx) {
  const AnalysisOptions& o = ctx.options;
  auto time_or_null = [](const std::optional<Seconds>& t) {
    return t ? Value(FormatRfc3339(*t)) : Value();
  };
  return {{"by", Value(std::string(PeriodUnitName(o.by)))},
          {"tz", Value(o.tz.name())},
          {"since", time_or_null(o.since)},
          {"until", time_or_null(o.until)},
          {"as_of", Value(FormatRfc3339(ctx.as_of))},
          {"response_horizon_seconds", Value(o.response_horizon)},
          {"sla_seconds", Value(o.sla)},
          {"business_hours", req.business_hours_text.empty() ? Value() : Value(req.business_hours_text)},
          {"returning_lookback_periods", Value(o.returning_lookback)},
          {"action_weights", ActionWeightsRecord(o.action_weights)},
          {"brands_from", Value(req.brands.empty() ? "inbound_false_authors" : "config")}};
}

}  // namespace

EnrichOptions ForReport(EnrichOptions enrich) {
  enrich.read &= TextSignalsRead();
  return enrich;
}

ResultSet RunReport(const ReportRequest& request, ReportStats* stats) {
  return RunReport(request, EnrichOptions{}, stats);
}

ResultSet RunReport(const ReportRequest& request, const EnrichOptions& enrich, ReportStats* stats) {
  auto t0 = std::chrono::steady_clock::now();
  EventTable table;
  Enricher enricher(request.brands);
  // Sentiment is on by default (`--no-sentiment` turns it off): E6 and E11 need it.
  enricher.Configure(ForReport(enrich));
  IngestResult ingest = Ingest(request.ingest, enricher, table);
  if (request.ingest.progress) request.ingest.progress->reading_done = true;
  double ingest_s = Since(t0);
  size_t peak_ingest = PeakRss();

  ResultSet out = ComputeReport(table, ingest, request, enricher.classifiers_enabled(), stats);
  if (stats) {
    stats->ingest_seconds = ingest_s;
    stats->bytes = ingest.bytes;
    stats->events = ingest.events;
    stats->column_bytes = table.ColumnBytes();
    stats->dictionary_bytes = table.DictionaryBytes();
    stats->peak_after_ingest = peak_ingest;
  }
  return out;
}

ResultSet ComputeReport(const EventTable& table, const IngestResult& ingest, const ReportRequest& request,
                        bool text_classified, ReportStats* stats, const IncrementalState* incremental) {
  auto t1 = std::chrono::steady_clock::now();
  // Independent of each other, and both mostly serial: side by side on two cores.
  Roles roles;
  std::optional<ThreadIndex> index;
  tbb::parallel_invoke([&] { roles = ResolveRoles(table, request.brands); },
                       [&] { index.emplace(table); });
  const ThreadIndex& threads = *index;
  double index_s = Since(t1);
  size_t peak_index = PeakRss();

  auto t2 = std::chrono::steady_clock::now();
  AnalysisOptions analysis = request.analysis;
  if (text_classified) analysis.text_classified = true;
  AnalysisContext ctx(table, roles, threads, std::move(analysis));
  ResultSet out;
  ChunkStats chunks;
  if (incremental) ComputeMetrics(ctx, out, incremental->caches, incremental->row_stamps, &chunks);
  else ComputeMetrics(ctx, out, nullptr, {}, &chunks);
  out.input = InputRecord(ingest, ctx, threads);
  out.options = OptionsRecord(request, ctx);
  if (stats) {
    stats->index_seconds = index_s;
    stats->metrics_seconds = Since(t2);
    stats->peak_after_index = peak_index;
    stats->peak_after_metrics = PeakRss();
    stats->chunks = chunks.chunks;
    stats->chunks_accumulated = chunks.accumulated;
  }
  return out;
}

}  // namespace rapport
