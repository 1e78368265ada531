// VADER scoring speed, texts per second on one thread (docs/sentiment.md "Speed").
// Workload: the 4,200 tweets of the VADER paper's corpus, repeated to 50,000 texts.
//
//   build/bench/sentiment_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
//
// The corpus is read from $RAPPORT_SHARED/data/vader/corpora (default: the shared/
// folder beside the repository).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/tokenizer.h"
#include "text/vader.h"

namespace {

constexpr size_t kTexts = 50000;

std::string SharedDir() {
  const char* env = std::getenv("RAPPORT_SHARED");
  return env && *env ? env : RAPPORT_DATA_DIR "/../../shared";
}

// The text column of a GroundTruth file (id TAB mean TAB text, CRLF), repeated.
std::vector<std::string> LoadTexts(const std::string& corpus, size_t count) {
  std::ifstream in(SharedDir() + "/data/vader/corpora/" + corpus + "_GroundTruth.txt",
                   std::ios::binary);
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    if (tab != std::string::npos) tab = line.find('\t', tab + 1);
    if (tab != std::string::npos) texts.push_back(line.substr(tab + 1));
  }
  if (texts.empty()) return texts;
  for (size_t k = 0; texts.size() < count; ++k) texts.push_back(texts[k]);
  texts.resize(count);
  return texts;
}

const std::vector<std::string>& Tweets() {
  static const std::vector<std::string> texts = LoadTexts("tweets", kTexts);
  return texts;
}

void BM_VaderTweets(benchmark::State& state) {
  const auto& texts = Tweets();
  if (texts.empty()) return state.SkipWithError("tweets corpus not found (set RAPPORT_SHARED)");
  const rapport::Vader& vader = rapport::Vader::Default();
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  for (auto _ : state) {
    double sum = 0;
    for (const auto& t : texts) sum += vader.PolarityScores(t).compound;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_VaderTweets)->Unit(benchmark::kMillisecond);

// Scaling with cores: every thread scores the whole corpus with the shared, const
// Vader (scratch buffers are per thread). Items per second over wall time: linear
// scaling doubles it from 1 to 2 threads on 2 idle cores.
void BM_VaderTweetsThreads(benchmark::State& state) {
  const auto& texts = Tweets();
  if (texts.empty()) return state.SkipWithError("tweets corpus not found (set RAPPORT_SHARED)");
  const rapport::Vader& vader = rapport::Vader::Default();
  for (auto _ : state) {
    double sum = 0;
    for (const auto& t : texts) sum += vader.PolarityScores(t).compound;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_VaderTweetsThreads)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// What `rapport sentiment` does per line besides scoring: the reference's rounding.
void BM_VaderTweetsRounded(benchmark::State& state) {
  const auto& texts = Tweets();
  if (texts.empty()) return state.SkipWithError("tweets corpus not found (set RAPPORT_SHARED)");
  const rapport::Vader& vader = rapport::Vader::Default();
  for (auto _ : state) {
    double sum = 0;
    for (const auto& t : texts)
      sum += rapport::RoundLikeReference(vader.PolarityScores(t)).compound;
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_VaderTweetsRounded)->Unit(benchmark::kMillisecond);

// The tokenizer alone (str.split + punctuation stripping), for the breakdown.
void BM_TokenizeTweets(benchmark::State& state) {
  const auto& texts = Tweets();
  if (texts.empty()) return state.SkipWithError("tweets corpus not found (set RAPPORT_SHARED)");
  std::vector<std::string_view> tokens;
  for (auto _ : state) {
    size_t count = 0;
    for (const auto& t : texts) {
      tokens.clear();
      rapport::TokenizeVader(t, tokens);
      count += tokens.size();
    }
    benchmark::DoNotOptimize(count);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_TokenizeTweets)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
