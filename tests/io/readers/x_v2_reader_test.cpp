// The X API v2 reader (src/io/readers/x_v2.cpp): responses with includes joined per
// response, twarc2 lines, twarc's flattened tweets, every counter, bad records with
// their lines, the line-splittable variant against the general reader, and the two
// real-data folders (twitter_v2_twarc_testdata, twitter_v2_pytwitter_testdata).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::Decode;
using test::ById;
using test::DecodedEvent;
using test::DumpTable;
using test::ErrorLines;
using test::IngestFiles;
using test::TempDir;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::Pair;

constexpr int64_t kUnknown = kUnknownCount;

std::string Fixture(const std::string& name) {
  return testing::ReadFile(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "x-v2" / name);
}
std::string FixturePath(const std::string& name) {
  return (std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "x-v2" / name).string();
}

// The reader detection picks for `text` (the first 64 KiB, as the driver gives).
const Reader* Detected(std::string_view text) { return DetectReader(text.substr(0, 1 << 16)); }

size_t RowOf(const EventTable& t, std::string_view id) {
  for (size_t r = 0; r < t.size(); ++r)
    if (t.IdString(r) == id) return r;
  throw std::runtime_error("no row " + std::string(id));
}

std::string ParentOf(const EventTable& t, size_t row) {
  const auto& c = t.columns();
  if (c.parent[row] == kNoRef) return "-";
  return std::string(t.dictionaries().ids[static_cast<int>(c.platform[row])].Get(c.parent[row]));
}

TEST(XV2Reader, ResponseTweetsJoinTheirAuthorsAndCarryEveryCounter) {
  auto d = Decode("x-v2", Fixture("good_response.json"));
  EXPECT_EQ(d.errors.total(), 0);
  // data[] in order, then the retweeted (900) and quoted (901) originals from
  // includes.tweets; 800 is only a reply parent in includes and is not emitted.
  EXPECT_THAT(Ids(d.events), ElementsAre("1001", "1002", "1003", "1004", "1005", "900", "901"));

  const auto& post = ById(d.events, "1001");
  EXPECT_EQ(post.platform, Platform::kX);
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.author, "11");
  EXPECT_EQ(post.author_handle, "acmefood");
  EXPECT_EQ(post.author_followers, 5000);
  EXPECT_EQ(post.conversation_id, "1001");
  EXPECT_EQ(post.parent_id, "");
  EXPECT_EQ(post.created_at, 1677664800);  // 2023-03-01T10:00:00Z
  EXPECT_TRUE(post.has_mentions_field);
  EXPECT_THAT(post.mentions, ElementsAre("partner"));
  EXPECT_THAT(post.hashtags, ElementsAre("spring"));
  EXPECT_EQ(post.urls, 1u);
  EXPECT_EQ(post.counter(Counter::kLikes), 30);
  EXPECT_EQ(post.counter(Counter::kShares), 4);
  EXPECT_EQ(post.counter(Counter::kReplies), 2);
  EXPECT_EQ(post.counter(Counter::kQuotes), 1);
  EXPECT_EQ(post.counter(Counter::kBookmarks), 3);
  // public_metrics.impression_count wins over the owner-only ones; link clicks come
  // from non_public_metrics before organic_metrics.
  EXPECT_EQ(post.counter(Counter::kImpressions), 900);
  EXPECT_EQ(post.counter(Counter::kClicks), 12);
  EXPECT_EQ(post.counter(Counter::kReach), kUnknown);
  EXPECT_EQ(post.counter(Counter::kSaves), kUnknown);

  const auto& reply = ById(d.events, "1002");
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, "1001");
  EXPECT_EQ(reply.conversation_id, "1001");
  EXPECT_EQ(reply.author_handle, "sam");
  EXPECT_EQ(reply.author_followers, 88);
  EXPECT_THAT(reply.mentions, ElementsAre("acmefood"));

  // A retweet: a share of 900, without the original's counts it carries.
  const auto& share = ById(d.events, "1003");
  EXPECT_EQ(share.type, EventType::kShare);
  EXPECT_EQ(share.parent_id, "900");
  EXPECT_EQ(share.author_handle, "kim");
  EXPECT_EQ(share.author_followers, kUnknown);  // kim has no public_metrics
  for (int k = 0; k < kCounterCount; ++k) EXPECT_EQ(share.counters[k], kUnknown) << k;
  EXPECT_FALSE(share.has_mentions_field);  // no entities: @handles come from the text

  const auto& quote = ById(d.events, "1004");
  EXPECT_EQ(quote.type, EventType::kQuote);
  EXPECT_EQ(quote.parent_id, "1001");
  EXPECT_EQ(quote.counter(Counter::kLikes), 2);

  // Replied to and quoted at once: a reply (the thread wins); note_tweet is the full text.
  const auto& both = ById(d.events, "1005");
  EXPECT_EQ(both.type, EventType::kReply);
  EXPECT_EQ(both.parent_id, "800");
  EXPECT_EQ(both.conversation_id, "800");
  EXPECT_EQ(both.text, "@someone sorry about that, see this: the long version of the answer");
  EXPECT_THAT(both.mentions, ElementsAre("someone"));

  const auto& original = ById(d.events, "900");
  EXPECT_EQ(original.type, EventType::kPost);
  EXPECT_EQ(original.author_handle, "oldfan");
  EXPECT_EQ(original.author_followers, 7);
  EXPECT_EQ(original.counter(Counter::kLikes), 120);
  EXPECT_EQ(original.counter(Counter::kShares), 57);
  EXPECT_EQ(ById(d.events, "901").author_handle, "acmefood");
}

TEST(XV2Reader, OrganicMetricsFillWhatPublicMetricsLack) {
  auto d = Decode("x-v2", R"({"data":{"id":"1","author_id":"2","created_at":"2023-01-01T00:00:00Z",)"
                          R"("text":"hi","organic_metrics":{"impression_count":40,"like_count":3,)"
                          R"("reply_count":1,"retweet_count":2,"url_link_clicks":5,"user_profile_clicks":9}}})");
  ASSERT_EQ(d.events.size(), 1u);
  const auto& e = d.events[0];
  EXPECT_EQ(e.counter(Counter::kImpressions), 40);
  EXPECT_EQ(e.counter(Counter::kLikes), 3);
  EXPECT_EQ(e.counter(Counter::kReplies), 1);
  EXPECT_EQ(e.counter(Counter::kShares), 2);
  EXPECT_EQ(e.counter(Counter::kClicks), 5);
  EXPECT_EQ(e.counter(Counter::kQuotes), kUnknown);  // not in organic_metrics
  EXPECT_EQ(e.author_handle, "");                    // no includes.users
}

TEST(XV2Reader, AReplyWithoutReferencedTweetsIsAReplyWithoutParent) {
  auto d = Decode("x-v2", R"({"data":[{"id":"5","author_id":"2","created_at":"2023-01-01T00:00:00Z",)"
                          R"("text":"@a yes","in_reply_to_user_id":"1","conversation_id":"4"}]})");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].type, EventType::kReply);
  EXPECT_EQ(d.events[0].parent_id, "");
  EXPECT_EQ(d.events[0].conversation_id, "4");
}

TEST(XV2Reader, TwarcLinesSkipEmptyPagesAndStreamErrorsAndLaterSnapshotsWin) {
  std::string text = Fixture("good_twarc.jsonl");
  const Reader* r = Detected(text);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "x-v2");
  EXPECT_TRUE(r->LineSplittable());  // twarc2 output: one response per line

  auto d = Decode("x-v2", text);
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_THAT(Ids(d.events), ElementsAre("2001", "2002", "2001"));
  const auto& reply = d.events[1];
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, "2001");
  EXPECT_EQ(reply.author_handle, "sam");  // joined with the includes of its own line
  EXPECT_EQ(reply.author_followers, 90);

  auto in = IngestFiles({FixturePath("good_twarc.jsonl")});
  EXPECT_EQ(in->result.events, 2);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 1);
  size_t row = RowOf(in->table, "2001");
  EXPECT_EQ(in->table.Counter(Counter::kLikes, row), 9);  // the later line's snapshot
  EXPECT_EQ(in->table.columns().followers[row], 5002u);
  EXPECT_EQ(ParentOf(in->table, RowOf(in->table, "2002")), "2001");
}

TEST(XV2Reader, FlattenedTweetsEmitTheirInlinedOriginals) {
  auto d = Decode("x-v2", Fixture("good_flat.jsonl"));
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_THAT(Ids(d.events), ElementsAre("3001", "3000", "3002"));
  EXPECT_EQ(d.events[0].type, EventType::kShare);
  EXPECT_EQ(d.events[0].parent_id, "3000");
  EXPECT_EQ(d.events[0].author_handle, "sam");
  EXPECT_EQ(d.events[0].author_followers, 91);
  EXPECT_EQ(d.events[0].counter(Counter::kShares), kUnknown);
  EXPECT_EQ(d.events[1].type, EventType::kPost);
  EXPECT_EQ(d.events[1].author_handle, "acmefood");
  EXPECT_EQ(d.events[1].author_followers, 5003);
  EXPECT_EQ(d.events[1].counter(Counter::kLikes), 6);
  EXPECT_EQ(d.events[2].type, EventType::kReply);
  EXPECT_EQ(d.events[2].parent_id, "3000");
  EXPECT_EQ(d.events[2].author_handle, "kim");
}

// bad_records.jsonl, line by line: 1 fine; 2 truncated; 3 no author_id; 4 no
// created_at; 5 bad created_at; 6 a number in data[] (then a fine tweet); 7 Latin-1
// bytes; 8 a user object; 9 an array of numbers (two bad elements).
const std::vector<std::pair<InputError, int64_t>> kBadLines = {
    {InputError::kInvalidJson, 2},  {InputError::kMissingField, 3}, {InputError::kMissingField, 4},
    {InputError::kBadTimestamp, 5}, {InputError::kWrongType, 6},    {InputError::kInvalidUtf8, 7},
    {InputError::kMissingField, 8}, {InputError::kWrongType, 9},    {InputError::kWrongType, 9}};

TEST(XV2Reader, BadRecordsAreCountedWithTheirLines) {
  std::string text = Fixture("bad_records.jsonl");
  for (size_t block : {size_t{1} << 20, size_t{37}}) {
    auto d = Decode("x-v2", text, block);
    EXPECT_THAT(Ids(d.events), ElementsAre("4001", "4006")) << block;
    EXPECT_EQ(ErrorLines(d.errors), kBadLines) << block;
  }
  auto d = Decode("x-v2", text);
  EXPECT_THAT(d.errors.first()[1].message, ::testing::HasSubstr("tweet.fields=author_id"));
  EXPECT_THAT(d.errors.first()[2].message, ::testing::HasSubstr("\"created_at\""));

  // The line-splittable variant, through the parallel driver in small blocks (the
  // first block, which detection sees, holds the first line).
  auto in = IngestFiles({FixturePath("bad_records.jsonl")}, 256);
  EXPECT_EQ(in->result.events, 2);
  EXPECT_EQ(ErrorLines(in->result.errors), kBadLines);
}

TEST(XV2Reader, PrettyPrintedResponsesOneAfterAnotherAndArraysOfTweets) {
  std::string one = Fixture("good_response.json");
  std::string text = one + one + "\n[" +
                     R"({"id":"7","author_id":"2","created_at":"2023-01-01T00:00:00Z","text":"a"},)" +
                     R"({"id":"8","author_id":"2","created_at":"2023-01-01T00:00:01Z","text":"b"}])";
  const Reader* r = Detected(text);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "x-v2");
  EXPECT_FALSE(r->LineSplittable());
  for (size_t block : {size_t{1} << 20, size_t{1}, size_t{113}}) {
    auto d = Decode("x-v2", text, block);
    EXPECT_EQ(d.errors.total(), 0) << block;
    EXPECT_EQ(d.events.size(), 16u) << block;
    EXPECT_EQ(d.events.back().id, "8");
  }
}

TEST(XV2Reader, TruncatedDocumentIsOneInvalidJsonAtItsFirstLine) {
  std::string text = "\n\n" + Fixture("good_response.json");
  text.resize(text.size() / 2);
  auto d = Decode("x-v2", text);
  EXPECT_TRUE(d.events.empty());
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kInvalidJson, 3)));
}

// ---------------------------------------------------------------------------------
// Real data

std::filesystem::path Real(const std::string& folder) { return testing::SharedDir() / "data" / "real" / folder; }

std::string Head(const std::filesystem::path& p) {
  std::string s = testing::ReadFile(p);
  return s.substr(0, 1 << 16);
}

// Files of twitter_v2_twarc_testdata that hold no tweets: their Detect is 0 for both
// x-v2 registrations (they are not read).
const std::map<std::string, std::string> kTwarcSkipped = {
    {"counts.jsonl", "tweet counts per hour (tweets/counts), no tweets"},
    {"lists.jsonl", "list objects (owned_lists), no tweets"},
    {"users.jsonl", "user objects (users/lookup), no tweets"},
    {"tweets_compliance.jsonl", "compliance job output: ids to delete, no tweets"},
    {"users_compliance.jsonl", "compliance job output: user ids, no tweets"},
};

int XV2Score(std::string_view head, bool lines) {
  for (const auto& r : AllReaders())
    if (r->name() == "x-v2" && r->LineSplittable() == lines) return r->Detect(head);
  return -1;
}

// Records per file (before repeated ids fold), established with:
//   python3 -c "import json,sys
//   for f in sys.argv[1:]:
//     n=0
//     for l in open(f):
//       try: o=json.loads(l)
//       except ValueError: continue
//       if 'data' in o:
//         d=o['data'] if isinstance(o['data'],list) else [o['data']]
//         inc={t['id'] for t in o.get('includes',{}).get('tweets',[])}
//         w={r['id'] for t in d for r in t.get('referenced_tweets',[]) if r['type'] in ('retweeted','quoted')}
//         n+=len(d)+len(w&inc)
//       elif 'text' in o: n+=1+sum(1 for r in o.get('referenced_tweets',[]) if r['type'] in ('retweeted','quoted') and 'text' in r)
//     print(f,n)" *.jsonl
const std::map<std::string, int64_t> kTwarcRecords = {
    {"2sets.jsonl", 271},  {"brexit.jsonl", 150},        {"cashtags.jsonl", 1},
    {"cotweet.jsonl", 1},  {"edited.jsonl", 1},          {"edited_after.jsonl", 1},
    {"edited_before.jsonl", 1}, {"entities_test.jsonl", 615}, {"flat.jsonl", 155},
    {"geo_tweets.jsonl", 2}, {"kpop.jsonl", 121},        {"many_urls.jsonl", 1},
    {"media_policy_violation_off.jsonl", 156}, {"media_policy_violation_on.jsonl", 156},
    {"media_tweet.jsonl", 1}, {"mentions_tweet.jsonl", 2}, {"noflat.jsonl", 137},
    {"quoted_edit.jsonl", 2}, {"streaming_output_with_error.jsonl", 8},
    {"two_tweets.jsonl", 2}, {"verified_type.jsonl", 1}, {"withheld.jsonl", 251},
};

TEST(XV2RealData, TwarcTestdataEveryFileReadOrSkippedForAReason) {
  auto dir = Real("twitter_v2_twarc_testdata");
  RAPPORT_REQUIRE_SHARED(dir);
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".jsonl") continue;
    std::string head = Head(entry.path());
    if (kTwarcSkipped.count(name)) {
      EXPECT_EQ(XV2Score(head, false), 0) << name << ": " << kTwarcSkipped.at(name);
      EXPECT_EQ(XV2Score(head, true), 0) << name;
      continue;
    }
    ASSERT_TRUE(kTwarcRecords.count(name)) << "new file " << name;
    const Reader* r = Detected(head);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->name(), "x-v2") << name;
    EXPECT_TRUE(r->LineSplittable()) << name << ": twarc2 writes one response per line";
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_EQ(paths.size(), kTwarcRecords.size());
  auto in = IngestFiles(paths);
  for (const auto& f : in->result.files) {
    std::string name = std::filesystem::path(f.path).filename().string();
    EXPECT_EQ(f.format, "x-v2") << name;
    EXPECT_EQ(f.records, kTwarcRecords.at(name)) << name;
  }
  // 2,036 records, 1,429 distinct ids (the same searches appear in several files):
  //   ... | python3 -c "...; print(len(set(ids)))" (ids as printed by the script above)
  EXPECT_EQ(in->result.events, 1429);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 2036 - 1429);
  // The last line of streaming_output_with_error.jsonl is cut off mid-object.
  EXPECT_EQ(in->result.errors.count(InputError::kInvalidJson), 1);
  ASSERT_FALSE(in->result.errors.first().empty());
  EXPECT_EQ(in->result.errors.first()[0].line, 8);
  EXPECT_EQ(in->result.errors.total() - in->result.errors.count(InputError::kDuplicate), 1);

  // Types of the distinct events (first record of each id):
  //   python3 -c "...; collections.Counter(type of first occurrence)" ->
  //   share 633, post 473, reply 238, quote 85
  std::map<EventType, int> types;
  for (size_t r = 0; r < in->table.size(); ++r) ++types[in->table.columns().type[r]];
  EXPECT_EQ(types[EventType::kShare], 633);
  EXPECT_EQ(types[EventType::kPost], 473);
  EXPECT_EQ(types[EventType::kReply], 238);
  EXPECT_EQ(types[EventType::kQuote], 85);

  const EventTable& t = in->table;
  // 2sets.jsonl: 1440716745577140229 replies to 1440621713281093641 (both in the data).
  EXPECT_EQ(ParentOf(t, RowOf(t, "1440716745577140229")), "1440621713281093641");
  // noflat.jsonl: a retweet by @Alexandravm12 of @williamserafino's 1380175475545362437,
  // whose own counters come from includes.tweets / flat.jsonl's inlined copy.
  size_t rt = RowOf(t, "1380242611781386245");
  EXPECT_EQ(t.columns().type[rt], EventType::kShare);
  EXPECT_EQ(ParentOf(t, rt), "1380175475545362437");
  EXPECT_EQ(t.Counter(Counter::kShares, rt), kUnknown);
  size_t orig = RowOf(t, "1380175475545362437");
  EXPECT_EQ(t.columns().type[orig], EventType::kPost);
  EXPECT_EQ(t.Counter(Counter::kLikes, orig), 241);
  EXPECT_EQ(t.Counter(Counter::kShares, orig), 410);
  EXPECT_EQ(t.Counter(Counter::kReplies, orig), 13);
  EXPECT_EQ(t.Counter(Counter::kQuotes, orig), 16);
  EXPECT_EQ(t.columns().followers[orig], 28341u);
  EXPECT_EQ(t.dictionaries().handles.Get(t.AuthorHandle(Platform::kX, t.columns().author[orig])),
            "williamserafino");
  // cashtags.jsonl: public_metrics.impression_count 52.
  EXPECT_EQ(t.Counter(Counter::kImpressions, RowOf(t, "1611077073803841538")), 52);
}

TEST(XV2RealData, TwarcLinesGiveTheSameTableOnAllCoresAndInOrder) {
  auto dir = Real("twitter_v2_twarc_testdata");
  RAPPORT_REQUIRE_SHARED(dir);
  std::vector<std::string> paths = {(dir / "2sets.jsonl").string(), (dir / "flat.jsonl").string(),
                                    (dir / "streaming_output_with_error.jsonl").string()};
  auto lines = IngestFiles(paths, 4096);            // detected: the line-splittable variant
  auto general = IngestFiles(paths, 4096, "x-v2");  // named: the general reader, in order
  EXPECT_EQ(DumpTable(lines->table), DumpTable(general->table));
  EXPECT_EQ(ErrorLines(lines->result.errors), ErrorLines(general->result.errors));
}

// Files of twitter_v2_pytwitter_testdata that are not tweets.
const std::map<std::string, std::string> kPytwitterSkipped = {
    {"models/expansions.json", "an includes object on its own (a model fixture), no response"},
    {"models/user.json", "a user object"},
    {"tweet/tweet_liking_users_resp.json", "users who liked a tweet"},
    {"tweet/tweet_retweed_users_resp.json", "users who retweeted a tweet"},
    {"tweet/tweets_counts_all_resp.json", "tweet counts per day"},
    {"tweet/tweets_counts_recent_resp.json", "tweet counts per hour"},
    {"user/followers_resp.json", "user objects"},
    {"user/following_resp.json", "user objects"},
    {"user/me_resp.json", "a user object"},
    {"user/search_users_resp.json", "user objects"},
    {"user/user_resp.json", "a user object"},
    {"user/users_resp.json", "user objects"},
};

// Tweets per file; the four files whose tweets lack author_id (timelines and
// bookmarks requested without it) are read, and each tweet is a missing_field:
//   python3 -c "import json,sys
//   for f in sys.argv[1:]:
//     o=json.load(open(f)); d=o.get('data',o); d=d if isinstance(d,list) else [d]
//     print(f,sum(1 for t in d if 'author_id' in t and 'created_at' in t),sum(1 for t in d if 'author_id' not in t))" */*.json
struct PyFile {
  int64_t records;
  int64_t missing;
};
const std::map<std::string, PyFile> kPytwitterRead = {
    {"models/tweet.json", {1, 0}},
    {"searches/search_tweets_for_nyc.json", {10, 0}},
    {"searches/search_tweets_query.json", {4, 0}},
    {"timeline/timeline_mentions.json", {0, 5}},
    {"timeline/timeline_reverse_chronological.json", {5, 0}},
    {"timeline/timeline_tweets.json", {0, 5}},
    {"tweet/tweet_quote_tweets_resp.json", {15, 0}},
    {"tweet/tweet_resp.json", {0, 1}},
    {"tweet/tweet_retweet_tweets_resp.json", {8, 0}},
    {"tweet/tweets_by_user_bookmark.json", {0, 5}},
    {"tweet/tweets_resp.json", {2, 0}},
    {"user/user_liked_tweets_resp.json", {5, 0}},
};

TEST(XV2RealData, PytwitterTestdataEveryFileReadOrSkippedForAReason) {
  auto dir = Real("twitter_v2_pytwitter_testdata");
  RAPPORT_REQUIRE_SHARED(dir);
  size_t seen = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string name = std::filesystem::relative(entry.path(), dir).string();
    std::string head = Head(entry.path());
    ++seen;
    if (kPytwitterSkipped.count(name)) {
      EXPECT_EQ(XV2Score(head, false), 0) << name << ": " << kPytwitterSkipped.at(name);
      EXPECT_EQ(XV2Score(head, true), 0) << name;
      continue;
    }
    ASSERT_TRUE(kPytwitterRead.count(name)) << "new file " << name;
    const Reader* r = Detected(head);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->name(), "x-v2") << name;
    auto in = IngestFiles({entry.path().string()});
    const PyFile& want = kPytwitterRead.at(name);
    EXPECT_EQ(in->result.files[0].records, want.records) << name;
    EXPECT_EQ(in->result.errors.count(InputError::kMissingField), want.missing) << name;
    EXPECT_EQ(in->result.errors.total(), want.missing) << name;
  }
  EXPECT_EQ(seen, kPytwitterSkipped.size() + kPytwitterRead.size());
}

TEST(XV2RealData, PytwitterRepliesQuotesAndJoinedAuthors) {
  auto dir = Real("twitter_v2_pytwitter_testdata");
  RAPPORT_REQUIRE_SHARED(dir);
  test::CollectingSink sink;
  InputErrors errors;
  ReadEvents((dir / "searches" / "search_tweets_query.json").string(), "", sink, errors, false);
  // python3 -c "import json; o=json.load(open('searches/search_tweets_query.json'));
  //   print([(t['id'],t['referenced_tweets'],t['author_id']) for t in o['data']])"
  ASSERT_EQ(sink.events.size(), 4u);
  const auto& e = ById(sink.events, "1276035977375477760");
  EXPECT_EQ(e.type, EventType::kReply);
  EXPECT_EQ(e.parent_id, "1275653067283759104");
  EXPECT_EQ(e.author_handle, "happycamper");
  EXPECT_EQ(ById(sink.events, "1275653067283759104").parent_id, "1274086728471461889");

  // The quote-tweets and retweets endpoints were called without referenced_tweets:
  // a text starting "RT @" is then a share of an unknown original, the rest posts.
  //   python3 -c "import json; o=json.load(open('tweet/tweet_quote_tweets_resp.json'));
  //     print(sum(t['text'].startswith('RT @') for t in o['data']), len(o['data']))"  -> 13 15
  test::CollectingSink quotes;
  ReadEvents((dir / "tweet" / "tweet_quote_tweets_resp.json").string(), "", quotes, errors, false);
  ASSERT_EQ(quotes.events.size(), 15u);
  int shares = 0, posts = 0;
  for (const auto& q : quotes.events) {
    shares += q.type == EventType::kShare && q.parent_id.empty();
    posts += q.type == EventType::kPost;
  }
  EXPECT_EQ(shares, 13);
  EXPECT_EQ(posts, 2);
  const auto& p = ById(quotes.events, "1495979553889697792");
  EXPECT_EQ(p.author_handle, "j_a_tucker");
  EXPECT_EQ(p.counter(Counter::kShares), kUnknown);  // the original's 160, not its own
  EXPECT_EQ(errors.total(), 0);
}

}  // namespace
}  // namespace rapport
