// The live dashboard's page (GET /) and the scripts and styles it loads from the
// server itself (GET /assets/NAME): Vega, Vega-Lite and vega-embed from npm, the
// report's renderReport (web/report/) and the dashboard's own code (web/dashboard/),
// all compiled into the binary (cmake/EmbedFile.cmake), so the page requests nothing
// but this server. Its data comes from GET /v1/dashboard (docs/serve.md).
#pragma once

#include <string>
#include <string_view>

namespace rapport {

// The Content-Security-Policy of every dashboard response: scripts, styles and
// requests from this server only (Vega compiles its expressions, hence unsafe-eval;
// vega-embed sets inline styles).
extern const char kDashboardCsp[];

// The page's HTML.
std::string DashboardHtml();

// The asset called `name` ("vega.min.js", "dashboard.js", ...) and its content type;
// false when there is none.
bool FindDashboardAsset(std::string_view name, std::string_view& body, std::string_view& content_type);

}  // namespace rapport
