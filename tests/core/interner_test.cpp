// StringInterner (src/core/interner.cpp): decimal ids are keyed by their value, other
// strings by their bytes; both kinds give back their exact string.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/interner.h"

namespace rapport {
namespace {

TEST(StringInterner, NumbersAndStringsKeepTheirExactText) {
  StringInterner in;
  bool inserted = false;
  const uint32_t a = in.Intern("1778688439", &inserted);
  EXPECT_TRUE(inserted);
  inserted = false;
  EXPECT_EQ(in.Intern("1778688439", &inserted), a);
  EXPECT_FALSE(inserted);
  // Leading zeros, signs, 20 digits and mixed text are not canonical numbers: each is
  // its own string, distinct from the number of the same value.
  const std::vector<std::string> texts = {"7", "07", "007", "0", "00", "+7", "-7",
                                          "9999999999999999999", "18446744073709551616",
                                          "99999999999999999999", "7a", "", "initechhelp"};
  std::vector<uint32_t> refs;
  for (const auto& t : texts) refs.push_back(in.Intern(t));
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(in.Get(refs[i]), texts[i]);
    EXPECT_EQ(in.Find(texts[i]), refs[i]) << texts[i];
    EXPECT_EQ(in.Intern(texts[i]), refs[i]) << texts[i];
    for (size_t j = 0; j < i; ++j) EXPECT_NE(refs[i], refs[j]) << texts[i] << " " << texts[j];
  }
  EXPECT_EQ(in.size(), texts.size() + 1);
  EXPECT_EQ(in.Find("8"), kNoRef);
  EXPECT_EQ(in.Find("08"), kNoRef);
  EXPECT_LT(in.RefLimit() - 1, UINT32_MAX);
  for (uint32_t r : refs) EXPECT_LT(r, in.RefLimit());
}

TEST(StringInterner, ConcurrentInternsAgree) {
  StringInterner in;
  constexpr int kN = 20000;
  std::vector<std::vector<uint32_t>> got(2, std::vector<uint32_t>(kN));
  // Each thread prefetches a few strings ahead of what it interns (EventBuilder's
  // pattern), while the other grows the tables.
  auto work = [&](int t) {
    auto key = [](int i) { return i % 2 ? std::to_string(i) : "u" + std::to_string(i); };
    for (int i = 0; i < kN; ++i) {
      if (i + 3 < kN) in.Prefetch(key(i + 3));
      got[t][i] = in.Intern(key(i));
    }
  };
  std::thread a(work, 0), b(work, 1);
  a.join();
  b.join();
  EXPECT_EQ(got[0], got[1]);
  EXPECT_EQ(in.size(), static_cast<size_t>(kN));
  for (int i = 0; i < kN; ++i)
    EXPECT_EQ(in.Get(got[0][i]), i % 2 ? std::to_string(i) : "u" + std::to_string(i));
}

TEST(StringInterner, PrefetchAddsNothing) {
  StringInterner in;
  in.Prefetch("12345");
  in.Prefetch("@somebody");
  in.Prefetch("");
  EXPECT_EQ(in.size(), 0u);
  EXPECT_EQ(in.Find("12345"), kNoRef);
  const uint32_t ref = in.Intern("12345");
  in.Prefetch("12345");
  EXPECT_EQ(in.size(), 1u);
  EXPECT_EQ(in.Intern("12345"), ref);
}

}  // namespace
}  // namespace rapport
