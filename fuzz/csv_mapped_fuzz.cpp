// The csv reader with a mapping that names columns, templates and row numbers; the
// seeds (tests/fixtures/csv/fuzz_*.csv) have these columns. A header without them is
// a FormatError, which the CLI reports: not a crash.
#include <memory>

#include "fuzz_reader.h"
#include "io/ingest.h"
#include "io/readers/csv_mapped.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool mapped = [] {
    auto m = std::make_shared<rapport::CsvMapping>();
    rapport::ParseCsvMap(
        "id:={id}-{@row},platform=platform,author=author,author_handle:=@{author},created_at=date,"
        "text:={text} ({@file}:{@line}),parent_id=parent,type=type,inbound=inbound,"
        "author_followers=followers,likes=likes,shares=shares,impressions=impressions,"
        "reach:={impressions:20}",
        *m);
    rapport::SetCsvMapping(m);
    return true;
  }();
  (void)mapped;
  try {
    return rapport::FuzzReader("csv", data, size);
  } catch (const rapport::FormatError&) {
    return 0;
  }
}
