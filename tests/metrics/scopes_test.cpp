// Scopes (src/metrics/scope.h, driver.cpp): every metric exists per brand x period x
// platform and for the whole range (METRICS.md conventions). Every record carries
// every metric of every family (0 or null where nothing was counted), every period of
// the range is listed, and lists (hour-of-week tables, cohorts) are whole-range only.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/table_builder.h"
#include "report/writers.h"
#include "simdjson.h"

namespace rapport {
namespace {

using test::Brand;
using test::Competitor;
using test::IsInt;
using test::IsNull;
using test::TableBuilder;

const Seconds kT0 = test::T("2024-03-04T10:00:00Z");  // Monday, 2024-W10

std::vector<std::string> Names(const ValueRecord& r, bool lists) {
  std::vector<std::string> names;
  for (const auto& [k, v] : r)
    if (lists || !v.is_list()) names.push_back(k);
  return names;
}

// acme posts and is asked on X in weeks 10 and 12, on Reddit in week 12 only; the
// rival has no data at all.
TableBuilder TwoWeeksApart() {
  TableBuilder b({Brand("acme", {"acme_help"}), Competitor("rival", {"rival_care"})});
  b.Post("1", "acme_help", kT0);
  b.Post("2", "sam", kT0 + 3600, {.mentions = {"acme_help"}});
  b.Reply("3", "acme_help", kT0 + 7200, "2");
  b.Post("4", "joe", kT0 + 14 * test::kDay, {.mentions = {"acme_help"}});
  b.Post("5", "ann", kT0 + 14 * test::kDay, {.mentions = {"acme_help"}, .platform = Platform::kReddit});
  return b;
}

TEST(Scopes, EveryRecordCarriesEveryMetricOfEveryFamily) {
  ResultSet r = test::ComputeResults(TwoWeeksApart());
  ASSERT_EQ(r.brands.size(), 2u);
  const std::vector<std::string> all = Names(r.brands[0].total.metrics, true);
  const std::vector<std::string> scalars = Names(r.brands[0].total.metrics, false);
  const std::vector<std::string> families = Names(r.brands[0].total.coverage, true);
  EXPECT_GT(scalars.size(), 30u);
  EXPECT_THAT(scalars, ::testing::Contains("channels"));
  // One coverage entry per registered family, named after it.
  std::vector<std::string> registered;
  for (const auto& f : AllFamilies()) registered.emplace_back(f->name());
  EXPECT_THAT(families, ::testing::UnorderedElementsAreArray(registered));
  EXPECT_THAT(families, ::testing::IsSupersetOf({"responsiveness", "dialogue", "voices",
                                                 "relationship", "presence"}));
  for (const BrandResults& b : r.brands) {
    SCOPED_TRACE(b.name);
    EXPECT_EQ(Names(b.total.metrics, true), all);
    EXPECT_EQ(Names(b.total.coverage, true), families);
    for (const auto& [label, m] : b.periods) {
      EXPECT_EQ(Names(m.metrics, true), scalars) << label;
      EXPECT_EQ(Names(m.coverage, true), families) << label;
    }
    // E12's channel table sets the platforms side by side: all-platform records only.
    auto without_channels = [](std::vector<std::string> names) {
      std::erase(names, "channels");
      return names;
    };
    for (const auto& [name, p] : b.platforms) {
      EXPECT_EQ(Names(p.total.metrics, true), without_channels(all)) << name;
      for (const auto& [label, m] : p.periods)
        EXPECT_EQ(Names(m.metrics, true), without_channels(scalars)) << name << label;
    }
  }
}

TEST(Scopes, EveryPeriodOfTheRangeIsListedForEveryBrandAndPlatform) {
  ResultSet r = test::ComputeResults(TwoWeeksApart());
  std::vector<std::string> weeks = {"2024-W10", "2024-W11", "2024-W12"};
  for (const BrandResults& b : r.brands) {
    std::vector<std::string> labels;
    for (const auto& [label, m] : b.periods) labels.push_back(label);
    EXPECT_EQ(labels, weeks) << b.name;
  }
  const BrandResults& acme = r.brands[0];
  ASSERT_EQ(acme.platforms.size(), 2u);
  for (const auto& [name, p] : acme.platforms) {
    std::vector<std::string> labels;
    for (const auto& [label, m] : p.periods) labels.push_back(label);
    EXPECT_EQ(labels, weeks) << name;
  }
  EXPECT_TRUE(r.brands[1].platforms.empty());  // no data, no platform
  // A week where nothing happened: counts 0, ratios null.
  EXPECT_TRUE(IsInt(test::InPeriod(r, "acme", "2024-W11", "inbound_turns"), 0));
  EXPECT_TRUE(IsInt(test::InPeriod(r, "acme", "2024-W11", "brand_posts"), 0));
  EXPECT_TRUE(IsInt(test::InPeriod(r, "acme", "2024-W11", "engagers"), 0));
  EXPECT_TRUE(IsNull(test::InPeriod(r, "acme", "2024-W11", "response_rate")));
  EXPECT_TRUE(IsNull(test::InPeriod(r, "acme", "2024-W11", "dialogue_ratio")));
  EXPECT_TRUE(IsNull(test::InPeriod(r, "acme", "2024-W11", "participants")));
  EXPECT_TRUE(IsInt(test::OnPlatformInPeriod(r, "acme", "reddit", "2024-W10", "inbound_turns"), 0));
  EXPECT_TRUE(IsInt(test::OnPlatformInPeriod(r, "acme", "reddit", "2024-W12", "inbound_turns"), 1));
}

TEST(Scopes, ARangeOfMoreThan2000PeriodsListsOnlyPeriodsWithEvents) {
  // 40 years of weeks: filling them would cost more than it shows (metrics.md).
  TableBuilder b({Brand("acme", {"acme_help"})});
  b.Post("1", "acme_help", test::T("1995-01-02T10:00:00Z"));
  b.Post("2", "acme_help", test::T("2035-01-01T10:00:00Z"));
  ResultSet r = test::ComputeResults(b);
  std::vector<std::string> labels;
  for (const auto& [label, m] : r.brands[0].periods) labels.push_back(label);
  EXPECT_EQ(labels, (std::vector<std::string>{"1995-W01", "2035-W01"}));
  // 20 years of weeks (1,044) are still listed in full.
  TableBuilder c({Brand("acme", {"acme_help"})});
  c.Post("1", "acme_help", test::T("2000-01-03T10:00:00Z"));
  c.Post("2", "acme_help", test::T("2019-12-30T10:00:00Z"));
  EXPECT_EQ(test::ComputeResults(c).brands[0].periods.size(), 1044u);
}

TEST(Scopes, ListsAreWrittenForWholeRangeRecordsOnly) {
  ResultSet r = test::ComputeResults(TwoWeeksApart());
  for (const char* list : {"response_time_by_hour_of_week", "coverage_by_hour", "cohort_retention"}) {
    EXPECT_TRUE(test::Total(r, "acme", list).is_list()) << list;
    EXPECT_TRUE(test::Total(r, "rival", list).is_list()) << list;
    EXPECT_TRUE(test::OnPlatform(r, "acme", "reddit", list).is_list()) << list;
    EXPECT_EQ(test::FindMetric(*test::FindScope(r, "acme", "2024-W10"), list), nullptr) << list;
  }
}

TEST(Scopes, EmptyTableHasBrandTotalsOnlyAndNoNaNInTheJson) {
  ResultSet r = test::ComputeResults(TableBuilder({Brand("acme", {"acme_help"})}));
  ASSERT_EQ(r.brands.size(), 1u);
  EXPECT_TRUE(r.brands[0].periods.empty());
  EXPECT_TRUE(r.brands[0].platforms.empty());
  std::string json = WriteJson(r);
  // Valid JSON: a NaN or an infinity would not parse.
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  // Every scalar of the total is an integer 0 or null.
  for (const auto& [name, v] : r.brands[0].total.metrics) {
    if (v.is_list()) continue;
    if (v.is_record()) {  // E0's profile: nothing to rank, every entry null
      for (const auto& [key, item] : v.as_record()) EXPECT_TRUE(item.is_null()) << name << "." << key;
      continue;
    }
    EXPECT_TRUE(v.is_null() || (v.is_int() && v.as_int() == 0)) << name << " = " << test::Show(v);
  }
}

TEST(Scopes, NoBrandsGivesNoResults) {
  TableBuilder b;
  b.Post("1", "sam", kT0);
  ResultSet r = test::ComputeResults(b);
  EXPECT_TRUE(r.brands.empty());
}

TEST(Scopes, BrandsComeFromInboundFalseAuthorsWhenNoneIsConfigured) {
  // TWCS: with no brand configured, every author of an inbound=false message is a
  // brand of its own, sorted by name.
  TableBuilder b;
  b.Post("1", "sam", kT0, {.mentions = {"sprintcare"}, .inbound = Inbound::kTrue});
  b.Reply("2", "sprintcare", kT0 + 60, "1", {.inbound = Inbound::kFalse});
  b.Reply("3", "AppleSupport", kT0 + 120, "1", {.inbound = Inbound::kFalse});
  test::Analysis a(b.Build(), {});
  EXPECT_TRUE(a.roles().auto_brands);
  ASSERT_EQ(a.roles().brands.size(), 2u);
  EXPECT_EQ(a.roles().brands[0].name, "AppleSupport");
  EXPECT_EQ(a.roles().brands[1].name, "sprintcare");
  ResultSet r = a.Compute();
  EXPECT_TRUE(IsInt(test::Total(r, "sprintcare", "answered_turns"), 1));
  // (d) does not apply: two brands took part; AppleSupport replied to 1: (c).
  EXPECT_TRUE(IsInt(test::Total(r, "AppleSupport", "answered_turns"), 1));
}

}  // namespace
}  // namespace rapport
