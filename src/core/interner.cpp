#include "core/interner.h"

#include <cstring>

#include <functional>

namespace rapport {
namespace {
constexpr size_t kBlockBytes = 1 << 16;

// The value of a canonical decimal string: 1 to 19 digits, no leading zero (so value
// and string map one to one, and "007" stays a string).
bool CanonicalNumber(std::string_view s, uint64_t& value) {
  if (s.empty() || s.size() > 19 || (s[0] == '0' && s.size() > 1)) return false;
  uint64_t v = 0;
  for (char c : s) {
    const auto d = static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
    if (d > 9) return false;
    v = v * 10 + d;
  }
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

uint32_t StringInterner::Add(Shard& shard, uint32_t shard_idx, std::string_view s) {
  std::string_view stored = Store(shard, s);
  uint32_t ref = (static_cast<uint32_t>(shard.strings.size()) << kShardBits) | shard_idx;
  shard.strings.push_back(stored);
  return ref;
}

uint32_t StringInterner::Intern(std::string_view s, bool* inserted) {
  if (uint64_t v; CanonicalNumber(s, v)) {
    const uint32_t shard_idx = NumberShard(v, kShardBits);
    Shard& shard = *shards_[shard_idx];
    std::lock_guard lock(shard.mu);
    auto [it, added] = shard.numbers.try_emplace(v, 0);
    if (!added) return it->second;
    if (inserted) *inserted = true;
    it->second = Add(shard, shard_idx, s);
    return it->second;
  }
  size_t h = std::hash<std::string_view>{}(s);
  uint32_t shard_idx = static_cast<uint32_t>(h >> 7) & (kShards - 1);
  Shard& shard = *shards_[shard_idx];
  std::lock_guard lock(shard.mu);
  auto it = shard.map.find(Key{s, h});
  if (it != shard.map.end()) return it->second;
  if (inserted) *inserted = true;
  const uint32_t ref = Add(shard, shard_idx, s);
  shard.map.emplace(Key{shard.strings.back(), h}, ref);
  return ref;
}

void StringInterner::Prefetch(std::string_view s) const {
  // Under the shard's lock: the table may be growing in another thread.
  if (uint64_t v; CanonicalNumber(s, v)) {
    const Shard& shard = *shards_[NumberShard(v, kShardBits)];
    std::lock_guard lock(shard.mu);
    shard.numbers.prefetch(v);
    return;
  }
  size_t h = std::hash<std::string_view>{}(s);
  const Shard& shard = *shards_[static_cast<uint32_t>(h >> 7) & (kShards - 1)];
  std::lock_guard lock(shard.mu);
  shard.map.prefetch(Key{s, h});
}

uint32_t StringInterner::Find(std::string_view s) const {
  if (uint64_t v; CanonicalNumber(s, v)) {
    const Shard& shard = *shards_[NumberShard(v, kShardBits)];
    std::lock_guard lock(shard.mu);
    auto it = shard.numbers.find(v);
    return it == shard.numbers.end() ? kNoRef : it->second;
  }
  size_t h = std::hash<std::string_view>{}(s);
  uint32_t shard_idx = static_cast<uint32_t>(h >> 7) & (kShards - 1);
  const Shard& shard = *shards_[shard_idx];
  std::lock_guard lock(shard.mu);
  auto it = shard.map.find(Key{s, h});
  return it == shard.map.end() ? kNoRef : it->second;
}

uint32_t StringInterner::RefLimit() const {
  uint32_t limit = 0;
  for (int i = 0; i < kShards; ++i) {
    uint32_t n = static_cast<uint32_t>(shards_[i]->strings.size());
    if (n > 0) limit = std::max(limit, ((n - 1) << kShardBits | static_cast<uint32_t>(i)) + 1);
  }
  return limit;
}

size_t StringInterner::size() const {
  size_t n = 0;
  for (const auto& s : shards_) n += s->strings.size();
  return n;
}

size_t StringInterner::MemoryBytes() const {
  size_t n = 0;
  for (const auto& s : shards_) {
    // A slot is the pair as laid out (padded) plus absl's one control byte.
    n += s->bytes + s->strings.capacity() * sizeof(std::string_view) +
         s->map.capacity() * (sizeof(std::pair<const Key, uint32_t>) + 1) +
         s->numbers.capacity() * (sizeof(std::pair<const uint64_t, uint32_t>) + 1);
  }
  return n;
}

}  // namespace rapport
