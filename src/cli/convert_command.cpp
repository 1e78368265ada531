// `rapport convert INPUT... -o out.ndjson[.zst|.gz]`: any supported input to native
// NDJSON, text and counters carried as read (unknown stays null).
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/csv_map_flags.h"
#include "fmt/format.h"
#include "io/ingest.h"
#include "report/progress_bar.h"
#include "io/writers/native_writer.h"
#include "io/writers/output_file.h"

namespace rapport::cli {
namespace {

struct ConvertFlags {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string input_format;
  CsvMapFlags csv_map;  // --map, --map-file
  bool strict = false, quiet = false, no_progress = false;
};

class WriterSink final : public EventSink {
 public:
  explicit WriterSink(OutputFile& out) : out_(out) {}
  void Add(const RawEvent& e) override {
    AppendNativeEvent(e, buf_);
    ++events_;
    if (buf_.size() > (4 << 20)) Flush();
  }
  void Flush() {
    out_.Write(buf_);
    buf_.clear();
  }
  int64_t events() const { return events_; }

 private:
  OutputFile& out_;
  std::string buf_;
  int64_t events_ = 0;
};

int Run(const ConvertFlags& f) {
  std::unique_ptr<OutputFile> out;
  try {
    out = std::make_unique<OutputFile>(f.output);
  } catch (const std::exception& e) {
    fmt::print(stderr, "rapport: {}\n", e.what());
    return kCantCreate;
  }
  WriterSink sink(*out);
  InputErrors errors;
  ReadProgress progress;
  progress.total_bytes = TotalInputBytes(f.inputs);
  ProgressBar bar(progress, "converting", !f.quiet && !f.no_progress && StderrIsInteractive());
  std::vector<std::string> formats;  // printed after the progress line is gone
  try {
    for (const auto& path : f.inputs) {
      InputFileInfo info = ReadEvents(path, f.input_format, sink, errors, f.strict, &progress);
      formats.push_back(fmt::format("rapport: {}: {} format\n", path, info.format));
    }
    sink.Flush();
    out->Commit();
    bar.Stop();
  } catch (const SourceError& e) {
    bar.Stop();
    fmt::print(stderr, "rapport: {}\n", e.what());
    return e.kind() == SourceError::Kind::kCorrupt ? kDataError : kNoInput;
  } catch (const StrictModeError& e) {
    bar.Stop();
    fmt::print(stderr, "rapport: {}\nrapport: stopped (--strict); nothing was written\n", e.what());
    return kDataError;
  } catch (const FormatError& e) {
    bar.Stop();
    fmt::print(stderr, "rapport: {}\n", e.what());
    return f.input_format.empty() ? kDataError : kUsage;
  } catch (const std::exception& e) {
    bar.Stop();
    fmt::print(stderr, "rapport: {}\n", e.what());
    return kCantCreate;
  }
  if (!f.quiet) {
    for (const auto& line : formats) fmt::print(stderr, "{}", line);
    fmt::print(stderr, "rapport: wrote {} events", sink.events());
    if (errors.total() > 0) fmt::print(stderr, "; {} bad record(s) skipped", errors.total());
    fmt::print(stderr, "\n");
    for (const auto& loc : errors.first())
      fmt::print(stderr, "rapport:   {}:{}: {}\n", loc.file, loc.line, loc.message);
  }
  return kOk;
}

}  // namespace

void AddConvertCommand(CLI::App& app, int& exit_code) {
  auto f = std::make_shared<ConvertFlags>();
  auto* cmd = app.add_subcommand("convert", "Convert any supported input to native NDJSON (FORMATS.md)");
  cmd->add_option("inputs", f->inputs, "Input files (plain, .gz, .zst; - for standard input)")->required();
  cmd->add_option("-o,--output", f->output, "Output (.zst or .gz compresses; - for stdout, the default)");
  cmd->add_option("--input-format", f->input_format, "Skip detection: rapport, twcs, facebook, csv, ...");
  AddCsvMapOptions(cmd, f->csv_map);
  cmd->add_flag("--strict", f->strict, "Stop at the first bad record (exit 65)");
  cmd->add_flag("-q,--quiet", f->quiet, "No diagnostics on stderr but errors");
  cmd->add_flag("--no-progress", f->no_progress,
                "No progress line on stderr (it is shown only when stderr is a terminal)");
  cmd->callback([f, &exit_code] {
    exit_code = ApplyCsvMapFlags(f->csv_map, f->input_format) ? Run(*f) : kUsage;
  });
}

}  // namespace rapport::cli
