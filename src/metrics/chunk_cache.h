// What makes a report after new events cheap in `rapport serve`: the accumulated
// family states of every chunk of conversations, kept between reports. The driver
// (driver.cpp) accumulates a chunk again only when its content changed; every other
// chunk's states are copied from here and merged as always, so the result is the one
// a full computation gives, bit for bit.
//
// A chunk's content is its fingerprint: for each of its conversations, each row, its
// parent row, depth and stamp (the table's in-place changes). Everything else a
// family's Accumulate reads is either in the cache key (the options, the roles, which
// columns exist) or is `as_of`, which only decides whether an unanswered turn is
// pending: a chunk is redone when `as_of` moved across the start of one of its
// unanswered turns. docs/serve.md "What is incremental".
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/time.h"
#include "metrics/context.h"
#include "metrics/family.h"

namespace rapport {

// Conversations per chunk: the unit of recomputation and of parallel work.
inline constexpr size_t kChunkConversations = 8192;

struct ChunkStats {
  size_t chunks = 0;        // chunks of this computation
  size_t accumulated = 0;   // of which accumulated (the others were reused)
};

// The kept states of every chunk, for one set of options.
class ChunkCache {
 public:
  struct Chunk {
    bool valid = false;
    uint64_t fingerprint = 0;
    Seconds as_of = 0;
    std::vector<Seconds> open_turn_starts;  // unanswered turns, sorted
    std::vector<std::unique_ptr<FamilyState>> states;  // one per family, in AllFamilies order
  };

  // Sizes the cache for `chunks` chunks (kept chunks stay; their fingerprints decide).
  void Resize(size_t chunks) { chunks_.resize(chunks); }
  Chunk& chunk(size_t k) { return chunks_[k]; }

  // True when the kept chunk can stand for one with this fingerprint at this as_of.
  static bool Reusable(const Chunk& c, uint64_t fingerprint, Seconds as_of, Seconds horizon);

 private:
  std::vector<Chunk> chunks_;
};

// A few ChunkCaches, one per set of options (the dashboard's filters ask for a few),
// the least recently used dropped past `max_entries`. Thread-safe: a cache is used by
// one computation at a time (Acquire waits for the one using it).
class ChunkCaches {
 public:
  explicit ChunkCaches(size_t max_entries = 4) : max_entries_(max_entries) {}

  class Lease {
   public:
    ChunkCache& cache() { return *entry_->cache; }

   private:
    friend class ChunkCaches;
    struct Entry {
      std::string key;
      std::mutex mu;
      std::unique_ptr<ChunkCache> cache = std::make_unique<ChunkCache>();
    };
    explicit Lease(std::shared_ptr<Entry> e) : entry_(std::move(e)), lock_(entry_->mu) {}
    std::shared_ptr<Entry> entry_;
    std::unique_lock<std::mutex> lock_;
  };

  Lease Acquire(const std::string& key);

 private:
  size_t max_entries_;
  std::mutex mu_;
  std::list<std::shared_ptr<Lease::Entry>> entries_;  // most recently used first
};

// Everything besides the rows that a family's Accumulate reads: the options, the
// roles (who is which brand) and the columns present. Two computations with the same
// key and the same chunk fingerprint accumulate the same state.
std::string AccumulationKey(const AnalysisContext& ctx);

// The fingerprint of conversations [begin, end) of the context's thread index.
uint64_t ChunkFingerprint(const AnalysisContext& ctx, size_t begin, size_t end,
                          std::span<const uint32_t> row_stamps);

}  // namespace rapport
