// E3 Dialogue: "talking + listening"; "the opposite of engagement is propaganda".
// The brand's own messages split into broadcasts, replies and shares; and how often
// the brand and one audience author take turns in a conversation.
#include <algorithm>

#include "metrics/family.h"
#include "metrics/scope.h"

namespace rapport {
namespace {

// One conversation the brand wrote in, a candidate for `top_conversations`.
struct TopConversation {
  int64_t messages = 0, audience_authors = 0, brand_messages = 0, exchanges = 0;
  uint32_t first_row = 0;  // its first message in reading order: its id and start
};

// Most messages first, then most exchanges, then input order: a total order, so the
// kept list does not depend on how the conversations were split between threads.
bool BusierThan(const TopConversation& a, const TopConversation& b) {
  if (a.messages != b.messages) return a.messages > b.messages;
  if (a.exchanges != b.exchanges) return a.exchanges > b.exchanges;
  return a.first_row < b.first_row;
}

constexpr size_t kTopConversations = 10;

struct DialogueState {
  int64_t broadcasts = 0, replies = 0, shares = 0, promotional = 0;
  int64_t conversations = 0, exchanges = 0, back_and_forth = 0;
  std::vector<TopConversation> top;  // the busiest, trimmed to kTopConversations as it grows
  void Trim() {
    if (top.size() <= kTopConversations) return;
    std::partial_sort(top.begin(), top.begin() + kTopConversations, top.end(), BusierThan);
    top.resize(kTopConversations);
  }
  void Merge(DialogueState& o) {
    top.insert(top.end(), o.top.begin(), o.top.end());
    if (top.size() > 2 * kTopConversations) Trim();
    broadcasts += o.broadcasts;
    replies += o.replies;
    shares += o.shares;
    promotional += o.promotional;
    conversations += o.conversations;
    exchanges += o.exchanges;
    back_and_forth += o.back_and_forth;
  }
};

struct State : ClonableState<State> {
  ScopedStates<DialogueState> scopes;
  absl::flat_hash_map<uint64_t, std::pair<int64_t, int64_t>> author_runs;  // scratch
};

class Dialogue final : public ScopedFamily<State> {
 public:
  std::string_view id() const override { return "E3"; }
  std::string_view name() const override { return "dialogue"; }
  unsigned text_signals() const override { return kReadsPromotional; }
  void Accumulate(const AnalysisContext& ctx, const Conversation& conv,
                  FamilyState& state) const override {
    auto& st = static_cast<State&>(state);
    const auto& col = ctx.table.columns();
    // The mix of the brand's messages.
    for (size_t i = 0; i < conv.size(); ++i) {
      int16_t b = conv.author_brand(i);
      if (b == kAudience) continue;
      uint32_t row = conv.rows()[i];
      EventType type = col.type[row];
      if (!ctx.InRange(col.created_at[row])) continue;
      int kind;  // 0 broadcast, 1 reply, 2 share
      if (type == EventType::kShare) {
        kind = 2;
      } else if (type == EventType::kPost || type == EventType::kQuote) {
        kind = 0;
      } else if (type == EventType::kReply) {
        // A reply to the brand's own message continues a broadcast (a thread); a reply
        // to anyone else, or to a message missing from the input, is a reply.
        uint32_t pr = ctx.threads.parent_row(row);
        bool own = pr != kNoRef && ctx.roles.BrandOfAuthor(col.platform[pr], col.author[pr]) == b;
        kind = own ? 0 : 1;
      } else {
        continue;
      }
      bool promo = kind == 0 && (col.text_flags[row] & kPromotional);
      st.scopes.Add(b, ctx.calendar.PeriodOf(col.created_at[row]), col.platform[row],
                    [&](DialogueState& s) {
                      if (kind == 0) ++s.broadcasts;
                      if (kind == 1) ++s.replies;
                      if (kind == 2) ++s.shares;
                      s.promotional += promo;
                    });
    }
    // Exchanges: alternations between the brand and each audience author, counted on
    // the messages of the two alone (brand, author, brand = 2 alternations).
    for (int16_t b : conv.participating_brands()) {
      auto& runs = st.author_runs;  // author -> (brand messages seen at its last message, alternations)
      runs.clear();
      int64_t brand_messages = 0;
      uint32_t first_brand_row = kNoRef;
      for (size_t i = 0; i < conv.size(); ++i) {
        uint32_t row = conv.rows()[i];
        if (!IsMessage(col.type[row])) continue;
        int16_t ab = conv.author_brand(i);
        if (ab == b) {
          ++brand_messages;
          if (first_brand_row == kNoRef) first_brand_row = row;
        } else if (ab == kAudience) {
          uint64_t author = static_cast<uint64_t>(col.platform[row]) << 32 | col.author[row];
          auto [it, fresh] = runs.try_emplace(author, brand_messages, 0);
          if (fresh) {
            if (brand_messages > 0) it->second.second = 1;  // brand -> author
          } else if (brand_messages > it->second.first) {
            it->second.second += 2;  // author -> brand -> author
          }
          it->second.first = brand_messages;
        }
      }
      int64_t exchanges = 0, best = 0, messages = 0;
      for (size_t i = 0; i < conv.size(); ++i) messages += IsMessage(col.type[conv.rows()[i]]);
      for (auto& [author, r] : runs) {
        int64_t alt = r.second + (brand_messages > r.first ? 1 : 0);  // author -> brand
        exchanges += alt;
        best = std::max(best, alt);
      }
      if (first_brand_row == kNoRef || !ctx.InRange(col.created_at[first_brand_row])) continue;
      st.scopes.Add(b, ctx.calendar.PeriodOf(col.created_at[first_brand_row]),
                    col.platform[first_brand_row], [&](DialogueState& s) {
                      ++s.conversations;
                      s.exchanges += exchanges;
                      s.back_and_forth += best >= 2;
                      s.top.push_back({messages, static_cast<int64_t>(runs.size()), brand_messages, exchanges,
                                       conv.rows()[0]});
                      if (s.top.size() > 2 * kTopConversations) s.Trim();
                    });
    }
  }

  void Finish(const AnalysisContext& ctx, FamilyState& state, ResultSet& out) const override {
    auto& scopes = static_cast<State&>(state).scopes;
    const auto& col = ctx.table.columns();
    scopes.EnsureTotals(ctx.brand_count());
    scopes.ForEach([&](const ScopeKey& key, auto* s) {
      ScopeMetrics& m = ScopeTarget(ctx, out, key);
      int64_t all = s->broadcasts + s->replies + s->shares;
      m.Set("brand_posts", all);
      m.Set("broadcasts", s->broadcasts);
      m.Set("brand_replies", s->replies);
      m.Set("brand_shares", s->shares);
      m.Set("dialogue_ratio", Value::Ratio(static_cast<double>(s->replies), static_cast<double>(all)));
      m.Set("promotional_share",
            ctx.options.text_classified
                ? Value::Ratio(static_cast<double>(s->promotional), static_cast<double>(s->broadcasts))
                : Value());
      m.Set("brand_conversations", s->conversations);
      m.Set("exchanges", s->exchanges);
      m.Set("exchanges_per_conversation", Value::Ratio(static_cast<double>(s->exchanges),
                                                       static_cast<double>(s->conversations)));
      m.Set("back_and_forth_share", Value::Ratio(static_cast<double>(s->back_and_forth),
                                                 static_cast<double>(s->conversations)));
      if (key.period == kAllPeriods) {
        s->Trim();
        std::sort(s->top.begin(), s->top.end(), BusierThan);
        ValueList top;
        for (const TopConversation& t : s->top) {
          top.push_back(Value(ValueRecord{
              {"conversation", Value(std::string(ctx.table.IdString(t.first_row)))},
              {"platform", Value(std::string(PlatformName(col.platform[t.first_row])))},
              {"started_at", Value(FormatRfc3339(col.created_at[t.first_row]))},
              {"messages", Value(t.messages)},
              {"audience_authors", Value(t.audience_authors)},
              {"brand_messages", Value(t.brand_messages)},
              {"exchanges", Value(t.exchanges)}}));
        }
        m.Set("top_conversations", Value(std::move(top)));
      }
      m.SetCoverage("dialogue", Value(ValueRecord{{"brand_messages", Value(all)},
                                                  {"conversations", Value(s->conversations)}}));
    });
  }
};

}  // namespace

std::unique_ptr<MetricFamily> MakeDialogue() { return std::make_unique<Dialogue>(); }

}  // namespace rapport
