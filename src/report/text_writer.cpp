// The terminal summary: what a person reads first. Headline figures of each family,
// brands as rows, the busiest first; everything else is in --format json/csv.
#include <algorithm>

#include "fmt/format.h"
#include "report/writers.h"

namespace rapport {
namespace {

constexpr size_t kMaxBrandRows = 25;

const Value* Metric(const ScopeMetrics& m, std::string_view name) { return FindField(m.metrics, name); }

std::string Cell(const Value* v, std::string_view kind) {
  if (!v || v->is_null()) return "n/a";
  if (v->is_string()) {
    if (kind == "basis") return v->as_string() == "impressions" ? "impr." : v->as_string();
    return v->as_string();
  }
  if (kind == "int") return fmt::format("{}", v->is_int() ? v->as_int() : static_cast<int64_t>(v->as_double()));
  double d = v->as_double();
  if (kind == "pct") return fmt::format("{:.1f}%", d * 100);
  // Engagement and amplification rates are often well under 1%: 3 significant digits.
  if (kind == "pctg") return fmt::format("{:.3g}%", d * 100);
  if (kind == "dur") {
    if (d < 120) return fmt::format("{:.0f}s", d);
    if (d < 7200) return fmt::format("{:.1f}m", d / 60);
    if (d < 172800) return fmt::format("{:.1f}h", d / 3600);
    return fmt::format("{:.1f}d", d / 86400);
  }
  return fmt::format("{:.2f}", d);
}

struct Column {
  std::string_view header;
  std::string_view metric;
  std::string_view kind;
};

void Table(std::string& out, std::string_view title, const std::vector<const BrandResults*>& brands,
           const std::vector<Column>& cols) {
  size_t name_w = 5;
  for (auto* b : brands) name_w = std::max(name_w, b->name.size() + (b->competitor ? 4 : 0));
  name_w = std::min<size_t>(name_w, 28);
  fmt::format_to(std::back_inserter(out), "\n{}\n", title);
  fmt::format_to(std::back_inserter(out), "  {:<{}}", "brand", name_w);
  for (const auto& c : cols) fmt::format_to(std::back_inserter(out), " {:>10}", c.header);
  out += '\n';
  for (auto* b : brands) {
    std::string name = b->name + (b->competitor ? " (c)" : "");
    if (name.size() > name_w) name = name.substr(0, name_w - 1) + "~";
    fmt::format_to(std::back_inserter(out), "  {:<{}}", name, name_w);
    for (const auto& c : cols)
      fmt::format_to(std::back_inserter(out), " {:>10}", Cell(Metric(b->total, c.metric), c.kind));
    out += '\n';
  }
}

// E12: the brands' platforms side by side, one row per brand and platform.
void ChannelTable(std::string& out, const std::vector<const BrandResults*>& brands) {
  const std::vector<Column> cols = {{"posts", "posts", "int"},
                                    {"actions", "actions", "int"},
                                    {"eng. rate", "engagement_rate", "pctg"},
                                    {"shares/post", "shares_per_post", "num"},
                                    {"resp. rate", "response_rate", "pct"},
                                    {"buzz", "buzz", "int"},
                                    {"net sent.", "net_sentiment", "num"},
                                    {"of actions", "share_of_actions", "pct"}};
  size_t name_w = 5;
  for (auto* b : brands) name_w = std::max(name_w, b->name.size() + (b->competitor ? 4 : 0));
  name_w = std::min<size_t>(name_w, 28);
  out += "\nE12 Channels (the platforms side by side)\n";
  fmt::format_to(std::back_inserter(out), "  {:<{}} {:<9}", "brand", name_w, "platform");
  for (const auto& c : cols) fmt::format_to(std::back_inserter(out), " {:>11}", c.header);
  out += '\n';
  for (auto* b : brands) {
    const Value* channels = Metric(b->total, "channels");
    if (!channels || !channels->is_record()) continue;
    std::string name = b->name + (b->competitor ? " (c)" : "");
    if (name.size() > name_w) name = name.substr(0, name_w - 1) + "~";
    for (const auto& [platform, row] : channels->as_record()) {
      fmt::format_to(std::back_inserter(out), "  {:<{}} {:<9}", name, name_w, platform);
      for (const auto& c : cols)
        fmt::format_to(std::back_inserter(out), " {:>11}", Cell(FindField(row.as_record(), c.metric), c.kind));
      out += '\n';
    }
  }
}

// E0: each brand's percentile under every definition (100 = best among the brands).
void ProfileTable(std::string& out, const std::vector<const BrandResults*>& brands) {
  static constexpr std::pair<std::string_view, std::string_view> kCols[] = {
      {"eng.rate", "engagement_rate"}, {"resp.rate", "response_rate"}, {"resp.time", "response_time_median"},
      {"dialogue", "dialogue_ratio"},  {"voices", "participants"},     {"shares", "shares_per_post"},
      {"sentiment", "net_sentiment"},  {"voice sh.", "share_of_voice"}, {"returning", "returning_share"},
      {"active", "active_days_share"}, {"resolved", "resolved_positive_share"}};
  size_t name_w = 5;
  for (auto* b : brands) name_w = std::max(name_w, b->name.size() + (b->competitor ? 4 : 0));
  name_w = std::min<size_t>(name_w, 28);
  out += brands.size() > 1 ? "\nE0 Engagement profile (percentile among the brands, 100 = best)\n"
                           : "\nE0 Engagement profile (percentile of the range among its own periods, 100 = best)\n";
  fmt::format_to(std::back_inserter(out), "  {:<{}}", "brand", name_w);
  for (const auto& [header, key] : kCols) fmt::format_to(std::back_inserter(out), " {:>9}", header);
  out += '\n';
  for (auto* b : brands) {
    std::string name = b->name + (b->competitor ? " (c)" : "");
    if (name.size() > name_w) name = name.substr(0, name_w - 1) + "~";
    fmt::format_to(std::back_inserter(out), "  {:<{}}", name, name_w);
    const Value* profile = Metric(b->total, "profile");
    for (const auto& [header, key] : kCols) {
      const Value* v = profile && profile->is_record() ? FindField(profile->as_record(), key) : nullptr;
      fmt::format_to(std::back_inserter(out), " {:>9}", !v || v->is_null() ? "n/a" : fmt::format("{:.0f}", v->as_double()));
    }
    out += '\n';
  }
}

}  // namespace

std::string WriteText(const ResultSet& r, bool) {
  std::string out;
  const Value* events = FindField(r.input, "events");
  const Value* files = FindField(r.input, "files");
  const Value* skipped_total = FindField(r.input, "skipped_total");
  const Value* range = FindField(r.input, "range");
  fmt::format_to(std::back_inserter(out), "rapport: {} events from {} file(s)",
                 events ? events->as_int() : 0, files ? files->as_list().size() : 0);
  if (range && range->is_record()) {
    const Value* from = FindField(range->as_record(), "from");
    const Value* to = FindField(range->as_record(), "to");
    if (from && to && from->is_string())
      fmt::format_to(std::back_inserter(out), ", {} to {}", from->as_string(), to->as_string());
  }
  if (skipped_total && skipped_total->as_int() > 0)
    fmt::format_to(std::back_inserter(out), "; {} bad record(s) skipped", skipped_total->as_int());
  out += '\n';
  if (r.brands.empty()) {
    out += "No brand found: name one with --brand NAME=@account or a rapport.toml.\n";
    return out;
  }
  std::vector<const BrandResults*> brands;
  for (const auto& b : r.brands) brands.push_back(&b);
  auto turns = [](const BrandResults* b) {
    const Value* v = Metric(b->total, "inbound_turns");
    const Value* p = Metric(b->total, "brand_posts");
    return (v && v->is_int() ? v->as_int() : 0) + (p && p->is_int() ? p->as_int() : 0);
  };
  std::stable_sort(brands.begin(), brands.end(),
                   [&](auto* a, auto* b) { return turns(a) > turns(b); });
  size_t hidden = 0;
  if (brands.size() > kMaxBrandRows) {
    hidden = brands.size() - kMaxBrandRows;
    brands.resize(kMaxBrandRows);
  }
  Table(out, "E1 Exposure and action, E5 Amplification (brand posts, replies and quotes)", brands,
        {{"content", "content_posts", "int"},
         {"actions", "actions", "int"},
         {"per post", "actions_per_post_mean", "num"},
         {"eng. rate", "engagement_rate", "pctg"},
         {"basis", "engagement_rate_basis", "basis"},
         {"shares/pst", "shares_per_post", "num"},
         {"amp. rate", "amplification_rate", "pctg"},
         {"earned", "earned_mentions", "int"}});
  Table(out, "E2 Responsiveness (turns of inbound messages and the brand's first reply)", brands,
        {{"turns", "inbound_turns", "int"},
         {"answered", "answered_turns", "int"},
         {"pending", "pending_turns", "int"},
         {"rate", "response_rate", "pct"},
         {"median", "response_time_median", "dur"},
         {"p90", "response_time_p90", "dur"},
         {"within SLA", "answered_within_sla", "pct"}});
  Table(out, "E3 Dialogue and E4 Voices", brands,
        {{"posts", "brand_posts", "int"},
         {"replies", "brand_replies", "int"},
         {"dialogue", "dialogue_ratio", "pct"},
         {"b&f conv.", "back_and_forth_share", "pct"},
         {"voices", "participants", "num"},
         {"depth", "max_depth", "num"},
         {"a2a", "audience_to_audience_share", "pct"}});
  Table(out, "E9 Relationship and E10 Presence", brands,
        {{"engagers", "engagers", "int"},
         {"returning", "returning_share", "pct"},
         {"active days", "active_days_share", "pct"},
         {"posts/day", "posts_per_active_day", "num"},
         {"silence", "longest_silence", "dur"}});
  ChannelTable(out, brands);
  ProfileTable(out, brands);
  if (hidden > 0)
    fmt::format_to(std::back_inserter(out), "\n({} more brand(s) not shown; see --format json or csv)\n", hidden);
  out += "\n(c) = competitor; n/a = no data for that figure. Definitions: docs/metrics.md\n";
  return out;
}

}  // namespace rapport
