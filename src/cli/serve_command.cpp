// `rapport serve --db rapport.db`: the REST API over the durable event store
// (docs/serve.md). Brands and the config are fixed for the server's life; the
// analysis options given here are defaults that query parameters override.
#include <cstdlib>
#include <memory>

#include "cli/commands.h"
#include "fmt/format.h"
#include "server/event_store.h"
#include "server/http_server.h"
#include "tbb/global_control.h"

namespace rapport::cli {
namespace {

struct ServeFlags {
  ServeOptions serve;
  std::string max_body = "16MiB";
  int threads = 0;
  bool no_sentiment = false;
};

// "16MiB", "512KiB", "1000000" (bytes).
std::optional<size_t> ParseByteSize(const std::string& s) {
  size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(s, &pos);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::string unit = s.substr(pos);
  unsigned long long mult = 1;
  if (unit.empty() || unit == "B") mult = 1;
  else if (unit == "KiB" || unit == "K") mult = 1ull << 10;
  else if (unit == "MiB" || unit == "M") mult = 1ull << 20;
  else if (unit == "GiB" || unit == "G") mult = 1ull << 30;
  else return std::nullopt;
  if (n == 0 || n > (1ull << 40) / mult) return std::nullopt;
  return static_cast<size_t>(n * mult);
}

int Run(ServeFlags& f) {
  ServeOptions& o = f.serve;
  if (o.token.empty())
    if (const char* env = std::getenv("RAPPORT_TOKEN")) o.token = env;
  auto limit = ParseByteSize(f.max_body);
  if (!limit) {
    fmt::print(stderr, "rapport: --max-body \"{}\": expected a size like 16MiB, 512KiB or a number of bytes\n",
               f.max_body);
    return kUsage;
  }
  o.max_body_bytes = *limit;
  if (o.port < 0 || o.port > 65535) {
    fmt::print(stderr, "rapport: --port {}: expected 0 to 65535\n", o.port);
    return kUsage;
  }
  std::string err;
  FileConfig cfg;
  switch (BuildReportRequest(o.report, o.base, &err, &cfg)) {
    case OptionStatus::kOk: break;
    case OptionStatus::kBadValue: fmt::print(stderr, "rapport: {}\n", err); return kUsage;
    case OptionStatus::kUnreadableFile: fmt::print(stderr, "rapport: {}\n", err); return kNoInput;
  }
  o.enrich.sentiment = !f.no_sentiment;
  o.enrich.intent = cfg.intent;
  o.enrich.promotional = cfg.promotional;
  std::unique_ptr<tbb::global_control> threads;
  if (f.threads > 0)
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                    static_cast<size_t>(f.threads));
  try {
    RunServer(o);
  } catch (const StoreError& e) {
    fmt::print(stderr, "rapport: {}\n", e.what());
    return e.kind() == StoreError::Kind::kNotAStore ? kDataError : kCantCreate;
  } catch (const ListenError& e) {
    fmt::print(stderr, "rapport: {}\n", e.what());
    return kUnavailable;
  }
  return kOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, int& exit_code) {
  auto f = std::make_shared<ServeFlags>();
  ReportOptionText& r = f->serve.report;
  auto* cmd = app.add_subcommand("serve", "Serve the REST API over an event store (docs/serve.md)");
  cmd->add_option("--db", f->serve.db, "The event store (created when missing)")->required();
  cmd->add_option("--host", f->serve.host, "Address to listen on (default 127.0.0.1: this machine only)");
  cmd->add_option("--port", f->serve.port, "Port (default 8080; 0 picks a free one)");
  cmd->add_option("--token", f->serve.token,
                  "Bearer token for POST /v1/events (or RAPPORT_TOKEN); without one, writes are refused");
  cmd->add_option("--max-body", f->max_body, "Largest request body accepted, else 413 (default 16MiB)");
  cmd->add_option("-c,--config", r.config, "rapport.toml with brands and defaults");
  cmd->add_option("--brand", r.brands, "A brand: NAME=@account[,@account,#hashtag,term:word]")->take_all();
  cmd->add_option("--competitor", r.competitors, "A competitor brand, same form as --brand")->take_all();
  cmd->add_option("--by", r.by, "Default period: day, week (ISO, default) or month");
  cmd->add_option("--tz", r.tz, "Default time zone of periods and hours (IANA name, default UTC)");
  cmd->add_option("--response-horizon", r.response_horizon, "Default response horizon (7d)");
  cmd->add_option("--sla", r.sla, "Default response-time target (1h)");
  cmd->add_option("--business-hours", r.business_hours, "Default business hours, e.g. \"Mon-Fri 09:00-17:00\"");
  cmd->add_option("--returning-lookback", r.returning_lookback, "Default E9 lookback in periods (4)");
  cmd->add_option("-j,--threads", f->threads, "Threads for computing reports (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-sentiment", f->no_sentiment, "Do not score texts with VADER (E6 sentiment and E11 null)");
  cmd->callback([f, &exit_code] { exit_code = Run(*f); });
}

}  // namespace rapport::cli
