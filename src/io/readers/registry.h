// The list of reader factories. Adding a format: write its reader file and add one
// line here. The rules a reader follows (and its tests and fuzz target): docs/readers.md.
#pragma once

#include <functional>
#include <memory>
#include <vector>

namespace rapport {

class Reader;
using ReaderFactory = std::function<std::unique_ptr<Reader>()>;

std::unique_ptr<Reader> MakeNativeReader();
std::unique_ptr<Reader> MakeTwcsReader();
// x-v2 and x-v1 are registered twice under one name: the general reader first (what
// --input-format finds), then the line-splittable variant detection prefers for NDJSON.
std::unique_ptr<Reader> MakeXV2Reader();
std::unique_ptr<Reader> MakeXV2LinesReader();
std::unique_ptr<Reader> MakeXV1Reader();
std::unique_ptr<Reader> MakeXV1LinesReader();
std::unique_ptr<Reader> MakeYoutubeReader();
std::unique_ptr<Reader> MakeRedditReader();       // reddit: general, then NDJSON variant
std::unique_ptr<Reader> MakeRedditLinesReader();
std::unique_ptr<Reader> MakeMastodonReader();
std::unique_ptr<Reader> MakeBlueskyReader();
std::unique_ptr<Reader> MakeFacebookReader();
std::unique_ptr<Reader> MakeInstagramReader();
// csv: never detected; reads with the mapping given by SetCsvMapping (csv_mapped.h).
std::unique_ptr<Reader> MakeCsvMappedReader();

inline std::vector<ReaderFactory> ReaderFactories() {
  return {MakeNativeReader, MakeTwcsReader, MakeXV2Reader, MakeXV2LinesReader,
          MakeXV1Reader,    MakeXV1LinesReader, MakeYoutubeReader,
          MakeRedditReader, MakeRedditLinesReader, MakeMastodonReader, MakeBlueskyReader,
          MakeFacebookReader, MakeInstagramReader, MakeCsvMappedReader};
}

}  // namespace rapport
