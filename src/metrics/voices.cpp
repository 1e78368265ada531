// E4 Voices: "a forum for multiple voices". Per conversation rooted at a brand post:
// how many audience authors take part, how deep it goes, whether they talk to each
// other, and whether one voice dominates; then averaged over the brand's posts.
#include <algorithm>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct VoicesState {
  int64_t posts = 0, participants = 0, replies = 0, max_depth = 0;
  // Means of per-conversation ratios over the conversations where they are defined.
  double a2a_sum = 0, gini_sum = 0;
  int64_t a2a_n = 0, gini_n = 0;
  void Merge(VoicesState& o) {
    posts += o.posts;
    participants += o.participants;
    replies += o.replies;
    max_depth += o.max_depth;
    a2a_sum += o.a2a_sum;
    gini_sum += o.gini_sum;
    a2a_n += o.a2a_n;
    gini_n += o.gini_n;
  }
};

struct State : ClonableState<State> {
  ScopedStates<VoicesState> scopes;
  absl::flat_hash_map<uint64_t, int64_t> replies_by_author;  // scratch
  std::vector<int64_t> counts;                               // scratch
};

}  // namespace

// Gini coefficient of non-negative counts (0 = all equal); null below 2 values.
Value Gini(std::vector<int64_t>& x) {
  if (x.size() < 2) return Value();
  std::sort(x.begin(), x.end());
  double n = static_cast<double>(x.size()), total = 0, weighted = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    total += static_cast<double>(x[i]);
    weighted += static_cast<double>(i + 1) * static_cast<double>(x[i]);
  }
  if (total == 0) return Value();
  return Value(2 * weighted / (n * total) - (n + 1) / n);
}

namespace {

class Voices final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E4"; }
  std::string_view name() const override { return "voices"; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& st = static_cast<State&>(state);
    const auto& col = ctx.table.columns();
    uint32_t root = conv.root();
    if (root == kNoRef) return;
    EventType root_type = col.type[root];
    if (root_type != EventType::kPost && root_type != EventType::kQuote) return;
    int16_t brand = ctx.roles.BrandOfAuthor(col.platform[root], col.author[root]);
    if (brand == kAudience || !ctx.InRange(col.created_at[root])) return;

    st.replies_by_author.clear();
    int64_t replies = 0, a2a = 0;
    uint32_t max_depth = 0;
    for (size_t i = 0; i < conv.size(); ++i) {
      uint32_t row = conv.rows()[i];
      if (row == root || col.type[row] != EventType::kReply) continue;
      ++replies;
      max_depth = std::max(max_depth, ctx.threads.depth(row));
      if (conv.author_brand(i) != kAudience) continue;
      ++st.replies_by_author[static_cast<uint64_t>(col.platform[row]) << 32 | col.author[row]];
      uint32_t pr = ctx.threads.parent_row(row);
      if (pr != kNoRef && ctx.roles.BrandOfAuthor(col.platform[pr], col.author[pr]) == kAudience)
        ++a2a;
    }
    st.counts.clear();
    for (auto& [a, n] : st.replies_by_author) st.counts.push_back(n);
    Value gini = Gini(st.counts);
    int64_t participants = static_cast<int64_t>(st.replies_by_author.size());
    st.scopes.Add(brand, ctx.calendar.PeriodOf(col.created_at[root]), col.platform[root],
                  [&](VoicesState& s) {
                    ++s.posts;
                    s.participants += participants;
                    s.replies += replies;
                    s.max_depth += max_depth;
                    if (replies > 0) {
                      s.a2a_sum += static_cast<double>(a2a) / static_cast<double>(replies);
                      ++s.a2a_n;
                    }
                    if (!gini.is_null()) {
                      s.gini_sum += gini.as_double();
                      ++s.gini_n;
                    }
                  });
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    scopes.ForEach([&](const ScopeKey& key, auto* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      double posts = static_cast<double>(s->posts);
      m.Set("brand_rooted_conversations", s->posts);
      m.Set("participants", Value::Ratio(static_cast<double>(s->participants), posts));
      m.Set("replies", Value::Ratio(static_cast<double>(s->replies), posts));
      m.Set("max_depth", Value::Ratio(static_cast<double>(s->max_depth), posts));
      m.Set("audience_to_audience_share", Value::Ratio(s->a2a_sum, static_cast<double>(s->a2a_n)));
      m.Set("voice_concentration", Value::Ratio(s->gini_sum, static_cast<double>(s->gini_n)));
      m.SetCoverage("voices", Value(ValueRecord{{"brand_posts", Value(s->posts)},
                                                {"with_replies", Value(s->a2a_n)},
                                                {"with_2_participants", Value(s->gini_n)}}));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeVoices() { return std::make_unique<Voices>(); }

}  // namespace rapport
