// The progress line (src/report/progress_bar.h): what it says at each stage of a read.
#include "report/progress_bar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapport {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ProgressLine, KnownTotalShowsPercentBarRateAndEta) {
  // 1.2 GB of 2.4 GB in 10 s: 50%, the other half takes 10 s more; 3 M events in
  // 10 s is 300 k events/s.
  ProgressSnapshot s{.done_bytes = 1'200'000'000, .total_bytes = 2'400'000'000, .events = 3'000'000,
                     .elapsed_seconds = 10};
  std::string line = FormatProgressLine(s, "reading", 120);
  EXPECT_THAT(line, HasSubstr("reading 1.20 GB of 2.40 GB  50%"));
  EXPECT_THAT(line, HasSubstr("[###############               ]"));  // 15 of 30
  EXPECT_THAT(line, HasSubstr("3.00 M events"));
  EXPECT_THAT(line, HasSubstr("300 k/s"));
  EXPECT_THAT(line, HasSubstr("ETA 0:10"));
  EXPECT_LE(line.size(), 120u);
}

TEST(ProgressLine, NoEtaBeforeTheFirstSecond) {
  ProgressSnapshot s{.done_bytes = 1000, .total_bytes = 1'000'000, .events = 10, .elapsed_seconds = 0.5};
  EXPECT_THAT(FormatProgressLine(s, "reading", 120), HasSubstr("ETA --:--"));
}

TEST(ProgressLine, UnknownTotalShowsBytesAndElapsedTimeOnly) {
  // Standard input: no size, so no percentage, no bar and no ETA.
  ProgressSnapshot s{.done_bytes = 5'500'000, .total_bytes = 0, .events = 20'000, .elapsed_seconds = 65};
  std::string line = FormatProgressLine(s, "reading", 120);
  EXPECT_THAT(line, HasSubstr("reading 5.5 MB"));
  EXPECT_THAT(line, HasSubstr("20 k events"));
  EXPECT_THAT(line, HasSubstr("1:05"));
  EXPECT_THAT(line, Not(HasSubstr("%")));
  EXPECT_THAT(line, Not(HasSubstr("ETA")));
  EXPECT_THAT(line, Not(HasSubstr("[")));
}

TEST(ProgressLine, NarrowTerminalDropsTheBarAndNeverOverflows) {
  ProgressSnapshot s{.done_bytes = 1'200'000'000, .total_bytes = 2'400'000'000, .events = 3'000'000,
                     .elapsed_seconds = 10};
  std::string line = FormatProgressLine(s, "reading", 70);
  EXPECT_THAT(line, Not(HasSubstr("[#")));
  EXPECT_LE(line.size(), 70u);
  EXPECT_LE(FormatProgressLine(s, "reading", 30).size(), 30u);
}

TEST(ProgressLine, AfterReadingSaysWhatIsLeft) {
  ProgressSnapshot s{.done_bytes = 2'400'000'000, .total_bytes = 2'400'000'000, .events = 5'000'000,
                     .elapsed_seconds = 3725, .reading_done = true};
  EXPECT_EQ(FormatProgressLine(s, "reading", 120), "rapport: read 5.00 M events (2.40 GB) in 1:02:05; computing...");
}

TEST(ProgressLine, DoneBeyondTotalIsClampedTo100Percent) {
  // A file that grew while being read.
  ProgressSnapshot s{.done_bytes = 3000, .total_bytes = 2000, .events = 1, .elapsed_seconds = 2};
  std::string line = FormatProgressLine(s, "reading", 120);
  EXPECT_THAT(line, HasSubstr("100%"));
  EXPECT_THAT(line, HasSubstr("ETA 0:00"));
}

}  // namespace
}  // namespace rapport
