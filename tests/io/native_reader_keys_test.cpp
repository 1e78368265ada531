// The native reader remembers the key seen at each field position (src/io/readers/
// native_ndjson.cpp, KeyCache): lines whose keys change order, length or spelling
// between lines must still read every field, and escaped keys keep their meaning.
#include <gtest/gtest.h>

#include "../support/io_support.h"

namespace rapport {
namespace {

using test::Decode;

TEST(NativeReaderKeys, KeyOrderChangingFromLineToLine) {
  const std::string text =
      R"({"platform":"x","id":"1","type":"post","author":"7","created_at":"2024-01-01T00:00:00Z",)"
      R"("metrics":{"likes":1,"shares":2,"replies":3},"author_followers":10})" "\n"
      // Same positions, other keys; metrics in another order with an unknown one first.
      R"({"author":"8","type":"reply","id":"2","platform":"mastodon","created_at":"2024-01-02T00:00:00Z",)"
      R"("metrics":{"bogus_counter_name":5,"replies":4,"likes":6},"author_followers":11})" "\n"
      // Keys that share their first 8 bytes with known ones, and an escaped metric key.
      R"({"platform":"x","id":"3","type":"post","author":"9","author_handles":"@no",)"
      R"("created_at":"2024-01-03T00:00:00Z","author_followers_x":99,)"
      R"("metrics":{"lik\u0065s":7,"shares":8}})" "\n"
      // The first line's order again.
      R"({"platform":"x","id":"4","type":"post","author":"7","created_at":"2024-01-01T00:00:00Z",)"
      R"("metrics":{"likes":9,"shares":10,"replies":11},"author_followers":12})" "\n";
  auto d = Decode("rapport", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 4u);
  const auto& a = d.events[0];
  EXPECT_EQ(a.counter(Counter::kLikes), 1);
  EXPECT_EQ(a.counter(Counter::kShares), 2);
  EXPECT_EQ(a.counter(Counter::kReplies), 3);
  EXPECT_EQ(a.author_followers, 10);
  const auto& b = d.events[1];
  EXPECT_EQ(b.platform, Platform::kMastodon);
  EXPECT_EQ(b.type, EventType::kReply);
  EXPECT_EQ(b.id, "2");
  EXPECT_EQ(b.author, "8");
  EXPECT_EQ(b.counter(Counter::kLikes), 6);
  EXPECT_EQ(b.counter(Counter::kReplies), 4);
  EXPECT_EQ(b.counter(Counter::kShares), kUnknownCount);
  EXPECT_EQ(b.author_followers, 11);
  const auto& c = d.events[2];
  EXPECT_EQ(c.author_handle, "");        // "author_handles" is not "author_handle"
  EXPECT_EQ(c.author_followers, kUnknownCount);  // nor is "author_followers_x"
  EXPECT_EQ(c.counter(Counter::kLikes), 7);      // "lik\u0065s" is "likes"
  EXPECT_EQ(c.counter(Counter::kShares), 8);
  const auto& e = d.events[3];
  EXPECT_EQ(e.counter(Counter::kLikes), 9);
  EXPECT_EQ(e.counter(Counter::kShares), 10);
  EXPECT_EQ(e.counter(Counter::kReplies), 11);
  EXPECT_EQ(e.author_followers, 12);
}

// Key lengths are found eight bytes at a time (PlainKeyLength): the bounds are a key of
// 16 bytes (the longest known one), 17 bytes, and a backslash in the second word.
TEST(NativeReaderKeys, KeysAtTheLengthBoundsAndEscapesPastTheFirstWord) {
  const std::string head =
      R"({"platform":"x","id":"1","type":"post","author":"7","created_at":"2024-01-01T00:00:00Z",)";
  const std::string text =
      head + R"("author_followers":16,"metrics":{"impressions":3}})" "\n" +
      head + R"("author_followersx":17,"w\"eird\\key":1,)"
             R"("metrics":{"impression\u0073":4,"impressions_of_the_day":5}})" "\n" +
      head + R"("author_follower\u0073":18,"metrics":{"replies":1}})" "\n";
  auto d = Decode("rapport", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(d.events[0].author_followers, 16);
  EXPECT_EQ(d.events[0].counter(Counter::kImpressions), 3);
  EXPECT_EQ(d.events[1].author_followers, kUnknownCount);     // 17 bytes: not the field
  EXPECT_EQ(d.events[1].counter(Counter::kImpressions), 4);   // escaped, in the second word
  // A top-level key with an escape is not read as a known field (docs/formats.md).
  EXPECT_EQ(d.events[2].author_followers, kUnknownCount);
  EXPECT_EQ(d.events[2].counter(Counter::kReplies), 1);
}

}  // namespace
}  // namespace rapport
