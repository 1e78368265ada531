#include "metrics/chunk_cache.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace rapport {
namespace {

// Appends fixed-width values and length-prefixed strings, so that no two different
// option sets serialize alike.
class KeyWriter {
 public:
  template <typename T>
  void Put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char buf[sizeof(T)];
    std::memcpy(buf, &v, sizeof(T));
    out_.append(buf, sizeof(T));
  }
  void Put(const std::string& s) {
    Put(s.size());
    out_.append(s);
  }
  template <typename T>
  void Put(const std::optional<T>& v) {
    Put(v.has_value());
    if (v) Put(*v);
  }
  void Put(const std::vector<std::string>& v) {
    Put(v.size());
    for (const auto& s : v) Put(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// One step of a 64-bit mix (the finalizer of MurmurHash3 on h ^ x): good enough to
// tell chunks apart within one process; nothing is stored.
inline uint64_t Mix(uint64_t h, uint64_t x) {
  h ^= x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

bool ChunkCache::Reusable(const Chunk& c, uint64_t fingerprint, Seconds as_of, Seconds horizon) {
  if (!c.valid || c.fingerprint != fingerprint) return false;
  if (c.as_of == as_of) return true;
  // A turn is pending when as_of - start < horizon, i.e. start > as_of - horizon: its
  // flag differs between the two as_of values when start lies in (lo, hi].
  Seconds lo = std::min(c.as_of, as_of) - horizon, hi = std::max(c.as_of, as_of) - horizon;
  auto it = std::upper_bound(c.open_turn_starts.begin(), c.open_turn_starts.end(), lo);
  return it == c.open_turn_starts.end() || *it > hi;
}

ChunkCaches::Lease ChunkCaches::Acquire(const std::string& key) {
  std::shared_ptr<Lease::Entry> entry;
  {
    std::lock_guard lock(mu_);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e->key == key; });
    if (it != entries_.end()) {
      entry = *it;
      entries_.erase(it);
    } else {
      entry = std::make_shared<Lease::Entry>();
      entry->key = key;
    }
    entries_.push_front(entry);
    // A dropped entry still in use lives on in its lease until that computation ends.
    while (entries_.size() > max_entries_) entries_.pop_back();
  }
  return Lease(std::move(entry));
}

std::string AccumulationKey(const AnalysisContext& ctx) {
  KeyWriter w;
  // Options: every field of AnalysisOptions (keep in step with context.h).
  const AnalysisOptions& o = ctx.options;
  w.Put(o.by);
  w.Put(std::string(o.tz.name()));
  w.Put(o.since);
  w.Put(o.until);
  w.Put(o.as_of);
  w.Put(o.response_horizon);
  w.Put(o.sla);
  w.Put(o.business_hours.has_value());
  if (o.business_hours)
    for (const auto& day : o.business_hours->open) {
      w.Put(day.size());
      for (const auto& [open, close] : day) {
        w.Put(open);
        w.Put(close);
      }
    }
  w.Put(o.returning_lookback);
  w.Put(o.top_n);
  for (double weight : o.action_weights) w.Put(weight);
  w.Put(o.text_classified);
  // Roles: the brands and every author and handle that belongs to one.
  const Roles& r = ctx.roles;
  w.Put(r.brands.size());
  for (const auto& b : r.brands) {
    w.Put(b.name);
    w.Put(b.accounts);
    w.Put(b.terms);
    w.Put(b.hashtags);
    w.Put(b.competitor);
  }
  w.Put(r.auto_brands);
  for (size_t p = 0; p < r.author_brand.size(); ++p)
    for (size_t a = 0; a < r.author_brand[p].size(); ++a)
      if (r.author_brand[p][a] != kAudience) {
        w.Put(static_cast<uint32_t>(p));
        w.Put(static_cast<uint32_t>(a));
        w.Put(r.author_brand[p][a]);
      }
  w.Put(int32_t{-1});
  for (size_t h = 0; h < r.handle_brand.size(); ++h)
    if (r.handle_brand[h] != kAudience) {
      w.Put(static_cast<uint32_t>(h));
      w.Put(r.handle_brand[h]);
    }
  // Columns that are optional (sentiment is scored or not).
  const auto& col = ctx.table.columns();
  w.Put(col.sentiment.size() == col.size());
  return w.Take();
}

uint64_t ChunkFingerprint(const AnalysisContext& ctx, size_t begin, size_t end,
                          std::span<const uint32_t> row_stamps) {
  uint64_t h = Mix(begin, end);
  for (size_t c = begin; c < end; ++c) {
    auto rows = ctx.threads.conversation_rows(c);
    h = Mix(h, rows.size());
    for (uint32_t row : rows) {
      h = Mix(h, static_cast<uint64_t>(row) << 32 | ctx.threads.parent_row(row));
      uint64_t stamp = row < row_stamps.size() ? row_stamps[row] : 0;
      h = Mix(h, stamp << 32 | ctx.threads.depth(row));
    }
  }
  return h;
}

}  // namespace rapport
