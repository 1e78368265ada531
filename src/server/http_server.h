// `rapport serve`: the HTTP server around the API's route table, bound to loopback
// unless told otherwise, stopped cleanly by SIGINT or SIGTERM.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "report/report_job.h"
#include "report/report_options.h"

namespace rapport {

struct ServeOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (the one chosen is printed)
  std::string token;  // empty: POST /v1/events is refused (403)
  size_t max_body_bytes = 16 << 20;  // larger request bodies get 413
  ReportOptionText report;  // brands, config and analysis defaults
  ReportRequest base;       // `report` translated
  EnrichOptions enrich;
};

// The address cannot be bound (in use, not local, bad host).
class ListenError : public std::runtime_error {
 public:
  explicit ListenError(const std::string& m) : std::runtime_error(m) {}
};

// Loads the store, listens, serves until SIGINT or SIGTERM, then finishes the
// requests in flight and closes the store. Prints "rapport: serving http://HOST:PORT"
// on stderr once it accepts connections. Throws StoreError, ListenError.
void RunServer(const ServeOptions& options);

}  // namespace rapport
