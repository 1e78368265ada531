#include "threads/thread_index.h"

#include <algorithm>

#include "tbb/blocked_range.h"
#include "tbb/parallel_for.h"

namespace rapport {
namespace {

bool IsNumber(std::string_view s) {
  if (s.empty() || s.size() > 19) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

uint64_t ParseU64(std::string_view s) {
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

}  // namespace

uint32_t ThreadIndex::conversation_of(size_t row) const {
  auto at = std::find(order_.begin(), order_.end(), static_cast<uint32_t>(row));
  if (at == order_.end()) return kNoRef;
  auto pos = static_cast<uint32_t>(at - order_.begin());
  return static_cast<uint32_t>(std::upper_bound(conv_begin_.begin(), conv_begin_.end(), pos) -
                               conv_begin_.begin() - 1);
}

bool IdLess(std::string_view a, std::string_view b) {
  bool na = IsNumber(a), nb = IsNumber(b);
  if (na != nb) return na;
  if (na) return ParseU64(a) < ParseU64(b);
  return a < b;
}

ThreadIndex::ThreadIndex(const EventTable& table) {
  const auto& c = table.columns();
  const size_t n = table.size();
  const auto& dict = table.dictionaries();

  // Row of each id, per platform.
  std::array<std::vector<uint32_t>, kPlatformCount> row_of_id;
  for (int p = 0; p < kPlatformCount; ++p) row_of_id[p].assign(dict.ids[p].RefLimit(), kNoRef);
  for (size_t row = 0; row < n; ++row)
    row_of_id[static_cast<int>(c.platform[row])][c.id[row]] = static_cast<uint32_t>(row);

  parent_row_.assign(n, kNoRef);
  for (size_t row = 0; row < n; ++row) {
    uint32_t p = c.parent[row];
    if (p == kNoRef) continue;
    uint32_t pr = row_of_id[static_cast<int>(c.platform[row])][p];
    if (pr == row) pr = kNoRef;  // a record naming itself as parent
    parent_row_[row] = pr;
    if (pr == kNoRef) ++orphans_;
  }
  // Temporaries are freed as soon as they are used: the index is built while the
  // whole table is in memory, so its peak is the run's peak.
  for (auto& v : row_of_id) std::vector<uint32_t>().swap(v);

  // Depth and root by walking up with memoisation; a chain that comes back to a row
  // on the current path is a cycle (bad data): the link into the cycle is cut.
  constexpr uint32_t kUnset = UINT32_MAX, kOnPath = UINT32_MAX - 1;
  depth_.assign(n, kUnset);
  std::vector<uint32_t> root(n, kNoRef);
  std::vector<uint32_t> path;
  for (size_t start = 0; start < n; ++start) {
    if (depth_[start] != kUnset) continue;
    path.clear();
    uint32_t r = static_cast<uint32_t>(start);
    while (true) {
      if (depth_[r] == kOnPath) {  // cycle: cut the link of the row we came from
        uint32_t from = path.back();
        parent_row_[from] = kNoRef;
        ++cycles_;
        depth_[from] = 0;
        root[from] = from;
        path.pop_back();
        break;
      }
      if (depth_[r] != kUnset) break;
      depth_[r] = kOnPath;
      path.push_back(r);
      if (parent_row_[r] == kNoRef) {
        depth_[r] = 0;
        root[r] = r;
        path.pop_back();
        break;
      }
      r = parent_row_[r];
    }
    // Unwind: each row on the path is one deeper than its parent.
    while (!path.empty()) {
      uint32_t x = path.back();
      path.pop_back();
      uint32_t pr = parent_row_[x];
      depth_[x] = depth_[pr] + 1;
      root[x] = root[pr];
    }
  }

  // Conversation key: the platform's conversation id (own, else the root's), else the
  // root's id. Keys are numbered in order of first appearance, through a vector per
  // platform indexed by id ref (4 bytes an id, half a hash map's cost).
  std::array<std::vector<uint32_t>, kPlatformCount> conv_of_key;
  uint32_t nconv_seen = 0;
  // Conversation of each row: needed only to build the reading order, so freed here
  // (4 bytes an event less at the metrics' peak).
  std::vector<uint32_t> conversation(n);
  for (size_t row = 0; row < n; ++row) {
    uint32_t rt = root[row];
    uint32_t key_ref = c.conversation[row] != kNoRef ? c.conversation[row]
                       : c.conversation[rt] != kNoRef ? c.conversation[rt]
                                                      : c.id[rt];
    auto& numbers = conv_of_key[static_cast<int>(c.platform[row])];
    if (numbers.empty()) numbers.assign(dict.ids[static_cast<int>(c.platform[row])].RefLimit(), kNoRef);
    uint32_t& number = numbers[key_ref];
    if (number == kNoRef) number = nconv_seen++;
    conversation[row] = number;
  }
  const size_t nconv = nconv_seen;
  for (auto& v : conv_of_key) std::vector<uint32_t>().swap(v);
  std::vector<uint32_t>().swap(root);

  // Reading order: conversation, time, depth, id. Rows are first bucketed by
  // conversation (a counting sort, linear), then each conversation, mostly a handful of
  // rows, is sorted on its own: the same order as one sort of every row by the whole
  // key, at a fraction of the cost. Ties on time and depth are rare, so ids are compared
  // (parsed) only then, with no per-row key array.
  conv_begin_.assign(nconv + 1, 0);
  for (size_t row = 0; row < n; ++row) ++conv_begin_[conversation[row] + 1];
  for (size_t k = 0; k < nconv; ++k) conv_begin_[k + 1] += conv_begin_[k];
  order_.resize(n);
  {
    std::vector<uint32_t> next(conv_begin_.begin(), conv_begin_.end() - 1);
    for (size_t row = 0; row < n; ++row) order_[next[conversation[row]]++] = static_cast<uint32_t>(row);
  }
  std::vector<uint32_t>().swap(conversation);
  auto before = [&](uint32_t a, uint32_t b) {
    if (c.created_at[a] != c.created_at[b]) return c.created_at[a] < c.created_at[b];
    if (depth_[a] != depth_[b]) return depth_[a] < depth_[b];
    // Most ids are numbers: compared as values, without writing them out (the order
    // IdLess gives their text).
    if (const auto na = table.IdNumber(a), nb = table.IdNumber(b); na && nb)
      return *na != *nb ? *na < *nb : a < b;
    const std::string ia = table.IdString(a), ib = table.IdString(b);
    if (ia != ib) return IdLess(ia, ib);
    return a < b;
  };
  tbb::parallel_for(tbb::blocked_range<size_t>(0, nconv, 4096), [&](const tbb::blocked_range<size_t>& r) {
    for (size_t k = r.begin(); k != r.end(); ++k)
      if (conv_begin_[k + 1] - conv_begin_[k] > 1)
        std::sort(order_.begin() + conv_begin_[k], order_.begin() + conv_begin_[k + 1], before);
  });
  conv_root_.assign(nconv, kNoRef);
  for (size_t k = 0; k < nconv; ++k) {
    for (uint32_t i = conv_begin_[k]; i < conv_begin_[k + 1]; ++i) {
      uint32_t row = order_[i];
      if (depth_[row] == 0) {
        conv_root_[k] = row;
        break;
      }
    }
  }
}

}  // namespace rapport
