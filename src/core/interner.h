// Interning of ids and handles to dense-ish 32-bit refs, safe to call from many
// reader threads at once. Sharded by hash so two threads rarely wait on one lock.
// Most ids are decimal numbers ("1778688439"): those are keyed by their value, so a
// lookup compares integers in the hash slot instead of visiting the stored string
// (a cache miss and a memcmp per lookup, 15% of ingestion before).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace rapport {

inline constexpr uint32_t kNoRef = UINT32_MAX;

class StringInterner {
 public:
  static constexpr int kShardBits = 6;
  static constexpr int kShards = 1 << kShardBits;

  StringInterner();
  StringInterner(const StringInterner&) = delete;
  StringInterner& operator=(const StringInterner&) = delete;

  // Returns the ref of `s`, adding it if new. Thread-safe.
  uint32_t Intern(std::string_view s, bool* inserted = nullptr);
  // Interns every key: refs[i] is the ref of keys[i], and inserted[i] (when given) is 1
  // where that key was added by this call (its first occurrence in `keys` only). Each
  // shard's lock is taken once for all its keys, and the slots of the next keys are
  // prefetched while one is looked up: with millions of ids most lookups miss the
  // cache, and a lock per key cost as much as the lookup. Thread-safe.
  void InternMany(std::span<const std::string_view> keys, uint32_t* refs,
                  uint8_t* inserted = nullptr);
  // Returns the ref of `s` or kNoRef. Thread-safe.
  uint32_t Find(std::string_view s) const;
  // The string of a ref. Not synchronised with Intern: call once ingestion is done.
  std::string_view Get(uint32_t ref) const {
    return shards_[ref & (kShards - 1)]->strings[ref >> kShardBits];
  }
  // One past the largest ref handed out: size a vector indexed by ref with it.
  uint32_t RefLimit() const;
  size_t size() const;
  // Bytes held: string bytes, views and hash slots (for the memory budget).
  size_t MemoryBytes() const;

 private:
  // The hash is computed once per lookup (it also picks the shard) and kept in the key.
  struct Key {
    std::string_view s;
    size_t hash;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return k.hash; }
  };
  struct KeyEq {
    // The full hash first: a mismatch then costs no visit to the string's bytes.
    bool operator()(const Key& a, const Key& b) const { return a.hash == b.hash && a.s == b.s; }
  };
  struct Shard {
    mutable std::mutex mu;
    absl::flat_hash_map<Key, uint32_t, KeyHash, KeyEq> map;
    absl::flat_hash_map<uint64_t, uint32_t> numbers;  // canonical decimal strings
    std::vector<std::string_view> strings;
    std::deque<std::unique_ptr<char[]>> blocks;
    size_t block_used = 0;
    size_t block_size = 0;
    size_t bytes = 0;
  };
  // A key as the shards hold it: a canonical decimal number by its value, any other
  // string by its hash; either also picks the shard. Computed once per lookup.
  struct Lookup {
    uint64_t value;  // the number, or the hash of the string
    uint32_t shard;
    bool number;
  };
  static Lookup LookupOf(std::string_view s);
  // The ref of `s` (looked up as `k`), added if new; the caller holds the shard's lock.
  uint32_t InternLocked(Shard& shard, const Lookup& k, std::string_view s, bool* added);
  std::string_view Store(Shard& shard, std::string_view s);
  uint32_t Add(Shard& shard, uint32_t shard_idx, std::string_view s);
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace rapport
