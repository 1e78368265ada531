// Parse-and-normalize throughput per input format (issue: platform readers), on data
// made in-process by `rapport synth` in that format (same stories, same seed):
//   build/release/bench/parse_bench [--benchmark_filter=x-v2]
// Each format's reader turns bytes into normalized events (RawEvent: ids, times,
// types, links, counters, mentions); "+table" also interns them into the event
// table as ingestion does. One thread: the bytes/s is per core. Each benchmark checks
// the number of events it decoded, so a reader that skips records cannot look fast.
// Every format rapport reads has a row (csv read with synth's mapping); x-v1,
// mastodon and bluesky emit the originals their shares embed a second time, which the
// expected count includes. bench/parse/run.sh (x-v2) and bench/parse/formats.sh
// (every format, whole process) compare the same files with jq and Python in one run.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "io/event_builder.h"
#include "io/event_sink.h"
#include "io/readers/csv_mapped.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "simdjson.h"
#include "synth/generator.h"
#include "synth/world.h"
#include "text/enricher.h"

namespace rapport {
namespace {

constexpr uint64_t kEvents = 200000;

struct Data {
  std::string text;
  int64_t records = 0;  // events the reader emits: an embedded original counts again
};

// The mapping that reads `--format csv` output (the csv reader is never detected).
void UseCsvMapping() {
  static const bool set = [] {
    auto m = std::make_shared<CsvMapping>();
    ParseCsvMap(synth::kCsvMapping, *m);
    SetCsvMapping(m);
    return true;
  }();
  (void)set;
}

const Data& DataOf(synth::SynthFormat format) {
  static Data data[16];
  Data& d = data[static_cast<int>(format)];
  if (d.text.empty()) {
    synth::SynthOptions o;
    o.events = kEvents;
    o.seed = 7;
    o.platforms = {{Platform::kX, 1}};
    if (auto p = synth::FixedPlatform(format)) o.platforms = {{*p, 1}};
    o.format = format;
    synth::World world(o);
    auto stats = synth::Generate(world, [&](std::string_view chunk) {
      d.text.append(chunk);
      return true;
    });
    d.records = static_cast<int64_t>(kEvents);
    // Retweets, reblogs and reposts embed the original, which readers emit again.
    if (format == synth::SynthFormat::kXv1 || format == synth::SynthFormat::kMastodon ||
        format == synth::SynthFormat::kBluesky)
      d.records += static_cast<int64_t>(stats->by_type[static_cast<int>(EventType::kShare)]);
    d.text.reserve(d.text.size() + simdjson::SIMDJSON_PADDING);
  }
  return d;
}

class CountingSink final : public EventSink {
 public:
  void Add(const RawEvent& e) override {
    ++events;
    benchmark::DoNotOptimize(e.created_at);
  }
  int64_t events = 0;
};

void Parse(benchmark::State& state, const char* reader_name, synth::SynthFormat format,
           bool into_table) {
  const Data& d = DataOf(format);
  const std::string& data = d.text;
  Enricher enricher(std::vector<BrandSpec>{});
  // The reader detection picks for this file (for NDJSON, the line variant that
  // ingestion runs on all cores); csv is named, with its mapping, as --map does.
  const Reader* proto = nullptr;
  if (format == synth::SynthFormat::kCsv) {
    UseCsvMapping();
    proto = FindReader("csv");
  } else {
    proto = DetectReader({data.data(), std::min<size_t>(data.size(), 1 << 16)});
  }
  if (!proto || proto->name() != reader_name) return state.SkipWithError("not detected as expected");
  state.SetLabel(proto->LineSplittable() ? "line-splittable" : "whole-document");
  for (auto _ : state) {
    auto reader = proto->NewInstance();
    InputErrors errors;
    int64_t events;
    if (into_table) {
      EventTable table;
      EventBuilder builder(table.dictionaries(), enricher);
      EventBatch batch;
      builder.set_batch(&batch);
      reader->Parse(data, BlockContext{"bench"}, builder, errors);
      reader->Finish(BlockContext{"bench"}, builder, errors);
      builder.Flush();
      events = static_cast<int64_t>(batch.columns.size());
    } else {
      CountingSink sink;
      reader->Parse(data, BlockContext{"bench"}, sink, errors);
      reader->Finish(BlockContext{"bench"}, sink, errors);
      events = sink.events;
    }
    if (events != d.records || errors.total() != 0)
      state.SkipWithError("wrong event count or errors");
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kEvents));
}

using F = synth::SynthFormat;
BENCHMARK_CAPTURE(Parse, rapport, "rapport", F::kNative, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, x-v2, "x-v2", F::kXv2, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, x-v1, "x-v1", F::kXv1, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, reddit, "reddit", F::kReddit, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, mastodon, "mastodon", F::kMastodon, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, bluesky, "bluesky", F::kBluesky, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, youtube, "youtube", F::kYoutube, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, facebook, "facebook", F::kFacebook, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, instagram, "instagram", F::kInstagram, false)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, twcs, "twcs", F::kTwcs, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, csv, "csv", F::kCsv, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, rapport+table, "rapport", F::kNative, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, x-v2+table, "x-v2", F::kXv2, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, reddit+table, "reddit", F::kReddit, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, mastodon+table, "mastodon", F::kMastodon, true)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, twcs+table, "twcs", F::kTwcs, true)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rapport

BENCHMARK_MAIN();
