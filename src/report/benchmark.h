// E6 `benchmark`: ranks a brand's figures against a table of published percentiles by
// platform and industry (METRICS.md E6), supplied by the user as CSV:
//   metric,platform,industry,p10,p25,p50,p75,p90,source
//   response_rate,x,retail,0.2,0.35,0.5,0.7,0.85,"Example Benchmarks 2024, table 3"
// `platform` is a platform name or "all"; `industry` may be empty. Percentile cells
// may be empty (that point is skipped).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/results.h"

namespace rapport {

struct BenchmarkRow {
  std::string metric, platform, industry, source;
  std::vector<std::pair<double, double>> points;  // (percentile, value), ascending percentile
};

// Throws std::runtime_error "file:line: what" on a malformed table.
std::vector<BenchmarkRow> LoadBenchmarkTable(const std::string& path);

// Where `value` falls in a row's distribution: the percentile by linear interpolation
// between the given points (values may ascend or descend with the percentile); nullopt
// below the lowest or above the highest point (the band then says "<p10" / ">p90").
std::optional<double> PercentileOf(const BenchmarkRow& row, double value, std::string* band);

// Adds a `benchmark` record to every brand's total and per-platform totals: for each
// row of `industry` (rows with an empty industry apply to any) whose platform matches
// ("all" for the all-platform total), {value, percentile, band, industry, source}.
void ApplyBenchmark(const std::vector<BenchmarkRow>& rows, const std::string& industry,
                    ResultSet& results);

}  // namespace rapport
