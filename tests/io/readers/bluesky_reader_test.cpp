// The Bluesky reader (src/io/readers/bluesky.cpp) on small fixtures of
// tests/fixtures/bluesky/: an author feed (posts, replies with their context, reposts
// with and without the repost's URI, quotes by record and recordWithMedia, facets), a
// thread with parent and replies, raw repo records, NDJSON of post views and feed
// items, bad records with their lines, and what Detect claims.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::Decode;
using test::ById;
using test::DecodedEvent;
using test::ErrorLines;
using test::IngestFiles;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "bluesky"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

constexpr std::string_view kBrand = "did:plc:acmebrand0000000000000000";
constexpr std::string_view kSam = "did:plc:sam00000000000000000000000";
constexpr std::string_view kLee = "did:plc:lee00000000000000000000000";

std::string Post(std::string_view did, std::string_view rkey) {
  return fmt::format("at://{}/app.bsky.feed.post/{}", did, rkey);
}

TEST(BlueskyReader, AnAuthorFeed) {
  auto d = Decode("bluesky", Fixture("good_author_feed.json"));
  EXPECT_EQ(d.errors.total(), 0);
  const std::string p1 = Post(kBrand, "p1"), r1 = Post(kSam, "r1");
  const std::string synthetic_repost = fmt::format("repost:{}:{}", kLee, p1);
  const std::string repost_uri = fmt::format("at://{}/app.bsky.feed.repost/rp1", kSam);
  // The reposted (and pinned) post comes again with each feed item; the reply context
  // (feed[].reply) and the embedded quoted post are not events.
  EXPECT_THAT(Ids(d.events),
              ElementsAre(p1, r1, Post(kBrand, "a1"), p1, synthetic_repost, p1, repost_uri,
                          Post(kLee, "q1"), Post(kLee, "q2"), Post(kLee, "e1"), Post(kLee, "g1"), p1));

  const auto& post = ById(d.events, p1);
  EXPECT_EQ(post.platform, Platform::kBluesky);
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.author, kBrand);
  EXPECT_EQ(post.author_handle, "acme.bsky.social");
  EXPECT_EQ(post.author_followers, 5000);
  EXPECT_EQ(post.created_at, *ParseRfc3339("2024-11-30T04:48:39Z"));  // microseconds dropped
  EXPECT_EQ(post.text, "Spring sale! Details at acme.example #acme");
  EXPECT_EQ(post.conversation_id, p1);  // a post starts its own thread
  EXPECT_THAT(post.hashtags, ElementsAre("acme"));
  EXPECT_EQ(post.urls, 1u);  // a link facet
  EXPECT_TRUE(post.has_mentions_field);
  EXPECT_TRUE(post.mentions.empty());
  EXPECT_EQ(post.counter(Counter::kReplies), 2);
  EXPECT_EQ(post.counter(Counter::kShares), 3);
  EXPECT_EQ(post.counter(Counter::kLikes), 10);
  EXPECT_EQ(post.counter(Counter::kQuotes), 1);
  EXPECT_EQ(post.counter(Counter::kBookmarks), 2);

  // A reply: parent and conversation (the root) from record.reply; the mention facet's
  // DID is the brand's, whose handle was read with its post.
  const auto& reply = ById(d.events, r1);
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, p1);
  EXPECT_EQ(reply.conversation_id, p1);
  EXPECT_THAT(reply.mentions, ElementsAre("acme.bsky.social"));
  EXPECT_EQ(reply.counter(Counter::kQuotes), 0);
  EXPECT_EQ(reply.counter(Counter::kBookmarks), kUnknownCount);
  const auto& answer = ById(d.events, Post(kBrand, "a1"));
  EXPECT_EQ(answer.parent_id, r1);
  EXPECT_EQ(answer.conversation_id, p1);
  EXPECT_THAT(answer.mentions, ElementsAre("sam.bsky.social"));

  // Reposts: a share by reason.by of the post, at reason.indexedAt.
  const auto& share = ById(d.events, synthetic_repost);
  EXPECT_EQ(share.type, EventType::kShare);
  EXPECT_EQ(share.author, kLee);
  EXPECT_EQ(share.author_handle, "lee.bsky.social");
  EXPECT_EQ(share.parent_id, p1);
  EXPECT_EQ(share.created_at, *ParseRfc3339("2024-11-30T07:00:00Z"));
  for (int k = 0; k < kCounterCount; ++k) EXPECT_EQ(share.counters[k], kUnknownCount);
  EXPECT_EQ(ById(d.events, repost_uri).author, kSam);

  // Quotes: app.bsky.embed.record, and recordWithMedia; a DID never seen as an author
  // is named by the handle the text shows.
  const auto& quote = ById(d.events, Post(kLee, "q1"));
  EXPECT_EQ(quote.type, EventType::kQuote);
  EXPECT_EQ(quote.parent_id, p1);
  EXPECT_EQ(quote.conversation_id, Post(kLee, "q1"));
  EXPECT_THAT(quote.mentions, ElementsAre("newbie.bsky.social"));
  const auto& quote_media = ById(d.events, Post(kLee, "q2"));
  EXPECT_EQ(quote_media.type, EventType::kQuote);
  EXPECT_EQ(quote_media.parent_id, r1);
  EXPECT_EQ(quote_media.counter(Counter::kQuotes), kUnknownCount);

  // An external card is a link; outline tags (record.tags) are hashtags.
  const auto& card = ById(d.events, Post(kLee, "e1"));
  EXPECT_EQ(card.type, EventType::kPost);
  EXPECT_EQ(card.urls, 1u);
  EXPECT_THAT(card.hashtags, ElementsAre("outline"));
  // Embedding a feed generator is not a quote.
  EXPECT_EQ(ById(d.events, Post(kLee, "g1")).type, EventType::kPost);
}

TEST(BlueskyReader, AThreadReadsParentAndReplies) {
  auto d = Decode("bluesky", Fixture("good_thread.json"));
  EXPECT_EQ(d.errors.total(), 0);  // the notFoundPost is a gap, not an error
  // Parent and replies are read where they sit, the thread's own post last.
  EXPECT_THAT(Ids(d.events), ElementsAre(Post(kBrand, "p1"), Post(kBrand, "a1"), Post(kSam, "r1")));
}

TEST(BlueskyReader, RawRepoRecords) {
  auto d = Decode("bluesky", Fixture("good_records.json"));
  const std::string raw1 = Post(kSam, "raw1");
  EXPECT_THAT(Ids(d.events), ElementsAre(raw1, Post(kSam, "raw2"),
                                         fmt::format("at://{}/app.bsky.feed.repost/rr1", kSam)));
  // The author is the repo's DID; no counters in a record.
  const auto& post = d.events[0];
  EXPECT_EQ(post.author, kSam);
  EXPECT_EQ(post.author_handle, "");
  EXPECT_EQ(post.counter(Counter::kLikes), kUnknownCount);
  EXPECT_EQ(d.events[1].type, EventType::kReply);
  EXPECT_EQ(d.events[1].parent_id, raw1);
  const auto& repost = d.events[2];
  EXPECT_EQ(repost.type, EventType::kShare);
  EXPECT_EQ(repost.parent_id, Post(kBrand, "p1"));
  // The like record is not read, and said so once.
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kWrongType, 1)));
  EXPECT_THAT(d.errors.first()[0].message, HasSubstr("1 record(s) that are neither"));
}

TEST(BlueskyReader, NdjsonOfPostViewsAndFeedItems) {
  auto d = Decode("bluesky", Fixture("good_posts.ndjson"));
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_THAT(Ids(d.events), ElementsAre(Post(kBrand, "p1"), Post(kSam, "r1")));
  for (size_t block : {3u, 50u}) {
    auto again = Decode("bluesky", Fixture("good_posts.ndjson"), block);
    EXPECT_EQ(again.errors.total(), 0);
    EXPECT_EQ(Ids(again.events), Ids(d.events));
  }
}

TEST(BlueskyReader, FeedInSmallBlocks) {
  auto whole = Decode("bluesky", Fixture("good_author_feed.json"));
  for (size_t block : {1u, 17u, 4096u}) {
    auto d = Decode("bluesky", Fixture("good_author_feed.json"), block);
    EXPECT_EQ(d.errors.total(), 0);
    EXPECT_EQ(Ids(d.events), Ids(whole.events));
  }
}

TEST(BlueskyReader, BadRecordsAreCountedWithTheirLines) {
  auto d = Decode("bluesky", Fixture("bad_posts.ndjson"));
  EXPECT_THAT(Ids(d.events), ElementsAre(Post(kSam, "b7")));
  EXPECT_THAT(ErrorLines(d.errors),
              ElementsAre(Pair(InputError::kMissingField, 1), Pair(InputError::kBadTimestamp, 2),
                          Pair(InputError::kWrongType, 3), Pair(InputError::kInvalidJson, 4),
                          Pair(InputError::kWrongType, 5), Pair(InputError::kWrongType, 6)));
  const auto& first = d.errors.first();
  EXPECT_THAT(first[0].message, HasSubstr("\"uri\""));
  EXPECT_THAT(first[1].message, HasSubstr("\"not a date\""));
  EXPECT_THAT(first[2].message, HasSubstr("\"likeCount\""));
  EXPECT_THAT(first[4].message, HasSubstr("getLikes"));
  EXPECT_THAT(first[5].message, HasSubstr("not a Bluesky post"));
}

TEST(BlueskyReader, DeepThreadIsAnErrorNotACrash) {
  // 600 nested parents: past the reader's 512 levels, within simdjson's 1024.
  std::string text;
  for (int i = 0; i < 600; ++i) text += "{\"parent\":";
  text += "{}";
  for (int i = 0; i < 600; ++i) text += "}";
  auto d = Decode("bluesky", text + "\n");
  EXPECT_TRUE(d.events.empty());
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kTooLarge, 1)));
}

// ---------------------------------------------------------------------------------
// Detection

std::string Head(const std::filesystem::path& p) {
  auto src = OpenSource(p.string());
  std::string out(1 << 16, '\0');
  size_t n = 0;
  while (n < out.size()) {
    size_t got = src->Read(out.data() + n, out.size() - n);
    if (got == 0) break;
    n += got;
  }
  out.resize(n);
  return out;
}

TEST(BlueskyReader, DetectsItsFixtures) {
  for (const auto& f : std::filesystem::directory_iterator(FixtureDir()))
    EXPECT_EQ(DetectReader(Head(f.path())), FindReader("bluesky")) << f.path();
  // An empty answer has no marker: a weak claim that beats only the native reader's.
  EXPECT_EQ(FindReader("bluesky")->Detect("{\n  \"feeds\": []\n}\n"), 15);
  EXPECT_EQ(DetectReader("{\n  \"feeds\": []\n}\n"), FindReader("bluesky"));
}

TEST(BlueskyReader, DetectClaimsNoOtherFormat) {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : std::filesystem::directory_iterator(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures"))
    if (dir.path().filename() != "bluesky")
      for (const auto& f : std::filesystem::recursive_directory_iterator(dir.path()))
        if (f.is_regular_file()) files.push_back(f.path());
  auto real = testing::SharedDir() / "data" / "real";
  if (std::filesystem::exists(real))
    for (const auto& dir : std::filesystem::directory_iterator(real))
      if (dir.is_directory() && !dir.path().filename().string().starts_with("bluesky_"))
        for (const auto& f : std::filesystem::directory_iterator(dir.path()))
          if (f.is_regular_file() && f.path().extension() != ".md") files.push_back(f.path());
  ASSERT_GT(files.size(), 5u);
  for (const auto& f : files) EXPECT_EQ(FindReader("bluesky")->Detect(Head(f)), 0) << f;
}

}  // namespace
}  // namespace rapport
