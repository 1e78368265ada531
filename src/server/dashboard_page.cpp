#include "server/dashboard_page.h"

#include <cstddef>

#include "report/web_assets.h"

namespace rapport {

namespace {

struct Asset {
  std::string_view name, content_type;
  const unsigned char* data;
  const std::size_t* size;
};

const Asset kAssets[] = {
    {"vega.min.js", "text/javascript; charset=utf-8", embedded::kVegaJs, &embedded::kVegaJsSize},
    {"vega-lite.min.js", "text/javascript; charset=utf-8", embedded::kVegaLiteJs, &embedded::kVegaLiteJsSize},
    {"vega-embed.min.js", "text/javascript; charset=utf-8", embedded::kVegaEmbedJs, &embedded::kVegaEmbedJsSize},
    {"report.js", "text/javascript; charset=utf-8", embedded::kReportJs, &embedded::kReportJsSize},
    {"report.css", "text/css; charset=utf-8", embedded::kReportCss, &embedded::kReportCssSize},
    {"dashboard.js", "text/javascript; charset=utf-8", embedded::kDashboardJs, &embedded::kDashboardJsSize},
    {"dashboard.css", "text/css; charset=utf-8", embedded::kDashboardCss, &embedded::kDashboardCssSize},
};

}  // namespace

const char kDashboardCsp[] =
    "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

std::string DashboardHtml() {
  // The controls are filled by dashboard.js from the data (brands, platforms).
  return R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rapport">
<title>rapport live dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/report.css">
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<form id="filters" class="dash-filters" autocomplete="off">
  <div class="dash-title"><strong>rapport</strong> live dashboard</div>
  <label class="dash-field">Brands
    <select id="f-brand" name="brand" multiple size="4" title="Ctrl/Cmd-click to pick several; none picked: all brands"></select>
  </label>
  <label class="dash-field">Period
    <select id="f-by" name="by">
      <option value="day">Day</option>
      <option value="week" selected>Week</option>
      <option value="month">Month</option>
    </select>
  </label>
  <label class="dash-field">Platform
    <select id="f-platform" name="platform"><option value="">All platforms</option></select>
  </label>
  <label class="dash-field">From
    <input id="f-since" name="since" type="date">
  </label>
  <label class="dash-field">To (inclusive)
    <input id="f-until" name="until" type="date">
  </label>
  <div class="dash-actions">
    <button id="f-refresh" type="button">Refresh now</button>
    <label class="dash-check"><input id="f-auto" type="checkbox" checked> every 10 s</label>
    <button id="f-reset" type="button" class="secondary">Reset filters</button>
  </div>
  <p id="status" class="dash-status" role="status" aria-live="polite">Loading...</p>
</form>
<main id="report" class="rapport-report"><noscript>The dashboard draws its charts with JavaScript; the figures are at /v1/report.</noscript></main>
<script src="/assets/vega.min.js"></script>
<script src="/assets/vega-lite.min.js"></script>
<script src="/assets/vega-embed.min.js"></script>
<script src="/assets/report.js"></script>
<script src="/assets/dashboard.js"></script>
</body>
</html>
)";
}

bool FindDashboardAsset(std::string_view name, std::string_view& body, std::string_view& content_type) {
  for (const Asset& a : kAssets) {
    if (a.name != name) continue;
    body = EmbeddedText(a.data, *a.size);
    content_type = a.content_type;
    return true;
  }
  return false;
}

}  // namespace rapport
