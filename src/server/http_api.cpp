#include "server/http_api.h"

#include <httplib.h>

#include <algorithm>

#include "fmt/format.h"
#include "report/dashboard_data.h"
#include "report/writers.h"
#include "server/bearer_token.h"
#include "server/dashboard_page.h"
#include "server/ndjson_post.h"

namespace rapport {
namespace {

constexpr const char* kJson = "application/json";

void JsonError(httplib::Response& res, int status, const std::string& message) {
  std::string body = "{\"error\":";
  AppendJsonString(body, message);
  body += "}\n";
  res.status = status;
  res.set_content(body, kJson);
}

void Health(ApiState& s, const httplib::Request&, httplib::Response& res) {
  s.Refresh();
  res.set_content(fmt::format("{{\"status\":\"ok\",\"events\":{},\"version\":{},\"writes\":{}}}\n",
                              s.live.events(), s.live.version(), s.token.empty() ? "false" : "true"),
                  kJson);
}

// GET /v1/report?by=month&tz=Europe/Paris...: the server's options, overridden by the
// query's, through the same translation as `rapport report`'s flags. GET /v1/dashboard
// takes the same options plus its filters (brand, platform), which narrow the
// computed report: `filter` is null for /v1/report.
void Report(ApiState& s, const httplib::Request& req, httplib::Response& res, DashboardFilter* filter = nullptr) {
  ReportOptionText text = s.defaults;
  for (const auto& [name, value] : req.params) {
    if (filter && name == "brand") {
      filter->brands.push_back(value);
      continue;
    }
    if (filter && name == "platform") {
      filter->platform = value;
      continue;
    }
    if (name == "brand" || name == "competitor" || name == "config") {
      JsonError(res, 400,
                fmt::format("\"{}\" is fixed when the server starts (rapport serve --{}): it decides how "
                            "every stored event is enriched",
                            name, name));
      return;
    }
    if (!SetAnalysisOption(text, name, value)) {
      std::string names;
      for (auto n : AnalysisOptionNames()) names += fmt::format("{}{}", names.empty() ? "" : ", ", n);
      JsonError(res, 400, fmt::format("unknown query parameter \"{}\" (known: {})", name, names));
      return;
    }
  }
  // The key is the options after the query applied, in a fixed order: the same
  // question asked twice, in any parameter order, is one cache entry.
  std::string key;
  for (const std::string* v : {&text.by, &text.tz, &text.since, &text.until, &text.as_of, &text.response_horizon,
                               &text.sla, &text.business_hours, &text.returning_lookback}) {
    key += *v;
    key += '\x1f';
  }
  const std::string options_key = key;
  if (filter) {
    // Another answer than /v1/report's for the same options; brands in any order are
    // one question.
    std::vector<std::string> brands = filter->brands;
    std::sort(brands.begin(), brands.end());
    key += "dashboard\x1f" + filter->platform;
    for (const auto& b : brands) key += '\x1f' + b;
  }
  s.Refresh();
  if (auto hit = s.cache.Find(key, s.live.version())) {
    res.set_content(*hit, kJson);
    return;
  }
  // The same translation as the CLI's, config file included (re-read on a cache miss
  // only); the brands stay those the live table was enriched with at start.
  ReportRequest request;
  std::string error;
  if (BuildReportRequest(text, request, &error) != OptionStatus::kOk) {
    JsonError(res, 400, error);
    return;
  }
  request.brands = s.base.brands;
  uint64_t version = 0;
  std::shared_ptr<const ResultSet> computed = s.LastResults(options_key, s.live.version());
  if (computed) {
    version = s.live.version();
  } else {
    ReportStats stats;
    computed = std::make_shared<const ResultSet>(s.live.Compute(request, &version, &stats));
    s.KeepResults(options_key, version, computed);
    // How much was recomputed: conversations are accumulated in chunks, and only the
    // chunks that changed since the last report with these options are (serve.md).
    res.set_header("X-Rapport-Chunks", fmt::format("{} of {} accumulated", stats.chunks_accumulated, stats.chunks));
  }
  const ResultSet& results = *computed;
  std::shared_ptr<const std::string> json;
  if (filter) {
    std::string body;
    if (!WriteDashboardJson(results, *filter, body, &error)) {
      JsonError(res, 400, error);
      return;
    }
    json = std::make_shared<const std::string>(std::move(body));
  } else {
    json = std::make_shared<const std::string>(WriteJson(results));
  }
  s.cache.Put(key, version, json);
  res.set_content(*json, kJson);
}

// GET /: the dashboard's page; GET /assets/NAME: what it loads (server/dashboard_page.h).
void DashboardPage(const httplib::Request&, httplib::Response& res) {
  res.set_header("Content-Security-Policy", kDashboardCsp);
  res.set_header("Cache-Control", "no-cache");
  res.set_content(DashboardHtml(), "text/html; charset=utf-8");
}

void DashboardAsset(const httplib::Request& req, httplib::Response& res) {
  std::string_view body, type;
  if (!FindDashboardAsset(req.matches[1].str(), body, type)) {
    JsonError(res, 404, "no such asset");
    return;
  }
  res.set_header("Content-Security-Policy", kDashboardCsp);
  // The assets are part of the binary: they change only with it.
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(body), std::string(type));
}

void PostEvents(ApiState& s, const httplib::Request& req, httplib::Response& res) {
  if (s.token.empty()) {
    JsonError(res, 403, "writes are disabled: start the server with --token or RAPPORT_TOKEN");
    return;
  }
  if (!BearerTokenMatches(req.get_header_value("Authorization"), s.token)) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"rapport\"");
    JsonError(res, 401, "a valid \"Authorization: Bearer <token>\" header is required");
    return;
  }
  PostResult result;
  try {
    std::lock_guard lock(s.write_mu);
    result = StoreNdjsonBody(s.writer, req.body);
  } catch (const StoreError& e) {
    // Rolled back: nothing of this body is stored, and nothing is acknowledged.
    JsonError(res, 503, fmt::format("the event store failed; nothing was stored: {}", e.what()));
    return;
  }
  // Committed: reflect it before answering, so a GET after this response sees it.
  s.Refresh();
  res.set_content(PostResultJson(result), kJson);
}

}  // namespace

ApiState::ApiState(const std::string& db, ReportOptionText defaults_, ReportRequest base_,
                   const EnrichOptions& enrich, std::string token_)
    : defaults(std::move(defaults_)),
      base(std::move(base_)),
      token(std::move(token_)),
      writer(db, true),
      reader(db, false),
      live(base.brands, enrich) {}

std::shared_ptr<const ResultSet> ApiState::LastResults(const std::string& options_key, uint64_t version) {
  std::lock_guard lock(results_mu);
  return last_results && last_results_key == options_key && last_results_version == version ? last_results : nullptr;
}

void ApiState::KeepResults(const std::string& options_key, uint64_t version, std::shared_ptr<const ResultSet> r) {
  std::lock_guard lock(results_mu);
  if (version < last_results_version) return;  // computed on a table that has moved on since
  last_results_key = options_key;
  last_results_version = version;
  last_results = std::move(r);
}

void ApiState::Refresh() {
  std::lock_guard lock(read_mu);
  live.Refresh(reader);
}

std::vector<Route> ApiRoutes(ApiState& s) {
  return {
      {Method::kGet, "/v1/health", [&s](const auto& q, auto& r) { Health(s, q, r); }},
      {Method::kGet, "/v1/report", [&s](const auto& q, auto& r) { Report(s, q, r); }},
      {Method::kGet, "/v1/dashboard",
       [&s](const auto& q, auto& r) {
         DashboardFilter filter;
         Report(s, q, r, &filter);
       }},
      {Method::kGet, "/", [](const auto& q, auto& r) { DashboardPage(q, r); }},
      {Method::kGet, R"(/assets/([A-Za-z0-9._-]+))", [](const auto& q, auto& r) { DashboardAsset(q, r); }},
      {Method::kPost, "/v1/events", [&s](const auto& q, auto& r) { PostEvents(s, q, r); }},
  };
}

}  // namespace rapport
