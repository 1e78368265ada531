// Parse-and-normalize throughput per input format (issue: platform readers), on data
// made in-process by `rapport synth` in that format (same stories, same seed):
//   build/release/bench/parse_bench [--benchmark_filter=x-v2]
// Each format's reader turns bytes into normalized events (RawEvent: ids, times,
// types, links, counters, mentions); "+table" also interns them into the event
// table as ingestion does. One thread: the bytes/s is per core. Each benchmark checks
// the number of events it decoded, so a reader that skips records cannot look fast.
// bench/parse/run.sh compares the same files with jq and Python in one run.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "io/event_builder.h"
#include "io/event_sink.h"
#include "io/readers/reader.h"
#include "io/readers/registry.h"
#include "simdjson.h"
#include "synth/generator.h"
#include "synth/world.h"
#include "text/enricher.h"

namespace rapport {
namespace {

constexpr uint64_t kEvents = 200000;

const std::string& Data(synth::SynthOptions::Format format) {
  static std::string data[2];
  std::string& d = data[static_cast<int>(format)];
  if (d.empty()) {
    synth::SynthOptions o;
    o.events = kEvents;
    o.seed = 7;
    o.platforms = {{Platform::kX, 1}};
    o.format = format;
    synth::World world(o);
    synth::Generate(world, [&](std::string_view chunk) {
      d.append(chunk);
      return true;
    });
    d.reserve(d.size() + simdjson::SIMDJSON_PADDING);
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

void Parse(benchmark::State& state, const char* reader_name, synth::SynthOptions::Format format,
           bool into_table) {
  const std::string& data = Data(format);
  Enricher enricher(std::vector<BrandSpec>{});
  // The reader detection picks for this file (for NDJSON, the line variant that
  // ingestion runs on all cores).
  const Reader* proto = DetectReader({data.data(), std::min<size_t>(data.size(), 1 << 16)});
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
      events = static_cast<int64_t>(batch.columns.size());
    } else {
      CountingSink sink;
      reader->Parse(data, BlockContext{"bench"}, sink, errors);
      reader->Finish(BlockContext{"bench"}, sink, errors);
      events = sink.events;
    }
    if (events != static_cast<int64_t>(kEvents) || errors.total() != 0)
      state.SkipWithError("wrong event count or errors");
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kEvents));
}

using F = synth::SynthOptions::Format;
BENCHMARK_CAPTURE(Parse, rapport, "rapport", F::kNative, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, x-v2, "x-v2", F::kXv2, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, rapport+table, "rapport", F::kNative, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Parse, x-v2+table, "x-v2", F::kXv2, true)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace rapport

BENCHMARK_MAIN();
