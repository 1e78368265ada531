// Results: what the metric families produce and the writers print. Per brand, one
// metric record for the whole range ("total"), one per period, and the same split by
// platform (METRICS.md: every metric per brand x period x platform and for the range).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "report/value.h"

namespace rapport {

struct ScopeMetrics {
  ValueRecord metrics;   // metric name (as in METRICS.md) -> value
  ValueRecord coverage;  // family name -> {items computed on, items excluded, ...}
  void Set(const std::string& name, Value v) { metrics.emplace_back(name, std::move(v)); }
  void SetCoverage(const std::string& family, Value v) { coverage.emplace_back(family, std::move(v)); }
};

struct PlatformResults {
  std::string platform;
  ScopeMetrics total;
  std::map<std::string, ScopeMetrics> periods;  // by label; labels sort chronologically
};

struct BrandResults {
  std::string name;
  std::vector<std::string> accounts;
  bool competitor = false;
  ScopeMetrics total;
  std::map<std::string, ScopeMetrics> periods;
  std::map<std::string, PlatformResults> platforms;
};

struct ResultSet {
  ValueRecord input;    // files, formats, events, skipped, ...
  ValueRecord options;  // the options that shaped the figures
  std::vector<BrandResults> brands;
  ValueRecord profile;  // E0 across brands: headline metrics, definition_agreement (metrics/profile.h)
};

}  // namespace rapport
