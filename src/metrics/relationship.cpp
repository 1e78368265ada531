// E9 Relationship: "a long-term relationship"; "return on engagement". Who engages
// with the brand (replies to, mentions, shares or quotes it), who comes back, and
// how cohorts of first-time engagers keep engaging.
#include <algorithm>
#include <array>
#include <climits>
#include <map>
#include <utility>
#include <vector>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

constexpr int kMaxCohortOffsets = 12;

// An engagement as one sortable word: the author ref (the platform is the list's) in
// the high half, the period biased by 2^31 in the low half (periods of plausible
// instants, time.h, are a few tens of thousands). Sorted, an author's periods are
// adjacent and in order, so Finish reads them without a hash lookup.
constexpr int64_t kPeriodBias = int64_t{1} << 31;
uint64_t Engagement(uint32_t author, int64_t period) {
  return static_cast<uint64_t>(author) << 32 | static_cast<uint32_t>(period + kPeriodBias);
}
int64_t PeriodOfEngagement(uint64_t e) {
  return static_cast<int64_t>(e & 0xFFFFFFFFu) - kPeriodBias;
}

// Sorts words by an LSD radix sort on the bytes that differ between them (an author
// ref's low bytes and the period's): a few linear passes instead of a comparison sort
// of millions of engagements.
void RadixSort(std::vector<uint64_t>::iterator first, std::vector<uint64_t>::iterator last) {
  const size_t n = static_cast<size_t>(last - first);
  if (n < 256) {
    std::sort(first, last);
    return;
  }
  uint64_t any = 0, every = ~uint64_t{0};
  for (auto it = first; it != last; ++it) {
    any |= *it;
    every &= *it;
  }
  const uint64_t varying = any ^ every;
  std::vector<uint64_t> buffer(n);
  uint64_t* src = &*first;
  uint64_t* dst = buffer.data();
  for (int shift = 0; shift < 64; shift += 8) {
    if (((varying >> shift) & 0xFF) == 0) continue;
    std::array<size_t, 256> start{};
    for (size_t i = 0; i < n; ++i) ++start[(src[i] >> shift) & 0xFF];
    size_t sum = 0;
    for (size_t& c : start) sum += std::exchange(c, sum);
    for (size_t i = 0; i < n; ++i) dst[start[(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  if (src != &*first) std::copy(src, src + n, first);
}

// Engagements of one (brand, platform): a sorted, deduplicated prefix and the ones
// added since. Whenever the list has doubled since it last was, the new ones are
// sorted alone and merged into the prefix: duplicates (an author engaging many times
// in a period) never hold more than half of it, and each engagement is sorted once.
struct Engagements {
  std::vector<uint64_t> list;
  size_t compact = 0;  // list[0, compact) is sorted and deduplicated
  void Compact() {
    const auto mid = list.begin() + static_cast<std::ptrdiff_t>(compact);
    RadixSort(mid, list.end());
    std::inplace_merge(list.begin(), mid, list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    compact = list.size();
  }
  void CompactIfDoubled() {
    if (list.size() >= 4096 && list.size() >= 2 * compact) Compact();
  }
};

struct State : ClonableState<State> {
  // (brand, platform) -> engagements; all platforms are united at Finish, one brand at
  // a time (authors of different platforms are different engagers, so a sum).
  std::map<std::pair<int16_t, int>, Engagements> engagers;
  void Add(int16_t brand, Platform platform, int64_t period, uint32_t author) {
    Engagements& e = engagers[{brand, static_cast<int>(platform)}];
    e.list.push_back(Engagement(author, period));
    e.CompactIfDoubled();
  }
};

// The figures of one scope's engagers, by period from `base`.
struct Tally {
  int64_t base = 0;
  std::vector<int64_t> engagers, returning, cohort_size;  // by period - base
  // cohort period - base -> engagers still engaging at offsets 1..kMaxCohortOffsets
  std::vector<std::array<int64_t, kMaxCohortOffsets + 1>> still;
  int64_t total = 0, returning_any = 0;

  void Cover(int64_t lo, int64_t hi) {  // makes room for periods [lo, hi]
    if (engagers.empty()) {
      base = lo;
    } else if (lo < base) {
      size_t shift = static_cast<size_t>(base - lo);
      for (auto* v : {&engagers, &returning, &cohort_size}) v->insert(v->begin(), shift, 0);
      still.insert(still.begin(), shift, {});
      base = lo;
    }
    size_t n = static_cast<size_t>(
        std::max<int64_t>(hi - base + 1, static_cast<int64_t>(engagers.size())));
    for (auto* v : {&engagers, &returning, &cohort_size}) v->resize(n, 0);
    still.resize(n, {});
  }
  void Add(const Tally& o) {
    if (o.engagers.empty()) return;
    Cover(o.base, o.base + static_cast<int64_t>(o.engagers.size()) - 1);
    size_t at = static_cast<size_t>(o.base - base);
    for (size_t i = 0; i < o.engagers.size(); ++i) {
      engagers[at + i] += o.engagers[i];
      returning[at + i] += o.returning[i];
      cohort_size[at + i] += o.cohort_size[i];
      for (size_t k = 0; k < still[at + i].size(); ++k) still[at + i][k] += o.still[i][k];
    }
    total += o.total;
    returning_any += o.returning_any;
  }
};

// Each engager's periods in order: back when seen within the k previous periods, and
// counted in the cohort of its first period at every later one.
Tally Count(std::vector<uint64_t>& list, int k) {
  Tally t;
  if (list.empty()) return t;
  int64_t lo = PeriodOfEngagement(list[0]), hi = lo;
  for (uint64_t e : list) {
    lo = std::min(lo, PeriodOfEngagement(e));
    hi = std::max(hi, PeriodOfEngagement(e));
  }
  t.Cover(lo, hi);
  for (size_t i = 0; i < list.size();) {
    const uint64_t author = list[i] >> 32;
    const int64_t first = PeriodOfEngagement(list[i]);
    int64_t last = first;
    bool returned = false;
    ++t.total;
    ++t.engagers[static_cast<size_t>(first - t.base)];
    ++t.cohort_size[static_cast<size_t>(first - t.base)];
    for (++i; i < list.size() && list[i] >> 32 == author; ++i) {
      const int64_t p = PeriodOfEngagement(list[i]);
      ++t.engagers[static_cast<size_t>(p - t.base)];
      if (last >= p - k) {
        ++t.returning[static_cast<size_t>(p - t.base)];
        returned = true;
      }
      last = p;
      int64_t offset = p - first;
      if (offset <= kMaxCohortOffsets)
        ++t.still[static_cast<size_t>(first - t.base)][static_cast<size_t>(offset)];
    }
    t.returning_any += returned;
  }
  return t;
}

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
      uint32_t author = col.author[row];
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
    for (auto& [key, e] : static_cast<State&>(from).engagers) {
      auto& d = a[key];
      if (d.list.empty()) {
        d = std::move(e);
        continue;
      }
      d.list.insert(d.list.end(), e.list.begin(), e.list.end());
      d.CompactIfDoubled();
    }
    static_cast<State&>(from).engagers.clear();  // freed now, not when the join ends
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    const int k = ctx.options.returning_lookback;
    auto& engagers = static_cast<State&>(state).engagers;
    std::map<std::pair<int16_t, int>, Tally> tallies;
    for (auto& [key, e] : engagers) {
      e.Compact();
      tallies[key] = Count(e.list, k);
      std::vector<uint64_t>().swap(e.list);
    }
    for (int16_t b = 0; b < ctx.brand_count(); ++b) {
      Tally all;
      for (auto it = tallies.lower_bound({b, INT_MIN}); it != tallies.end() && it->first.first == b;
           ++it)
        all.Add(it->second);
      Emit(ctx, b, kAllPlatforms, all, out);
    }
    for (auto& [key, t] : tallies) Emit(ctx, key.first, key.second, t, out);
  }

 private:
  void Emit(const AnalysisContext& ctx, int16_t brand, int platform, const Tally& t,
            ResultSet& out) const {
    int64_t last = 0;
    for (size_t i = 0; i < t.engagers.size(); ++i) {
      int64_t n = t.engagers[i];
      if (n == 0) continue;
      int64_t p = t.base + static_cast<int64_t>(i);
      last = p;
      int64_t returning = t.returning[i];
      ScopeMetrics& m = ScopeTarget(ctx, out, {brand, p, platform});
      m.Set("engagers", n);
      m.Set("returning_engagers", returning);
      m.Set("new_engagers", n - returning);
      m.Set("returning_share", Value::Ratio(static_cast<double>(returning), static_cast<double>(n)));
      m.SetCoverage("relationship", Value(ValueRecord{{"engagers", Value(n)}}));
    }
    ScopeMetrics& total = ScopeTarget(ctx, out, {brand, kAllPeriods, platform});
    int64_t n = t.total, r = t.returning_any;
    total.Set("engagers", n);
    total.Set("returning_engagers", r);
    total.Set("new_engagers", n - r);
    total.Set("returning_share", Value::Ratio(static_cast<double>(r), static_cast<double>(n)));
    // Cohorts by first period of engagement: share still engaging o periods later.
    ValueList list;
    for (size_t i = 0; i < t.cohort_size.size(); ++i) {
      int64_t size = t.cohort_size[i];
      if (size == 0) continue;
      int64_t p = t.base + static_cast<int64_t>(i);
      ValueList retention;
      for (int64_t o = 1; o <= kMaxCohortOffsets && p + o <= last; ++o)
        retention.push_back(Value(static_cast<double>(t.still[i][static_cast<size_t>(o)]) /
                                  static_cast<double>(size)));
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
