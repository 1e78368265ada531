// StringInterner (src/core/interner.cpp): decimal ids are kept as their value (in a
// table of their own), other strings by their bytes; both kinds give back their exact
// string.
#include <gtest/gtest.h>

#include <set>
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

TEST(StringInterner, InternManyIsInternOfEachKeyInOrder) {
  // Numbers, non-canonical numbers and strings, with repeats inside the batch and keys
  // interned before it: the first occurrence of a new key, and only it, is inserted.
  StringInterner in;
  const uint32_t before = in.Intern("42");
  const uint32_t before_s = in.Intern("acme");
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) {
    texts.push_back(std::to_string(i % 1000));       // repeats
    texts.push_back("u" + std::to_string(i % 700));  // strings
    if (i % 50 == 0) texts.push_back("0" + std::to_string(i));  // leading zero: a string
  }
  texts.push_back("acme");
  std::vector<std::string_view> keys(texts.begin(), texts.end());
  std::vector<uint32_t> refs(keys.size(), kNoRef);
  std::vector<uint8_t> inserted(keys.size(), 7);
  in.InternMany(keys, refs.data(), inserted.data());
  std::set<std::string> seen = {"42", "acme"};
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(in.Get(refs[i]), keys[i]);
    EXPECT_EQ(in.Find(keys[i]), refs[i]);
    EXPECT_EQ(inserted[i], seen.insert(texts[i]).second ? 1 : 0) << i << " " << texts[i];
  }
  EXPECT_EQ(in.size(), seen.size());
  EXPECT_EQ(in.Intern("42"), before);
  EXPECT_EQ(in.Intern("acme"), before_s);
  in.InternMany({}, nullptr);  // an empty batch changes nothing
  EXPECT_EQ(in.size(), seen.size());
}

TEST(StringInterner, ConcurrentInternsAgree) {
  StringInterner in;
  constexpr int kN = 20000;
  std::vector<std::vector<uint32_t>> got(2, std::vector<uint32_t>(kN));
  // One thread interns key by key, the other in batches (EventBuilder's way), while
  // both grow the tables.
  auto key = [](int i) { return i % 2 ? std::to_string(i) : "u" + std::to_string(i); };
  std::thread a([&] {
    for (int i = 0; i < kN; ++i) got[0][i] = in.Intern(key(i));
  });
  std::thread b([&] {
    constexpr int kBatch = 512;
    std::vector<std::string> texts;
    std::vector<std::string_view> keys;
    for (int i = 0; i < kN; i += kBatch) {
      texts.clear();
      for (int j = i; j < std::min(kN, i + kBatch); ++j) texts.push_back(key(j));
      keys.assign(texts.begin(), texts.end());
      in.InternMany(keys, got[1].data() + i);
    }
  });
  a.join();
  b.join();
  EXPECT_EQ(got[0], got[1]);
  EXPECT_EQ(in.size(), static_cast<size_t>(kN));
  for (int i = 0; i < kN; ++i) EXPECT_EQ(in.Get(got[0][i]), key(i));
}

// Numbers live in open-addressed slots that grow by re-inserting from the entries:
// every number must still be found after many growths, absent ones must not, and the
// 63-bit limit of a stored number must not change any text.
TEST(StringInterner, NumbersAreFoundAcrossGrowthAndKeepTheirText) {
  StringInterner in;
  constexpr uint64_t kN = 300000;
  std::vector<uint32_t> refs(kN);
  // Large, scattered values (ids of real platforms are 18-19 digits), interleaved with
  // strings that share the shards and the ref sequence.
  auto number = [](uint64_t i) { return 1000000000000000000ull + i * 7919ull * 1000003ull; };
  std::vector<uint32_t> string_refs;
  for (uint64_t i = 0; i < kN; ++i) {
    bool inserted = false;
    refs[i] = in.Intern(std::to_string(number(i)), &inserted);
    ASSERT_TRUE(inserted) << i;
    if (i % 1000 == 0) string_refs.push_back(in.Intern("s" + std::to_string(i)));
  }
  EXPECT_EQ(in.size(), kN + string_refs.size());
  for (uint64_t i = 0; i < kN; ++i) {
    const std::string text = std::to_string(number(i));
    ASSERT_EQ(in.Find(text), refs[i]) << text;
    ASSERT_EQ(in.Get(refs[i]), text);
  }
  for (size_t k = 0; k < string_refs.size(); ++k)
    EXPECT_EQ(in.Get(string_refs[k]), "s" + std::to_string(k * 1000));
  EXPECT_EQ(in.Find(std::to_string(number(kN))), kNoRef);
  EXPECT_EQ(in.Find(std::to_string(number(0) + 1)), kNoRef);

  // 2^63 - 1 is the largest stored as a number; 2^63 and above stay strings.
  const std::vector<std::string> edge = {"9223372036854775807", "9223372036854775808",
                                         "9999999999999999999", "0"};
  for (const auto& t : edge) EXPECT_EQ(in.Get(in.Intern(t)), t);
  for (const auto& t : edge) EXPECT_EQ(in.Find(t), in.Intern(t));
}

}  // namespace
}  // namespace rapport
