// Test support: tiny event tables written as C++ lists, and the stages that turn them
// into results (roles, thread index, context, metric families), so each unit test
// states its input in a few lines and its expected figures by hand.
//
//   TableBuilder b({Brand("acme", {"acme_help"})});
//   b.Post("1", "acme_help", "2024-03-04T10:00:00Z");
//   b.Reply("2", "sam", "2024-03-04T10:05:00Z", "1", {.mentions = {"acme_help"}});
//   Analysis a(b);
//   ResultSet r = a.Compute();
//   EXPECT_TRUE(IsInt(Total(r, "acme", "inbound_turns"), 1));
//
// Rows are built the way readers build them: RawEvent -> EventBuilder::Add into one
// EventBatch, then EventTable::Append and Finalize (so repeated ids fold as in real
// input).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actions.h"
#include "core/brands.h"
#include "core/event.h"
#include "core/event_table.h"
#include "core/raw_event.h"
#include "core/roles.h"
#include "core/time.h"
#include "io/event_builder.h"
#include "metrics/context.h"
#include "metrics/family.h"
#include "report/results.h"
#include "report/value.h"
#include "report/writers.h"
#include "text/enricher.h"
#include "threads/business_hours.h"
#include "threads/conversation.h"
#include "threads/thread_index.h"

namespace rapport::test {

// ---------------------------------------------------------------------------------
// Brands

inline BrandSpec Brand(std::string name, std::vector<std::string> accounts,
                       std::vector<std::string> terms = {}, std::vector<std::string> hashtags = {}) {
  BrandSpec b;
  b.name = std::move(name);
  for (auto& a : accounts) b.accounts.push_back(NormalizeHandle(a));
  for (auto& t : terms) b.terms.push_back(NormalizeHandle(t));
  for (auto& h : hashtags) b.hashtags.push_back(NormalizeHandle(h));
  return b;
}

inline BrandSpec Competitor(std::string name, std::vector<std::string> accounts) {
  BrandSpec b = Brand(std::move(name), std::move(accounts));
  b.competitor = true;
  return b;
}

// ---------------------------------------------------------------------------------
// Instants

// "2024-03-04T10:00:00Z" (anything ParseTimestamp reads) or epoch seconds.
struct When {
  Seconds t;
  When(Seconds s) : t(s) {}                    // NOLINT: implicit on purpose
  When(int s) : t(s) {}                        // NOLINT
  When(const char* s) : t(Parse(s)) {}         // NOLINT
  When(std::string_view s) : t(Parse(s)) {}    // NOLINT
  static Seconds Parse(std::string_view s) {
    auto v = ParseTimestamp(s);
    if (!v) throw std::invalid_argument("test timestamp: " + std::string(s));
    return *v;
  }
};

inline Seconds T(std::string_view s) { return When::Parse(s); }
inline constexpr Seconds kMinute = 60, kHour = 3600, kDay = 86400;

// ---------------------------------------------------------------------------------
// Events

// Optional fields of one event, for designated initializers:
//   {.mentions = {"acme_help"}, .inbound = Inbound::kTrue}
struct Ev {
  // A mentions field: used as is when non-empty (or when mentions_field is set);
  // otherwise @handles are taken from the text, as readers do.
  std::vector<std::string> mentions = {};
  Inbound inbound = Inbound::kUnknown;
  std::string conversation = {};  // platform conversation id
  std::string text = {};
  Platform platform = Platform::kX;
  std::string handle = {};  // author handle; default: the author id
  std::vector<std::string> hashtags = {};
  uint32_t urls = 0;
  std::vector<std::pair<Counter, int64_t>> counters = {};
  int64_t followers = kUnknownCount;
  bool mentions_field = false;  // an explicit, possibly empty, mentions field
  bool no_handle = false;       // the record carries no author handle at all
};

// AnalysisOptions for designated initializers in tests ({.as_of = t, .by = ...}):
// every member has a default here, so -Wextra does not flag the ones left out.
struct Options {
  PeriodUnit by = PeriodUnit::kWeek;
  std::optional<absl::TimeZone> tz = {};
  std::optional<Seconds> since = {};
  std::optional<Seconds> until = {};
  std::optional<Seconds> as_of = {};
  std::optional<Seconds> response_horizon = {};
  std::optional<Seconds> sla = {};
  std::optional<BusinessHours> business_hours = {};
  std::optional<int> returning_lookback = {};
  bool text_classified = false;
  std::optional<int> top_n = {};
  std::optional<ActionWeights> action_weights = {};

  operator AnalysisOptions() const {  // NOLINT: implicit on purpose
    AnalysisOptions o;
    o.by = by;
    if (tz) o.tz = *tz;
    o.since = since;
    o.until = until;
    o.as_of = as_of;
    if (response_horizon) o.response_horizon = *response_horizon;
    if (sla) o.sla = *sla;
    o.business_hours = business_hours;
    if (returning_lookback) o.returning_lookback = *returning_lookback;
    o.text_classified = text_classified;
    if (top_n) o.top_n = *top_n;
    if (action_weights) o.action_weights = *action_weights;
    return o;
  }
};

class TableBuilder {
 public:
  explicit TableBuilder(std::vector<BrandSpec> brands = {})
      : brands_(std::move(brands)), enricher_(brands_) {}

  TableBuilder& Post(std::string id, std::string author, When t, Ev e = {}) {
    return Add(EventType::kPost, std::move(id), std::move(author), t, "", std::move(e));
  }
  TableBuilder& Reply(std::string id, std::string author, When t, std::string parent, Ev e = {}) {
    return Add(EventType::kReply, std::move(id), std::move(author), t, std::move(parent), std::move(e));
  }
  TableBuilder& Quote(std::string id, std::string author, When t, std::string parent, Ev e = {}) {
    return Add(EventType::kQuote, std::move(id), std::move(author), t, std::move(parent), std::move(e));
  }
  TableBuilder& Share(std::string id, std::string author, When t, std::string parent, Ev e = {}) {
    return Add(EventType::kShare, std::move(id), std::move(author), t, std::move(parent), std::move(e));
  }
  TableBuilder& Reaction(std::string id, std::string author, When t, std::string parent, Ev e = {}) {
    return Add(EventType::kReaction, std::move(id), std::move(author), t, std::move(parent),
               std::move(e));
  }

  TableBuilder& Add(EventType type, std::string id, std::string author, When t, std::string parent,
                    Ev e) {
    events_.push_back({type, std::move(id), std::move(author), t.t, std::move(parent), std::move(e)});
    return *this;
  }

  // The table of all events so far, in the order they were added.
  EventTable Build() const {
    EventTable table;
    EventBuilder builder(table.dictionaries(), enricher_);
    EventBatch batch;
    builder.set_batch(&batch);  // rows interned together, as readers' rows are
    RawEvent raw;
    for (const Pending& p : events_) {
      raw.Clear();
      raw.platform = p.e.platform;
      raw.type = p.type;
      raw.id = p.id;
      raw.author = p.author;
      raw.author_handle = p.e.no_handle        ? std::string_view()
                          : p.e.handle.empty() ? std::string_view(p.author)
                                               : std::string_view(p.e.handle);
      raw.parent_id = p.parent;
      raw.conversation_id = p.e.conversation;
      raw.text = p.e.text;
      raw.created_at = p.t;
      for (auto [c, v] : p.e.counters) raw.counters[static_cast<int>(c)] = v;
      raw.author_followers = p.e.followers;
      raw.inbound = p.e.inbound;
      raw.has_mentions_field = p.e.mentions_field || !p.e.mentions.empty();
      for (const auto& m : p.e.mentions) raw.mentions.push_back(m);
      for (const auto& h : p.e.hashtags) raw.hashtags.push_back(h);
      raw.urls = p.e.urls;
      builder.Add(raw);
    }
    builder.Flush();
    table.Append(std::move(batch));
    table.Finalize();
    return table;
  }

  const std::vector<BrandSpec>& brands() const { return brands_; }

 private:
  struct Pending {
    EventType type;
    std::string id, author;
    Seconds t;
    std::string parent;
    Ev e;
  };
  std::vector<BrandSpec> brands_;
  Enricher enricher_;
  std::vector<Pending> events_;
};

// ---------------------------------------------------------------------------------
// The stages after ingestion

// Owns a table and everything computed from it (roles, threads, context), in the
// order the engine builds them. Not copyable: the context holds references.
class Analysis {
 public:
  Analysis(EventTable table, std::vector<BrandSpec> brands, Options options = {})
      : table_(std::make_unique<EventTable>(std::move(table))),
        roles_(ResolveRoles(*table_, std::move(brands))),
        threads_(std::make_unique<ThreadIndex>(*table_)),
        ctx_(std::make_unique<AnalysisContext>(*table_, roles_, *threads_, AnalysisOptions(options))) {}
  explicit Analysis(const TableBuilder& b, Options options = {})
      : Analysis(b.Build(), b.brands(), std::move(options)) {}
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  const EventTable& table() const { return *table_; }
  const Roles& roles() const { return roles_; }
  const ThreadIndex& threads() const { return *threads_; }
  const AnalysisContext& ctx() const { return *ctx_; }

  ResultSet Compute() const {
    ResultSet out;
    ComputeMetrics(*ctx_, out);
    return out;
  }

  // Row of an id (throws when absent, so a typo in a test fails loudly).
  uint32_t Row(std::string_view id, Platform p = Platform::kX) const {
    for (size_t row = 0; row < table_->size(); ++row)
      if (table_->columns().platform[row] == p && table_->IdString(row) == id)
        return static_cast<uint32_t>(row);
    throw std::invalid_argument("no event with id " + std::string(id));
  }
  std::string Id(uint32_t row) const {
    return row == kNoRef ? std::string("<none>") : std::string(table_->IdString(row));
  }
  // Ids of conversation c in reading order.
  std::vector<std::string> ConversationIds(size_t c) const {
    std::vector<std::string> ids;
    for (uint32_t row : threads_->conversation_rows(c)) ids.push_back(Id(row));
    return ids;
  }
  // Ids of the conversation holding `id`, in reading order.
  std::vector<std::string> ConversationOf(std::string_view id) const {
    return ConversationIds(threads_->conversation_of(Row(id)));
  }
  bool SameConversation(std::string_view a, std::string_view b) const {
    return threads_->conversation_of(Row(a)) == threads_->conversation_of(Row(b));
  }
  int16_t BrandIndex(std::string_view name) const {
    for (size_t b = 0; b < roles_.brands.size(); ++b)
      if (roles_.brands[b].name == name) return static_cast<int16_t>(b);
    throw std::invalid_argument("no brand " + std::string(name));
  }

  // Every turn of every conversation, conversation by conversation.
  std::vector<Turn> Turns() const {
    std::vector<Turn> all;
    Conversation conv;
    for (size_t c = 0; c < threads_->conversation_count(); ++c) {
      conv.Build(*ctx_, c);
      all.insert(all.end(), conv.turns().begin(), conv.turns().end());
    }
    return all;
  }
  // Turns of one brand.
  std::vector<Turn> TurnsOf(std::string_view brand) const {
    int16_t b = BrandIndex(brand);
    std::vector<Turn> out;
    for (const Turn& t : Turns())
      if (t.brand == b) out.push_back(t);
    return out;
  }
  // Brands a message is inbound to (by name, in brand order).
  std::vector<std::string> InboundTo(std::string_view id) const {
    uint32_t row = Row(id);
    Conversation conv;
    conv.Build(*ctx_, threads_->conversation_of(row));
    std::vector<std::string> names;
    for (size_t i = 0; i < conv.size(); ++i) {
      if (conv.rows()[i] != row) continue;
      for (int16_t b : conv.inbound_brands(i)) names.push_back(roles_.brands[b].name);
    }
    return names;
  }

 private:
  std::unique_ptr<EventTable> table_;
  Roles roles_;
  std::unique_ptr<ThreadIndex> threads_;
  std::unique_ptr<AnalysisContext> ctx_;
};

// Roles + thread index + context + every metric family, in one call.
inline ResultSet ComputeResults(const EventTable& table, std::vector<BrandSpec> brands,
                                Options options = {}) {
  Roles roles = ResolveRoles(table, std::move(brands));
  ThreadIndex threads(table);
  AnalysisContext ctx(table, roles, threads, AnalysisOptions(options));
  ResultSet out;
  ComputeMetrics(ctx, out);
  return out;
}
inline ResultSet ComputeResults(const TableBuilder& b, Options options = {}) {
  EventTable table = b.Build();
  return ComputeResults(table, b.brands(), std::move(options));
}

// Runs one family (by id, "E2") the way the driver does, but with the conversations
// cut at `cuts` (ascending): each part is accumulated into its own state and the
// states are merged left to right before Finish. No cut: one state for everything.
// STYLE.md: "merging states from two halves equals processing the whole".
inline ResultSet ComputeFamily(const Analysis& a, std::string_view family_id,
                               std::vector<size_t> cuts = {}) {
  const MetricFamily* family = nullptr;
  for (const auto& f : AllFamilies())
    if (f->id() == family_id) family = f.get();
  if (!family) throw std::invalid_argument("no family " + std::string(family_id));
  const AnalysisContext& ctx = a.ctx();
  ResultSet out;
  for (const auto& spec : ctx.roles.brands) {
    BrandResults b;
    b.name = spec.name;
    b.accounts = spec.accounts;
    b.competitor = spec.competitor;
    out.brands.push_back(std::move(b));
  }
  const size_t n = a.threads().conversation_count();
  cuts.push_back(n);
  std::vector<std::unique_ptr<FamilyState>> parts;
  Conversation conv;
  size_t begin = 0;
  for (size_t end : cuts) {
    parts.push_back(family->NewState(ctx));
    for (size_t c = begin; c < std::min(end, n); ++c) {
      conv.Build(ctx, c);
      family->Accumulate(ctx, conv, *parts.back());
    }
    begin = std::max(begin, std::min(end, n));
  }
  for (size_t k = 1; k < parts.size(); ++k) family->Merge(*parts[0], *parts[k]);
  family->Finish(ctx, *parts[0], out);
  return out;
}

// ---------------------------------------------------------------------------------
// Reading results

inline const BrandResults* FindBrand(const ResultSet& r, std::string_view brand) {
  for (const auto& b : r.brands)
    if (b.name == brand) return &b;
  return nullptr;
}

inline const Value* FindMetric(const ScopeMetrics& m, std::string_view metric) {
  return FindField(m.metrics, metric);
}

// The scope of a brand: its total, a period (by label), a platform (by name), or a
// platform's period. nullptr when the scope does not exist.
inline const ScopeMetrics* FindScope(const ResultSet& r, std::string_view brand,
                                     std::string_view period = {}, std::string_view platform = {}) {
  const BrandResults* b = FindBrand(r, brand);
  if (!b) return nullptr;
  if (platform.empty()) {
    if (period.empty()) return &b->total;
    auto it = b->periods.find(std::string(period));
    return it == b->periods.end() ? nullptr : &it->second;
  }
  auto pit = b->platforms.find(std::string(platform));
  if (pit == b->platforms.end()) return nullptr;
  if (period.empty()) return &pit->second.total;
  auto it = pit->second.periods.find(std::string(period));
  return it == pit->second.periods.end() ? nullptr : &it->second;
}

namespace detail {
inline Value MetricOrFail(const ScopeMetrics* s, std::string_view what, std::string_view metric) {
  if (!s) {
    ADD_FAILURE() << "no scope " << what;
    return Value();
  }
  const Value* v = FindMetric(*s, metric);
  if (!v) {
    ADD_FAILURE() << "no metric " << metric << " in " << what;
    return Value();
  }
  return *v;
}
}  // namespace detail

// A metric of the brand's whole range (all periods, all platforms).
inline Value Total(const ResultSet& r, std::string_view brand, std::string_view metric) {
  return detail::MetricOrFail(FindScope(r, brand), std::string(brand) + " total", metric);
}
// A metric of one period ("2024-W10", "2024-03-04", "2024-03"), all platforms.
inline Value InPeriod(const ResultSet& r, std::string_view brand, std::string_view period,
                      std::string_view metric) {
  return detail::MetricOrFail(FindScope(r, brand, period),
                              std::string(brand) + " period " + std::string(period), metric);
}
// A metric of one platform ("x", "reddit", ...), whole range.
inline Value OnPlatform(const ResultSet& r, std::string_view brand, std::string_view platform,
                        std::string_view metric) {
  return detail::MetricOrFail(FindScope(r, brand, {}, platform),
                              std::string(brand) + " platform " + std::string(platform), metric);
}
// A metric of one platform in one period.
inline Value OnPlatformInPeriod(const ResultSet& r, std::string_view brand,
                                std::string_view platform, std::string_view period,
                                std::string_view metric) {
  return detail::MetricOrFail(FindScope(r, brand, period, platform),
                              std::string(brand) + " platform " + std::string(platform) +
                                  " period " + std::string(period),
                              metric);
}

inline std::string Show(const Value& v) {
  std::string s;
  AppendJson(s, v);
  return s;
}

// Assertions on values: EXPECT_TRUE(IsNull(v)), EXPECT_TRUE(IsInt(v, 3)),
// EXPECT_TRUE(IsNumber(v, 0.5)) (relative 1e-9, METRICS.md).
inline ::testing::AssertionResult IsNull(const Value& v) {
  if (v.is_null()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected null, got " << Show(v);
}
inline ::testing::AssertionResult IsInt(const Value& v, int64_t expected) {
  if (v.is_int() && v.as_int() == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected integer " << expected << ", got " << Show(v);
}
inline ::testing::AssertionResult IsNumber(const Value& v, double expected, double rel = 1e-9) {
  if (!v.is_int() && !v.is_double())
    return ::testing::AssertionFailure() << "expected " << expected << ", got " << Show(v);
  double got = v.as_double();
  double tol = rel * std::max(1.0, std::fabs(expected));
  if (std::fabs(got - expected) <= tol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << expected << ", got " << Show(v);
}

// Compares two values: numbers to `rel` relative (METRICS.md: 1e-9), the rest exactly.
inline ::testing::AssertionResult ValuesNear(const Value& x, const Value& y, double rel = 1e-9,
                                             const std::string& path = "") {
  auto fail = [&] {
    return ::testing::AssertionFailure() << path << ": " << Show(x) << " vs " << Show(y);
  };
  bool xn = x.is_int() || x.is_double(), yn = y.is_int() || y.is_double();
  if (xn || yn) {
    if (!xn || !yn) return fail();
    double a = x.as_double(), b = y.as_double();
    if (std::fabs(a - b) > rel * std::max({1.0, std::fabs(a), std::fabs(b)})) return fail();
    return ::testing::AssertionSuccess();
  }
  if (x.is_list() || y.is_list()) {
    if (!x.is_list() || !y.is_list() || x.as_list().size() != y.as_list().size()) return fail();
    for (size_t i = 0; i < x.as_list().size(); ++i) {
      auto r = ValuesNear(x.as_list()[i], y.as_list()[i], rel, path + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (x.is_record() || y.is_record()) {
    if (!x.is_record() || !y.is_record() || x.as_record().size() != y.as_record().size())
      return fail();
    for (size_t i = 0; i < x.as_record().size(); ++i) {
      const auto& [kx, vx] = x.as_record()[i];
      const auto& [ky, vy] = y.as_record()[i];
      if (kx != ky) return fail();
      auto r = ValuesNear(vx, vy, rel, path + "." + kx.str());
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  return Show(x) == Show(y) ? ::testing::AssertionSuccess() : fail();
}

// Every scope of every brand, as one record per scope, for comparisons.
inline Value Flatten(const ResultSet& r) {
  ValueRecord all;
  auto scope = [&](const std::string& name, const ScopeMetrics& m) {
    all.emplace_back(name, Value(ValueRecord{{"metrics", Value(m.metrics)},
                                             {"coverage", Value(m.coverage)}}));
  };
  for (const auto& b : r.brands) {
    scope(b.name + "/total", b.total);
    for (const auto& [label, m] : b.periods) scope(b.name + "/" + label, m);
    for (const auto& [pname, p] : b.platforms) {
      scope(b.name + "/" + pname + "/total", p.total);
      for (const auto& [label, m] : p.periods) scope(b.name + "/" + pname + "/" + label, m);
    }
  }
  return Value(std::move(all));
}

inline ::testing::AssertionResult ResultsNear(const ResultSet& x, const ResultSet& y,
                                              double rel = 1e-12) {
  return ValuesNear(Flatten(x), Flatten(y), rel, "results");
}

}  // namespace rapport::test
