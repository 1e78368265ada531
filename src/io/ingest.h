// Ingestion: every input through its source and reader into the event table.
// Line-splittable formats are cut into blocks at newlines and parsed on all cores;
// blocks are appended in input order, so the table and every later figure are the
// same whatever the thread count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/event_table.h"
#include "io/event_sink.h"
#include "io/input_error.h"
#include "io/read_progress.h"
#include "io/source.h"
#include "text/enricher.h"

namespace rapport {

struct IngestOptions {
  std::vector<std::string> inputs;  // paths, "-" for standard input
  std::string input_format;         // empty: detect per file
  bool strict = false;              // stop at the first bad record
  // Bytes read per block; each reader thread has up to two in flight with their
  // parsed batches (so the peak grows with cores x block), and the per-block work is
  // small next to parsing 2 MB.
  size_t block_bytes = 2 << 20;
  ReadProgress* progress = nullptr;  // updated while reading when set
};

struct InputFileInfo {
  std::string path;
  std::string format;
  Compression compression = Compression::kNone;
  uint64_t bytes = 0;  // decompressed bytes read
  int64_t records = 0;  // events read from it (before folding repeated ids)
};

struct IngestResult {
  std::vector<InputFileInfo> files;
  InputErrors errors;      // bad records, by reason, with first locations
  int64_t events = 0;      // events in the table after folding repeated ids
  uint64_t bytes = 0;      // decompressed bytes read, all files
};

// A bad record under --strict (exit 65).
class StrictModeError : public std::runtime_error {
 public:
  explicit StrictModeError(const std::string& m) : std::runtime_error(m) {}
};
// No reader recognises a file (exit 65), or --input-format names none (exit 64).
class FormatError : public std::runtime_error {
 public:
  explicit FormatError(const std::string& m) : std::runtime_error(m) {}
};

// Reads one input in order, on this thread, sending every event to `sink` (for
// `rapport convert`). Returns the file's info; bad records go to `errors`. Throws like
// Ingest.
InputFileInfo ReadEvents(const std::string& path, const std::string& input_format, EventSink& sink,
                         InputErrors& errors, bool strict, ReadProgress* progress = nullptr);

// The on-disk size of every input (0 when one is stdin or cannot be stat'ed: unknown).
uint64_t TotalInputBytes(const std::vector<std::string>& inputs);

// Reads all inputs into `table` and finalizes it. Throws SourceError, FormatError,
// StrictModeError.
IngestResult Ingest(const IngestOptions& options, const Enricher& enricher, EventTable& table);

}  // namespace rapport
