// A file whose reader must read it in order (here TWCS CSV, with quoted texts that span
// lines) is decoded on one thread and interned and enriched on all cores
// (src/io/ingest.cpp, RawEventBuffer). The table and the errors must be those of a
// one-thread read, whatever the block size and the thread count.
#include <gtest/gtest.h>

#include "../support/io_support.h"
#include "tbb/global_control.h"

namespace rapport {
namespace {

using test::DumpTable;
using test::IngestFiles;
using test::TempDir;

// 40,000 rows (more than two slices of 16,384 events), every 97th text spanning two
// lines, every 1,000th with a bad timestamp, every 50th a reply.
std::string LargeTwcs() {
  std::string csv = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
  for (int i = 1; i <= 40000; ++i) {
    std::string text = i % 97 == 0 ? fmt::format("\"@AcmeHelp my order {}\nis late, so sad\"", i)
                                   : fmt::format("@AcmeHelp thanks a lot for order {} great", i);
    std::string time = i % 1000 == 0 ? "yesterday" : fmt::format("Tue Oct 31 {:02}:{:02}:10 +0000 2017", i / 60 % 24, i % 60);
    std::string parent = i % 50 == 0 ? std::to_string(i - 1) : "";
    csv += fmt::format("{},{},{},{},{},,{}\n", i, i % 50 == 0 ? "AcmeHelp" : std::to_string(1000 + i % 777),
                       i % 50 == 0 ? "False" : "True", time, text, parent);
  }
  return csv;
}

struct Read {
  std::vector<std::string> table, errors;
};

Read ReadWith(const std::string& path, size_t threads, size_t block_bytes) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  auto in = IngestFiles({path}, block_bytes);
  Read r;
  r.table = DumpTable(in->table);
  for (const auto& e : in->result.errors.first())
    r.errors.push_back(fmt::format("{}:{} {}", e.file, e.line, InputErrorName(e.reason)));
  EXPECT_EQ(in->result.files.at(0).format, "twcs");
  return r;
}

TEST(OrderedReader, EnrichedOnAllCoresEqualsOneThread) {
  TempDir dir;
  std::string path = dir.Write("large.csv", LargeTwcs());
  Read one = ReadWith(path, 1, 8 << 20);
  ASSERT_EQ(one.table.size(), 40000u - 40u);  // 40 bad timestamps skipped
  ASSERT_EQ(one.errors.size(), 10u);           // the first ten are kept with their lines
  EXPECT_EQ(one.errors[0], path + ":1011 bad_timestamp");  // header + 999 rows + 10 two-line texts
  for (size_t block : {size_t{8} << 20, size_t{64} << 10, size_t{4096}}) {
    Read two = ReadWith(path, 2, block);
    EXPECT_EQ(two.table, one.table) << "block " << block;
    EXPECT_EQ(two.errors, one.errors) << "block " << block;
  }
}

}  // namespace
}  // namespace rapport
