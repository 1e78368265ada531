// What the metric families declare they read of enrichment (MetricFamily::text_signals)
// and what a report therefore asks the enricher for (ForReport, report_job.cpp).
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "metrics/family.h"
#include "report/report_job.h"

namespace rapport {
namespace {

TEST(TextSignals, FamiliesDeclareWhatTheyRead) {
  std::map<std::string, unsigned> declared;
  for (const auto& f : AllFamilies()) declared[std::string(f->id())] = f->text_signals();
  EXPECT_EQ(declared.at("E3"), kReadsPromotional);  // promotional_share
  EXPECT_EQ(declared.at("E6"), kReadsSentiment);    // sentiment classes, net sentiment
  EXPECT_EQ(declared.at("E11"), kReadsSentiment);   // sentiment shift
  for (const char* id : {"E1", "E2", "E4", "E5", "E9", "E10"}) EXPECT_EQ(declared.at(id), 0u) << id;
  EXPECT_EQ(TextSignalsRead(), kReadsSentiment | kReadsPromotional);
}

TEST(TextSignals, ReportAsksOnlyForWhatIsRead) {
  EXPECT_EQ(ForReport(EnrichOptions{}).read, kReadsSentiment | kReadsPromotional);
  EnrichOptions none;
  none.read = 0;
  EXPECT_EQ(ForReport(none).read, 0u);
  // The switches are passed through untouched (--no-sentiment stays off).
  EnrichOptions no_sentiment;
  no_sentiment.sentiment = false;
  EXPECT_FALSE(ForReport(no_sentiment).sentiment);
}

}  // namespace
}  // namespace rapport
