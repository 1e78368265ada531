#include "core/interner.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <functional>

namespace rapport {
namespace {
constexpr size_t kBlockBytes = 1 << 16;

// The value of a canonical decimal string: 1 to 19 digits, no leading zero (so value
// and string map one to one, and "007" stays a string), below 2^63 (the top bit of an
// entry marks a string).
bool CanonicalNumber(std::string_view s, uint64_t& value) {
  if (s.empty() || s.size() > 19 || (s[0] == '0' && s.size() > 1)) return false;
  uint64_t v = 0;
  for (char c : s) {
    const auto d = static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
    if (d > 9) return false;
    v = v * 10 + d;
  }
  if (v >> 63) return false;  // 19 digits fit in 64 bits, not always in 63
  value = v;
  return true;
}

// The shard of a number: the top bits of a multiplicative mix (the map hashes the
// value again on its own, so shard and slot bits stay independent).
uint32_t NumberShard(uint64_t v, int bits) {
  return static_cast<uint32_t>((v * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}
}  // namespace

StringInterner::StringInterner() {
  shards_.reserve(kShards);
  for (int i = 0; i < kShards; ++i) shards_.push_back(std::make_unique<Shard>());
}

std::string_view StringInterner::Store(Shard& shard, std::string_view s) {
  if (s.size() > kBlockBytes / 4) {
    // Large strings get a block of their own so blocks stay well filled.
    shard.blocks.push_back(std::make_unique_for_overwrite<char[]>(s.size()));
    std::memcpy(shard.blocks.back().get(), s.data(), s.size());
    shard.bytes += s.size();
    return {shard.blocks.back().get(), s.size()};
  }
  if (shard.blocks.empty() || shard.block_size - shard.block_used < s.size()) {
    shard.blocks.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));  // no zeroing
    shard.block_used = 0;
    shard.block_size = kBlockBytes;
    shard.bytes += kBlockBytes;
  }
  char* dst = shard.blocks.back().get() + shard.block_used;
  if (!s.empty()) std::memcpy(dst, s.data(), s.size());
  shard.block_used += s.size();
  return {dst, s.size()};
}

uint32_t StringInterner::NumberSlots::Find(uint64_t value,
                                           const std::vector<uint64_t>& entries) const {
  if (slots_.empty()) return UINT32_MAX;
  const uint64_t h = Mix(value);
  const uint64_t tag = h >> 32;
  for (uint64_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint64_t slot = slots_[i];
    if (slot == 0) return UINT32_MAX;
    const auto index = static_cast<uint32_t>(slot) - 1;
    if (slot >> 32 == tag && entries[index] == value) return index;
  }
}

void StringInterner::NumberSlots::Insert(const std::vector<uint64_t>& entries) {
  const size_t index = entries.size() - 1;
  if (2 * (size_ + 1) > slots_.size()) Grow(entries, index);
  Place(Mix(entries[index]), index);
  ++size_;
}

void StringInterner::NumberSlots::Place(uint64_t hash, uint64_t index) {
  uint64_t i = hash & mask_;
  while (slots_[i] != 0) i = (i + 1) & mask_;
  slots_[i] = (hash >> 32) << 32 | (index + 1);
}

void StringInterner::NumberSlots::Grow(const std::vector<uint64_t>& entries, size_t count) {
  std::vector<uint64_t> slots(std::max<size_t>(64, 2 * slots_.size()), 0);
  slots_.swap(slots);  // the allocation above may throw; nothing changed before it
  mask_ = slots_.size() - 1;
  // Re-inserted from the entries, read in order, rather than from the old slots.
  for (size_t k = 0; k < count; ++k)
    if (!(entries[k] & kTextBit)) Place(Mix(entries[k]), k);
}

StringInterner::Lookup StringInterner::LookupOf(std::string_view s) {
  if (uint64_t v; CanonicalNumber(s, v)) return {v, NumberShard(v, kShardBits), true};
  const size_t h = std::hash<std::string_view>{}(s);
  return {h, static_cast<uint32_t>(h >> 7) & (kShards - 1), false};
}

uint32_t StringInterner::InternLocked(Shard& shard, const Lookup& k, std::string_view s,
                                      bool* added) {
  const auto index = static_cast<uint32_t>(shard.entries.size());
  if (k.number) {
    const uint32_t found = shard.numbers.Find(k.value, shard.entries);
    *added = found == UINT32_MAX;
    if (!*added) return RefOf(found, k.shard);
    shard.entries.push_back(k.value);
    try {
      shard.numbers.Insert(shard.entries);
    } catch (...) {  // the slots could not grow: the entry goes too, nothing refers to it
      shard.entries.pop_back();
      throw;
    }
    return RefOf(index, k.shard);
  }
  auto it = shard.map.find(Key{s, k.value});
  *added = it == shard.map.end();
  if (!*added) return it->second;
  const std::string_view stored = Store(shard, s);
  shard.entries.push_back(kTextBit | shard.texts.size());
  shard.texts.push_back(stored);
  const uint32_t ref = RefOf(index, k.shard);
  shard.map.emplace(Key{stored, k.value}, ref);
  return ref;
}

std::string_view StringInterner::View(uint32_t ref, char (&digits)[20]) const {
  const Shard& shard = *shards_[ref & (kShards - 1)];
  const uint64_t e = shard.entries[ref >> kShardBits];
  if (e & kTextBit) return shard.texts[e & ~kTextBit];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, e);
  return {digits, static_cast<size_t>(end - digits)};
}

std::string StringInterner::Get(uint32_t ref) const {
  char digits[20];
  return std::string(View(ref, digits));
}

uint32_t StringInterner::Intern(std::string_view s, bool* inserted) {
  const Lookup k = LookupOf(s);
  Shard& shard = *shards_[k.shard];
  std::lock_guard lock(shard.mu);
  bool added;
  const uint32_t ref = InternLocked(shard, k, s, &added);
  if (added && inserted) *inserted = true;
  return ref;
}

void StringInterner::InternMany(std::span<const std::string_view> keys, uint32_t* refs,
                                uint8_t* inserted) {
  // Each key's lookup, then the keys in shard order (stable, so a repeated key's first
  // occurrence is the one found new).
  struct Prepared {
    Lookup key;
    uint32_t index;  // in `keys`
  };
  thread_local std::vector<Prepared> prepared;
  const size_t n = keys.size();
  prepared.resize(n);
  std::array<uint32_t, kShards + 1> start{};
  for (size_t i = 0; i < n; ++i) {
    prepared[i] = {LookupOf(keys[i]), static_cast<uint32_t>(i)};
    ++start[prepared[i].key.shard + 1];
  }
  for (int k = 0; k < kShards; ++k) start[k + 1] += start[k];
  thread_local std::vector<Prepared> sorted;
  sorted.resize(n);
  std::array<uint32_t, kShards> next;
  std::copy(start.begin(), start.end() - 1, next.begin());
  for (size_t i = 0; i < n; ++i) sorted[next[prepared[i].key.shard]++] = prepared[i];

  // One pass over the keys in shard order, prefetching kAhead keys ahead across shard
  // boundaries (a batch has only a few dozen keys per shard, so restarting the prefetch
  // at each shard would stall on every shard's first keys). A key is prefetched under
  // its shard's lock, since the table may be growing in another thread: the pass locks
  // shards in ascending order as the prefetch reaches them and unlocks each after its
  // last key, so a thread holds a few locks at most, always taken in the same order
  // (no deadlock).
  constexpr uint32_t kAhead = 16;
  auto prefetch = [&](uint32_t j) {
    const Prepared& q = sorted[j];
    const uint32_t k = q.key.shard;
    if (j == start[k]) shards_[k]->mu.lock();  // the first of its shard's keys
    const Shard& shard = *shards_[k];
    if (q.key.number)
      shard.numbers.Prefetch(q.key.value);
    else
      shard.map.prefetch(Key{keys[q.index], q.key.value});
  };
  // Halfway there a number's slot has arrived, and the entry it names (compared on a
  // hit) is fetched in turn: a second miss per found id otherwise.
  auto prefetch_entry = [&](uint32_t j) {
    const Prepared& q = sorted[j];
    if (!q.key.number) return;
    const Shard& shard = *shards_[q.key.shard];
    shard.numbers.PrefetchEntry(q.key.value, shard.entries);
  };
  uint32_t prefetched = 0, j = 0;  // keys [j, prefetched) are prefetched, not yet looked up
  try {
    for (; prefetched < std::min<size_t>(n, kAhead); ++prefetched) prefetch(prefetched);
    for (uint32_t i = 0; i < std::min<size_t>(n, kAhead / 2); ++i) prefetch_entry(i);
    for (; j < n; ++j) {
      if (prefetched < n) prefetch(prefetched++);
      if (j + kAhead / 2 < n) prefetch_entry(j + kAhead / 2);
      const Prepared& q = sorted[j];
      const uint32_t k = q.key.shard;
      Shard& shard = *shards_[k];
      bool added;
      refs[q.index] = InternLocked(shard, q.key, keys[q.index], &added);
      if (inserted) inserted[q.index] = added;
      if (j + 1 == start[k + 1]) shard.mu.unlock();  // the last of its shard's keys
    }
  } catch (...) {  // an allocation failed: the locks of the keys in flight are released
    for (uint32_t k = 0; k < kShards; ++k)
      if (start[k] < prefetched && start[k + 1] > j) shards_[k]->mu.unlock();
    throw;
  }
}

uint32_t StringInterner::Find(std::string_view s) const {
  const Lookup k = LookupOf(s);
  const Shard& shard = *shards_[k.shard];
  std::lock_guard lock(shard.mu);
  if (k.number) {
    const uint32_t index = shard.numbers.Find(k.value, shard.entries);
    return index == UINT32_MAX ? kNoRef : RefOf(index, k.shard);
  }
  auto it = shard.map.find(Key{s, k.value});
  return it == shard.map.end() ? kNoRef : it->second;
}

uint32_t StringInterner::RefLimit() const {
  uint32_t limit = 0;
  for (int i = 0; i < kShards; ++i) {
    uint32_t n = static_cast<uint32_t>(shards_[i]->entries.size());
    if (n > 0) limit = std::max(limit, ((n - 1) << kShardBits | static_cast<uint32_t>(i)) + 1);
  }
  return limit;
}

size_t StringInterner::size() const {
  size_t n = 0;
  for (const auto& s : shards_) n += s->entries.size();
  return n;
}

size_t StringInterner::MemoryBytes() const {
  size_t n = 0;
  for (const auto& s : shards_) {
    // A slot is the pair as laid out (padded) plus absl's one control byte.
    n += s->bytes + s->entries.capacity() * sizeof(uint64_t) +
         s->texts.capacity() * sizeof(std::string_view) +
         s->map.capacity() * (sizeof(std::pair<const Key, uint32_t>) + 1) +
         s->numbers.capacity() * sizeof(uint64_t);
  }
  return n;
}

}  // namespace rapport
