// What the live dashboard (GET / of `rapport serve`) draws: a computed report narrowed
// to some brands and one platform, with its charts. The narrowing works on the
// ResultSet, which already holds every brand's per-platform records, so the server
// answers a filter change from the report it last computed without recomputing the
// metrics (docs/serve.md "GET /v1/dashboard").
#pragma once

#include <string>
#include <vector>

#include "report/results.h"

namespace rapport {

struct DashboardFilter {
  std::vector<std::string> brands;  // empty: every brand
  std::string platform;             // empty: all platforms together
};

// The report as the dashboard shows it: only the brands named (in the report's
// order), and with a platform each brand's records on that platform in place of its
// all-platform ones (a brand without events on it is left out). E0 is ranked again
// among what remains, so its percentiles compare the brands shown. False, with
// `error` naming the known brands, when a brand is not in the report.
bool FilterForDashboard(const ResultSet& full, const DashboardFilter& filter, ResultSet& out, std::string* error);

// {"report": the filtered report JSON without periods and platforms (the series are in
//  the chart specs, as in the HTML report), "charts": BuildCharts of the filtered
//  report, "dashboard": {"brands", "platforms" (everything the unfiltered report holds,
//  for the filter controls), "brand", "platform" (the filter applied)}}.
// False with `error` as FilterForDashboard.
bool WriteDashboardJson(const ResultSet& full, const DashboardFilter& filter, std::string& out, std::string* error);

}  // namespace rapport
