// E9 Relationship: "a long-term relationship"; "return on engagement". Who engages
// with the brand (replies to, mentions, shares or quotes it), who comes back, and
// how cohorts of first-time engagers keep engaging.
#include <algorithm>
#include <climits>
#include <map>

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
  void Emit(const AnalysisContext& ctx, int k, int16_t brand, int platform, ByPeriod& periods,
            ResultSet& out) const {
    {
      AuthorSet all, returning_any;
      absl::flat_hash_map<uint64_t, int64_t> first_period;
      for (auto& [p, set] : periods) {
        int64_t returning = 0;
        for (uint64_t a : set) {
          bool back = false;
          for (int j = 1; j <= k && !back; ++j) {
            auto it = periods.find(p - j);
            back = it != periods.end() && it->second.contains(a);
          }
          if (back) {
            ++returning;
            returning_any.insert(a);
          }
          all.insert(a);
          first_period.try_emplace(a, p);  // periods are visited in order
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
      int64_t n = static_cast<int64_t>(all.size()), r = static_cast<int64_t>(returning_any.size());
      total.Set("engagers", n);
      total.Set("returning_engagers", r);
      total.Set("new_engagers", n - r);
      total.Set("returning_share", Value::Ratio(static_cast<double>(r), static_cast<double>(n)));
      // Cohorts by first period of engagement: share still engaging o periods later.
      std::map<int64_t, std::vector<uint64_t>> cohorts;
      for (auto& [a, p] : first_period) cohorts[p].push_back(a);
      int64_t last = periods.empty() ? 0 : periods.rbegin()->first;
      ValueList list;
      for (auto& [p, members] : cohorts) {
        ValueList retention;
        for (int64_t o = 1; o <= kMaxCohortOffsets && p + o <= last; ++o) {
          auto it = periods.find(p + o);
          int64_t still = 0;
          if (it != periods.end())
            for (uint64_t a : members) still += it->second.contains(a);
          retention.push_back(Value(static_cast<double>(still) / static_cast<double>(members.size())));
        }
        list.push_back(Value(ValueRecord{{"cohort", Value(ctx.calendar.Label(p))},
                                         {"size", Value(members.size())},
                                         {"retention", Value(std::move(retention))}}));
      }
      total.Set("cohort_retention", Value(std::move(list)));
      total.SetCoverage("relationship", Value(ValueRecord{{"engagers", Value(n)}}));
    }
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeRelationship() { return std::make_unique<Relationship>(); }

}  // namespace rapport
