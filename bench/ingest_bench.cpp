// Google Benchmark of the engine's stages on a `rapport synth` file.
//   RAPPORT_BENCH_INPUT=path/to/synth.ndjson RAPPORT_BENCH_CONFIG=path/to/rapport.toml
//     build/release/bench/ingest_bench
// bench/report/run.sh makes the file and runs this. Each benchmark checks its answer
// (the number of events) so a broken stage cannot look fast.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "core/config.h"
#include "io/event_builder.h"
#include "io/ingest.h"
#include "io/readers/reader.h"
#include "report/report_job.h"
#include "simdjson.h"
#include "tbb/global_control.h"

namespace rapport {
namespace {

const char* Input() { return std::getenv("RAPPORT_BENCH_INPUT"); }

std::vector<BrandSpec> Brands() {
  const char* cfg = std::getenv("RAPPORT_BENCH_CONFIG");
  return cfg ? LoadConfig(cfg).brands : std::vector<BrandSpec>{};
}

// The first `limit` bytes of the input, cut at a line end, with simdjson padding.
std::string LoadHead(size_t limit) {
  std::ifstream in(Input(), std::ios::binary);
  std::string data(limit, '\0');
  in.read(data.data(), static_cast<std::streamsize>(limit));
  data.resize(static_cast<size_t>(in.gcount()));
  data.resize(data.rfind('\n') + 1);
  data.reserve(data.size() + simdjson::SIMDJSON_PADDING);
  return data;
}

// Parse and normalize only: the native reader into an EventBatch, one thread.
void BM_NativeParse(benchmark::State& state) {
  if (!Input()) return state.SkipWithError("set RAPPORT_BENCH_INPUT");
  std::string data = LoadHead(256 << 20);
  int64_t lines = std::count(data.begin(), data.end(), '\n');
  auto brands = Brands();
  Enricher enricher(brands);
  for (auto _ : state) {
    EventTable table;
    EventBuilder builder(table.dictionaries(), enricher);
    EventBatch batch;
    builder.set_batch(&batch);
    InputErrors errors;
    auto reader = FindReader("rapport")->NewInstance();
    reader->Parse(data, BlockContext{"bench"}, builder, errors);
    builder.Flush();
    if (static_cast<int64_t>(batch.columns.size()) != lines) state.SkipWithError("wrong event count");
    benchmark::DoNotOptimize(batch);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
  state.SetItemsProcessed(state.iterations() * lines);
}
BENCHMARK(BM_NativeParse)->Unit(benchmark::kMillisecond)->Iterations(3);

// Ingest (source, parallel parse, table, folding) with N threads, from the page cache.
void BM_Ingest(benchmark::State& state) {
  if (!Input()) return state.SkipWithError("set RAPPORT_BENCH_INPUT");
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(state.range(0)));
  auto brands = Brands();
  Enricher enricher(brands);
  uint64_t bytes = 0;
  int64_t events = 0;
  for (auto _ : state) {
    EventTable table;
    IngestOptions options;
    options.inputs = {Input()};
    IngestResult r = Ingest(options, enricher, table);
    bytes = r.bytes;
    events = r.events;
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.SetItemsProcessed(state.iterations() * events);
}
BENCHMARK(BM_Ingest)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// The whole report job: ingest, roles, thread index, every metric family.
void BM_Report(benchmark::State& state) {
  if (!Input()) return state.SkipWithError("set RAPPORT_BENCH_INPUT");
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(state.range(0)));
  ReportRequest req;
  req.ingest.inputs = {Input()};
  req.brands = Brands();
  ReportStats stats;
  for (auto _ : state) {
    ResultSet r = RunReport(req, &stats);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(stats.bytes));
  state.SetItemsProcessed(state.iterations() * stats.events);
}
BENCHMARK(BM_Report)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace
}  // namespace rapport

BENCHMARK_MAIN();
