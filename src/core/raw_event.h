// One record as a reader decoded it, before interning: views into the reader's
// buffers, valid only until the reader moves to the next record.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/time.h"

namespace rapport {

struct RawEvent {
  Platform platform = Platform::kOther;
  EventType type = EventType::kPost;
  std::string_view id;
  std::string_view author;
  std::string_view author_handle;
  std::string_view parent_id;        // empty: none
  std::string_view conversation_id;  // empty: none
  std::string_view text;
  Seconds created_at = 0;
  std::array<int64_t, kCounterCount> counters;
  int64_t author_followers = kUnknownCount;
  Inbound inbound = Inbound::kUnknown;
  // When the data has a mentions field it is used as is; otherwise @handles are
  // taken from the text (METRICS.md E2 (b)).
  bool has_mentions_field = false;
  std::vector<std::string_view> mentions;
  std::vector<std::string_view> hashtags;
  uint32_t urls = 0;

  RawEvent() { counters.fill(kUnknownCount); }
  void Clear() {
    platform = Platform::kOther;
    type = EventType::kPost;
    id = author = author_handle = parent_id = conversation_id = text = {};
    created_at = 0;
    counters.fill(kUnknownCount);
    author_followers = kUnknownCount;
    inbound = Inbound::kUnknown;
    has_mentions_field = false;
    mentions.clear();
    hashtags.clear();
    urls = 0;
  }
};

}  // namespace rapport
