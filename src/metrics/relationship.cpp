// E9 Relationship: "a long-term relationship"; "return on engagement". Who engages
// with the brand (replies to, mentions, shares or quotes it), who comes back, and
// how cohorts of first-time engagers keep engaging.
#include <algorithm>
#include <array>
#include <climits>
#include <map>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

constexpr int kMaxCohortOffsets = 12;

using AuthorSet = absl::flat_hash_set<uint64_t>;
using ByPeriod = std::map<int64_t, AuthorSet>;

struct State : ClonableState<State> {
  // (brand, platform) -> period -> engagers; all platforms are united at Finish, one
  // brand at a time, so each engagement is held once.
  std::map<std::pair<int16_t, int>, ByPeriod> engagers;
  void Add(int16_t brand, Platform platform, int64_t period, uint64_t author) {
    engagers[{brand, static_cast<int>(platform)}][period].insert(author);
  }
};

class Relationship final : public MetricFamily {
 public:
  std::string_view id() const override { return "E9"; }
  std::string_view name() const override { return "relationship"; }
  std::unique_ptr<FamilyState> NewState(const AnalysisContext&) const override {
    return std::make_unique<State>();
  }

  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& st = static_cast<State&>(state);
    const auto& col = ctx.table.columns();
    for (size_t i = 0; i < conv.size(); ++i) {
      if (conv.author_brand(i) != kAudience) continue;
      uint32_t row = conv.rows()[i];
      Seconds t = col.created_at[row];
      if (!ctx.InRange(t)) continue;
      uint64_t author = static_cast<uint64_t>(col.platform[row]) << 32 | col.author[row];
      int64_t period = ctx.calendar.PeriodOf(t);
      for (int16_t b : conv.mention_brands(i)) st.Add(b, col.platform[row], period, author);
      if (col.type[row] == EventType::kShare) {  // a share of the brand's content
        uint32_t pr = ctx.threads.parent_row(row);
        if (pr == kNoRef || col.type[pr] == EventType::kShare) continue;
        int16_t b = ctx.roles.BrandOfAuthor(col.platform[pr], col.author[pr]);
        if (b != kAudience) st.Add(b, col.platform[row], period, author);
      }
    }
  }

  void Merge(FamilyState& into, FamilyState& from) const override {
    auto& a = static_cast<State&>(into).engagers;
    for (auto& [key, periods] : static_cast<State&>(from).engagers) {
      auto& dst = a[key];
      for (auto& [p, set] : periods) {
        auto& d = dst[p];
        if (d.empty()) d = std::move(set);
        else d.insert(set.begin(), set.end());
      }
    }
    static_cast<State&>(from).engagers.clear();  // freed now, not when the join ends
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    const int k = ctx.options.returning_lookback;
    auto& engagers = static_cast<State&>(state).engagers;
    for (int16_t b = 0; b < ctx.brand_count(); ++b) {
      // The brand across platforms (authors are platform-scoped keys, so a union).
      ByPeriod all;
      for (auto it = engagers.lower_bound({b, INT_MIN}); it != engagers.end() && it->first.first == b; ++it)
        for (auto& [p, set] : it->second) all[p].insert(set.begin(), set.end());
      Emit(ctx, k, b, kAllPlatforms, all, out);
    }
    for (auto& [key, periods] : engagers) Emit(ctx, k, key.first, key.second, periods, out);
  }

 private:
  // One pass over the periods in order, one hash lookup per (period, engager): each
  // engager's first and last period so far say whether they are back (seen within the
  // k previous periods) and which cohort they belong to (counted at every later period).
  void Emit(const AnalysisContext& ctx, int k, int16_t brand, int platform, ByPeriod& periods,
            ResultSet& out) const {
    struct Seen {
      int64_t first, last;
      bool returned;
    };
    absl::flat_hash_map<uint64_t, Seen> seen;
    // cohort period -> engagers still engaging at offsets 1..kMaxCohortOffsets
    std::map<int64_t, std::array<int64_t, kMaxCohortOffsets + 1>> still;
    std::map<int64_t, int64_t> cohort_size;
    int64_t returning_any = 0;
    for (auto& [p, set] : periods) {
      int64_t returning = 0;
      for (uint64_t a : set) {
        auto [it, fresh] = seen.try_emplace(a, Seen{p, p, false});
        if (fresh) {
          ++cohort_size[p];
          continue;
        }
        Seen& s = it->second;
        if (s.last >= p - k) {
          ++returning;
          if (!s.returned) ++returning_any;
          s.returned = true;
        }
        s.last = p;
        int64_t offset = p - s.first;
        if (offset <= kMaxCohortOffsets) ++still[s.first][static_cast<size_t>(offset)];
      }
      ScopeMetrics& m = ScopeTarget(ctx, out, {brand, p, platform});
      int64_t n = static_cast<int64_t>(set.size());
      m.Set("engagers", n);
      m.Set("returning_engagers", returning);
      m.Set("new_engagers", n - returning);
      m.Set("returning_share", Value::Ratio(static_cast<double>(returning), static_cast<double>(n)));
      m.SetCoverage("relationship", Value(ValueRecord{{"engagers", Value(n)}}));
    }
    ScopeMetrics& total = ScopeTarget(ctx, out, {brand, kAllPeriods, platform});
    int64_t n = static_cast<int64_t>(seen.size()), r = returning_any;
    total.Set("engagers", n);
    total.Set("returning_engagers", r);
    total.Set("new_engagers", n - r);
    total.Set("returning_share", Value::Ratio(static_cast<double>(r), static_cast<double>(n)));
    // Cohorts by first period of engagement: share still engaging o periods later.
    int64_t last = periods.empty() ? 0 : periods.rbegin()->first;
    ValueList list;
    for (auto& [p, size] : cohort_size) {
      ValueList retention;
      auto counts = still.find(p);
      for (int64_t o = 1; o <= kMaxCohortOffsets && p + o <= last; ++o) {
        int64_t c = counts == still.end() ? 0 : counts->second[static_cast<size_t>(o)];
        retention.push_back(Value(static_cast<double>(c) / static_cast<double>(size)));
      }
      list.push_back(Value(ValueRecord{{"cohort", Value(ctx.calendar.Label(p))},
                                       {"size", Value(size)},
                                       {"retention", Value(std::move(retention))}}));
    }
    total.Set("cohort_retention", Value(std::move(list)));
    total.SetCoverage("relationship", Value(ValueRecord{{"engagers", Value(n)}}));
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeRelationship() { return std::make_unique<Relationship>(); }

}  // namespace rapport
