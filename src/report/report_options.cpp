#include "report/report_options.h"

#include <unistd.h>

#include <charconv>

#include "core/config.h"
#include "fmt/format.h"
#include "threads/business_hours.h"

namespace rapport {
namespace {

struct NamedOption {
  std::string_view name;
  std::string ReportOptionText::*field;
};

const NamedOption kAnalysisOptions[] = {
    {"by", &ReportOptionText::by},
    {"tz", &ReportOptionText::tz},
    {"since", &ReportOptionText::since},
    {"until", &ReportOptionText::until},
    {"as-of", &ReportOptionText::as_of},
    {"response-horizon", &ReportOptionText::response_horizon},
    {"sla", &ReportOptionText::sla},
    {"business-hours", &ReportOptionText::business_hours},
    {"returning-lookback", &ReportOptionText::returning_lookback},
};

std::optional<Seconds> ParseTimeOption(std::string_view name, const std::string& value, std::string* err) {
  auto t = ParseTimestamp(value);
  if (!t) *err = fmt::format("--{} \"{}\": expected a date (2017-10-31) or RFC 3339 time", name, value);
  return t;
}

}  // namespace

const std::vector<std::string_view>& AnalysisOptionNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (const auto& o : kAnalysisOptions) v.push_back(o.name);
    return v;
  }();
  return names;
}

bool SetAnalysisOption(ReportOptionText& text, std::string_view name, std::string value) {
  for (const auto& o : kAnalysisOptions) {
    if (o.name != name) continue;
    text.*o.field = std::move(value);
    return true;
  }
  return false;
}

OptionStatus BuildReportRequest(const ReportOptionText& f, ReportRequest& req, std::string* error,
                                FileConfig* loaded) {
  auto fail = [&](OptionStatus s, std::string message) {
    *error = std::move(message);
    return s;
  };
  FileConfig cfg;
  if (!f.config.empty()) {
    if (access(f.config.c_str(), R_OK) != 0)
      return fail(OptionStatus::kUnreadableFile, fmt::format("{}: cannot read the config file", f.config));
    try {
      cfg = LoadConfig(f.config);
    } catch (const std::exception& e) {
      return fail(OptionStatus::kBadValue, e.what());
    }
  }
  req.brands = cfg.brands;
  if (loaded) *loaded = cfg;
  for (const auto& [list, competitor] : {std::pair{&f.brands, false}, std::pair{&f.competitors, true}}) {
    for (const auto& flag : *list) {
      std::string err;
      auto spec = ParseBrandFlag(flag, competitor, &err);
      if (!spec)
        return fail(OptionStatus::kBadValue,
                    fmt::format("--{} \"{}\": {}", competitor ? "competitor" : "brand", flag, err));
      req.brands.push_back(*spec);
    }
  }
  AnalysisOptions& o = req.analysis;
  std::string by = !f.by.empty() ? f.by : cfg.by.value_or("week");
  auto unit = ParsePeriodUnit(by);
  if (!unit) return fail(OptionStatus::kBadValue, fmt::format("--by \"{}\": expected day, week or month", by));
  o.by = *unit;
  std::string tz = !f.tz.empty() ? f.tz : cfg.tz.value_or("UTC");
  auto zone = LoadZone(tz);
  if (!zone)
    return fail(OptionStatus::kBadValue,
                fmt::format("--tz \"{}\": unknown time zone (use an IANA name like Europe/Paris)", tz));
  o.tz = *zone;
  std::string err;
  if (!f.since.empty() && !(o.since = ParseTimeOption("since", f.since, &err))) return fail(OptionStatus::kBadValue, err);
  if (!f.until.empty() && !(o.until = ParseTimeOption("until", f.until, &err))) return fail(OptionStatus::kBadValue, err);
  if (!f.as_of.empty() && !(o.as_of = ParseTimeOption("as-of", f.as_of, &err))) return fail(OptionStatus::kBadValue, err);
  for (auto [flag, value, fallback, target] :
       {std::tuple{"--response-horizon", &f.response_horizon, &cfg.response_horizon, &o.response_horizon},
        std::tuple{"--sla", &f.sla, &cfg.sla, &o.sla}}) {
    std::string v = !value->empty() ? *value : fallback->value_or("");
    if (v.empty()) continue;
    auto d = ParseDuration(v);
    if (!d)
      return fail(OptionStatus::kBadValue,
                  fmt::format("{} \"{}\": expected a duration like 90s, 45m, 2h or 7d", flag, v));
    *target = *d;
  }
  std::string bh = !f.business_hours.empty() ? f.business_hours : cfg.business_hours.value_or("");
  if (!bh.empty()) {
    auto hours = ParseBusinessHours(bh, &err);
    if (!hours) return fail(OptionStatus::kBadValue, fmt::format("--business-hours {}", err));
    o.business_hours = *hours;
    req.business_hours_text = bh;
  }
  if (!f.returning_lookback.empty()) {
    int k = 0;
    const char* end = f.returning_lookback.data() + f.returning_lookback.size();
    auto [p, ec] = std::from_chars(f.returning_lookback.data(), end, k);
    if (ec != std::errc() || p != end || k < 1 || k > 1000)
      return fail(OptionStatus::kBadValue,
                  fmt::format("--returning-lookback \"{}\": expected a whole number of periods from 1 to 1000",
                              f.returning_lookback));
    o.returning_lookback = k;
  }
  // E1 action weights: rapport.toml only (no flag); unset counters keep 1.
  for (int c = 0; c < kCounterCount; ++c)
    if (cfg.weights[c]) o.action_weights[c] = *cfg.weights[c];
  return OptionStatus::kOk;
}

}  // namespace rapport
