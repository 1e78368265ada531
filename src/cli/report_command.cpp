// `rapport report INPUT...`: the main job. stdout carries the report (or nothing when
// every output goes to a file); diagnostics go to stderr prefixed "rapport:".
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/csv_map_flags.h"
#include "core/config.h"
#include "fmt/format.h"
#include "report/atomic_file.h"
#include "report/benchmark.h"
#include "report/progress_bar.h"
#include "report/report_job.h"
#include "report/report_options.h"
#include "server/event_store.h"
#include "server/live_table.h"
#include "report/writers.h"
#include "tbb/global_control.h"

namespace rapport::cli {
namespace {

struct ReportFlags {
  std::vector<std::string> inputs;
  std::string db;  // read the event store instead of inputs
  ReportOptionText options;  // shared with rapport serve (report/report_options.h)
  std::string format = "text";
  std::string output, json_path, csv_path;
  int threads = 0;
  bool strict = false;
  std::string input_format;
  CsvMapFlags csv_map;  // --map, --map-file
  bool quiet = false, verbose = false, no_progress = false;
  std::string benchmark, industry;
  bool no_sentiment = false;
};

int Fail(int code, const std::string& message) {
  fmt::print(stderr, "rapport: {}\n", message);
  return code;
}

void PrintSkipped(const ResultSet& r, bool strict) {
  const Value* skipped = FindField(r.input, "skipped");
  const Value* total = FindField(r.input, "skipped_total");
  if (!total || total->as_int() == 0) return;
  std::string parts;
  for (const auto& [reason, n] : skipped->as_record())
    if (n.as_int() > 0) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n.as_int(), reason);
  fmt::print(stderr, "rapport: {} record(s) skipped or folded: {}\n", total->as_int(), parts);
  for (const auto& loc : FindField(r.input, "first_errors")->as_list()) {
    const auto& rec = loc.as_record();
    int64_t line = FindField(rec, "line")->as_int();
    fmt::print(stderr, "rapport:   {}{}: {}\n", FindField(rec, "file")->as_string(),
               line > 0 ? fmt::format(":{}", line) : "", FindField(rec, "message")->as_string());
  }
  if (!strict) fmt::print(stderr, "rapport: use --strict to stop at the first bad record\n");
}

int Run(const ReportFlags& f) {
  ReportRequest req;
  req.ingest.inputs = f.inputs;
  req.ingest.input_format = f.input_format;
  req.ingest.strict = f.strict;
  ReadProgress progress;
  progress.total_bytes = TotalInputBytes(f.inputs);
  req.ingest.progress = &progress;

  if (f.inputs.empty() == f.db.empty())
    return Fail(kUsage, f.db.empty() ? "give input files, or --db with an event store"
                                     : "give either input files or --db, not both");
  FileConfig cfg;
  std::string err;
  switch (BuildReportRequest(f.options, req, &err, &cfg)) {
    case OptionStatus::kOk: break;
    case OptionStatus::kBadValue: return Fail(kUsage, err);
    case OptionStatus::kUnreadableFile: return Fail(kNoInput, err);
  }

  OutputFormat format;
  if (f.format == "text") format = OutputFormat::kText;
  else if (f.format == "json") format = OutputFormat::kJson;
  else if (f.format == "csv") format = OutputFormat::kCsv;
  else if (f.format == "html") format = OutputFormat::kHtml;
  else return Fail(kUsage, fmt::format("--format \"{}\": expected text, json, csv or html", f.format));

  std::vector<BenchmarkRow> benchmark;
  if (!f.benchmark.empty()) {
    if (access(f.benchmark.c_str(), R_OK) != 0)
      return Fail(kNoInput, fmt::format("{}: cannot read the benchmark table", f.benchmark));
    try {
      benchmark = LoadBenchmarkTable(f.benchmark);
    } catch (const std::exception& e) {
      return Fail(kUsage, e.what());
    }
  }

  std::unique_ptr<tbb::global_control> threads;
  if (f.threads > 0)
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<size_t>(f.threads));
  ResultSet results;
  ReportStats stats;
  ProgressBar bar(progress, "reading", !f.quiet && !f.no_progress && StderrIsInteractive());
  try {
    EnrichOptions enrich;
    enrich.sentiment = !f.no_sentiment;
    enrich.intent = cfg.intent;
    enrich.promotional = cfg.promotional;
    if (!f.db.empty()) {
      // The same path as rapport serve: the store through the live table, so GET
      // /v1/report and this give the same JSON for the same options.
      EventStore store(f.db, false);
      LiveTable live(req.brands, enrich);
      live.Refresh(store);
      results = live.Compute(req);
    } else {
      results = RunReport(req, enrich, &stats);
    }
    bar.Stop();
  } catch (const SourceError& e) {
    bar.Stop();
    bool corrupt = e.kind() == SourceError::Kind::kCorrupt;
    return Fail(corrupt ? kDataError : kNoInput, e.what());
  } catch (const StrictModeError& e) {
    bar.Stop();
    return Fail(kDataError, fmt::format("{}\nrapport: stopped (--strict); nothing was written", e.what()));
  } catch (const StoreError& e) {
    return Fail(e.kind() == StoreError::Kind::kMissing ? kNoInput : kDataError, e.what());
  } catch (const FormatError& e) {
    bar.Stop();
    return Fail(f.input_format.empty() ? kDataError : kUsage, e.what());
  } catch (const TooManyBrandsError& e) {
    bar.Stop();
    return Fail(kDataError, e.what());
  }
  if (!benchmark.empty()) ApplyBenchmark(benchmark, f.industry, results);
  if (!f.quiet) PrintSkipped(results, f.strict);
  const Value* events = FindField(results.input, "events");
  if (!f.quiet && events && events->as_int() == 0)
    fmt::print(stderr, "rapport: no events read (the inputs are empty or every record was bad; "
                       "--strict shows the first bad record)\n");
  if (f.verbose) {
    fmt::print(stderr,
               "rapport: {} events, {:.1f} MB: ingest {:.3f}s ({:.0f} MB/s), index {:.3f}s, metrics {:.3f}s; "
               "columns {:.1f} MB ({:.1f} B/event), dictionaries {:.1f} MB\n",
               stats.events, static_cast<double>(stats.bytes) / 1e6, stats.ingest_seconds,
               static_cast<double>(stats.bytes) / 1e6 / std::max(stats.ingest_seconds, 1e-9),
               stats.index_seconds, stats.metrics_seconds, static_cast<double>(stats.column_bytes) / 1e6,
               stats.events ? static_cast<double>(stats.column_bytes) / static_cast<double>(stats.events) : 0.0,
               static_cast<double>(stats.dictionary_bytes) / 1e6);
    fmt::print(stderr, "rapport: peak resident memory after ingest {:.1f} MB, index {:.1f} MB, metrics {:.1f} MB\n",
               static_cast<double>(stats.peak_after_ingest) / 1e6,
               static_cast<double>(stats.peak_after_index) / 1e6,
               static_cast<double>(stats.peak_after_metrics) / 1e6);
  }

  auto render = [&](OutputFormat fmt_) {
    switch (fmt_) {
      case OutputFormat::kJson: return WriteJson(results);
      case OutputFormat::kCsv: return WriteCsv(results);
      case OutputFormat::kText: return WriteText(results, false);
      case OutputFormat::kHtml: return WriteHtml(results);
    }
    return std::string();
  };
  for (auto [path, fmt_] : {std::pair{&f.json_path, OutputFormat::kJson}, std::pair{&f.csv_path, OutputFormat::kCsv}}) {
    if (path->empty()) continue;
    std::string e = WriteFileAtomically(*path, render(fmt_));
    if (!e.empty()) return Fail(kCantCreate, e);
  }
  std::string main = render(format);
  if (!f.output.empty() && f.output != "-") {
    std::string e = WriteFileAtomically(f.output, main);
    if (!e.empty()) return Fail(kCantCreate, e);
  } else {
    std::fwrite(main.data(), 1, main.size(), stdout);
    if (std::fflush(stdout) != 0 && errno != EPIPE)
      return Fail(kCantCreate, "cannot write to standard output");
  }
  return kOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, int& exit_code) {
  auto f = std::make_shared<ReportFlags>();
  auto* cmd = app.add_subcommand("report", "Compute the engagement metrics of the inputs (METRICS.md)");
  cmd->add_option("inputs", f->inputs, "Input files (plain, .gz, .zst; - for standard input)");
  cmd->add_option("--db", f->db, "Report on an event store (rapport ingest, rapport serve) instead of files");
  cmd->add_option("-c,--config", f->options.config, "rapport.toml with brands and defaults");
  cmd->add_option("--brand", f->options.brands, "A brand: NAME=@account[,@account,#hashtag,term:word]")->take_all();
  cmd->add_option("--competitor", f->options.competitors, "A competitor brand, same form as --brand")->take_all();
  cmd->add_option("--by", f->options.by, "Period: day, week (ISO, default) or month");
  cmd->add_option("--tz", f->options.tz, "Time zone of periods and hours (IANA name, default UTC)");
  cmd->add_option("--since", f->options.since, "Count items from this time on (inclusive)");
  cmd->add_option("--until", f->options.until, "Count items before this time (exclusive)");
  cmd->add_option("--as-of", f->options.as_of, "Judge pending turns at this time (default: latest event)");
  cmd->add_option("--response-horizon", f->options.response_horizon, "Unanswered turns younger than this are pending (default 7d)");
  cmd->add_option("--sla", f->options.sla, "Response-time target for answered_within_sla (default 1h)");
  cmd->add_option("--business-hours", f->options.business_hours, "Also time responses on this clock, e.g. \"Mon-Fri 09:00-17:00\"");
  cmd->add_option("--returning-lookback", f->options.returning_lookback,
                  "E9: previous periods that make an engager returning (default 4)");
  cmd->add_option("-f,--format", f->format, "Output format: text (default), json, csv or html (a self-contained page with charts)");
  cmd->add_option("-o,--output", f->output, "Write the report here (atomically) instead of stdout");
  cmd->add_option("--json", f->json_path, "Also write the JSON report to this file");
  cmd->add_option("--csv", f->csv_path, "Also write the CSV report to this file");
  cmd->add_option("-j,--threads", f->threads, "Threads (default: all cores); results are the same for any number")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--benchmark", f->benchmark,
                  "E6: rank figures against a CSV of percentiles (metric,platform,industry,p10..p90,source)");
  cmd->add_option("--industry", f->industry, "Industry rows of --benchmark to use (rows without one always apply)");
  cmd->add_flag("--strict", f->strict, "Stop at the first bad record (exit 65) instead of skipping it");
  cmd->add_option("--input-format", f->input_format, "Skip detection: rapport, twcs, facebook, csv, ...");
  AddCsvMapOptions(cmd, f->csv_map);
  cmd->add_flag("--no-sentiment", f->no_sentiment,
                "Do not score texts with VADER (faster); E6 sentiment figures and E11 are null");
  cmd->add_flag("-q,--quiet", f->quiet, "No diagnostics on stderr but errors");
  cmd->add_flag("--no-progress", f->no_progress,
                "No progress line on stderr (it is shown only when stderr is a terminal)");
  cmd->add_flag("-v,--verbose", f->verbose, "Timings and memory on stderr");
  cmd->callback([f, &exit_code] {
    exit_code = ApplyCsvMapFlags(f->csv_map, f->input_format) ? Run(*f) : kUsage;
  });
}

}  // namespace rapport::cli
