// Turns RawEvents into rows of an EventBatch: interns strings, enriches the text,
// and drops it. One builder per reader thread.
//
// Interning is deferred: Add() fills the row and keeps the row's ids, author and
// handles aside (copied, since a RawEvent's views die with the next record), and
// Flush() interns them a few thousand at a time, one lock per dictionary shard and
// with the hash slots prefetched ahead (StringInterner::InternMany). A batch is
// complete only after Flush(): call it when the reader is done with a block
// (EventTable::Append refuses a batch with rows still waiting).
#pragma once

#include <array>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "core/raw_event.h"
#include "io/event_sink.h"
#include "text/enricher.h"

namespace rapport {

class EventBuilder final : public EventSink {
 public:
  EventBuilder(Dictionaries& dict, const Enricher& enricher) : dict_(dict), enricher_(enricher) {}
  // The batch that Add(e) fills; set before handing the builder to a reader. Rows
  // still waiting for a previous batch are finished first.
  void set_batch(EventBatch* batch) {
    if (batch != batch_) Flush();
    batch_ = batch;
  }
  void Add(const RawEvent& e) override;
  // One event into `batch`, complete on return (tests, one-off rows).
  void Add(const RawEvent& e, EventBatch& batch) {
    set_batch(&batch);
    Add(e);
    Flush();
  }
  // Interns what the rows added since the last Flush() wait for.
  void Flush();

 private:
  // Where an interned ref goes.
  enum class Slot : uint8_t { kId, kAuthor, kParent, kConversation, kTag, kAuthorHandle };
  struct Request {
    uint32_t offset, size;  // the key in keys_
    uint32_t index;         // row, or position in columns.tags
    Slot slot;
  };
  // One per waiting row, for what is decided once its author is interned.
  struct Row {
    uint32_t row;
    uint32_t author_request;  // index in requests_ of the author's dictionary
    uint32_t handle_offset, handle_size;
    uint8_t platform;
    uint8_t conversation;  // 0: its own request or none, 1: the event's id, 2: its parent
  };
  static constexpr size_t kFlushRows = 2048;
  // Dictionary numbers: ids of platform p are p, authors kPlatformCount + p, handles last.
  static constexpr int kDictCount = 2 * kPlatformCount + 1;
  static constexpr int kHandlesDict = 2 * kPlatformCount;
  StringInterner& Dict(int d) {
    return d < kPlatformCount ? dict_.ids[d]
           : d < kHandlesDict ? dict_.authors[d - kPlatformCount]
                              : dict_.handles;
  }
  uint32_t Keep(std::string_view s);
  uint32_t Defer(int dict, std::string_view key, Slot slot, uint32_t index);
  uint32_t DeferLower(int dict, std::string_view handle, Slot slot, uint32_t index);
  void InternRequests(int dict, uint8_t* inserted);

  Dictionaries& dict_;
  EventBatch* batch_ = nullptr;
  const Enricher& enricher_;
  std::vector<std::string_view> handles_;
  std::vector<uint32_t> brand_terms_;
  std::string keys_;  // the waiting keys' bytes
  std::array<std::vector<Request>, kDictCount> requests_;
  std::vector<Row> rows_;
  std::vector<std::string_view> views_;
  std::vector<uint32_t> refs_;
  // Per platform, per author request of the batch: 1 where that author was new.
  std::array<std::vector<uint8_t>, kPlatformCount> author_new_;
  std::string handle_;
};

}  // namespace rapport
