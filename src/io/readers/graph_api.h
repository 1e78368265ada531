// Shared by the facebook and instagram readers (Meta's Graph API): how a response
// holds its objects, insights metrics turned into counters, and the head sniffing
// their Detect() uses. docs/formats.md "facebook" and "instagram".
#pragma once

#include <functional>
#include <string_view>

#include "io/readers/json_helpers.h"

namespace rapport::graph {

namespace dom = simdjson::dom;

// An author the payload does not name (the Graph API leaves `from` out of comments
// read without a page token, and media of /{user}/media carry no owner). Parentheses
// occur in no Facebook id and no Instagram username, so it never names a real account.
inline constexpr std::string_view kUnknownAuthor = "(unknown)";

// The objects of one response, whatever its shape: an envelope {"data": [...],
// "paging": ...}, a multi-id lookup {"<id>": {...}, "<id>": {...}}, a JSON array of
// objects, or one object. `is_object` tells a bare object from a multi-id map: the
// map's values are objects whose "id" equals their key.
void ForEachObject(dom::element root, const std::function<void(dom::element)>& fn);

// An insights metric object: {"name", "period", "values": [{"value"}], "total_value"}.
bool IsInsightsMetric(dom::element e);
// The metric's value: total_value.value, else the last entry of values[] (lifetime
// metrics have one), when it is a number; kUnknownCount otherwise.
int64_t InsightsValue(dom::element metric);

// A metric name -> counter table entry.
struct MetricCounter {
  std::string_view name;
  Counter counter;
};
// Applies item.insights.data[] (insights requested as a field of the post or media)
// to `counters`: each named metric found in `table` sets its counter.
template <size_t N>
void ApplyInsights(dom::element item, const MetricCounter (&table)[N],
                   std::array<int64_t, kCounterCount>& counters) {
  dom::element insights;
  dom::array data;
  if (!json::Object(item, "insights", insights) || !json::Array(insights, "data", data)) return;
  for (dom::element m : data) {
    std::string_view name = json::Str(m, "name");
    for (const auto& t : table) {
      if (t.name != name) continue;
      int64_t v = InsightsValue(m);
      if (v != kUnknownCount) counters[static_cast<int>(t.counter)] = v;
    }
  }
}

// summary.total_count of an edge (reactions, comments, likes); kUnknownCount when absent.
int64_t SummaryTotal(dom::element item, std::string_view edge);

// Detection: key paths of the sniffed head records. The object level of a record is
// the root, "data." (an envelope) or "<id>." (a multi-id map); `HasAt` is true when
// some object level holds `anchor` together with one of `with`.
bool HasAt(const json::SniffedRecord& r, std::string_view anchor,
           std::initializer_list<std::string_view> with);

}  // namespace rapport::graph
