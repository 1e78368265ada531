// E5 Amplification: "sharing, forwarding, retweeting or posting brand content". How
// often the brand's content was re-shared or quoted (the platforms' counters), per
// post and per follower, and how often the audience talked about the brand without
// replying to it (earned mentions).
//
// Brand content is the brand's posts, replies and quotes (not its shares), in the
// period and platform of its own time. A post without a `shares` counter is not
// measured: it is left out of every ratio and counted in coverage. A measured post
// without a `quotes` counter counts 0 quotes and is counted as such in coverage.
// Share events in the input are not counted: the counter already counts them, and a
// sample holds only some of them.
#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

struct AmplificationState {
  int64_t content = 0;         // brand posts, replies and quotes
  int64_t measured = 0;        // with a shares counter
  int64_t without_quotes = 0;  // measured, quotes unknown (counted as 0)
  int64_t shares = 0, quotes = 0;
  double rate_sum = 0;  // (shares + quotes) / followers over measured posts with followers
  int64_t with_followers = 0;
  int64_t mentions = 0;            // audience mentions of the brand (E6 buzz)
  int64_t earned = 0;              // of those, not replies to the brand
  int64_t unknown_parent = 0;      // replies whose parent is not in the input
  void Merge(const AmplificationState& o) {
    content += o.content;
    measured += o.measured;
    without_quotes += o.without_quotes;
    shares += o.shares;
    quotes += o.quotes;
    rate_sum += o.rate_sum;
    with_followers += o.with_followers;
    mentions += o.mentions;
    earned += o.earned;
    unknown_parent += o.unknown_parent;
  }
};

struct State : ClonableState<State> {
  ScopedStates<AmplificationState> scopes;
};

class Amplification final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E5"; }
  std::string_view name() const override { return "amplification"; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    for (size_t i = 0; i < conv.size(); ++i) {
      uint32_t row = conv.rows()[i];
      EventType type = col.type[row];
      if (!IsMessage(type)) continue;
      Seconds t = col.created_at[row];
      if (!ctx.InRange(t)) continue;
      const int64_t period = ctx.calendar.PeriodOf(t);
      const Platform platform = col.platform[row];
      int16_t b = conv.author_brand(i);
      if (b != kAudience) {
        int64_t shares = ctx.table.Counter(Counter::kShares, row);
        int64_t quotes = ctx.table.Counter(Counter::kQuotes, row);
        uint32_t f = col.followers.empty() ? CounterColumns::kUnknown32 : col.followers[row];
        scopes.Add(b, period, platform, [&](AmplificationState& s) {
          ++s.content;
          if (shares == kUnknownCount) return;
          ++s.measured;
          s.shares += shares;
          int64_t amplified = shares;
          if (quotes == kUnknownCount) {
            ++s.without_quotes;
          } else {
            s.quotes += quotes;
            amplified += quotes;
          }
          if (f != CounterColumns::kUnknown32 && f > 0) {
            ++s.with_followers;
            s.rate_sum += static_cast<double>(amplified) / static_cast<double>(f);
          }
        });
        continue;
      }
      auto brands = conv.mention_brands(i);
      if (brands.empty()) continue;
      // A reply is to the brand when its parent's author is one of the brand's
      // accounts; a reply whose parent is missing cannot be placed either way.
      int16_t parent_brand = kAudience;
      bool parent_missing = false;
      if (type == EventType::kReply) {
        uint32_t parent = ctx.threads.parent_row(row);
        if (parent == kNoRef) parent_missing = true;
        else parent_brand = ctx.roles.BrandOfAuthor(col.platform[parent], col.author[parent]);
      }
      for (int16_t mb : brands) {
        scopes.Add(mb, period, platform, [&](AmplificationState& s) {
          ++s.mentions;
          if (parent_missing) ++s.unknown_parent;
          else if (parent_brand != mb) ++s.earned;
        });
      }
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    scopes.EnsureTotals(ctx.brand_count());
    scopes.ForEach([&](const ScopeKey& key, AmplificationState* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      m.Set("shares", s->shares);
      m.Set("quotes", s->quotes);
      m.Set("shares_per_post", Value::Ratio(static_cast<double>(s->shares + s->quotes),
                                            static_cast<double>(s->measured)));
      m.Set("amplification_rate", Value::Ratio(s->rate_sum, static_cast<double>(s->with_followers)));
      m.Set("earned_mentions", s->earned);
      m.SetCoverage("amplification", Value(ValueRecord{
                                         {"content_posts", Value(s->content)},
                                         {"measured", Value(s->measured)},
                                         {"excluded_no_shares", Value(s->content - s->measured)},
                                         {"without_quotes", Value(s->without_quotes)},
                                         {"with_followers", Value(s->with_followers)},
                                         {"mentions", Value(s->mentions)},
                                         {"excluded_unknown_parent", Value(s->unknown_parent)},
                                     }));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeAmplification() { return std::make_unique<Amplification>(); }

}  // namespace rapport
