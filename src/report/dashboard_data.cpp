#include "report/dashboard_data.h"

#include <set>

#include "metrics/profile.h"
#include "report/charts.h"
#include "report/writers.h"

namespace rapport {

bool FilterForDashboard(const ResultSet& full, const DashboardFilter& filter, ResultSet& out, std::string* error) {
  std::set<std::string> wanted(filter.brands.begin(), filter.brands.end());
  for (const auto& name : wanted) {
    bool known = false;
    for (const auto& b : full.brands) known = known || b.name == name;
    if (!known) {
      if (error) {
        *error = "unknown brand \"" + name + "\" (known:";
        for (const auto& b : full.brands) *error += " " + b.name;
        *error += ")";
      }
      return false;
    }
  }
  out.input = full.input;
  out.options = full.options;
  out.brands.clear();
  for (const auto& b : full.brands) {
    if (!wanted.empty() && !wanted.count(b.name)) continue;
    if (filter.platform.empty()) {
      out.brands.push_back(b);
      out.brands.back().platforms.clear();
      continue;
    }
    auto it = b.platforms.find(filter.platform);
    if (it == b.platforms.end()) continue;  // no event of this brand on the platform
    BrandResults one;
    one.name = b.name;
    one.accounts = b.accounts;
    one.competitor = b.competitor;
    one.total = it->second.total;
    one.periods = it->second.periods;
    out.brands.push_back(std::move(one));
  }
  // The percentiles of E0 depend on who is compared: rank the brands shown.
  ComputeProfile(out);
  return true;
}

bool WriteDashboardJson(const ResultSet& full, const DashboardFilter& filter, std::string& out, std::string* error) {
  ResultSet shown;
  if (!FilterForDashboard(full, filter, shown, error)) return false;
  Value charts = BuildCharts(shown);
  for (auto& b : shown.brands) b.periods.clear();

  ValueList brands, platforms, selected;
  std::set<std::string> seen;
  for (const auto& b : full.brands) {
    brands.push_back(Value(b.name));
    for (const auto& [name, p] : b.platforms) seen.insert(name);
  }
  for (const auto& p : seen) platforms.push_back(Value(p));
  for (const auto& b : full.brands)
    for (const auto& name : filter.brands)
      if (b.name == name) {
        selected.push_back(Value(b.name));
        break;
      }
  ValueRecord dashboard{{"brands", Value(std::move(brands))},
                        {"platforms", Value(std::move(platforms))},
                        {"brand", filter.brands.empty() ? Value() : Value(std::move(selected))},
                        {"platform", filter.platform.empty() ? Value() : Value(filter.platform)}};

  out = "{\"report\":";
  out += WriteJson(shown);
  out += ",\"charts\":";
  AppendJson(out, charts);
  out += ",\"dashboard\":";
  AppendJson(out, Value(std::move(dashboard)));
  out += "}\n";
  return true;
}

}  // namespace rapport
