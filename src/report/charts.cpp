#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "fmt/format.h"
#include "metrics/profile.h"

namespace rapport {
namespace {

// What each metric is, in catalogue order. Units: share (0-1), seconds, count,
// number, percentile (0-100), text.
constexpr MetricInfo kCatalog[] = {
    {"content_posts", "E1", "Content posts", "count", "Brand posts, replies and quotes measured for actions.", ""},
    {"actions", "E1", "Actions", "count", "Sum of the interaction counters of the brand's content (the platform's own definition).", ""},
    {"actions_per_post_mean", "E1", "Actions per post (mean)", "number", "Mean actions per measured brand post.", ""},
    {"actions_per_post_median", "E1", "Actions per post (median)", "number", "Median actions per measured brand post.", ""},
    {"engagement_rate_impressions", "E1", "Engagement rate (impressions)", "share", "Actions / impressions over brand content that has impressions.", ""},
    {"engagement_rate_reach", "E1", "Engagement rate (reach)", "share", "Actions / reach over brand posts that have reach.", ""},
    {"engagement_rate_followers", "E1", "Engagement rate (followers)", "share", "Mean over brand posts of actions / followers of the account at post time.", ""},
    {"engagement_rate", "E1", "Engagement rate", "share", "By impressions when the data has them, else by followers.", "trend"},
    {"engagement_rate_basis", "E1", "Engagement rate basis", "text", "Which rate engagement_rate is: impressions or followers.", ""},
    {"top_posts", "E1", "Top posts", "", "The brand's posts with the most actions, with their rate.", "table"},
    {"inbound_turns", "E2", "Inbound turns", "count", "Turns of audience messages to the brand started in the scope.", ""},
    {"answered_turns", "E2", "Answered turns", "count", "Turns a brand account replied to.", ""},
    {"unanswered_turns", "E2", "Unanswered turns", "count", "Turns neither answered nor pending.", ""},
    {"pending_turns", "E2", "Pending turns", "count", "Unanswered turns younger than the response horizon.", ""},
    {"response_rate", "E2", "Response rate", "share", "Answered / (answered + unanswered) turns.", "trend"},
    {"response_time_median", "E2", "Median response time", "seconds", "Median time from a turn's start to the brand's first reply.", "trend"},
    {"response_time_p90", "E2", "90th percentile response time", "seconds", "90th percentile of the response times.", ""},
    {"response_time_mean", "E2", "Mean response time", "seconds", "Mean of the response times.", ""},
    {"response_time_min", "E2", "Fastest response", "seconds", "Shortest response time.", ""},
    {"response_time_max", "E2", "Slowest response", "seconds", "Longest response time.", ""},
    {"answered_within_sla", "E2", "Answered within SLA", "share", "Answered turns with a time within the SLA / answered turns.", ""},
    {"clock_skew", "E2", "Clock skew", "count", "Answered turns whose reply was earlier than the turn's start.", ""},
    {"thread_size", "E2", "Thread size", "number", "Mean messages in the conversations where the brand replied.", ""},
    {"response_time_by_hour_of_week", "E2", "Response time by hour of week", "seconds", "168 medians by the hour of the week of the turn's start.", ""},
    {"brand_posts", "E3", "Brand posts", "count", "Broadcasts + replies + shares of the brand.", ""},
    {"broadcasts", "E3", "Broadcasts", "count", "Posts, quotes and thread continuations of the brand.", ""},
    {"brand_replies", "E3", "Replies", "count", "Replies of the brand to other accounts.", ""},
    {"brand_shares", "E3", "Shares", "count", "Shares (reposts) by the brand.", ""},
    {"dialogue_ratio", "E3", "Dialogue ratio", "share", "Brand replies / brand posts.", "trend"},
    {"promotional_share", "E3", "Promotional share", "share", "Promotional broadcasts / broadcasts.", ""},
    {"brand_conversations", "E3", "Brand conversations", "count", "Conversations where the brand wrote a message.", ""},
    {"exchanges", "E3", "Exchanges", "count", "Alternations between the brand and each audience author.", ""},
    {"exchanges_per_conversation", "E3", "Exchanges per conversation", "number", "Exchanges / brand conversations.", ""},
    {"back_and_forth_share", "E3", "Back-and-forth share", "share", "Brand conversations where an author reached two alternations.", ""},
    {"top_conversations", "E3", "Top conversations", "", "The brand's busiest conversations: messages, audience authors, brand messages and exchanges.", "table"},
    {"brand_rooted_conversations", "E4", "Brand-rooted conversations", "count", "Conversations rooted at a brand post or quote.", ""},
    {"participants", "E4", "Participants per conversation", "number", "Mean distinct audience repliers per brand-rooted conversation.", "trend"},
    {"replies", "E4", "Replies per conversation", "number", "Mean replies per brand-rooted conversation.", ""},
    {"max_depth", "E4", "Reply depth", "number", "Mean deepest reply level per brand-rooted conversation.", ""},
    {"audience_to_audience_share", "E4", "Audience-to-audience share", "share", "Replies between audience members / replies.", ""},
    {"voice_concentration", "E4", "Voice concentration (Gini)", "number", "Mean Gini of replies per participant (0 = every voice equal).", ""},
    {"shares", "E5", "Shares", "count", "Shares of the brand's posts.", ""},
    {"quotes", "E5", "Quotes", "count", "Quotes of the brand's posts.", ""},
    {"shares_per_post", "E5", "Shares per post", "number", "(Shares + quotes) / brand posts.", "trend"},
    {"amplification_rate", "E5", "Amplification rate", "share", "Mean over brand posts of (shares + quotes) / followers.", ""},
    {"earned_mentions", "E5", "Earned mentions", "count", "Mentions of the brand that are not replies to it.", ""},
    {"buzz", "E6", "Buzz", "count", "Audience messages mentioning the brand.", ""},
    {"positive", "E6", "Positive mentions", "count", "Mentions with a VADER compound of 0.05 or more.", ""},
    {"neutral", "E6", "Neutral mentions", "count", "Mentions between the two thresholds.", ""},
    {"negative", "E6", "Negative mentions", "count", "Mentions with a VADER compound of -0.05 or less.", ""},
    {"net_sentiment", "E6", "Net sentiment", "number", "(Positive - negative) / (positive + negative), from -1 to 1.", "trend"},
    {"share_of_voice", "E6", "Share of voice", "share", "The brand's buzz / the buzz of all configured brands.", "trend"},
    {"brand_health", "E6", "Brand health", "number", "0-100 score from net sentiment (60%) and buzz against a fair share (40%).", ""},
    {"engagers", "E9", "Engagers", "count", "Distinct audience accounts engaging with the brand.", ""},
    {"returning_engagers", "E9", "Returning engagers", "count", "Engagers who also engaged in one of the previous periods.", ""},
    {"new_engagers", "E9", "New engagers", "count", "Engagers - returning engagers.", ""},
    {"returning_share", "E9", "Returning share", "share", "Returning engagers / engagers.", "trend"},
    {"cohort_retention", "E9", "Cohort retention", "", "Share of each first-engagement cohort engaging again in later periods.", ""},
    {"active_days", "E10", "Active days", "count", "Days with at least one brand post.", ""},
    {"active_days_share", "E10", "Active days share", "share", "Active days / days of the scope in the analysed range.", "trend"},
    {"posts_per_active_day", "E10", "Posts per active day", "number", "Brand posts / active days.", ""},
    {"longest_silence", "E10", "Longest silence", "seconds", "Longest gap between two consecutive brand posts.", ""},
    {"coverage_by_hour", "E10", "Response coverage by hour", "share", "168 shares of turns answered within the SLA, by hour of the week.", ""},
    {"followed_up_turns", "E11", "Followed-up turns", "count", "Answered turns whose author wrote again after the reply.", ""},
    {"sentiment_shift", "E11", "Sentiment shift", "number", "Mean change of compound from the author's first to last message.", ""},
    {"resolved_positive_share", "E11", "Resolved positive share", "share", "Followed-up turns that started negative and ended positive or neutral / followed-up turns.", "trend"},
    {"negative_start_turns", "E11", "Negative-start turns", "count", "Followed-up turns whose first message is negative.", ""},
    {"resolved_turns", "E11", "Resolved turns", "count", "Of those, turns whose last message is positive or neutral.", ""},
    {"channels", "E12", "Channels", "", "The brand's headline figures per platform, side by side.", ""},
    {"profile", "E0", "Engagement profile", "percentile", "Percentile rank of each family's headline metric among the compared brands (100 = best).", ""},
};

constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
    {"E0", "Engagement profile"}, {"E1", "Exposure and action"}, {"E2", "Responsiveness"},
    {"E3", "Dialogue"},           {"E4", "Voices"},              {"E5", "Amplification"},
    {"E6", "Brand health"},       {"E7", "Onsite engagement"},   {"E8", "Reputation and crisis"},
    {"E9", "Relationship"},       {"E10", "Presence"},           {"E11", "Expectations met"},
    {"E12", "Channel value"},     {"other", "Other metrics"}};

// Tableau 10: distinct hues that stay apart in print; brands past ten reuse them.
constexpr const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
// Charts draw the busiest brands only; every brand is in the tables.
constexpr size_t kMaxChartedBrands = 8;

const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

Value Rec(ValueRecord r) { return Value(std::move(r)); }
Value List(ValueList l) { return Value(std::move(l)); }

std::optional<double> Num(const ScopeMetrics& m, std::string_view name) {
  const Value* v = FindField(m.metrics, name);
  if (!v || !(v->is_int() || v->is_double())) return std::nullopt;
  return v->as_double();
}
double NumOr0(const ScopeMetrics& m, std::string_view name) { return Num(m, name).value_or(0); }

std::string Guess(std::string_view name) {
  if (name.find("time") != std::string_view::npos || name.find("silence") != std::string_view::npos) return "seconds";
  for (std::string_view w : {"rate", "share", "ratio"})
    if (name.find(w) != std::string_view::npos) return "share";
  return "number";
}

std::string Humanize(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', ' ');
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

struct Shown {
  std::string family, label, unit;
};
Shown Describe(std::string_view name) {
  if (const MetricInfo* m = FindMetricInfo(name)) return {std::string(m->family), std::string(m->label), std::string(m->unit)};
  return {"other", Humanize(name), Guess(name)};
}

// A duration axis in the unit that keeps the numbers readable.
std::pair<double, std::string> TimeUnit(double max_seconds) {
  if (max_seconds < 2 * 3600) return {60, "minutes"};
  if (max_seconds < 3 * 86400) return {3600, "hours"};
  return {86400, "days"};
}

struct Context {
  const ResultSet& r;
  std::vector<size_t> charted;  // brand indexes, busiest first
  Value color_scale;
  std::string period_unit;  // "week", "day", "month"
  std::string tz;
};

Value BrandColor(const Context& c) {
  return Rec({{"field", "brand"}, {"type", "nominal"}, {"title", "Brand"}, {"scale", c.color_scale}});
}

Value Chart(std::string id, std::string family, std::string title, std::string description, Value spec) {
  return Rec({{"id", Value(std::move(id))},
              {"family", Value(std::move(family))},
              {"title", Value(std::move(title))},
              {"description", Value(std::move(description))},
              {"spec", std::move(spec)}});
}
Value Note(std::string id, std::string family, std::string title, std::string note) {
  return Rec({{"id", Value(std::move(id))},
              {"family", Value(std::move(family))},
              {"title", Value(std::move(title))},
              {"note", Value(std::move(note))}});
}

Value BaseSpec(Value data, ValueRecord rest) {
  ValueRecord spec = {{"$schema", "https://vega.github.io/schema/vega-lite/v5.json"},
                      {"width", "container"},
                      {"autosize", Rec({{"type", "fit-x"}, {"contains", "padding"}})},
                      {"data", Rec({{"values", std::move(data)}})}};
  for (auto& kv : rest) spec.push_back(std::move(kv));
  return Rec(std::move(spec));
}

Value AxisFor(const std::string& unit, const std::string& title) {
  ValueRecord axis = {{"title", Value(title)}};
  if (unit == "share") axis.emplace_back("format", ".0%");
  if (unit == "percentile") axis.emplace_back("format", ".0f");
  return Rec(std::move(axis));
}

// A metric over periods, one line per charted brand. nullopt-valued periods are left
// out of the line (a gap is a period without anything to compute on).
Value TrendChart(const Context& c, const std::string& metric) {
  Shown d = Describe(metric);
  double div = 1;
  std::string unit = d.unit, unit_note;
  if (unit == "seconds") {
    double mx = 0;
    for (size_t b : c.charted)
      for (const auto& [label, m] : c.r.brands[b].periods) mx = std::max(mx, Num(m, metric).value_or(0));
    auto [dv, name] = TimeUnit(mx);
    div = dv;
    unit_note = name;
  }
  ValueList rows;
  std::set<std::string> labels;
  for (size_t b : c.charted) {
    for (const auto& [label, m] : c.r.brands[b].periods) {
      labels.insert(label);
      auto v = Num(m, metric);
      if (!v) continue;
      rows.push_back(Rec({{"brand", Value(c.r.brands[b].name)}, {"period", Value(label)}, {"value", Value(*v / div)}}));
    }
  }
  std::string id = metric + "_over_periods";
  std::string title = fmt::format("{} by {}", d.label, c.period_unit);
  if (rows.empty())
    return Note(id, d.family, title, fmt::format("No brand has a {} in any {}: nothing to compute it on in these inputs.", d.label, c.period_unit));
  std::string y_title = d.label + (unit_note.empty() ? (unit == "share" ? " (%)" : "") : " (" + unit_note + ")");
  ValueList sort;
  for (const auto& l : labels) sort.push_back(Value(l));
  ValueRecord tooltip_value = {{"field", "value"}, {"type", "quantitative"}, {"title", Value(d.label)}};
  if (unit == "share") tooltip_value.emplace_back("format", ".1%");
  else tooltip_value.emplace_back("format", ",.2f");
  Value spec = BaseSpec(
      List(std::move(rows)),
      {{"height", 220},
       {"mark", Rec({{"type", "line"}, {"point", true}, {"strokeWidth", 2}})},
       {"encoding",
        Rec({{"x", Rec({{"field", "period"}, {"type", "ordinal"}, {"sort", List(std::move(sort))},
                        {"title", Value(fmt::format("Period ({}, {})", c.period_unit, c.tz))},
                        {"axis", Rec({{"labelAngle", -40}, {"labelOverlap", true}})}})},
             {"y", Rec({{"field", "value"}, {"type", "quantitative"}, {"axis", AxisFor(unit, y_title)}})},
             {"color", BrandColor(c)},
             {"tooltip", List({Rec({{"field", "brand"}, {"type", "nominal"}}),
                               Rec({{"field", "period"}, {"type", "ordinal"}}), Rec(std::move(tooltip_value))})}})}});
  const MetricInfo* info = FindMetricInfo(metric);
  return Chart(id, d.family, title,
               info ? std::string(info->definition) : fmt::format("{} per {}.", d.label, c.period_unit),
               std::move(spec));
}

Value ProfileChart(const Context& c) {
  const Value* metrics = FindField(c.r.profile, "metrics");
  const Value* compared = FindField(c.r.profile, "compared");
  std::string title = "Engagement profile: percentile under each definition";
  if (!metrics) return Note("profile", "E0", title, "No brand to profile.");
  ValueList rows, axes;
  std::vector<std::string> missing;
  for (const auto& item : metrics->as_list()) {
    const auto& rec = item.as_record();
    const std::string& key = FindField(rec, "key")->as_string();
    std::string axis = fmt::format("{} ({})", Describe(FindField(rec, "metric")->as_string()).label,
                                   FindField(rec, "family")->as_string());
    bool any = false;
    for (size_t b : c.charted) {
      const Value* p = FindField(c.r.brands[b].total.metrics, "profile");
      const Value* v = p && p->is_record() ? FindField(p->as_record(), key) : nullptr;
      if (!v || v->is_null()) continue;
      any = true;
      rows.push_back(Rec({{"brand", Value(c.r.brands[b].name)}, {"definition", Value(axis)}, {"percentile", *v}}));
    }
    if (any) axes.push_back(Value(axis));
    else missing.push_back(axis);
  }
  if (rows.empty())
    return Note("profile", "E0", title,
                compared && compared->as_string() == "periods"
                    ? "One brand with a single period: there is nothing to rank it against."
                    : "No headline metric has a value for two or more brands: there is nothing to rank.");
  std::string desc = compared && compared->as_string() == "periods"
                         ? "One brand: its whole range ranked against its own periods (100 = better than every period)."
                         : "Each brand's headline figure of every family ranked among the compared brands (100 = best; for response time, faster is better).";
  if (!missing.empty()) {
    desc += " Not shown, no value for any charted brand:";
    for (size_t i = 0; i < missing.size(); ++i) desc += (i ? ", " : " ") + missing[i];
    desc += ".";
  }
  Value spec = BaseSpec(
      List(std::move(rows)),
      {{"height", 300},
       {"encoding",
        Rec({{"x", Rec({{"field", "definition"}, {"type", "nominal"}, {"sort", List(std::move(axes))}, {"title", Value()},
                        {"axis", Rec({{"labelAngle", 0}, {"labelExpr", "split(datum.label, ' ')"}, {"labelLimit", 0},
                                      {"grid", true}, {"labelPadding", 6}})}})},
             {"y", Rec({{"field", "percentile"}, {"type", "quantitative"},
                        {"scale", Rec({{"domain", List({0, 100})}})},
                        {"axis", Rec({{"title", "Percentile (100 = best)"}, {"values", List({0, 25, 50, 75, 100})}})}})},
             {"color", BrandColor(c)},
             {"detail", Rec({{"field", "brand"}})},
             {"tooltip", List({Rec({{"field", "brand"}}), Rec({{"field", "definition"}}),
                               Rec({{"field", "percentile"}, {"type", "quantitative"}, {"format", ".0f"}})})}})},
       {"layer", List({Rec({{"mark", Rec({{"type", "line"}, {"strokeWidth", 2}, {"opacity", 0.8}})}}),
                       Rec({{"mark", Rec({{"type", "point"}, {"filled", true}, {"size", 50}})}})})}});
  return Chart("profile", "E0", title, desc, std::move(spec));
}

Value ResponseTimeDistribution(const Context& c) {
  std::string title = "Distribution of response times";
  double mx = 0;
  for (size_t b : c.charted) mx = std::max(mx, Num(c.r.brands[b].total, "response_time_p90").value_or(0));
  auto [div, unit] = TimeUnit(mx);
  ValueList rows;
  ValueList order;
  for (size_t b : c.charted) {
    const ScopeMetrics& m = c.r.brands[b].total;
    auto mn = Num(m, "response_time_min"), p50 = Num(m, "response_time_median"), p90 = Num(m, "response_time_p90"),
         mean = Num(m, "response_time_mean"), mxv = Num(m, "response_time_max");
    if (!p50 || !p90 || !mn || !mxv) continue;
    order.push_back(Value(c.r.brands[b].name));
    rows.push_back(Rec({{"brand", Value(c.r.brands[b].name)},
                        // A log axis has no 0: times under a second are drawn at 1 s.
                        {"min", Value(std::max(*mn, 1.0) / div)},
                        {"median", Value(std::max(*p50, 1.0) / div)},
                        {"p90", Value(std::max(*p90, 1.0) / div)},
                        {"mean", mean ? Value(std::max(*mean, 1.0) / div) : Value()},
                        {"max", Value(std::max(*mxv, 1.0) / div)},
                        {"answered", Value(NumOr0(m, "answered_turns"))}}));
  }
  if (rows.empty()) return Note("response_time_distribution", "E2", title, "No brand answered any turn: there are no response times.");
  std::string x_title = fmt::format("Response time ({}, log scale)", unit);
  auto x = [&](const char* field) {
    return Rec({{"field", field}, {"type", "quantitative"}, {"scale", Rec({{"type", "log"}})},
                {"axis", Rec({{"title", Value(x_title)}, {"format", "~g"}, {"grid", true}})}});
  };
  auto fmtq = [](const char* f, const char* t) {
    return Rec({{"field", f}, {"type", "quantitative"}, {"title", t}, {"format", ",.2f"}});
  };
  Value tooltip = List({Rec({{"field", "brand"}}), fmtq("min", "fastest"), fmtq("median", "median"),
                        fmtq("p90", "90th percentile"), fmtq("mean", "mean"), fmtq("max", "slowest"),
                        Rec({{"field", "answered"}, {"type", "quantitative"}, {"title", "answered turns"}})});
  Value y = Rec({{"field", "brand"}, {"type", "nominal"}, {"sort", List(std::move(order))}, {"title", Value()}});
  Value spec = BaseSpec(
      List(std::move(rows)),
      {{"encoding", Rec({{"y", y}, {"color", BrandColor(c)}, {"tooltip", tooltip}})},
       {"layer", List({Rec({{"mark", Rec({{"type", "rule"}, {"strokeWidth", 1.5}})},
                            {"encoding", Rec({{"x", x("min")}, {"x2", Rec({{"field", "max"}})}})}}),
                       Rec({{"mark", Rec({{"type", "bar"}, {"height", 14}})},
                            {"encoding", Rec({{"x", x("median")}, {"x2", Rec({{"field", "p90"}})}})}}),
                       Rec({{"mark", Rec({{"type", "tick"}, {"color", "#222"}, {"thickness", 2}, {"size", 18}})},
                            {"encoding", Rec({{"x", x("median")}})}}),
                       Rec({{"mark", Rec({{"type", "point"}, {"shape", "diamond"}, {"filled", true}, {"color", "#222"}, {"size", 40}})},
                            {"encoding", Rec({{"x", x("mean")}})}})})},
       // A fixed height per brand row (a step height cannot fit the container width).
       {"height", Value(static_cast<int64_t>(28 * c.charted.size()))}});
  return Chart("response_time_distribution", "E2", title,
               fmt::format("Whole range, answered turns. Line: fastest to slowest response; bar: median to 90th "
                           "percentile; tick: median; diamond: mean. Times in {}.", unit),
               std::move(spec));
}

Value CoverageHeatmap(const Context& c) {
  std::string title = "Response coverage by hour of the week";
  ValueList rows;
  for (size_t b : c.charted) {
    const Value* v = FindField(c.r.brands[b].total.metrics, "coverage_by_hour");
    if (!v || !v->is_list()) continue;
    const auto& hours = v->as_list();
    for (size_t h = 0; h < hours.size() && h < 168; ++h) {
      if (hours[h].is_null()) continue;
      rows.push_back(Rec({{"brand", Value(c.r.brands[b].name)}, {"day", kDays[h / 24]},
                          {"hour", Value(static_cast<int64_t>(h % 24))}, {"covered", hours[h]}}));
    }
  }
  if (rows.empty()) return Note("coverage_by_hour", "E10", title, "No inbound turns: there is no hour to cover.");
  const Value* sla = FindField(c.r.options, "sla_seconds");
  std::string sla_text = sla && sla->is_int() ? fmt::format("{:g} h", static_cast<double>(sla->as_int()) / 3600) : "the SLA";
  ValueList days;
  for (const char* d : kDays) days.push_back(Value(d));
  ValueList brands;
  for (size_t b : c.charted) brands.push_back(Value(c.r.brands[b].name));
  Value spec = Rec({{"$schema", "https://vega.github.io/schema/vega-lite/v5.json"},
                    {"data", Rec({{"values", List(std::move(rows))}})},
                    {"facet", Rec({{"field", "brand"}, {"type", "nominal"}, {"title", Value()}, {"sort", List(std::move(brands))},
                                   {"header", Rec({{"labelFontWeight", "bold"}, {"labelFontSize", 12}})}})},
                    {"columns", 2},
                    {"spec", Rec({{"width", 300},
                                  {"height", 112},
                                  {"mark", Rec({{"type", "rect"}, {"stroke", "#fff"}, {"strokeWidth", 0.5}})},
                                  {"encoding",
                                   Rec({{"x", Rec({{"field", "hour"}, {"type", "ordinal"}, {"title", Value(fmt::format("Hour ({})", c.tz))},
                                                   {"scale", Rec({{"domain", [] { ValueList l; for (int h = 0; h < 24; ++h) l.push_back(Value(h)); return List(std::move(l)); }()}})},
                                                   {"axis", Rec({{"values", List({0, 6, 12, 18})}, {"labelAngle", 0}})}})},
                                        {"y", Rec({{"field", "day"}, {"type", "ordinal"}, {"sort", List(std::move(days))}, {"title", Value()}})},
                                        {"color", Rec({{"field", "covered"}, {"type", "quantitative"},
                                                       {"title", Value(fmt::format("Answered within {}", sla_text))},
                                                       // Diverging red (none answered in time) to blue (all), readable
                                                       // by red-green colour-blind readers; blank: no turns.
                                                       {"scale", Rec({{"domain", List({0, 1})}, {"scheme", "redblue"}})},
                                                       {"legend", Rec({{"format", ".0%"}})}})},
                                        {"tooltip", List({Rec({{"field", "brand"}}), Rec({{"field", "day"}}), Rec({{"field", "hour"}}),
                                                          Rec({{"field", "covered"}, {"type", "quantitative"}, {"format", ".0%"}, {"title", "answered within SLA"}})})}})}})}});
  return Chart("coverage_by_hour", "E10", title,
               fmt::format("Share of the turns started in each hour of the week that were answered within {} "
                           "(pending turns left out). Blank: no turn started in that hour.", sla_text),
               std::move(spec));
}

Value DialogueMix(const Context& c) {
  std::string title = "Dialogue mix: what each brand posts";
  ValueList rows, order;
  const std::pair<const char*, const char*> kinds[] = {
      {"brand_replies", "Replies"}, {"broadcasts", "Broadcasts"}, {"brand_shares", "Shares"}};
  for (size_t b : c.charted) {
    const ScopeMetrics& m = c.r.brands[b].total;
    if (NumOr0(m, "brand_posts") <= 0) continue;
    order.push_back(Value(c.r.brands[b].name));
    for (auto [metric, label] : kinds)
      rows.push_back(Rec({{"brand", Value(c.r.brands[b].name)}, {"kind", label}, {"posts", Value(NumOr0(m, metric))}}));
  }
  if (rows.empty()) return Note("dialogue_mix", "E3", title, "No brand posted anything in the range.");
  Value spec = BaseSpec(
      List(std::move(rows)),
      {{"height", Value(static_cast<int64_t>(26 * c.charted.size()))},
       {"mark", "bar"},
       {"encoding",
        Rec({{"y", Rec({{"field", "brand"}, {"type", "nominal"}, {"sort", List(std::move(order))}, {"title", Value()}})},
             {"x", Rec({{"field", "posts"}, {"type", "quantitative"}, {"stack", "normalize"},
                        {"axis", Rec({{"title", "Share of the brand's posts"}, {"format", ".0%"}, {"tickCount", 5}})}})},
             {"color", Rec({{"field", "kind"}, {"type", "nominal"}, {"title", "Kind"},
                            {"scale", Rec({{"domain", List({"Replies", "Broadcasts", "Shares"})},
                                           {"range", List({"#59a14f", "#4e79a7", "#bab0ac"})}})}})},
             {"order", Rec({{"field", "kind"}})},
             {"tooltip", List({Rec({{"field", "brand"}}), Rec({{"field", "kind"}}),
                               Rec({{"field", "posts"}, {"type", "quantitative"}, {"format", ","}})})}})}});
  return Chart("dialogue_mix", "E3", title,
               "Whole range: replies to other accounts (dialogue), broadcasts (posts, quotes, thread continuations) and shares.",
               std::move(spec));
}

bool AnyValue(const Context& c, const std::string& metric) {
  for (size_t b : c.charted) {
    if (Num(c.r.brands[b].total, metric)) return true;
    for (const auto& [label, m] : c.r.brands[b].periods)
      if (Num(m, metric)) return true;
  }
  return false;
}

Value TableItem(const std::string& metric) {
  Shown d = Describe(metric);
  const MetricInfo* info = FindMetricInfo(metric);
  return Rec({{"id", Value(metric)},
              {"family", Value(d.family)},
              {"title", Value(d.label)},
              {"description", Value(info ? std::string(info->definition) : "")},
              {"table", Value(metric)}});
}

}  // namespace

const MetricInfo* FindMetricInfo(std::string_view name) {
  for (const auto& m : kCatalog)
    if (m.name == name) return &m;
  return nullptr;
}

Value BuildCharts(const ResultSet& r) {
  Context c{r, {}, Value(), "period", "UTC"};
  if (const Value* by = FindField(r.options, "by"); by && by->is_string()) c.period_unit = by->as_string();
  if (const Value* tz = FindField(r.options, "tz"); tz && tz->is_string()) c.tz = tz->as_string();

  // Busiest first: turns to answer, posts and mentions.
  std::vector<size_t> order(r.brands.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto activity = [&](size_t i) {
    const ScopeMetrics& m = r.brands[i].total;
    return NumOr0(m, "inbound_turns") + NumOr0(m, "brand_posts") + NumOr0(m, "buzz");
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return activity(a) > activity(b); });
  c.charted.assign(order.begin(), order.begin() + static_cast<long>(std::min(order.size(), kMaxChartedBrands)));

  // One colour per brand for every chart and table of the page.
  ValueList domain, range, brands;
  std::set<size_t> charted(c.charted.begin(), c.charted.end());
  // The charted brands take distinct colours, in the brands' order; the others
  // (in tables only) continue the cycle.
  std::vector<const char*> colors(r.brands.size());
  size_t next = 0;
  for (size_t i = 0; i < r.brands.size(); ++i)
    if (charted.count(i)) colors[i] = kPalette[next++ % std::size(kPalette)];
  for (size_t i = 0; i < r.brands.size(); ++i)
    if (!charted.count(i)) colors[i] = kPalette[next++ % std::size(kPalette)];
  for (size_t i = 0; i < r.brands.size(); ++i) {
    const char* color = colors[i];
    brands.push_back(Rec({{"name", Value(r.brands[i].name)},
                          {"color", color},
                          {"competitor", Value(r.brands[i].competitor)},
                          {"charted", Value(charted.count(i) > 0)}}));
    if (charted.count(i)) {
      domain.push_back(Value(r.brands[i].name));
      range.push_back(Value(color));
    }
  }
  c.color_scale = Rec({{"domain", List(std::move(domain))}, {"range", List(std::move(range))}});

  ValueList charts;
  if (!r.brands.empty()) {
    charts.push_back(ProfileChart(c));
    // E2 first, as a customer-care lead reads it; then every family's headline
    // trends, then metrics this catalogue does not know (new families).
    charts.push_back(TrendChart(c, "response_rate"));
    charts.push_back(TrendChart(c, "response_time_median"));
    charts.push_back(ResponseTimeDistribution(c));
    charts.push_back(CoverageHeatmap(c));
    charts.push_back(DialogueMix(c));
    std::set<std::string> done = {"response_rate", "response_time_median"};
    bool sentiment = AnyValue(c, "net_sentiment");
    for (const auto& m : kCatalog) {
      if (m.view != "trend" || done.count(std::string(m.name))) continue;
      const std::string name(m.name);
      if (!FindField(r.brands[0].total.metrics, name)) continue;  // family not built
      if (name == "net_sentiment" && !sentiment) {
        charts.push_back(Note("net_sentiment_over_periods", "E6", "Net sentiment",
                              "No sentiment scores: the inputs carry no text, or the report ran with --no-sentiment."));
        continue;
      }
      charts.push_back(TrendChart(c, name));
      done.insert(name);
    }
    for (const auto& [name, v] : r.brands[0].total.metrics) {
      if (FindMetricInfo(name)) continue;
      // A number in some brand's period records: a series worth a chart.
      bool numeric_series = false;
      for (const auto& b : r.brands)
        for (const auto& [label, m] : b.periods)
          if (Num(m, name)) numeric_series = true;
      if (numeric_series) charts.push_back(TrendChart(c, name));
    }
    // Tables: lists of records of the whole range (top posts, top conversations, ...).
    for (const auto& [name, v] : r.brands[0].total.metrics) {
      const MetricInfo* info = FindMetricInfo(name);
      bool table = info ? info->view == "table" : (v.is_list() && (v.as_list().empty() || v.as_list()[0].is_record()));
      if (table) charts.push_back(TableItem(name));
    }
  }

  ValueList families;
  for (auto [id, name] : kFamilies) families.push_back(Rec({{"id", Value(std::string(id))}, {"name", Value(std::string(name))}}));
  // The catalogue entries of the metrics in these results, plus the unknown ones.
  ValueRecord metrics;
  if (!r.brands.empty()) {
    for (const auto& [name, v] : r.brands[0].total.metrics) {
      Shown d = Describe(name);
      const MetricInfo* info = FindMetricInfo(name);
      metrics.emplace_back(name, Rec({{"family", Value(d.family)},
                                      {"label", Value(d.label)},
                                      {"unit", Value(d.unit)},
                                      {"definition", Value(info ? std::string(info->definition) : "")}}));
    }
  }
  return Rec({{"brands", List(std::move(brands))},
              {"families", List(std::move(families))},
              {"metrics", Rec(std::move(metrics))},
              {"charts", List(std::move(charts))}});
}

}  // namespace rapport
