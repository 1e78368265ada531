// Value and its record keys (src/report/value.h): a Name is a pointer into one pool
// of texts per process, so equal names must be the same pointer from any thread, and
// a record must read back exactly what was put in, whatever the key's length.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "fmt/format.h"
#include "report/value.h"

namespace rapport {
namespace {

TEST(Name, EqualTextsAreOneNameFromEveryThread) {
  const std::string long_name = "response_time_by_hour_of_week";  // longer than SSO
  std::vector<const std::string*> seen(8);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      // Each thread builds the name from a different source type.
      const Name n = t % 3 == 0 ? Name(long_name)
                     : t % 3 == 1 ? Name(std::string_view(long_name))
                                  : Name(long_name.c_str());
      seen[t] = &n.str();
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(std::set<const std::string*>(seen.begin(), seen.end()).size(), 1u);
  EXPECT_EQ(*seen[0], long_name);

  const Name a("a"), b("b"), a2(std::string("a"));
  EXPECT_TRUE(a == a2);
  EXPECT_FALSE(a == b);
  EXPECT_TRUE(a == "a");
  EXPECT_TRUE(a == std::string("a"));
  EXPECT_TRUE(a == std::string_view("a"));
  EXPECT_FALSE(a == "ab");
  EXPECT_EQ(fmt::format("[{:>4}]", Name("x")), "[   x]");
  EXPECT_EQ(Name("").str(), "");
}

TEST(Value, RecordsKeepKeysValuesAndOrder) {
  ValueRecord r;
  r.emplace_back("engagement_rate_impressions", Value(0.25));
  r.emplace_back(std::string("n"), Value(int64_t{3}));
  r.emplace_back(std::string_view("label"), Value("2017-W48"));
  r.emplace_back("list", Value(ValueList{Value(1), Value()}));
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].first, "engagement_rate_impressions");
  EXPECT_EQ(FindField(r, "n")->as_int(), 3);
  EXPECT_EQ(FindField(r, Name("label"))->as_string(), "2017-W48");
  EXPECT_EQ(FindField(r, std::string("engagement_rate_impressions"))->as_double(), 0.25);
  EXPECT_TRUE(FindField(r, "list")->as_list()[1].is_null());
  EXPECT_EQ(FindField(r, "absent"), nullptr);
  EXPECT_EQ(FindField(r, Name("absent_too")), nullptr);
  // Copies share text, lists and records (they are immutable once built).
  const Value text("abc"), copy = text;
  EXPECT_EQ(&text.as_string(), &copy.as_string());
  // Non-finite numbers are null, never written.
  EXPECT_TRUE(Value(std::nan("")).is_null());
}

}  // namespace
}  // namespace rapport
