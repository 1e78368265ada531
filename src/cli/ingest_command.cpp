// `rapport ingest INPUT... --db rapport.db`: any supported input into the durable
// event store, one row per (platform, id). One transaction for the whole run: either
// every good record of every input is stored, or (an error, --strict) nothing is.
#include <memory>

#include "cli/commands.h"
#include "cli/csv_map_flags.h"
#include "fmt/format.h"
#include "io/ingest.h"
#include "report/progress_bar.h"
#include "server/event_store.h"

namespace rapport::cli {
namespace {

struct IngestFlags {
  std::vector<std::string> inputs;
  std::string db;
  std::string input_format;
  CsvMapFlags csv_map;  // --map, --map-file
  bool strict = false, quiet = false, no_progress = false;
};

class StoreSink final : public EventSink {
 public:
  explicit StoreSink(EventStore& store) : store_(store) {}
  void Add(const RawEvent& e) override {
    switch (store_.Put(e)) {
      case PutOutcome::kInserted: ++inserted; break;
      case PutOutcome::kUpdated: ++updated; break;
      case PutOutcome::kUnchanged: ++unchanged; break;
    }
  }
  int64_t inserted = 0, updated = 0, unchanged = 0;

 private:
  EventStore& store_;
};

int Fail(int code, const std::string& message) {
  fmt::print(stderr, "rapport: {}\n", message);
  return code;
}

int StoreErrorCode(const StoreError& e) {
  switch (e.kind()) {
    case StoreError::Kind::kMissing: return kNoInput;
    case StoreError::Kind::kNotAStore: return kDataError;
    default: return kCantCreate;
  }
}

int Run(const IngestFlags& f) {
  std::unique_ptr<EventStore> store;
  try {
    store = std::make_unique<EventStore>(f.db, true);
  } catch (const StoreError& e) {
    return Fail(StoreErrorCode(e), e.what());
  }
  StoreSink sink(*store);
  InputErrors errors;
  std::vector<InputFileInfo> files;
  ReadProgress progress;
  progress.total_bytes = TotalInputBytes(f.inputs);
  ProgressBar bar(progress, "ingesting", !f.quiet && !f.no_progress && StderrIsInteractive());
  try {
    store->Begin();
    for (const auto& path : f.inputs)
      files.push_back(ReadEvents(path, f.input_format, sink, errors, f.strict, &progress));
    store->Commit();
    bar.Stop();
  } catch (const SourceError& e) {
    bar.Stop();
    store->Rollback();
    return Fail(e.kind() == SourceError::Kind::kCorrupt ? kDataError : kNoInput,
                fmt::format("{}\nrapport: nothing was stored", e.what()));
  } catch (const StrictModeError& e) {
    bar.Stop();
    store->Rollback();
    return Fail(kDataError, fmt::format("{}\nrapport: stopped (--strict); nothing was stored", e.what()));
  } catch (const FormatError& e) {
    bar.Stop();
    store->Rollback();
    return Fail(f.input_format.empty() ? kDataError : kUsage, fmt::format("{}\nrapport: nothing was stored", e.what()));
  } catch (const StoreError& e) {
    bar.Stop();
    store->Rollback();
    return Fail(StoreErrorCode(e), fmt::format("{}\nrapport: nothing was stored", e.what()));
  }
  if (!f.quiet) {
    for (const auto& info : files) fmt::print(stderr, "rapport: {}: {} format\n", info.path, info.format);
    fmt::print(stderr,
               "rapport: {} new event(s) stored, {} updated (an id seen before, with later counters), "
               "{} already stored; {} event(s) in {}\n",
               sink.inserted, sink.updated, sink.unchanged, store->Count(), f.db);
    if (errors.total() > 0) {
      std::string parts;
      for (int r = 0; r < kInputErrorCount; ++r) {
        int64_t n = errors.count(static_cast<InputError>(r));
        if (n > 0) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n, InputErrorName(static_cast<InputError>(r)));
      }
      fmt::print(stderr, "rapport: {} record(s) skipped: {}\n", errors.total(), parts);
      for (const auto& loc : errors.first())
        fmt::print(stderr, "rapport:   {}{}: {}\n", loc.file, loc.line > 0 ? fmt::format(":{}", loc.line) : "",
                   loc.message);
      fmt::print(stderr, "rapport: use --strict to stop at the first bad record\n");
    }
  }
  return kOk;
}

}  // namespace

void AddIngestCommand(CLI::App& app, int& exit_code) {
  auto f = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand("ingest", "Store inputs in a durable event store (SQLite) for rapport serve");
  cmd->add_option("inputs", f->inputs, "Input files (plain, .gz, .zst; - for standard input)")->required();
  cmd->add_option("--db", f->db, "The event store (created when missing)")->required();
  cmd->add_option("--input-format", f->input_format, "Skip detection: rapport, twcs, facebook, csv, ...");
  AddCsvMapOptions(cmd, f->csv_map);
  cmd->add_flag("--strict", f->strict, "Stop at the first bad record (exit 65); nothing is stored");
  cmd->add_flag("-q,--quiet", f->quiet, "No diagnostics on stderr but errors");
  cmd->add_flag("--no-progress", f->no_progress,
                "No progress line on stderr (it is shown only when stderr is a terminal)");
  cmd->callback([f, &exit_code] {
    exit_code = ApplyCsvMapFlags(f->csv_map, f->input_format) ? Run(*f) : kUsage;
  });
}

}  // namespace rapport::cli
