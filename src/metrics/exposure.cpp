// E1 Exposure and action: "engagement is a function of exposure and action". The
// actions each brand post drew (its interaction counters, per the platform's own
// definition, weighted), against its impressions, reach and the author's followers.
//
// Brand content is the brand's posts, replies and quotes (not its shares), counted in
// the period and platform of its own time. A post with none of its platform's action
// counters is not measured: it is left out of every figure and counted in coverage,
// never taken as 0 actions. A post with some of them lacks only those: they count as
// 0 (METRICS.md) and the post is counted as incomplete in coverage.
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/actions.h"
#include "core/time.h"
#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct Ranked {
  double actions;
  Seconds time;
  uint32_t row;  // rows are in input order whatever the thread count: a stable tie-break
};

// Most actions first, then earliest, then first in the input.
bool RanksBefore(const Ranked& a, const Ranked& b) {
  if (a.actions != b.actions) return a.actions > b.actions;
  if (a.time != b.time) return a.time < b.time;
  return a.row < b.row;
}

struct ExposureState {
  int64_t content = 0;       // brand posts, replies and quotes
  int64_t measured = 0;      // with at least one action counter
  int64_t incomplete = 0;    // measured, but a required counter was missing
  double actions = 0;        // sum over measured posts
  std::vector<double> per_post;  // actions of each measured post (median)
  double actions_with_impressions = 0;
  int64_t impressions = 0, with_impressions = 0;
  double actions_with_reach = 0;
  int64_t reach = 0, with_reach = 0;
  double followers_rate_sum = 0;
  int64_t with_followers = 0;
  std::vector<Ranked> top;  // at most 2 x top_n between trims
  // The last post kept by the last trim: at least top_n kept posts rank before it or
  // are it, so a post that does not rank before it can never be in the top.
  std::optional<Ranked> floor;

  void Trim(size_t n) {
    if (top.size() <= n) return;
    std::partial_sort(top.begin(), top.begin() + static_cast<ptrdiff_t>(n), top.end(), RanksBefore);
    top.resize(n);
    if (n > 0) floor = top[n - 1];
  }
  // top_n of the posts offered here or merged in; 0 when none was.
  size_t limit = 0;

  // A candidate for the top, unless it cannot get there.
  void Offer(const Ranked& r, size_t top_n) {
    limit = top_n;
    if (floor && !RanksBefore(r, *floor)) return;
    top.push_back(r);
    if (top.size() > 2 * top_n) Trim(top_n);
  }
  void Merge(ExposureState& o) {
    content += o.content;
    measured += o.measured;
    incomplete += o.incomplete;
    actions += o.actions;
    per_post.insert(per_post.end(), o.per_post.begin(), o.per_post.end());
    actions_with_impressions += o.actions_with_impressions;
    impressions += o.impressions;
    with_impressions += o.with_impressions;
    actions_with_reach += o.actions_with_reach;
    reach += o.reach;
    with_reach += o.with_reach;
    followers_rate_sum += o.followers_rate_sum;
    with_followers += o.with_followers;
    top.insert(top.end(), o.top.begin(), o.top.end());
    // Merged states are trimmed at Finish; until then they keep twice the top_n their
    // posts were offered with (kMaxTop when none was).
    limit = std::max(limit, o.limit);
    const size_t keep = limit > 0 ? limit : kMaxTop;
    if (top.size() > 2 * keep) Trim(keep);
  }
  static constexpr size_t kMaxTop = 1000;
};

struct State : ClonableState<State> {
  ScopedStates<ExposureState> scopes;
};

// Actions of one row, or nullopt when the row has none of its platform's counters.
struct PostActions {
  double actions = 0;
  bool measured = false;
  bool incomplete = false;
};

PostActions ActionsOfRow(const EventTable& table, const ActionWeights& w, uint32_t row) {
  PostActions a;
  const ActionDefinition& def = ActionsOf(table.columns().platform[row]);
  for (Counter c : def.required) {
    int64_t v = table.Counter(c, row);
    if (v == kUnknownCount) {
      a.incomplete = true;
      continue;
    }
    a.measured = true;
    a.actions += w[static_cast<int>(c)] * static_cast<double>(v);
  }
  for (Counter c : def.optional) {
    int64_t v = table.Counter(c, row);
    if (v == kUnknownCount) continue;
    a.measured = true;
    a.actions += w[static_cast<int>(c)] * static_cast<double>(v);
  }
  return a;
}

int64_t Followers(const EventTable& table, uint32_t row) {
  uint32_t f = table.columns().followers.empty() ? CounterColumns::kUnknown32
                                                  : table.columns().followers[row];
  return f == CounterColumns::kUnknown32 ? kUnknownCount : static_cast<int64_t>(f);
}

bool Integral(const ActionWeights& w) {
  for (double x : w)
    if (x != std::floor(x)) return false;
  return true;
}

class Exposure final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E1"; }
  std::string_view name() const override { return "exposure"; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    const size_t top_n = static_cast<size_t>(std::clamp(ctx.options.top_n, 0, static_cast<int>(ExposureState::kMaxTop)));
    for (size_t i = 0; i < conv.size(); ++i) {
      int16_t b = conv.author_brand(i);
      if (b == kAudience) continue;
      uint32_t row = conv.rows()[i];
      if (!IsMessage(col.type[row])) continue;
      Seconds t = col.created_at[row];
      if (!ctx.InRange(t)) continue;
      PostActions a = ActionsOfRow(ctx.table, ctx.options.action_weights, row);
      int64_t impressions = ctx.table.Counter(Counter::kImpressions, row);
      int64_t reach = ctx.table.Counter(Counter::kReach, row);
      int64_t followers = Followers(ctx.table, row);
      scopes.Add(b, ctx.calendar.PeriodOf(t), col.platform[row], [&](ExposureState& s) {
        ++s.content;
        if (!a.measured) return;
        ++s.measured;
        s.incomplete += a.incomplete;
        s.actions += a.actions;
        s.per_post.push_back(a.actions);
        if (impressions != kUnknownCount) {
          ++s.with_impressions;
          s.impressions += impressions;
          s.actions_with_impressions += a.actions;
        }
        if (reach != kUnknownCount) {
          ++s.with_reach;
          s.reach += reach;
          s.actions_with_reach += a.actions;
        }
        if (followers != kUnknownCount && followers > 0) {
          ++s.with_followers;
          s.followers_rate_sum += a.actions / static_cast<double>(followers);
        }
        if (top_n > 0) s.Offer({a.actions, t, row}, top_n);
      });
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    const bool integral = Integral(ctx.options.action_weights);
    const size_t top_n = static_cast<size_t>(std::clamp(ctx.options.top_n, 0, static_cast<int>(ExposureState::kMaxTop)));
    auto amount = [&](double x) { return integral ? Value(static_cast<int64_t>(std::llround(x))) : Value(x); };
    scopes.ForEach([&](const ScopeKey& key, ExposureState* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      const double measured = static_cast<double>(s->measured);
      m.Set("content_posts", s->content);
      m.Set("actions", amount(s->actions));
      m.Set("actions_per_post_mean", Value::Ratio(s->actions, measured));
      m.Set("actions_per_post_median", Quantile(s->per_post, 0.5));
      Value by_impressions = Value::Ratio(s->actions_with_impressions, static_cast<double>(s->impressions));
      Value by_followers = Value::Ratio(s->followers_rate_sum, static_cast<double>(s->with_followers));
      m.Set("engagement_rate_impressions", by_impressions);
      m.Set("engagement_rate_reach", Value::Ratio(s->actions_with_reach, static_cast<double>(s->reach)));
      m.Set("engagement_rate_followers", by_followers);
      // E0's headline: impressions, else followers (METRICS.md E0).
      const bool use_impressions = !by_impressions.is_null();
      m.Set("engagement_rate", use_impressions ? by_impressions : by_followers);
      m.Set("engagement_rate_basis", use_impressions        ? Value("impressions")
                                     : !by_followers.is_null() ? Value("followers")
                                                               : Value());
      if (key.period == kAllPeriods) {
        s->Trim(top_n);
        std::sort(s->top.begin(), s->top.end(), RanksBefore);
        ValueList top;
        for (const Ranked& r : s->top) top.push_back(TopPost(ctx, r, amount));
        m.Set("top_posts", Value(std::move(top)));
      }
      m.SetCoverage("exposure", Value(ValueRecord{
                                    {"content_posts", Value(s->content)},
                                    {"measured", Value(s->measured)},
                                    {"excluded_no_counters", Value(s->content - s->measured)},
                                    {"incomplete_counters", Value(s->incomplete)},
                                    {"with_impressions", Value(s->with_impressions)},
                                    {"with_reach", Value(s->with_reach)},
                                    {"with_followers", Value(s->with_followers)},
                                }));
    });
  }

 private:
  // A top post with its own rate: by impressions when it has some, else by followers.
  template <typename Amount>
  static Value TopPost(const AnalysisContext& ctx, const Ranked& r, const Amount& amount) {
    const EventTable& table = ctx.table;
    int64_t impressions = table.Counter(Counter::kImpressions, r.row);
    int64_t followers = Followers(table, r.row);
    Value rate, basis;
    if (impressions != kUnknownCount && impressions > 0) {
      rate = Value(r.actions / static_cast<double>(impressions));
      basis = Value("impressions");
    } else if (followers != kUnknownCount && followers > 0) {
      rate = Value(r.actions / static_cast<double>(followers));
      basis = Value("followers");
    }
    return Value(ValueRecord{
        {"id", Value(std::string(table.IdString(r.row)))},
        {"platform", Value(std::string(PlatformName(table.columns().platform[r.row])))},
        {"type", Value(std::string(EventTypeName(table.columns().type[r.row])))},
        {"created_at", Value(FormatRfc3339(r.time))},
        {"actions", amount(r.actions)},
        {"impressions", impressions == kUnknownCount ? Value() : Value(impressions)},
        {"followers", followers == kUnknownCount ? Value() : Value(followers)},
        {"engagement_rate", rate},
        {"rate_basis", basis},
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeExposure() { return std::make_unique<Exposure>(); }

}  // namespace rapport
