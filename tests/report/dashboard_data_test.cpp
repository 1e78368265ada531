// The dashboard's filters (src/report/dashboard_data.cpp) on a result set built by
// hand: brand keeps the brands named in the report's order, platform puts each
// brand's platform records in place of its all-platform ones, and E0 is ranked again
// among what is shown.
#include "report/dashboard_data.h"

#include <gtest/gtest.h>

#include "metrics/profile.h"

namespace rapport {
namespace {

ScopeMetrics Scope(double rate) {
  ScopeMetrics m;
  m.Set("response_rate", Value(rate));
  return m;
}

// Three brands; "a" and "b" on x and y, "c" on y only.
ResultSet ThreeBrands() {
  ResultSet r;
  auto add = [&](const std::string& name, double all, std::vector<std::pair<std::string, double>> on) {
    BrandResults b;
    b.name = name;
    b.total = Scope(all);
    b.periods["2024-W01"] = Scope(all);
    for (const auto& [p, v] : on) {
      b.platforms[p].platform = p;
      b.platforms[p].total = Scope(v);
      b.platforms[p].periods["2024-W01"] = Scope(v);
    }
    r.brands.push_back(std::move(b));
  };
  add("a", 0.5, {{"x", 0.9}, {"y", 0.1}});
  add("b", 0.6, {{"x", 0.2}, {"y", 0.8}});
  add("c", 0.7, {{"y", 0.3}});
  ComputeProfile(r);
  return r;
}

double Rate(const BrandResults& b) { return FindField(b.total.metrics, "response_rate")->as_double(); }
double Pct(const BrandResults& b) {
  return FindField(FindField(b.total.metrics, "profile")->as_record(), "response_rate")->as_double();
}

TEST(DashboardFilter, NoneKeepsEveryBrandAndItsFigures) {
  ResultSet full = ThreeBrands(), out;
  ASSERT_TRUE(FilterForDashboard(full, {}, out, nullptr));
  ASSERT_EQ(out.brands.size(), 3u);
  EXPECT_DOUBLE_EQ(Rate(out.brands[2]), 0.7);
  EXPECT_DOUBLE_EQ(Pct(out.brands[2]), 100.0);  // best of three, as in the full report
  EXPECT_DOUBLE_EQ(Pct(out.brands[0]), 0.0);
}

TEST(DashboardFilter, BrandsInReportOrderAndRerankedProfile) {
  ResultSet full = ThreeBrands(), out;
  ASSERT_TRUE(FilterForDashboard(full, {{"c", "a"}, ""}, out, nullptr));
  ASSERT_EQ(out.brands.size(), 2u);
  EXPECT_EQ(out.brands[0].name, "a");
  EXPECT_EQ(out.brands[1].name, "c");
  // a was last of three (0); against c alone it is still last, c first.
  EXPECT_DOUBLE_EQ(Pct(out.brands[0]), 0.0);
  EXPECT_DOUBLE_EQ(Pct(out.brands[1]), 100.0);
  ASSERT_TRUE(FilterForDashboard(full, {{"a", "b"}, ""}, out, nullptr));
  EXPECT_DOUBLE_EQ(Pct(out.brands[1]), 100.0);  // b was 50 among three, first of two
}

TEST(DashboardFilter, PlatformUsesThePlatformRecords) {
  ResultSet full = ThreeBrands(), out;
  ASSERT_TRUE(FilterForDashboard(full, {{}, "x"}, out, nullptr));
  ASSERT_EQ(out.brands.size(), 2u);  // c has no event on x
  EXPECT_DOUBLE_EQ(Rate(out.brands[0]), 0.9);
  EXPECT_DOUBLE_EQ(Rate(out.brands[1]), 0.2);
  EXPECT_DOUBLE_EQ(FindField(out.brands[0].periods.at("2024-W01").metrics, "response_rate")->as_double(), 0.9);
  EXPECT_TRUE(out.brands[0].platforms.empty());
  EXPECT_DOUBLE_EQ(Pct(out.brands[0]), 100.0);  // a leads on x though last overall
  ASSERT_TRUE(FilterForDashboard(full, {{"c"}, "y"}, out, nullptr));
  ASSERT_EQ(out.brands.size(), 1u);
  EXPECT_DOUBLE_EQ(Rate(out.brands[0]), 0.3);
  ASSERT_TRUE(FilterForDashboard(full, {{}, "nowhere"}, out, nullptr));
  EXPECT_TRUE(out.brands.empty());
}

TEST(DashboardFilter, UnknownBrandIsAnErrorNamingTheKnownOnes) {
  ResultSet full = ThreeBrands(), out;
  std::string error;
  EXPECT_FALSE(FilterForDashboard(full, {{"a", "zed"}, ""}, out, &error));
  EXPECT_EQ(error, "unknown brand \"zed\" (known: a b c)");
}

TEST(DashboardJson, CarriesTheFilterStateAndDropsSeries) {
  ResultSet full = ThreeBrands();
  std::string json, error;
  ASSERT_TRUE(WriteDashboardJson(full, {{"b"}, "y"}, json, &error)) << error;
  EXPECT_NE(json.find("\"dashboard\":{\"brands\":[\"a\",\"b\",\"c\"],\"platforms\":[\"x\",\"y\"],"
                      "\"brand\":[\"b\"],\"platform\":\"y\"}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"charts\":{"), std::string::npos);
  // The series are in the chart specs only: the report's periods and platforms are empty.
  EXPECT_NE(json.find("\"periods\": []"), std::string::npos) << json;
  EXPECT_EQ(json.find("\"period\": \"2024-W01\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"period\":\"2024-W01\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\"platform\": \"y\""), std::string::npos) << json;
}

}  // namespace
}  // namespace rapport
