// One conversation read as METRICS.md reads it: for every message, who wrote it
// (brand or audience), which brands it is inbound to (E2), which brands it mentions
// (E6/E9), and the turns of each brand with their response times (E2). Built once per
// conversation and shared by every metric family.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/roles.h"
#include "metrics/context.h"

namespace rapport {

struct Turn {
  int16_t brand;
  uint32_t first_row;  // the message that opened it
  uint32_t author;     // author ref (platform of first_row)
  Seconds start;
  bool answered = false;
  bool pending = false;
  bool clock_skew = false;
  Seconds response_time = 0;           // first response - start, >= 0, when answered
  Seconds business_response_time = 0;  // the same on the business-hours clock
  uint32_t messages = 0;               // inbound messages in the turn
  uint32_t reply_row = kNoRef;         // the brand's first reply
};

class Conversation {
 public:
  // Reads conversation `c` of the context (reuses its buffers between calls).
  void Build(const AnalysisContext& ctx, size_t c);

  std::span<const uint32_t> rows() const { return rows_; }
  size_t size() const { return rows_.size(); }
  uint32_t root() const { return root_; }
  int16_t author_brand(size_t i) const { return author_brand_[i]; }
  std::span<const int16_t> inbound_brands(size_t i) const {
    return {pool_.data() + inbound_begin_[i], pool_.data() + inbound_begin_[i + 1]};
  }
  std::span<const int16_t> mention_brands(size_t i) const {
    return {pool_.data() + mention_begin_[i], pool_.data() + mention_begin_[i + 1]};
  }
  // Brands that wrote any message (not a share or reaction) here, sorted.
  const std::vector<int16_t>& participating_brands() const { return brands_; }
  const std::vector<Turn>& turns() const { return turns_; }

 private:
  void BuildTurns(const AnalysisContext& ctx, int16_t brand);

  std::span<const uint32_t> rows_;
  uint32_t root_ = kNoRef;
  std::vector<int16_t> author_brand_;
  std::vector<uint32_t> inbound_begin_, mention_begin_;
  std::vector<int16_t> pool_;
  std::vector<int16_t> brands_;
  std::vector<int16_t> targeted_;  // brands some message is inbound to
  std::vector<Turn> turns_;
  // (row << 32 | index in rows_), sorted: a conversation is mostly a handful of rows,
  // where sorting them beats filling a hash map.
  std::vector<uint64_t> position_;
  // Index in rows_ of `row`, or kNoRef when it is not in this conversation.
  uint32_t PositionOf(uint32_t row) const;
  std::vector<std::pair<uint32_t, int16_t>> brand_replies_;  // (parent position, brand)
  std::vector<int32_t> turn_of_;  // per position, for the brand being walked
  absl::flat_hash_map<uint64_t, int32_t> open_turn_;  // author -> turn index
};

}  // namespace rapport
