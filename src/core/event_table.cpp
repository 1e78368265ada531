#include "core/event_table.h"

#include <algorithm>

namespace rapport {

int64_t CounterColumns::Get(Counter c, size_t row) const {
  const auto& col = columns_[static_cast<int>(c)];
  uint32_t v;
  if (!col.empty()) {
    v = col[row];
  } else {
    const auto& sp = sparse_[static_cast<int>(c)];
    if (sp.empty()) return kUnknownCount;
    auto it = std::lower_bound(sp.begin(), sp.end(), std::pair<uint32_t, uint32_t>{static_cast<uint32_t>(row), 0});
    if (it == sp.end() || it->first != row) return kUnknownCount;
    v = it->second;
  }
  if (v == kUnknown32) return kUnknownCount;
  if (v == kSpill32) return spill_.at(static_cast<uint64_t>(row) << 8 | static_cast<int>(c));
  return v;
}

void CounterColumns::Set(Counter c, size_t row, int64_t value) {
  auto& col = columns_[static_cast<int>(c)];
  uint64_t key = static_cast<uint64_t>(row) << 8 | static_cast<int>(c);
  if (col.empty() && !sparse_[static_cast<int>(c)].empty()) {
    // A sparse column becomes dense for the update: Set is rare (folding repeated
    // ids); Sparsify() makes it sparse again once the table is final.
    col.assign(size_, kUnknown32);
    for (auto [r, v] : sparse_[static_cast<int>(c)]) col[r] = v;
    std::vector<std::pair<uint32_t, uint32_t>>().swap(sparse_[static_cast<int>(c)]);
  }
  if (value == kUnknownCount) {
    if (!col.empty()) {
      if (col[row] == kSpill32) spill_.erase(key);
      col[row] = kUnknown32;
    }
    return;
  }
  if (col.empty()) col.assign(size_, kUnknown32);
  if (col[row] == kSpill32) spill_.erase(key);
  if (value >= 0 && value < kSpill32) {
    col[row] = static_cast<uint32_t>(value);
  } else {
    col[row] = kSpill32;  // negative (Reddit scores) or huge: kept exactly
    spill_[key] = value;
  }
}

void CounterColumns::Resize(size_t n) {
  for (auto& col : columns_)
    if (!col.empty()) col.resize(n, kUnknown32);
  size_ = n;
}

void CounterColumns::AppendUnknown(size_t n) { Resize(size_ + n); }

void CounterColumns::AppendRow(const std::array<int64_t, kCounterCount>& values) {
  for (const auto& sp : sparse_) {
    if (sp.empty()) continue;
    // A table with sparse columns (not a reader's batch): the general path.
    const size_t row = size_;
    AppendUnknown(1);
    for (int k = 0; k < kCounterCount; ++k)
      if (values[k] != kUnknownCount) Set(static_cast<Counter>(k), row, values[k]);
    return;
  }
  const size_t row = size_++;
  for (int k = 0; k < kCounterCount; ++k) {
    auto& col = columns_[k];
    const int64_t v = values[k];
    if (v == kUnknownCount) {
      if (!col.empty()) col.push_back(kUnknown32);
      continue;
    }
    if (col.empty()) col.assign(row, kUnknown32);  // first known value: the column starts
    if (v >= 0 && v < kSpill32) {
      col.push_back(static_cast<uint32_t>(v));
    } else {
      col.push_back(kSpill32);  // negative (Reddit scores) or huge: kept exactly
      spill_[static_cast<uint64_t>(row) << 8 | static_cast<uint64_t>(k)] = v;
    }
  }
}

void CounterColumns::Reserve(size_t n) {
  reserve_ = std::max(reserve_, n);
  for (auto& col : columns_)
    if (!col.empty()) col.reserve(n);
}

void CounterColumns::Append(const CounterColumns& other) {
  size_t base = size_;
  size_t total = base + other.size_;
  for (int c = 0; c < kCounterCount; ++c) {
    const auto& src = other.columns_[c];
    auto& dst = columns_[c];
    if (src.empty()) {
      if (!dst.empty()) dst.resize(total, kUnknown32);
      continue;
    }
    if (!dst.empty()) {
      dst.insert(dst.end(), src.begin(), src.end());
      continue;
    }
    // The table keeps a counter sparse while it is known on under half the rows (so
    // brand-only counters never cost 4 bytes a row, not even while reading).
    auto& sp = sparse_[c];
    for (size_t row = 0; row < src.size(); ++row)
      if (src[row] != kUnknown32) sp.push_back({static_cast<uint32_t>(base + row), src[row]});
    if (sp.size() * 2 >= total) {
      dst.reserve(std::max(reserve_, total));
      dst.assign(total, kUnknown32);
      for (auto [row, v] : sp) dst[row] = v;
      std::vector<std::pair<uint32_t, uint32_t>>().swap(sp);
    }
  }
  for (const auto& [key, value] : other.spill_)
    spill_[((key >> 8) + base) << 8 | (key & 0xff)] = value;
  size_ = total;
}

void CounterColumns::Compact(const std::vector<uint8_t>& keep, size_t kept) {
  absl::flat_hash_map<uint64_t, int64_t> spill;
  // Sparse rows are renumbered through the kept-row prefix count.
  std::vector<uint32_t> new_row;
  for (int c = 0; c < kCounterCount; ++c) {
    auto& sp = sparse_[c];
    if (sp.empty()) continue;
    if (new_row.empty()) {
      new_row.resize(size_);
      uint32_t out = 0;
      for (size_t row = 0; row < size_; ++row) new_row[row] = keep[row] ? out++ : kUnknown32;
    }
    size_t out = 0;
    for (auto [row, v] : sp) {
      if (!keep[row]) continue;
      if (v == kSpill32)
        spill[static_cast<uint64_t>(new_row[row]) << 8 | c] = spill_.at(static_cast<uint64_t>(row) << 8 | c);
      sp[out++] = {new_row[row], v};
    }
    sp.resize(out);
  }
  for (int c = 0; c < kCounterCount; ++c) {
    auto& col = columns_[c];
    if (col.empty()) continue;
    size_t out = 0;
    for (size_t row = 0; row < size_; ++row) {
      if (!keep[row]) continue;
      if (col[row] == kSpill32)
        spill[static_cast<uint64_t>(out) << 8 | c] = spill_.at(static_cast<uint64_t>(row) << 8 | c);
      col[out++] = col[row];
    }
    col.resize(kept);
    col.shrink_to_fit();
  }
  spill_ = std::move(spill);
  size_ = kept;
}

size_t CounterColumns::MemoryBytes() const {
  size_t n = spill_.capacity() * 17;
  for (const auto& col : columns_) n += col.capacity() * sizeof(uint32_t);
  for (const auto& sp : sparse_) n += sp.capacity() * sizeof(sp[0]);
  return n;
}

void CounterColumns::Sparsify() {
  for (int c = 0; c < kCounterCount; ++c) {
    auto& col = columns_[c];
    if (col.empty()) continue;
    size_t known = 0;
    for (uint32_t v : col) known += v != kUnknown32;
    if (known * 2 >= col.size()) continue;  // dense wins at half known and above
    auto& sp = sparse_[c];
    sp.reserve(known);
    for (size_t row = 0; row < col.size(); ++row)
      if (col[row] != kUnknown32) sp.push_back({static_cast<uint32_t>(row), col[row]});
    std::vector<uint32_t>().swap(col);
  }
}

void EventColumns::Reserve(size_t n) {
  id.reserve(n);
  author.reserve(n);
  parent.reserve(n);
  conversation.reserve(n);
  created_at.reserve(n);
  platform.reserve(n);
  type.reserve(n);
  inbound.reserve(n);
  text_flags.reserve(n);
  sentiment.reserve(n);
  followers.reserve(n);
  tags_begin.reserve(n + 1);
}

namespace {
template <typename T>
void AppendVec(std::vector<T>& dst, const std::vector<T>& src) {
  dst.insert(dst.end(), src.begin(), src.end());
}
template <typename T>
void CompactVec(std::vector<T>& v, const std::vector<uint8_t>& keep, size_t kept) {
  if (v.empty()) return;  // an optional column that is absent stays absent
  size_t out = 0;
  for (size_t i = 0; i < v.size(); ++i)
    if (keep[i]) v[out++] = v[i];
  v.resize(kept);
  v.shrink_to_fit();
}
}  // namespace

void EventTable::Append(EventBatch&& batch) {
  EventColumns& b = batch.columns;
  size_t n = b.size();
  for (size_t i = 0; i < n; ++i) {
    uint32_t h = batch.author_handle[i];
    if (h == kNoRef) continue;
    auto& map = author_handle_[static_cast<int>(b.platform[i])];
    uint32_t a = b.author[i];
    if (a >= map.size()) map.resize(std::max<size_t>(a + 1, map.size() * 2), kNoRef);
    if (map[a] == kNoRef) map[a] = h;
  }
  AppendVec(columns_.id, b.id);
  AppendVec(columns_.author, b.author);
  AppendVec(columns_.parent, b.parent);
  AppendVec(columns_.conversation, b.conversation);
  AppendVec(columns_.created_at, b.created_at);
  AppendVec(columns_.platform, b.platform);
  AppendVec(columns_.type, b.type);
  AppendVec(columns_.inbound, b.inbound);
  AppendVec(columns_.text_flags, b.text_flags);
  AppendVec(columns_.sentiment, b.sentiment);
  AppendVec(columns_.followers, b.followers);
  uint32_t base = static_cast<uint32_t>(columns_.tags.size());
  for (size_t i = 1; i < b.tags_begin.size(); ++i)
    columns_.tags_begin.push_back(base + b.tags_begin[i]);
  AppendVec(columns_.tags, b.tags);
  columns_.counters.Append(b.counters);
}

int64_t EventTable::Finalize(std::vector<FoldedRecord>* examples, size_t kept_examples) {
  int64_t folded = FoldRepeatedIds(examples, kept_examples);
  columns_.counters.Sparsify();
  return folded;
}

int64_t EventTable::FoldRepeatedIds(std::vector<FoldedRecord>* examples, size_t kept_examples) {
  const size_t n = size();
  std::array<std::vector<uint32_t>, kPlatformCount> row_of_id;
  for (int p = 0; p < kPlatformCount; ++p) row_of_id[p].assign(dict_->ids[p].RefLimit(), kNoRef);
  std::vector<uint8_t> keep(n, 1);
  int64_t folded = 0;
  for (size_t row = 0; row < n; ++row) {
    int p = Pi(row);
    uint32_t& first = row_of_id[p][columns_.id[row]];
    if (first == kNoRef) {
      first = static_cast<uint32_t>(row);
      continue;
    }
    // A later snapshot of the same item: its counters and follower count replace the
    // earlier ones; everything else stays as first seen.
    for (int c = 0; c < kCounterCount; ++c) {
      auto counter = static_cast<rapport::Counter>(c);
      int64_t v = columns_.counters.Get(counter, row);
      if (v != kUnknownCount) columns_.counters.Set(counter, first, v);
    }
    if (columns_.followers[row] != CounterColumns::kUnknown32)
      columns_.followers[first] = columns_.followers[row];
    keep[row] = 0;
    ++folded;
    if (examples && examples->size() < kept_examples)
      examples->push_back({row, std::string(IdString(row))});
  }
  if (folded == 0) return 0;
  size_t kept = n - static_cast<size_t>(folded);
  // Rebuild the tag pool for the kept rows.
  std::vector<uint32_t> tags_begin;
  std::vector<uint32_t> tags;
  tags_begin.reserve(kept + 1);
  tags_begin.push_back(0);
  for (size_t row = 0; row < n; ++row) {
    if (!keep[row]) continue;
    for (uint32_t t = columns_.tags_begin[row]; t < columns_.tags_begin[row + 1]; ++t)
      tags.push_back(columns_.tags[t]);
    tags_begin.push_back(static_cast<uint32_t>(tags.size()));
  }
  columns_.tags_begin = std::move(tags_begin);
  columns_.tags = std::move(tags);
  CompactVec(columns_.id, keep, kept);
  CompactVec(columns_.author, keep, kept);
  CompactVec(columns_.parent, keep, kept);
  CompactVec(columns_.conversation, keep, kept);
  CompactVec(columns_.created_at, keep, kept);
  CompactVec(columns_.platform, keep, kept);
  CompactVec(columns_.type, keep, kept);
  CompactVec(columns_.inbound, keep, kept);
  CompactVec(columns_.text_flags, keep, kept);
  CompactVec(columns_.sentiment, keep, kept);
  CompactVec(columns_.followers, keep, kept);
  columns_.counters.Compact(keep, kept);
  return folded;
}

size_t EventTable::ColumnBytes() const {
  const auto& c = columns_;
  size_t n = c.id.capacity() * 4 + c.author.capacity() * 4 + c.parent.capacity() * 4 +
             c.conversation.capacity() * 4 + c.created_at.capacity() * 8 +
             c.platform.capacity() + c.type.capacity() + c.inbound.capacity() +
             c.text_flags.capacity() + c.sentiment.capacity() * 4 + c.followers.capacity() * 4 +
             c.tags_begin.capacity() * 4 + c.tags.capacity() * 4 + c.counters.MemoryBytes();
  for (const auto& v : author_handle_) n += v.capacity() * 4;
  return n;
}

size_t EventTable::DictionaryBytes() const {
  size_t n = dict_->handles.MemoryBytes();
  for (int p = 0; p < kPlatformCount; ++p)
    n += dict_->ids[p].MemoryBytes() + dict_->authors[p].MemoryBytes();
  return n;
}

}  // namespace rapport
