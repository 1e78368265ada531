// Turns RawEvents into rows of an EventBatch: interns strings, enriches the text,
// and drops it. One builder per reader thread.
#pragma once

#include <vector>

#include "core/event_table.h"
#include "core/raw_event.h"
#include "io/event_sink.h"
#include "text/enricher.h"

namespace rapport {

class EventBuilder final : public EventSink {
 public:
  EventBuilder(Dictionaries& dict, const Enricher& enricher) : dict_(dict), enricher_(enricher) {}
  // The batch that Add(e) fills; set before handing the builder to a reader.
  void set_batch(EventBatch* batch) { batch_ = batch; }
  void Add(const RawEvent& e) override { Add(e, *batch_); }
  void Add(const RawEvent& e, EventBatch& batch);

 private:
  Dictionaries& dict_;
  EventBatch* batch_ = nullptr;
  const Enricher& enricher_;
  std::vector<std::string_view> handles_;
  std::vector<uint32_t> brand_terms_;
  std::string lower_;
};

}  // namespace rapport
