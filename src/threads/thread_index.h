// The thread index: who replied to whom, conversations, depth, and the order in which
// a conversation is read (METRICS.md E2: time, then depth, then id).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/event_table.h"

namespace rapport {

class ThreadIndex {
 public:
  explicit ThreadIndex(const EventTable& table);

  // Row of the event's parent, or kNoRef when it has none or it is not in the input.
  uint32_t parent_row(size_t row) const { return parent_row_[row]; }
  // Links followed to reach the root (the root has depth 0).
  uint32_t depth(size_t row) const { return depth_[row]; }
  // The conversation of a row, found by a scan (the engine reads conversations, not
  // rows; tests and diagnostics ask this): O(rows).
  uint32_t conversation_of(size_t row) const;

  size_t conversation_count() const { return conv_begin_.size() - 1; }
  // Rows of conversation c in reading order.
  std::span<const uint32_t> conversation_rows(size_t c) const {
    return {order_.data() + conv_begin_[c], order_.data() + conv_begin_[c + 1]};
  }
  // The conversation's root row: its earliest event of depth 0.
  uint32_t conversation_root(size_t c) const { return conv_root_[c]; }
  // Replies whose chain was cut (a parent missing from the input, or a cycle).
  int64_t orphan_replies() const { return orphans_; }
  int64_t cycles_broken() const { return cycles_; }

 private:
  std::vector<uint32_t> parent_row_;
  std::vector<uint32_t> depth_;
  std::vector<uint32_t> order_;
  std::vector<uint32_t> conv_begin_;
  std::vector<uint32_t> conv_root_;
  int64_t orphans_ = 0;
  int64_t cycles_ = 0;
};

// Order of ids within equal time and depth: ids that are numbers, numerically, before
// other ids, as strings (METRICS.md E2).
bool IdLess(std::string_view a, std::string_view b);

}  // namespace rapport
