// The event table: every event of the input as compact columns. Ids, authors and
// handles are interned; timestamps are int64 UTC seconds; counters keep "unknown"
// apart from 0. Readers fill EventBatches in parallel; batches are appended in input
// order; Finalize() folds repeated ids into one event (the newer snapshot's counters
// win, FORMATS.md) and freezes the table for the thread index and the metrics.
#pragma once

#include <array>
#include <atomic>
#include <mutex>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/event.h"
#include "core/interner.h"
#include "core/time.h"

namespace rapport {

// Bits of EventTable::text_flags, set at enrichment (src/text/).
enum TextFlag : uint8_t {
  kHasLink = 1 << 0,
  kPromotional = 1 << 1,
  kQuestion = 1 << 2,
  kComplaint = 1 << 3,
  kPraise = 1 << 4,
};

// The text signals enrichment can compute, as metric families declare they read them
// (MetricFamily::text_signals): a report computes only the ones some family reads.
enum TextSignal : unsigned {
  kReadsSentiment = 1 << 0,    // the `sentiment` column, of messages
  kReadsPromotional = 1 << 1,  // kPromotional
  kReadsIntent = 1 << 2,       // kQuestion, kComplaint, kPraise
  kAllTextSignals = kReadsSentiment | kReadsPromotional | kReadsIntent,
};

// Pool entries of `tags`: a handle ref (an @mention), or a brand index matched by a
// configured term or hashtag, marked by the high bit.
inline constexpr uint32_t kBrandTermBit = 0x80000000u;

// String dictionaries shared by all batches of one table.
struct Dictionaries {
  std::array<StringInterner, kPlatformCount> ids;      // event ids, per platform
  std::array<StringInterner, kPlatformCount> authors;  // author ids, per platform
  StringInterner handles;  // lower-cased handles without '@', all platforms

  // Authors first seen without a handle (rare): their first event with one gives it.
  // The count lets the common case skip the lock.
  void NoteMissingHandle(int platform, uint32_t author) {
    std::lock_guard lock(missing_mu_);
    if (missing_handle_.insert(static_cast<uint64_t>(platform) << 32 | author).second)
      missing_count_.fetch_add(1, std::memory_order_relaxed);
  }
  bool TakeMissingHandle(int platform, uint32_t author) {
    if (missing_count_.load(std::memory_order_relaxed) == 0) return false;
    std::lock_guard lock(missing_mu_);
    if (missing_handle_.erase(static_cast<uint64_t>(platform) << 32 | author) == 0) return false;
    missing_count_.fetch_sub(1, std::memory_order_relaxed);
    return true;
  }

 private:
  std::mutex missing_mu_;
  absl::flat_hash_set<uint64_t> missing_handle_;
  std::atomic<int64_t> missing_count_{0};
};

// Counters as columns allocated on first use. A counter known on most rows is a dense
// column of 16 bits a row while its values fit (likes, shares, replies mostly do); a
// larger value or a negative one (Reddit scores) spills to a side map, so nothing is
// clamped, and a column whose spills pass 1/32 of its rows widens to 32 bits for good.
// A counter known on few rows is sparse (row, value) pairs once the table is complete.
class CounterColumns {
 public:
  // Codes of a counter cell, as the 32-bit columns store them: a value below kSpill32,
  // kUnknown32, or kSpill32 (the value is in the spill map).
  static constexpr uint32_t kUnknown32 = UINT32_MAX;
  static constexpr uint32_t kSpill32 = UINT32_MAX - 1;
  // Inline for a dense column's cell unless spilled: the metric families read
  // counters of every brand post.
  int64_t Get(Counter c, size_t row) const {
    const Dense& d = dense_[static_cast<int>(c)];
    if (!d.empty()) {
      const uint32_t v = d.Code(row);
      if (v < kSpill32) return v;
      if (v == kUnknown32) return kUnknownCount;
    }
    return GetSlow(c, row);
  }
  void Set(Counter c, size_t row, int64_t value);  // row must be < size()
  void Resize(size_t n);
  void AppendUnknown(size_t n);
  // One more row with these values (kUnknownCount: unknown): the reader's path, one
  // push per allocated column instead of a resize of each and a Set per value.
  void AppendRow(const std::array<int64_t, kCounterCount>& values);
  // Capacity for n rows in every column, present and future (avoids doubling slack).
  void Reserve(size_t n);
  bool Has(Counter c) const {
    return !dense_[static_cast<int>(c)].empty() || !sparse_[static_cast<int>(c)].empty();
  }
  // Whether counter c is a dense column of 32 bits (for the tests).
  bool IsWide(Counter c) const { return dense_[static_cast<int>(c)].is_wide; }
  size_t size() const { return size_; }
  size_t MemoryBytes() const;
  void Append(const CounterColumns& other);
  // Keeps rows whose keep[row] is true, in order.
  void Compact(const std::vector<uint8_t>& keep, size_t kept);
  // Once the table is complete: a counter known on few rows (brand posts' impressions,
  // say) moves to a sparse column, 8 bytes a known value instead of 2 or 4 a row.
  void Sparsify();

 private:
  static constexpr uint16_t kUnknown16 = 0xFFFF;
  static constexpr uint16_t kSpill16 = 0xFFFE;
  struct Dense {
    std::vector<uint16_t> narrow;  // while !is_wide
    std::vector<uint32_t> wide;    // once is_wide
    bool is_wide = false;
    size_t spills = 0;  // narrow cells holding kSpill16
    bool empty() const { return is_wide ? wide.empty() : narrow.empty(); }
    size_t size() const { return is_wide ? wide.size() : narrow.size(); }
    uint32_t Code(size_t row) const {
      if (is_wide) return wide[row];
      const uint16_t v = narrow[row];
      return v < kSpill16 ? v : v == kSpill16 ? kSpill32 : kUnknown32;
    }
  };
  // Get for sparse columns and spilled cells.
  int64_t GetSlow(Counter c, size_t row) const;
  static uint64_t SpillKey(size_t row, int c) {
    return static_cast<uint64_t>(row) << 8 | static_cast<uint64_t>(c);
  }
  // The code of `value` at (row, c) for the column's width, spilling what does not fit.
  uint32_t Encode(int c, size_t row, int64_t value);
  // Stores a code at `row` (Put) or after the last row (Push); a value too large for a
  // narrow column spills there.
  void Put(int c, size_t row, uint32_t code);
  void Push(int c, uint32_t code);
  // Starts column c as a dense column of `rows` unknown cells.
  void StartDense(int c, size_t rows, bool wide);
  void Widen(int c);
  void WidenIfSpilling(int c);

  std::array<Dense, kCounterCount> dense_;
  // Sparse columns: (row, code) sorted by row.
  std::array<std::vector<std::pair<uint32_t, uint32_t>>, kCounterCount> sparse_;
  // Per sparse column, built by Sparsify: the index in sparse_ of the first entry of
  // each block of kSparseBlockRows rows and one past the last block, so a lookup
  // searches a few entries instead of the whole column (the metric families read
  // sparse counters of every brand post). Cleared whenever the column changes.
  static constexpr int kSparseBlockShift = 6;
  std::array<std::vector<uint32_t>, kCounterCount> sparse_block_;
  void IndexSparse(int c);
  absl::flat_hash_map<uint64_t, int64_t> spill_;  // SpillKey(row, counter) -> value
  size_t size_ = 0;
  size_t reserve_ = 0;
};

struct EventColumns {
  std::vector<uint32_t> id;            // ref in dictionaries.ids[platform]
  std::vector<uint32_t> author;        // ref in dictionaries.authors[platform]
  std::vector<uint32_t> parent;        // ref in ids[platform] or kNoRef
  std::vector<uint32_t> conversation;  // ref in ids[platform] or kNoRef
  std::vector<int64_t> created_at;
  std::vector<Platform> platform;
  std::vector<EventType> type;
  std::vector<Inbound> inbound;
  std::vector<uint8_t> text_flags;
  std::vector<float> sentiment;  // VADER compound per row; empty when texts were not scored
  std::vector<uint32_t> followers;  // author's followers at post time, kUnknown32
  std::vector<uint32_t> tags_begin;  // tags of row r: tags[tags_begin[r] .. tags_begin[r+1])
  std::vector<uint32_t> tags;
  CounterColumns counters;

  size_t size() const { return id.size(); }
  void Reserve(size_t n);
};

// What one reader thread produced from one block of input.
struct EventBatch {
  EventColumns columns;
  std::vector<uint32_t> author_handle;  // handle ref per row; dropped after Append
  bool unresolved = false;  // rows wait for EventBuilder::Flush (Append refuses them)
  EventBatch() { columns.tags_begin.push_back(0); }
};

// A record folded into an earlier one with the same id (kept for error messages).
struct FoldedRecord {
  size_t row;  // row index before folding, i.e. position in input order
  std::string id;
};

class EventTable {
 public:
  EventTable() : dict_(std::make_unique<Dictionaries>()) { columns_.tags_begin.push_back(0); }

  Dictionaries& dictionaries() { return *dict_; }
  const Dictionaries& dictionaries() const { return *dict_; }

  // Appends a batch (call in input order: a later row is a later snapshot).
  void Append(EventBatch&& batch);
  // Room for n rows in all, so the columns do not grow by doubling (which leaves up to
  // half of each column unused: measured 140 vs 93 bytes per event on 5M events).
  void Reserve(size_t n) {
    columns_.Reserve(n);
    columns_.counters.Reserve(n);
  }
  // Folds repeated ids, returns how many records were folded into earlier ones.
  // Up to `kept` examples are stored in `examples` when given.
  int64_t Finalize(std::vector<FoldedRecord>* examples = nullptr, size_t kept = 5);

  size_t size() const { return columns_.size(); }
  const EventColumns& columns() const { return columns_; }
  EventColumns& mutable_columns() { return columns_; }

  // An id or author as text (numbers are kept as values: written out on each call).
  std::string IdString(size_t row) const {
    return dict_->ids[Pi(row)].Get(columns_.id[row]);
  }
  // The id's value when it is a canonical decimal number (StringInterner::Number).
  std::optional<uint64_t> IdNumber(size_t row) const {
    return dict_->ids[Pi(row)].Number(columns_.id[row]);
  }
  std::string AuthorString(size_t row) const {
    return dict_->authors[Pi(row)].Get(columns_.author[row]);
  }
  // The author's handle (lower-cased, no '@'), or kNoRef.
  uint32_t AuthorHandle(Platform p, uint32_t author) const {
    const auto& v = author_handle_[static_cast<int>(p)];
    return author < v.size() ? v[author] : kNoRef;
  }
  int64_t Counter(rapport::Counter c, size_t row) const { return columns_.counters.Get(c, row); }

  // Bytes of the columns (without the dictionaries), for the memory budget.
  size_t ColumnBytes() const;
  size_t DictionaryBytes() const;

 private:
  int Pi(size_t row) const { return static_cast<int>(columns_.platform[row]); }
  int64_t FoldRepeatedIds(std::vector<FoldedRecord>* examples, size_t kept_examples);
  std::unique_ptr<Dictionaries> dict_;
  EventColumns columns_;
  std::array<std::vector<uint32_t>, kPlatformCount> author_handle_;
};

}  // namespace rapport
