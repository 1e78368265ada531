// Several inputs are read concurrently (src/io/ingest.cpp): the table, the file list,
// the errors and the failures must be those of reading the files one after another.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/io_support.h"
#include "tbb/global_control.h"

namespace rapport {
namespace {

using test::DumpTable;
using test::IngestFiles;
using test::TempDir;
using ::testing::HasSubstr;

std::string Fixture(const std::string& rel) { return std::string(RAPPORT_TEST_DIR) + "/fixtures/" + rel; }

// Formats of both kinds: line-splittable (native, twcs, reddit NDJSON) and
// whole-document (mastodon, x-v2 response, reddit listing), with bad records among them.
std::vector<std::string> MixedInputs() {
  return {Fixture("rapport/good_small.ndjson"), Fixture("twcs/good_small.csv"),
          Fixture("mastodon/good_statuses.json"), Fixture("reddit/good_pushshift.ndjson"),
          Fixture("rapport/bad_mixed.ndjson"),    Fixture("x-v2/good_response.json"),
          Fixture("reddit/good_listing.json"),    Fixture("reddit/bad_records.ndjson")};
}

struct ReadOutcome {
  std::vector<std::string> table;
  std::vector<std::string> files;  // path, format, bytes, records
  std::vector<std::string> errors;  // file:line reason
  int64_t events;
};

ReadOutcome ReadAll(const std::vector<std::string>& paths, size_t threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  auto in = IngestFiles(paths);
  ReadOutcome r;
  r.table = DumpTable(in->table);
  for (const auto& f : in->result.files)
    r.files.push_back(fmt::format("{} {} {} {}", f.path, f.format, f.bytes, f.records));
  for (const auto& e : in->result.errors.first())
    r.errors.push_back(fmt::format("{}:{} {}", e.file, e.line, InputErrorName(e.reason)));
  r.events = in->result.events;
  return r;
}

TEST(ManyFiles, ConcurrentReadEqualsReadingOneAfterAnother) {
  const auto inputs = MixedInputs();
  ReadOutcome one = ReadAll(inputs, 1);
  ReadOutcome two = ReadAll(inputs, 2);
  EXPECT_EQ(one.table, two.table);
  EXPECT_EQ(one.files, two.files);
  EXPECT_EQ(one.errors, two.errors);
  // And equal to the files read one run each, rows concatenated in input order.
  std::vector<std::string> formats;
  int64_t records = 0;
  for (const auto& path : inputs) {
    ReadOutcome single = ReadAll({path}, 2);
    ASSERT_EQ(single.files.size(), 1u);
    formats.push_back(single.files[0]);
    records += std::stoll(single.files[0].substr(single.files[0].rfind(' ') + 1));
  }
  EXPECT_EQ(two.files, formats);
  EXPECT_GE(two.events, 30);  // 33 events in the fixtures today
  EXPECT_LE(two.events, records);  // repeated ids across files are folded
  ASSERT_FALSE(two.errors.empty());
  EXPECT_THAT(two.errors.front(), HasSubstr("bad_mixed.ndjson:"));  // the first bad file first
}

TEST(ManyFiles, TheFirstMissingInputInOrderIsReported) {
  TempDir dir;
  auto inputs = MixedInputs();
  inputs.insert(inputs.begin() + 3, dir.path() + "/missing-1.ndjson");
  inputs.push_back(dir.path() + "/missing-2.ndjson");
  try {
    ReadAll(inputs, 2);
    FAIL() << "expected a SourceError";
  } catch (const SourceError& e) {
    EXPECT_THAT(e.what(), HasSubstr("missing-1.ndjson"));
  }
}

TEST(ManyFiles, StrictStopsAtTheFirstBadRecordInInputOrder) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  static const Enricher enricher(std::vector<BrandSpec>{});
  IngestOptions options;
  options.inputs = MixedInputs();
  options.strict = true;
  EventTable table;
  try {
    Ingest(options, enricher, table);
    FAIL() << "expected a StrictModeError";
  } catch (const StrictModeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad_mixed.ndjson"));
  }
}

TEST(ManyFiles, ProgressCountsEveryFileOnce) {
  const auto inputs = MixedInputs();
  ReadProgress progress;
  progress.total_bytes = TotalInputBytes(inputs);
  static const Enricher enricher(std::vector<BrandSpec>{});
  IngestOptions options;
  options.inputs = inputs;
  options.progress = &progress;
  EventTable table;
  IngestResult r = Ingest(options, enricher, table);
  // Plain files: the bytes consumed are the files' sizes, all of them, once.
  EXPECT_EQ(progress.done_bytes.load(), progress.total_bytes.load());
  EXPECT_EQ(progress.total_bytes.load(), r.bytes);
  int64_t records = 0;
  for (const auto& f : r.files) records += f.records;
  EXPECT_EQ(progress.events.load(), records);
}

}  // namespace
}  // namespace rapport
