// The HTML report's charts as Vega-Lite specs, built from a ResultSet (docs/report.md).
// Charts are driven by metric names and a small catalogue of what each metric is
// (family, label, unit, definition), so a family's headline metric is charted as soon
// as it is in the results, and a metric missing from the catalogue still gets a trend
// chart (scalars) or a table (lists of records) without any change to the page.
#pragma once

#include <string>
#include <string_view>

#include "report/results.h"

namespace rapport {

struct MetricInfo {
  std::string_view name, family, label, unit, definition;
  // "trend": charted over periods; "table": a list of records shown as a table;
  // "" : only listed (tables of totals, glossary).
  std::string_view view;
};

// The catalogue entry of a metric, or nullptr for a metric it does not know.
const MetricInfo* FindMetricInfo(std::string_view name);

// Everything the page needs besides the report JSON:
//   {"brands": [{name, color, charted}], "families": [{id, name}],
//    "metrics": {name: {family, label, unit, definition}},
//    "charts": [{id, family, title, description, spec | note | table}]}
// Deterministic for a given ResultSet.
Value BuildCharts(const ResultSet& results);

}  // namespace rapport
