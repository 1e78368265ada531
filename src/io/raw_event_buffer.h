// Decoded events kept beyond the reader's call. A reader that must read a file in
// order (a JSON document, a CSV whose quoted fields span lines) decodes on one thread;
// what it decodes is kept here, strings copied into blocks that never move, so that
// interning and enrichment (the costly part: sentiment, intent, brand terms) run on
// the other cores, in order (io/ingest.cpp).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "io/event_sink.h"

namespace rapport {

class RawEventBuffer final : public EventSink {
 public:
  void Add(const RawEvent& e) override;

  size_t size() const { return events_.size(); }
  bool empty() const { return events_.empty(); }
  // Hands events [begin, end) to `sink`, in order.
  void Replay(size_t begin, size_t end, EventSink& sink) const;

 private:
  std::string_view Keep(std::string_view s);

  std::vector<RawEvent> events_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;  // next free byte of the last block
  size_t left_ = 0;       // bytes left in it
};

}  // namespace rapport
