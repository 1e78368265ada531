#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/time/civil_time.h"

#include "metrics/channels.h"
#include "metrics/chunk_cache.h"
#include "metrics/family.h"
#include "metrics/profile.h"
#include "metrics/scope.h"
#include "tbb/blocked_range.h"
#include "tbb/parallel_reduce.h"

namespace rapport {

ScopeMetrics& ScopeTarget(const AnalysisContext& ctx, ResultSet& out, const ScopeKey& key) {
  BrandResults& brand = out.brands[static_cast<size_t>(key.brand)];
  if (key.platform == kAllPlatforms) {
    if (key.period == kAllPeriods) return brand.total;
    return brand.periods[ctx.calendar.Label(key.period)];
  }
  std::string name(PlatformName(static_cast<Platform>(key.platform)));
  PlatformResults& pr = brand.platforms[name];
  pr.platform = name;
  if (key.period == kAllPeriods) return pr.total;
  return pr.periods[ctx.calendar.Label(key.period)];
}


namespace {

// One task's states, one per family; split for a new task, joined into its left. A
// leaf is one chunk of conversations, accumulated into fresh states (or copied from
// the cache, which holds exactly that), then adopted or merged: the same steps with
// or without a cache, so the same result.
class Body {
 public:
  Body(const AnalysisContext& ctx, ChunkCache* cache, std::span<const uint32_t> stamps)
      : ctx_(ctx), cache_(cache), stamps_(stamps) {}
  Body(Body& other, tbb::split) : ctx_(other.ctx_), cache_(other.cache_), stamps_(other.stamps_) {}
  void operator()(const tbb::blocked_range<size_t>& range) {
    for (size_t k = range.begin(); k != range.end(); ++k) Take(Chunk(k));
  }
  void join(Body& rhs) {
    accumulated_ += rhs.accumulated_;
    if (rhs.states_.empty()) return;
    if (states_.empty()) {
      states_ = std::move(rhs.states_);
      return;
    }
    const auto& families = AllFamilies();
    for (size_t f = 0; f < families.size(); ++f) families[f]->Merge(*states_[f], *rhs.states_[f]);
  }
  // The merged states; fresh ones when there was nothing to read.
  std::vector<std::unique_ptr<FamilyState>>& states() {
    if (states_.empty()) states_ = Fresh();
    return states_;
  }
  size_t accumulated() const { return accumulated_; }

 private:
  using States = std::vector<std::unique_ptr<FamilyState>>;

  States Fresh() const {
    States s;
    for (const auto& f : AllFamilies()) s.push_back(f->NewState(ctx_));
    return s;
  }

  // The states of chunk k alone.
  States Chunk(size_t k) {
    const size_t begin = k * kChunkConversations;
    const size_t end = std::min(begin + kChunkConversations, ctx_.threads.conversation_count());
    uint64_t fingerprint = 0;
    if (cache_) {
      fingerprint = ChunkFingerprint(ctx_, begin, end, stamps_);
      ChunkCache::Chunk& kept = cache_->chunk(k);
      if (ChunkCache::Reusable(kept, fingerprint, ctx_.as_of, ctx_.options.response_horizon)) {
        kept.as_of = ctx_.as_of;
        return Copy(kept.states);
      }
    }
    const auto& families = AllFamilies();
    States s = Fresh();
    std::vector<Seconds> open;
    for (size_t c = begin; c < end; ++c) {
      conv_.Build(ctx_, c);
      for (size_t f = 0; f < families.size(); ++f) families[f]->Accumulate(ctx_, conv_, *s[f]);
      if (cache_)
        for (const Turn& t : conv_.turns())
          if (!t.answered) open.push_back(t.start);
    }
    ++accumulated_;
    if (cache_) {
      ChunkCache::Chunk& kept = cache_->chunk(k);
      std::sort(open.begin(), open.end());
      kept.valid = true;
      kept.fingerprint = fingerprint;
      kept.as_of = ctx_.as_of;
      kept.open_turn_starts = std::move(open);
      kept.states = Copy(s);
    }
    return s;
  }

  static States Copy(const States& from) {
    States s;
    s.reserve(from.size());
    for (const auto& st : from) s.push_back(st->Clone());
    return s;
  }

  void Take(States s) {
    if (states_.empty()) {
      states_ = std::move(s);
      return;
    }
    const auto& families = AllFamilies();
    for (size_t f = 0; f < families.size(); ++f) families[f]->Merge(*states_[f], *s[f]);
  }

  const AnalysisContext& ctx_;
  ChunkCache* cache_;
  std::span<const uint32_t> stamps_;
  States states_;
  Conversation conv_;
  size_t accumulated_ = 0;
};

// Every record carries every metric, and every period of the range is listed: a
// family that saw nothing in a scope gives what it gives on empty input (0 for counts,
// null for ratios). The defaults come from finishing empty states, so they stay
// right as families change. Lists (hour-of-week tables, cohorts) exist only for the
// whole range.
void CompleteScopes(const AnalysisContext& ctx, ResultSet& out) {
  if (out.brands.empty()) return;
  ResultSet empty;
  empty.brands.resize(out.brands.size());
  for (const auto& f : AllFamilies()) {
    auto state = f->NewState(ctx);
    f->Finish(ctx, *state, empty);
  }
  const ScopeMetrics& tmpl = empty.brands[0].total;
  auto complete = [&](ScopeMetrics& m, bool whole_range) {
    ScopeMetrics filled;
    for (const auto& [name, def] : tmpl.metrics) {
      if (const Value* v = FindField(m.metrics, name)) filled.metrics.emplace_back(name, *v);
      else if (whole_range || !def.is_list()) filled.metrics.emplace_back(name, def);
    }
    for (const auto& [name, def] : tmpl.coverage) {
      const Value* v = FindField(m.coverage, name);
      filled.coverage.emplace_back(name, v ? *v : def);
    }
    m = std::move(filled);
  };
  std::vector<std::string> labels;
  if (ctx.last_day >= ctx.first_day) {
    int64_t p0 = ctx.calendar.PeriodOf(absl::ToUnixSeconds(absl::FromCivil(
        absl::CivilSecond(absl::CivilDay(1970, 1, 1) + ctx.first_day), ctx.options.tz)));
    int64_t p1 = ctx.calendar.PeriodOf(absl::ToUnixSeconds(absl::FromCivil(
        absl::CivilSecond(absl::CivilDay(1970, 1, 1) + ctx.last_day), ctx.options.tz)));
    // Empty periods are listed so charts show the silence; past kMaxFilledPeriods
    // (5.5 years of days) only periods with events are, as filling would cost more
    // than it shows (docs/metrics.md, Known gaps 4).
    constexpr int64_t kMaxFilledPeriods = 2000;
    if (p1 - p0 < kMaxFilledPeriods)
      for (int64_t p = p0; p <= p1; ++p) labels.push_back(ctx.calendar.Label(p));
  }
  for (auto& brand : out.brands) {
    complete(brand.total, true);
    for (const auto& label : labels) brand.periods[label];
    for (auto& [label, m] : brand.periods) complete(m, false);
    for (auto& [name, p] : brand.platforms) {
      complete(p.total, true);
      for (const auto& label : labels) p.periods[label];
      for (auto& [label, m] : p.periods) complete(m, false);
    }
  }
}

}  // namespace

void ComputeMetrics(const AnalysisContext& ctx, ResultSet& out, ChunkCaches* caches,
                    std::span<const uint32_t> row_stamps, ChunkStats* stats) {
  out.brands.clear();
  for (const auto& spec : ctx.roles.brands) {
    BrandResults b;
    b.name = spec.name;
    b.accounts = spec.accounts;
    b.competitor = spec.competitor;
    out.brands.push_back(std::move(b));
  }
  const auto& families = AllFamilies();
  const size_t nconv = ctx.threads.conversation_count();
  const size_t nchunks = (nconv + kChunkConversations - 1) / kChunkConversations;
  std::optional<ChunkCaches::Lease> lease;
  ChunkCache* cache = nullptr;
  if (caches) {
    lease.emplace(caches->Acquire(AccumulationKey(ctx)));
    cache = &lease->cache();
    cache->Resize(nchunks);
  }
  // One chunk per leaf and the deterministic reduce give the same split and join tree
  // on any number of threads, so even floating-point sums are identical.
  Body body(ctx, cache, row_stamps);
  tbb::parallel_deterministic_reduce(tbb::blocked_range<size_t>(0, nchunks, 1), body,
                                     tbb::simple_partitioner());
  if (stats) {
    stats->chunks = nchunks;
    stats->accumulated = body.accumulated();
  }
  for (size_t f = 0; f < families.size(); ++f) families[f]->Finish(ctx, *body.states()[f], out);
  CompleteScopes(ctx, out);
  // E12 sets the platforms side by side, so it reads the completed records.
  AddChannelTables(out);
  // E0 ranks brands against each other, so it runs on the finished results.
  ComputeProfile(out);
}

}  // namespace rapport
