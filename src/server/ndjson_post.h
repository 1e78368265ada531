// The body of POST /v1/events: native NDJSON, one event per line, stored in one
// transaction. Every bad line is reported by number and never stored; the good ones
// are stored even when others are bad.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/input_error.h"
#include "server/event_store.h"

namespace rapport {

struct RecordError {
  int64_t line;  // 1-based line of the body
  InputError reason;
  std::string message;
};

struct PostResult {
  int64_t received = 0;  // non-blank lines
  int64_t inserted = 0, updated = 0, unchanged = 0;
  int64_t rejected = 0;
  std::vector<RecordError> errors;  // the first kMaxListedErrors bad lines
  static constexpr size_t kMaxListedErrors = 1000;
};

// Parses `body` and stores its good events in one transaction of `store`, committed
// before returning (so the result may be acknowledged). Throws StoreError, after a
// rollback, when the store fails: then nothing of the body is stored.
PostResult StoreNdjsonBody(EventStore& store, std::string_view body);

// The JSON the API answers with.
std::string PostResultJson(const PostResult& r);

}  // namespace rapport
