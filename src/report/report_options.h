// The options of a report as the user wrote them, and their one translation into a
// ReportRequest. `rapport report` fills them from flags (--by month) and `rapport
// serve` from query parameters (?by=month) through the same names, so the two
// cannot drift: the same text gives the same request, hence the same JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "report/report_job.h"

namespace rapport {

struct ReportOptionText {
  std::string config;  // rapport.toml path (brands and defaults)
  std::vector<std::string> brands, competitors;  // --brand / --competitor values
  // Analysis options: empty means "the config's value, else the default".
  std::string by, tz, since, until, as_of, response_horizon, sla, business_hours;
  std::string returning_lookback;  // empty: 4
};

enum class OptionStatus {
  kOk,
  kBadValue,        // a malformed value or config (exit 64, HTTP 400)
  kUnreadableFile,  // the config file cannot be read (exit 66)
};

// The analysis options that can also be query parameters, by their flag names without
// the dashes: by, tz, since, until, as-of, response-horizon, sla, business-hours,
// returning-lookback. Brands and the config are not among them: they decide the
// enrichment of every stored event, so a server fixes them when it starts.
const std::vector<std::string_view>& AnalysisOptionNames();
// Sets the analysis option `name` (one of AnalysisOptionNames()); false when unknown.
bool SetAnalysisOption(ReportOptionText& text, std::string_view name, std::string value);

// Fills request.brands, request.analysis and request.business_hours_text (not
// request.ingest). On failure `error` says which option and why, as the CLI prints it
// ("--by \"year\": expected day, week or month").
// `loaded`, when given, receives the config file as read.
OptionStatus BuildReportRequest(const ReportOptionText& text, ReportRequest& request, std::string* error,
                                FileConfig* loaded = nullptr);

}  // namespace rapport
