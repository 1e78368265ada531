#include "report/benchmark.h"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "fmt/format.h"

namespace rapport {
namespace {

struct CsvRows {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

void OnField(void* data, size_t len, void* out) {
  static_cast<CsvRows*>(out)->current.emplace_back(static_cast<const char*>(data), len);
}
void OnRow(int, void* out) {
  auto* r = static_cast<CsvRows*>(out);
  r->rows.push_back(std::move(r->current));
  r->current.clear();
}

std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

constexpr std::pair<const char*, double> kPercentileColumns[] = {
    {"p10", 10}, {"p25", 25}, {"p50", 50}, {"p75", 75}, {"p90", 90}};

}  // namespace

std::vector<BenchmarkRow> LoadBenchmarkTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot read the benchmark table", path));
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  csv_parser parser;
  csv_init(&parser, CSV_APPEND_NULL);
  CsvRows rows;
  csv_parse(&parser, text.data(), text.size(), OnField, OnRow, &rows);
  csv_fini(&parser, OnField, OnRow, &rows);
  csv_free(&parser);
  if (rows.rows.empty()) throw std::runtime_error(fmt::format("{}:1: empty benchmark table", path));
  const auto& header = rows.rows[0];
  auto column = [&](std::string_view name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int metric = column("metric"), platform = column("platform"), industry = column("industry"),
      source = column("source");
  if (metric < 0 || platform < 0)
    throw std::runtime_error(fmt::format(
        "{}:1: the header needs metric,platform and percentile columns p10,p25,p50,p75,p90", path));
  std::vector<BenchmarkRow> out;
  for (size_t r = 1; r < rows.rows.size(); ++r) {
    const auto& row = rows.rows[r];
    if (row.size() == 1 && row[0].empty()) continue;
    auto cell = [&](int c) { return c >= 0 && static_cast<size_t>(c) < row.size() ? row[c] : std::string(); };
    BenchmarkRow b;
    b.metric = cell(metric);
    b.platform = cell(platform).empty() ? "all" : cell(platform);
    b.industry = cell(industry);
    b.source = cell(source);
    for (auto [name, pct] : kPercentileColumns) {
      std::string v = cell(column(name));
      if (v.empty()) continue;
      auto num = ParseNumber(v);
      if (!num)
        throw std::runtime_error(fmt::format("{}:{}: {} \"{}\" is not a number", path, r + 1, name, v));
      b.points.push_back({pct, *num});
    }
    if (b.metric.empty() || b.points.empty())
      throw std::runtime_error(fmt::format("{}:{}: a row needs a metric and at least one percentile", path, r + 1));
    out.push_back(std::move(b));
  }
  return out;
}

std::optional<double> PercentileOf(const BenchmarkRow& row, double value, std::string* band) {
  const auto& p = row.points;
  bool ascending = p.size() < 2 || p.back().second >= p.front().second;
  auto below = [&](double a, double b) { return ascending ? a < b : a > b; };
  if (below(value, p.front().second)) {
    *band = fmt::format("<p{}", p.front().first);
    return std::nullopt;
  }
  if (below(p.back().second, value)) {
    *band = fmt::format(">p{}", p.back().first);
    return std::nullopt;
  }
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    auto [p0, v0] = p[i];
    auto [p1, v1] = p[i + 1];
    if (!below(v1, value)) {  // value within [v0, v1]
      *band = fmt::format("p{}-p{}", p0, p1);
      if (v1 == v0) return p0;
      return p0 + (p1 - p0) * (value - v0) / (v1 - v0);
    }
  }
  *band = fmt::format("p{}", p.back().first);
  return p.back().first;
}

namespace {

void Rank(const std::vector<BenchmarkRow>& rows, const std::string& industry,
          const std::string& platform, ScopeMetrics& scope) {
  ValueRecord ranked;
  for (const auto& row : rows) {
    if (row.platform != platform) continue;
    if (!row.industry.empty() && row.industry != industry) continue;
    const Value* v = FindField(scope.metrics, row.metric);
    if (!v || !(v->is_int() || v->is_double())) continue;
    std::string band;
    auto pct = PercentileOf(row, v->as_double(), &band);
    ranked.emplace_back(row.metric, Value(ValueRecord{{"value", *v},
                                                      {"percentile", pct ? Value(*pct) : Value()},
                                                      {"band", Value(band)},
                                                      {"industry", Value(row.industry)},
                                                      {"source", Value(row.source)}}));
  }
  scope.Set("benchmark", Value(std::move(ranked)));
}

}  // namespace

void ApplyBenchmark(const std::vector<BenchmarkRow>& rows, const std::string& industry,
                    ResultSet& results) {
  for (auto& brand : results.brands) {
    Rank(rows, industry, "all", brand.total);
    for (auto& [name, p] : brand.platforms) Rank(rows, industry, name, p.total);
  }
}

}  // namespace rapport
