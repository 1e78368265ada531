#include "metrics/channels.h"

#include <string>

namespace rapport {
namespace {

Value Field(const ScopeMetrics* m, std::string_view name) {
  if (!m) return Value();
  const Value* v = FindField(m->metrics, name);
  return v ? *v : Value();
}

// part / whole of two figures of the records; null when either is missing or whole is 0.
Value ShareOf(const Value& part, const Value& whole) {
  bool numbers = (part.is_int() || part.is_double()) && (whole.is_int() || whole.is_double());
  return numbers ? Value::Ratio(part.as_double(), whole.as_double()) : Value();
}

// One row of the table: a platform's record beside the brand's all-platform record.
Value Row(const ScopeMetrics* platform, const ScopeMetrics& all) {
  Value posts = Field(platform, "content_posts");
  Value actions = Field(platform, "actions");
  Value buzz = Field(platform, "buzz");
  return Value(ValueRecord{
      {"posts", posts},
      {"actions", actions},
      {"engagement_rate", Field(platform, "engagement_rate")},
      {"engagement_rate_basis", Field(platform, "engagement_rate_basis")},
      {"shares_per_post", Field(platform, "shares_per_post")},
      {"response_rate", Field(platform, "response_rate")},
      {"buzz", buzz},
      {"net_sentiment", Field(platform, "net_sentiment")},
      {"share_of_posts", ShareOf(posts, Field(&all, "content_posts"))},
      {"share_of_actions", ShareOf(actions, Field(&all, "actions"))},
      {"share_of_buzz", ShareOf(buzz, Field(&all, "buzz"))},
  });
}

}  // namespace

void AddChannelTables(ResultSet& out) {
  for (BrandResults& b : out.brands) {
    auto table = [&](ScopeMetrics& all, const std::string* period) {
      ValueRecord rows;
      for (const auto& [name, p] : b.platforms) {  // platforms sorted by name
        const ScopeMetrics* m = &p.total;
        if (period) {
          auto it = p.periods.find(*period);
          m = it == p.periods.end() ? nullptr : &it->second;
        }
        rows.emplace_back(name, Row(m, all));
      }
      all.Set("channels", Value(std::move(rows)));
    };
    table(b.total, nullptr);
    for (auto& [label, m] : b.periods) table(m, &label);
  }
}

}  // namespace rapport
