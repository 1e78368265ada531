// Where a reader sends what it decoded. The report path interns and enriches events
// into the table (EventBuilder); `rapport convert` writes them out as native NDJSON.
#pragma once

#include "core/raw_event.h"

namespace rapport {

class EventSink {
 public:
  virtual ~EventSink() = default;
  // `e` and the views in it are valid only during the call.
  virtual void Add(const RawEvent& e) = 0;
};

}  // namespace rapport
