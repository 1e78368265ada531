// `rapport synth`: deterministic synthetic social data (docs/synth.md).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "cli/commands.h"
#include "core/time.h"
#include "fmt/format.h"
#include "synth/generator.h"
#include "synth/sink.h"
#include "synth/world.h"

namespace rapport::cli {
namespace {

struct SynthFlags {
  uint64_t events = 10000;
  uint64_t seed = 1;
  int brands = 3;
  int competitors = 2;
  std::string start, end;
  std::string tz = "UTC";
  std::string business_hours = "Mon-Fri 09:00-17:00";
  std::string platforms = "x=85,mastodon=10,bluesky=5";
  uint64_t audience = 0;
  int incidents = 2;
  int threads = 0;
  std::string output = "-";
  std::string config_out;
  std::string map_out;
  std::string format = "rapport";
  bool quiet = false;
};

// A bare local date, as days since 1970-01-01.
std::optional<int64_t> ParseDay(const std::string& s) {
  if (s.size() != 10) return std::nullopt;
  auto t = ParseRfc3339(s);
  if (!t) return std::nullopt;
  return *t / 86400;
}

std::string DayText(int64_t day) {
  return absl::FormatCivilTime(absl::CivilDay(1970, 1, 1) + day);
}

// The flags that shape the data (not where it goes or how fast): written into the
// config and the example's README so a data set can be made again.
std::string CanonicalCommand(const synth::SynthOptions& o, const SynthFlags& f) {
  std::string cmd = fmt::format(
      "rapport synth --events {} --seed {} --brands {} --competitors {} --start {} --end {} "
      "--tz {}",
      o.events, o.seed, o.brands, o.competitors, DayText(o.first_day), DayText(o.last_day),
      o.tz_name);
  if (f.business_hours != SynthFlags().business_hours)
    cmd += fmt::format(" --business-hours \"{}\"", f.business_hours);
  if (f.platforms != SynthFlags().platforms) cmd += fmt::format(" --platforms {}", f.platforms);
  if (f.audience) cmd += fmt::format(" --audience {}", f.audience);
  if (f.incidents != SynthFlags().incidents) cmd += fmt::format(" --incidents {}", f.incidents);
  if (f.format != SynthFlags().format) cmd += fmt::format(" --format {}", f.format);
  return cmd;
}

// The --map-file that reads `--format csv` output: synth::kCsvMapping as TOML.
std::string CsvMapToml() {
  std::string toml =
      "# Column mapping of `rapport synth --format csv` output, for --map-file\n[columns]\n";
  std::string_view spec = synth::kCsvMapping;
  while (!spec.empty()) {
    const size_t comma = spec.find(',');
    const std::string_view pair = spec.substr(0, comma);
    const size_t eq = pair.find('=');
    toml += fmt::format("{} = \"{}\"\n", pair.substr(0, eq), pair.substr(eq + 1));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
  }
  return toml;
}

int Usage(const std::string& message) {
  fmt::print(stderr, "rapport: synth: {}\n", message);
  return kUsage;
}

int RunSynth(const SynthFlags& f) {
  synth::SynthOptions o;
  o.events = f.events;
  o.seed = f.seed;
  if (f.brands < 0 || f.competitors < 0 || f.brands + f.competitors < 1 ||
      f.brands + f.competitors > 200)
    return Usage("--brands plus --competitors must be between 1 and 200");
  o.brands = f.brands;
  o.competitors = f.competitors;

  auto zone = LoadZone(f.tz);
  if (!zone)
    return Usage(fmt::format("unknown time zone \"{}\" (an IANA name like Europe/Paris)", f.tz));
  o.tz = *zone;
  o.tz_name = f.tz;

  // The range is 12 weeks unless both ends are given.
  constexpr int64_t kDefaultDays = 84;
  std::optional<int64_t> first, last;
  if (!f.start.empty() && !(first = ParseDay(f.start)))
    return Usage(fmt::format("bad --start \"{}\" (expected a date like 2024-04-08)", f.start));
  if (!f.end.empty() && !(last = ParseDay(f.end)))
    return Usage(fmt::format("bad --end \"{}\" (expected a date like 2024-06-30)", f.end));
  if (first && !last) last = *first + kDefaultDays - 1;
  if (last && !first) first = *last - kDefaultDays + 1;
  if (first) {
    if (*first > *last) return Usage("--start is after --end");
    o.first_day = *first;
    o.last_day = *last;
  }

  std::string error;
  auto hours = synth::ParseBusinessHours(f.business_hours, &error);
  if (!hours) return Usage(error);
  o.business_hours = *hours;
  auto platforms = synth::ParsePlatformMix(f.platforms, &error);
  if (!platforms) return Usage(error);
  o.platforms = *platforms;
  o.audience = f.audience;
  if (f.incidents < 0) return Usage("--incidents must be 0 or more");
  o.incidents = f.incidents;
  o.threads = f.threads;
  const auto format = synth::ParseSynthFormat(f.format);
  if (!format)
    return Usage(
        fmt::format("unknown --format \"{}\" ({})", f.format, synth::SynthFormatNames()));
  o.format = *format;

  if (!f.map_out.empty() && o.format != synth::SynthFormat::kCsv)
    return Usage("--map-out is for --format csv (the column mapping that reads it)");
  const synth::World world(o);
  const std::string command = CanonicalCommand(o, f);

  if (!f.map_out.empty()) {
    auto map = synth::OutputSink::Open(f.map_out, &error);
    if (!map) {
      fmt::print(stderr, "rapport: synth: {}\n", error);
      return kCantCreate;
    }
    if (!map->Write(CsvMapToml()) || !map->Close(&error)) {
      fmt::print(stderr, "rapport: synth: {}\n", error.empty() ? map->error() : error);
      return kCantCreate;
    }
  }

  if (!f.config_out.empty()) {
    auto config = synth::OutputSink::Open(f.config_out, &error);
    if (!config) {
      fmt::print(stderr, "rapport: synth: {}\n", error);
      return kCantCreate;
    }
    if (!config->Write(synth::BrandsToml(world, command)) || !config->Close(&error)) {
      fmt::print(stderr, "rapport: synth: {}\n", error.empty() ? config->error() : error);
      return kCantCreate;
    }
  }

  // A closed pipe shows up as EPIPE from fwrite, ended quietly like `head` expects.
  if (f.output == "-") std::signal(SIGPIPE, SIG_IGN);
  auto sink = synth::OutputSink::Open(f.output, &error);
  if (!sink) {
    fmt::print(stderr, "rapport: synth: {}\n", error);
    return kCantCreate;
  }
  const auto started = std::chrono::steady_clock::now();
  auto stats = synth::Generate(world, [&](std::string_view chunk) { return sink->Write(chunk); });
  if (sink->broken_pipe()) return kOk;
  if (!stats || !sink->Close(&error)) {
    if (sink->broken_pipe()) return kOk;
    fmt::print(stderr, "rapport: synth: {}\n", error.empty() ? sink->error() : error);
    return kCantCreate;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!f.quiet) {
    std::string compressed;
    if (sink->codec() != synth::OutputSink::Codec::kNone)
      compressed =
          fmt::format(", {:.1f} MB compressed", static_cast<double>(sink->bytes_out()) / 1e6);
    fmt::print(stderr,
               "rapport: synth wrote {} events, {:.1f} MB{} to {} in {:.2f} s ({:.0f} MB/s)\n",
               stats->events, static_cast<double>(stats->bytes) / 1e6, compressed,
               f.output == "-" ? "standard output" : f.output, seconds,
               static_cast<double>(stats->bytes) / 1e6 / std::max(seconds, 1e-9));
  }
  return kOk;
}

}  // namespace

void AddSynthCommand(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("synth", "Generate realistic synthetic social data (native NDJSON or "
                                  "any format rapport reads)");
  cmd->footer(
      "Brands with care accounts, heavy-tailed audiences, support conversations answered\n"
      "(or not) on a business-hours clock, broadcasts with nested replies, shares and quotes,\n"
      "buzz and injected incidents (docs/synth.md). The same seed and options always give\n"
      "the same bytes, whatever the number of threads.");
  auto flags = std::make_shared<SynthFlags>();
  cmd->add_option("-n,--events", flags->events, "Number of events (lines) to write")
      ->capture_default_str();
  cmd->add_option("-s,--seed", flags->seed, "Random seed")->capture_default_str();
  cmd->add_option("-o,--output", flags->output,
                  "Output file ('-' = standard output); .gz or .zst compresses")
      ->capture_default_str();
  cmd->add_option("--brands", flags->brands, "Own brands (acme, globex, ...)")
      ->capture_default_str();
  cmd->add_option("--competitors", flags->competitors, "Competitor brands, after the own ones")
      ->capture_default_str();
  cmd->add_option("--start", flags->start,
                  "First day, YYYY-MM-DD in --tz (default: 12 weeks ending --end)");
  cmd->add_option("--end", flags->end, "Last day, YYYY-MM-DD in --tz (default: 2024-06-30)");
  cmd->add_option("--tz", flags->tz, "Time zone of days, daily rhythms and business hours")
      ->capture_default_str();
  cmd->add_option("--business-hours", flags->business_hours, "When brands answer fastest, in --tz")
      ->capture_default_str();
  cmd->add_option("--platforms", flags->platforms, "Platform mix, NAME=WEIGHT,...")
      ->capture_default_str();
  cmd->add_option("--audience", flags->audience,
                  "Distinct audience accounts (default: events / 4, at least 300)");
  cmd->add_option("--incidents", flags->incidents,
                  "Bursts of complaints to inject, one per own brand (listed in --config-out)")
      ->capture_default_str();
  cmd->add_option("--threads", flags->threads, "Threads (0 = all cores); never changes the output")
      ->capture_default_str();
  cmd->add_option("--config-out", flags->config_out,
                  "Also write a rapport.toml describing the brands");
  cmd->add_option("--format", flags->format,
                  "rapport (native NDJSON) or a format rapport reads: x-v2, x-v1, reddit, "
                  "mastodon, bluesky, youtube, facebook, instagram, twcs, csv (docs/synth.md)")
      ->capture_default_str();
  cmd->add_option("--map-out", flags->map_out,
                  "With --format csv: also write the --map-file that reads the CSV");
  cmd->add_flag("-q,--quiet", flags->quiet, "No summary line on standard error");
  cmd->callback([flags, &exit_code] { exit_code = RunSynth(*flags); });
}

}  // namespace rapport::cli
