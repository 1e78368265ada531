#include "core/event_table.h"

#include <algorithm>
#include <stdexcept>

namespace rapport {

int64_t CounterColumns::GetSlow(Counter c, size_t row) const {
  const int k = static_cast<int>(c);
  const Dense& d = dense_[k];
  uint32_t v;
  if (!d.empty()) {
    v = d.Code(row);
  } else {
    const auto& sp = sparse_[k];
    if (sp.empty()) return kUnknownCount;
    auto lo = sp.begin(), hi = sp.end();
    const auto& block = sparse_block_[k];
    if (const size_t b = row >> kSparseBlockShift; b + 1 < block.size()) {
      lo = sp.begin() + block[b];
      hi = sp.begin() + block[b + 1];
    }
    auto it =
        std::lower_bound(lo, hi, std::pair<uint32_t, uint32_t>{static_cast<uint32_t>(row), 0});
    if (it == hi || it->first != row) return kUnknownCount;
    v = it->second;
  }
  if (v == kUnknown32) return kUnknownCount;
  if (v == kSpill32) return spill_.at(SpillKey(row, k));
  return v;
}

uint32_t CounterColumns::Encode(int c, size_t row, int64_t value) {
  if (value == kUnknownCount) return kUnknown32;
  const int64_t limit = dense_[c].is_wide ? int64_t{kSpill32} : int64_t{kSpill16};
  if (value >= 0 && value < limit) return static_cast<uint32_t>(value);
  spill_[SpillKey(row, c)] = value;
  return kSpill32;
}

void CounterColumns::Put(int c, size_t row, uint32_t code) {
  Dense& d = dense_[c];
  if (d.is_wide) {
    d.wide[row] = code;
    return;
  }
  d.spills -= d.narrow[row] == kSpill16;
  if (code >= kSpill16 && code < kSpill32) {  // a 32-bit value: spilled here
    spill_[SpillKey(row, c)] = code;
    code = kSpill32;
  }
  d.narrow[row] = code == kUnknown32 ? kUnknown16 : code == kSpill32 ? kSpill16 : static_cast<uint16_t>(code);
  d.spills += code == kSpill32;
}

void CounterColumns::Push(int c, uint32_t code) {
  Dense& d = dense_[c];
  if (d.is_wide) {
    d.wide.push_back(code);
    return;
  }
  d.narrow.push_back(kUnknown16);
  Put(c, d.narrow.size() - 1, code);
}

void CounterColumns::StartDense(int c, size_t rows, bool wide) {
  Dense& d = dense_[c];
  d = Dense{};
  d.is_wide = wide;
  if (wide) {
    d.wide.reserve(std::max(reserve_, rows));
    d.wide.assign(rows, kUnknown32);
  } else {
    d.narrow.reserve(std::max(reserve_, rows));
    d.narrow.assign(rows, kUnknown16);
  }
}

void CounterColumns::Widen(int c) {
  Dense& d = dense_[c];
  if (d.is_wide) return;
  std::vector<uint32_t> wide;
  wide.reserve(std::max(reserve_, d.narrow.size()));
  for (size_t row = 0; row < d.narrow.size(); ++row) wide.push_back(d.Code(row));
  // Spilled cells keep their spill entries: kSpill32 means the same in both widths.
  d.narrow = {};
  d.wide = std::move(wide);
  d.is_wide = true;
  d.spills = 0;
}

void CounterColumns::WidenIfSpilling(int c) {
  const Dense& d = dense_[c];
  if (!d.is_wide && d.spills > 64 && d.spills * 32 > d.narrow.size()) Widen(c);
}

void CounterColumns::Set(Counter counter, size_t row, int64_t value) {
  const int c = static_cast<int>(counter);
  Dense& d = dense_[c];
  if (d.empty() && !sparse_[c].empty()) {
    // A sparse column becomes dense for the update: Set is rare (folding repeated
    // ids); Sparsify() makes it sparse again once the table is final.
    StartDense(c, size_, false);
    for (auto [r, v] : sparse_[c]) Put(c, r, v);
    std::vector<std::pair<uint32_t, uint32_t>>().swap(sparse_[c]);
    std::vector<uint32_t>().swap(sparse_block_[c]);
  }
  if (value == kUnknownCount && d.empty()) return;
  if (d.empty()) StartDense(c, size_, false);
  if (d.Code(row) == kSpill32) spill_.erase(SpillKey(row, c));
  Put(c, row, Encode(c, row, value));
  WidenIfSpilling(c);
}

void CounterColumns::Resize(size_t n) {
  for (auto& d : dense_) {
    if (d.empty()) continue;
    if (d.is_wide)
      d.wide.resize(n, kUnknown32);
    else
      d.narrow.resize(n, kUnknown16);
  }
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
    Dense& d = dense_[k];
    const int64_t v = values[k];
    // Most cells: an unknown, or a value that fits the column, pushed as is.
    if (!d.wide.empty()) {  // is_wide
      if (v == kUnknownCount || (v >= 0 && v < int64_t{kSpill32})) {
        d.wide.push_back(v == kUnknownCount ? kUnknown32 : static_cast<uint32_t>(v));
        continue;
      }
    } else if (!d.narrow.empty()) {  // !is_wide
      if (v == kUnknownCount || (v >= 0 && v < int64_t{kSpill16})) {
        d.narrow.push_back(v == kUnknownCount ? kUnknown16 : static_cast<uint16_t>(v));
        continue;
      }
    }
    // What is left: an unknown or a first value in a column not started yet, or a
    // value that spills.
    if (v == kUnknownCount) continue;  // the column starts at its first known value
    if (d.empty()) StartDense(k, row, false);
    Push(k, Encode(k, row, v));
    WidenIfSpilling(k);
  }
}

void CounterColumns::Reserve(size_t n) {
  reserve_ = std::max(reserve_, n);
  for (auto& d : dense_) {
    if (d.empty()) continue;
    if (d.is_wide)
      d.wide.reserve(n);
    else
      d.narrow.reserve(n);
  }
}

void CounterColumns::Append(const CounterColumns& other) {
  size_t base = size_;
  size_t total = base + other.size_;
  // Spill entries first: a cell narrowed below may add its own at a shifted row.
  for (const auto& [key, value] : other.spill_)
    spill_[((key >> 8) + base) << 8 | (key & 0xff)] = value;
  for (int c = 0; c < kCounterCount; ++c) {
    const Dense& src = other.dense_[c];
    Dense& dst = dense_[c];
    if (src.empty()) {
      if (dst.is_wide)
        dst.wide.resize(total, kUnknown32);
      else if (!dst.empty())
        dst.narrow.resize(total, kUnknown16);
      continue;
    }
    if (!dst.empty()) {
      if (src.is_wide) Widen(c);
      if (dst.is_wide == src.is_wide) {
        if (dst.is_wide) {
          dst.wide.insert(dst.wide.end(), src.wide.begin(), src.wide.end());
        } else {
          dst.narrow.insert(dst.narrow.end(), src.narrow.begin(), src.narrow.end());
          dst.spills += src.spills;
        }
      } else {  // a wide table column, a narrow batch column
        for (size_t row = 0; row < src.size(); ++row) dst.wide.push_back(src.Code(row));
      }
      WidenIfSpilling(c);
      continue;
    }
    // The table keeps a counter sparse while it is known on under half the rows (so
    // brand-only counters never cost a cell a row, not even while reading).
    auto& sp = sparse_[c];
    sparse_block_[c].clear();
    for (size_t row = 0; row < src.size(); ++row)
      if (uint32_t code = src.Code(row); code != kUnknown32)
        sp.push_back({static_cast<uint32_t>(base + row), code});
    if (sp.size() * 2 >= total) {
      StartDense(c, total, src.is_wide);
      for (auto [row, v] : sp) Put(c, row, v);
      std::vector<std::pair<uint32_t, uint32_t>>().swap(sp);
      WidenIfSpilling(c);
    }
  }
  size_ = total;
}

void CounterColumns::Compact(const std::vector<uint8_t>& keep, size_t kept) {
  absl::flat_hash_map<uint64_t, int64_t> spill;
  // Sparse rows are renumbered through the kept-row prefix count.
  std::vector<uint32_t> new_row;
  for (int c = 0; c < kCounterCount; ++c) {
    auto& sp = sparse_[c];
    sparse_block_[c].clear();
    if (sp.empty()) continue;
    if (new_row.empty()) {
      new_row.resize(size_);
      uint32_t out = 0;
      for (size_t row = 0; row < size_; ++row) new_row[row] = keep[row] ? out++ : kUnknown32;
    }
    size_t out = 0;
    for (auto [row, v] : sp) {
      if (!keep[row]) continue;
      if (v == kSpill32) spill[SpillKey(new_row[row], c)] = spill_.at(SpillKey(row, c));
      sp[out++] = {new_row[row], v};
    }
    sp.resize(out);
  }
  auto compact = [&](auto& col, auto spill_code, int c) {
    size_t out = 0;
    for (size_t row = 0; row < size_; ++row) {
      if (!keep[row]) continue;
      if (col[row] == spill_code) spill[SpillKey(out, c)] = spill_.at(SpillKey(row, c));
      col[out++] = col[row];
    }
    col.resize(kept);
    col.shrink_to_fit();
  };
  for (int c = 0; c < kCounterCount; ++c) {
    Dense& d = dense_[c];
    if (d.empty()) continue;
    if (d.is_wide) {
      compact(d.wide, kSpill32, c);
    } else {
      compact(d.narrow, kSpill16, c);
      d.spills = static_cast<size_t>(std::count(d.narrow.begin(), d.narrow.end(), kSpill16));
    }
  }
  spill_ = std::move(spill);
  size_ = kept;
}

size_t CounterColumns::MemoryBytes() const {
  size_t n = spill_.capacity() * 17;
  for (const auto& d : dense_) n += d.narrow.capacity() * sizeof(uint16_t) + d.wide.capacity() * sizeof(uint32_t);
  for (const auto& sp : sparse_) n += sp.capacity() * sizeof(sp[0]);
  for (const auto& b : sparse_block_) n += b.capacity() * sizeof(uint32_t);
  return n;
}

void CounterColumns::IndexSparse(int c) {
  const auto& sp = sparse_[c];
  auto& block = sparse_block_[c];
  block.clear();
  if (sp.empty()) return;
  const size_t blocks = (size_ >> kSparseBlockShift) + 1;
  block.reserve(blocks + 1);
  size_t i = 0;
  for (size_t b = 0; b < blocks; ++b) {
    while (i < sp.size() && (sp[i].first >> kSparseBlockShift) < b) ++i;
    block.push_back(static_cast<uint32_t>(i));
  }
  block.push_back(static_cast<uint32_t>(sp.size()));
}

void CounterColumns::Sparsify() {
  for (int c = 0; c < kCounterCount; ++c) {
    Dense& d = dense_[c];
    if (d.empty()) continue;
    const size_t rows = d.size();
    size_t known = 0;
    for (size_t row = 0; row < rows; ++row) known += d.Code(row) != kUnknown32;
    if (known * 2 >= rows) continue;  // dense wins at half known and above
    auto& sp = sparse_[c];
    sp.reserve(known);
    for (size_t row = 0; row < rows; ++row)
      if (uint32_t code = d.Code(row); code != kUnknown32) sp.push_back({static_cast<uint32_t>(row), code});
    d = Dense{};
    IndexSparse(c);
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
  // A programming error, not bad input: the rows' ids are not interned yet.
  if (batch.unresolved) throw std::logic_error("EventTable::Append: batch not flushed (EventBuilder::Flush)");
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
