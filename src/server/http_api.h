// The REST API of `rapport serve` as a route table: each route is a method, a path
// and a handler. The server (http_server.cpp) registers whatever the table holds, so a
// new page (the dashboard at GET /) is one more entry. Reference: docs/serve.md.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "report/report_options.h"
#include "server/event_store.h"
#include "server/live_table.h"
#include "server/report_cache.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace rapport {

// Everything the handlers share. Two store connections: one for writes (one POST at
// a time), one that the live table reads from.
struct ApiState {
  ApiState(const std::string& db, ReportOptionText defaults, ReportRequest base, const EnrichOptions& enrich,
           std::string token);

  ReportOptionText defaults;  // the server's flags: config, brands, analysis defaults
  ReportRequest base;         // `defaults` translated (brands fixed for the server's life)
  std::string token;          // empty: writes refused
  std::mutex write_mu;
  EventStore writer;
  std::mutex read_mu;
  EventStore reader;
  LiveTable live;
  ReportCache cache;
  // The last report computed (before any dashboard filter), by its options key and
  // table version: a change of brand or platform on the dashboard filters it again
  // instead of recomputing every metric.
  std::mutex results_mu;
  std::string last_results_key;
  uint64_t last_results_version = 0;
  std::shared_ptr<const ResultSet> last_results;
  std::shared_ptr<const ResultSet> LastResults(const std::string& options_key, uint64_t version);
  void KeepResults(const std::string& options_key, uint64_t version, std::shared_ptr<const ResultSet> results);

  // Brings the live table up to date with the store (new POSTs, `rapport ingest`).
  void Refresh();
};

enum class Method { kGet, kPost };

struct Route {
  Method method;
  std::string path;
  std::function<void(const httplib::Request&, httplib::Response&)> handler;
};

// GET /v1/health, GET /v1/report, GET /v1/dashboard, POST /v1/events, and the dashboard
// page: GET / and GET /assets/NAME.
std::vector<Route> ApiRoutes(ApiState& state);

}  // namespace rapport
