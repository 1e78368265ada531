// Tidy long rows: brand,period,platform,metric,value. "all" stands for the whole
// range or all platforms; lists and records are flattened to metric[i] / metric.key;
// null is an empty field. E0's definition_agreement rows have an empty brand.
#include "fmt/format.h"
#include "report/writers.h"

namespace rapport {
namespace {

void AppendField(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRows(std::string& out, const std::string& prefix, const std::string& name,
                const Value& v) {
  if (v.is_list()) {
    const auto& list = v.as_list();
    for (size_t i = 0; i < list.size(); ++i) AppendRows(out, prefix, fmt::format("{}[{}]", name, i), list[i]);
    return;
  }
  if (v.is_record()) {
    for (const auto& [k, item] : v.as_record()) AppendRows(out, prefix, name + "." + k.str(), item);
    return;
  }
  out += prefix;
  AppendField(out, name);
  out += ',';
  if (v.is_null()) {
  } else if (v.is_int()) {
    fmt::format_to(std::back_inserter(out), "{}", v.as_int());
  } else if (v.is_double()) {
    fmt::format_to(std::back_inserter(out), "{}", v.as_double());
  } else if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else {
    AppendField(out, v.as_string());
  }
  out += '\n';
}

void AppendScope(std::string& out, const std::string& brand, const std::string& period,
                 const std::string& platform, const ScopeMetrics& m) {
  std::string prefix;
  AppendField(prefix, brand);
  prefix += ',';
  AppendField(prefix, period);
  prefix += ',';
  AppendField(prefix, platform);
  prefix += ',';
  for (const auto& [name, v] : m.metrics) AppendRows(out, prefix, name, v);
  for (const auto& [name, v] : m.coverage) AppendRows(out, prefix, "coverage." + name.str(), v);
}

}  // namespace

std::string WriteCsv(const ResultSet& r) {
  std::string out = "brand,period,platform,metric,value\n";
  for (const auto& b : r.brands) {
    AppendScope(out, b.name, "all", "all", b.total);
    for (const auto& [label, m] : b.periods) AppendScope(out, b.name, label, "all", m);
    for (const auto& [name, p] : b.platforms) {
      AppendScope(out, b.name, "all", name, p.total);
      for (const auto& [label, m] : p.periods) AppendScope(out, b.name, label, name, m);
    }
  }
  // E0 definition agreement is no brand's figure: an empty brand field.
  if (const Value* agreement = FindField(r.profile, "definition_agreement")) {
    for (const auto& item : agreement->as_list()) {
      const auto& rec = item.as_record();
      AppendRows(out, ",all,all,",
                 fmt::format("definition_agreement.{}.{}", FindField(rec, "a")->as_string(),
                             FindField(rec, "b")->as_string()),
                 *FindField(rec, "tau_b"));
    }
  }
  return out;
}

}  // namespace rapport
