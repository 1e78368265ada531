#include "report/benchmark.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace rapport {
namespace {

BenchmarkRow Row(std::vector<std::pair<double, double>> points) {
  BenchmarkRow r;
  r.metric = "m";
  r.platform = "all";
  r.points = std::move(points);
  return r;
}

TEST(Benchmark, PercentileInterpolatesBetweenPoints) {
  std::string band;
  auto row = Row({{10, 0.1}, {25, 0.2}, {50, 0.4}, {75, 0.6}, {90, 0.8}});
  EXPECT_DOUBLE_EQ(*PercentileOf(row, 0.3, &band), 37.5);
  EXPECT_EQ(band, "p25-p50");
  EXPECT_DOUBLE_EQ(*PercentileOf(row, 0.4, &band), 50);
  EXPECT_DOUBLE_EQ(*PercentileOf(row, 0.8, &band), 90);
}

TEST(Benchmark, OutsideThePointsIsABandWithoutPercentile) {
  std::string band;
  auto row = Row({{10, 0.1}, {90, 0.8}});
  EXPECT_FALSE(PercentileOf(row, 0.05, &band));
  EXPECT_EQ(band, "<p10");
  EXPECT_FALSE(PercentileOf(row, 0.9, &band));
  EXPECT_EQ(band, ">p90");
}

TEST(Benchmark, FallingValuesRankFasterTimesHigher) {
  // Response times: the 90th percentile brand answers fastest.
  std::string band;
  auto row = Row({{10, 86400}, {50, 7200}, {90, 600}});
  EXPECT_DOUBLE_EQ(*PercentileOf(row, 7200, &band), 50);
  EXPECT_NEAR(*PercentileOf(row, 3900, &band), 70, 1e-9);
  EXPECT_EQ(band, "p50-p90");
}

TEST(Benchmark, MalformedTableNamesFileAndLine) {
  std::string path = testing::TempDir() + "/bad_benchmark.csv";
  std::ofstream(path) << "metric,platform,p10,p50\nresponse_rate,all,0.1,lots\n";
  try {
    LoadBenchmarkTable(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad_benchmark.csv:2: p50 \"lots\" is not a number"),
              std::string::npos)
        << e.what();
  }
}

TEST(Benchmark, AppliesRowsOfThePlatformAndIndustry) {
  ResultSet r;
  r.brands.resize(1);
  r.brands[0].total.Set("response_rate", Value(0.3));
  r.brands[0].platforms["x"].total.Set("response_rate", Value(0.9));
  std::vector<BenchmarkRow> rows = {Row({{10, 0.1}, {90, 0.5}}), Row({{10, 0.1}, {90, 0.5}})};
  rows[0].metric = rows[1].metric = "response_rate";
  rows[1].platform = "x";
  rows[1].industry = "retail";
  ApplyBenchmark(rows, "retail", r);
  const Value* all = FindField(r.brands[0].total.metrics, "benchmark");
  ASSERT_TRUE(all && all->is_record());
  EXPECT_DOUBLE_EQ(FindField(FindField(all->as_record(), "response_rate")->as_record(), "percentile")->as_double(), 50);
  const Value* x = FindField(r.brands[0].platforms["x"].total.metrics, "benchmark");
  EXPECT_EQ(FindField(FindField(x->as_record(), "response_rate")->as_record(), "band")->as_string(), ">p90");
  ApplyBenchmark(rows, "banking", r);  // the retail row no longer applies to x
  x = &r.brands[0].platforms["x"].total.metrics.back().second;
  EXPECT_TRUE(x->as_record().empty());
}

}  // namespace
}  // namespace rapport
