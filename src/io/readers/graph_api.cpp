#include "io/readers/graph_api.h"

#include <string>

namespace rapport::graph {

namespace {

// {"<id>": {"id": "<id>", ...}, ...}: every value an object keyed by its own id.
bool IsIdMap(dom::object o) {
  bool any = false;
  for (auto [key, value] : o) {
    if (value.type() != dom::element_type::OBJECT) return false;
    std::string_view id = json::Str(value, "id");
    if (id != key) return false;
    any = true;
  }
  return any;
}

}  // namespace

void ForEachObject(dom::element root, const std::function<void(dom::element)>& fn) {
  dom::array arr;
  if (!root.get_array().get(arr)) {
    for (dom::element e : arr) fn(e);
    return;
  }
  dom::object o;
  if (root.get_object().get(o)) {
    fn(root);
    return;
  }
  dom::array data;
  if (json::Array(root, "data", data)) {
    for (dom::element e : data) fn(e);
    return;
  }
  if (IsIdMap(o)) {
    for (auto [key, value] : o) fn(value);
    return;
  }
  fn(root);
}

bool IsInsightsMetric(dom::element e) {
  return !json::Str(e, "name").empty() && json::IsNonNull(e, "period") &&
         (json::IsNonNull(e, "values") || json::IsNonNull(e, "total_value"));
}

int64_t InsightsValue(dom::element metric) {
  dom::element total;
  if (json::Object(metric, "total_value", total)) {
    int64_t v = json::Count(total, "value");
    if (v != kUnknownCount) return v;
  }
  dom::array values;
  int64_t last = kUnknownCount;
  if (json::Array(metric, "values", values))
    for (dom::element v : values) last = json::Count(v, "value");
  return last;
}

int64_t SummaryTotal(dom::element item, std::string_view edge) {
  dom::element e, summary;
  if (!json::Object(item, edge, e) || !json::Object(e, "summary", summary)) return kUnknownCount;
  return json::Count(summary, "total_count");
}

bool HasAt(const json::SniffedRecord& r, std::string_view anchor,
           std::initializer_list<std::string_view> with) {
  std::string key;
  for (const auto& p : r.paths) {
    std::string_view path = p;
    if (path.size() < anchor.size() || path.substr(path.size() - anchor.size()) != anchor) continue;
    std::string_view prefix = path.substr(0, path.size() - anchor.size());
    if (!prefix.empty() && prefix.back() != '.') continue;
    // The object level: the root, "data." or "<id>." (one key deep at most).
    if (prefix.find('.') != prefix.size() - 1 && !prefix.empty()) continue;
    for (auto w : with) {
      key.assign(prefix).append(w);
      if (r.Has(key)) return true;
    }
  }
  return false;
}

}  // namespace rapport::graph
