// Interning of ids and handles to dense-ish 32-bit refs, safe to call from many
// reader threads at once. Sharded by hash so two threads rarely wait on one lock.
// Most ids are decimal numbers ("1778688439"): those are kept as their value, not as
// text, and looked up in a table of their own (NumberSlots) whose one 8-byte slot per
// key holds the key's index and a hash tag: a lookup reads one cache line, where a general
// hash map reads its control bytes and its slot (two misses in tables of millions of
// ids), and a number costs 8 bytes of storage instead of its digits and a view.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
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
  // The string of a ref (a number is written out again). Not synchronised with
  // Intern: call once ingestion is done.
  std::string Get(uint32_t ref) const;
  // Get without allocating: a view of the stored text, or of the number written into
  // `digits`. Same synchronisation as Get.
  std::string_view View(uint32_t ref, char (&digits)[20]) const;
  // The value of a ref that holds a canonical number (what Get would write out), else
  // nullopt: comparing ids without writing them out. Same synchronisation as Get.
  std::optional<uint64_t> Number(uint32_t ref) const {
    const uint64_t e = shards_[ref & (kShards - 1)]->entries[ref >> kShardBits];
    if (e & kTextBit) return std::nullopt;
    return e;
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
  // Canonical numbers -> their index in Shard::entries. Open addressing with linear
  // probing over 8-byte slots (tag << 32 | index + 1, 0 when empty), at most half full:
  // the key itself is in entries, read only when the 32-bit tag matches.
  class NumberSlots {
   public:
    void Prefetch(uint64_t value) const {
      if (!slots_.empty()) __builtin_prefetch(&slots_[Mix(value) & mask_]);
    }
    // Once the slot is in cache (Prefetch a few keys earlier): the entry the slot
    // names, which Find compares with `value`, is fetched too.
    void PrefetchEntry(uint64_t value, const std::vector<uint64_t>& entries) const {
      if (slots_.empty()) return;
      const uint64_t h = Mix(value);
      const uint64_t slot = slots_[h & mask_];
      if (slot != 0 && slot >> 32 == h >> 32) __builtin_prefetch(&entries[static_cast<uint32_t>(slot) - 1]);
    }
    // The index of `value`, or UINT32_MAX.
    uint32_t Find(uint64_t value, const std::vector<uint64_t>& entries) const;
    // Records the last entry, a number not present yet.
    void Insert(const std::vector<uint64_t>& entries);
    size_t capacity() const { return slots_.size(); }

   private:
    static uint64_t Mix(uint64_t v) {  // splitmix64's finaliser
      v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ull;
      v = (v ^ (v >> 27)) * 0x94D049BB133111EBull;
      return v ^ (v >> 31);
    }
    // Doubles the slots, re-inserting the numbers among the first `count` entries.
    void Grow(const std::vector<uint64_t>& entries, size_t count);
    void Place(uint64_t hash, uint64_t index);
    std::vector<uint64_t> slots_;
    uint64_t mask_ = 0;
    size_t size_ = 0;
  };
  // Shard::entries holds a number as itself (below 2^63), a string as this bit and
  // its index in Shard::texts.
  static constexpr uint64_t kTextBit = uint64_t{1} << 63;
  struct Shard {
    mutable std::mutex mu;
    absl::flat_hash_map<Key, uint32_t, KeyHash, KeyEq> map;  // strings -> ref
    NumberSlots numbers;
    std::vector<uint64_t> entries;  // by ref >> kShardBits
    std::vector<std::string_view> texts;
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
  static uint32_t RefOf(uint32_t index, uint32_t shard_idx) {
    return index << kShardBits | shard_idx;
  }
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace rapport
