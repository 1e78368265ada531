// The X API v1.1 reader (src/io/readers/x_v1.cpp): statuses in every wrapping,
// retweets and quotes with their embedded originals, extended tweets, streams with
// control messages, Gnip Activity Streams, the personal archive and its owner, bad
// records with their lines, and the five real-data folders.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::Decode;
using test::DecodedEvent;
using test::DumpTable;
using test::ErrorLines;
using test::IngestFiles;
using test::TempDir;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kUnknown = kUnknownCount;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "x-v1"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }
std::string FixturePath(const std::string& name) { return (FixtureDir() / name).string(); }

const Reader* Detected(std::string_view text) { return DetectReader(text.substr(0, 1 << 16)); }

// Every event a file gives through detection and the real reader, as ReadEvents does
// for `rapport convert`.
test::Decoded ReadFileEvents(const std::string& path) {
  test::CollectingSink sink;
  test::Decoded out;
  ReadEvents(path, "", sink, out.errors, false);
  out.events = std::move(sink.events);
  return out;
}

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

std::string HandleOf(const EventTable& t, size_t row) {
  uint32_t h = t.AuthorHandle(t.columns().platform[row], t.columns().author[row]);
  return h == kNoRef ? "-" : std::string(t.dictionaries().handles.Get(h));
}

TEST(XV1Reader, StatusesRetweetsQuotesAndTheirEmbeddedOriginals) {
  auto d = Decode("x-v1", Fixture("good_statuses.json"));
  EXPECT_EQ(d.errors.total(), 0);
  // Each retweet and quote is followed by its embedded original.
  ASSERT_THAT(Ids(d.events), ElementsAre("5001", "5002", "5003", "5001", "5004", "5001",
                                         "1051204790334746624"));
  const auto& post = d.events[0];
  EXPECT_EQ(post.platform, Platform::kX);
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.author, "11");
  EXPECT_EQ(post.author_handle, "AcmeFood");
  EXPECT_EQ(post.author_followers, 5000);
  EXPECT_EQ(post.created_at, 1539202764);  // Wed Oct 10 20:19:24 +0000 2018
  EXPECT_EQ(post.conversation_id, "");
  EXPECT_EQ(post.counter(Counter::kLikes), 12);
  EXPECT_EQ(post.counter(Counter::kShares), 3);
  EXPECT_EQ(post.counter(Counter::kQuotes), 1);
  EXPECT_EQ(post.counter(Counter::kReplies), 2);
  EXPECT_EQ(post.counter(Counter::kImpressions), kUnknown);
  EXPECT_TRUE(post.has_mentions_field);
  EXPECT_THAT(post.hashtags, ElementsAre("opening"));

  const auto& reply = d.events[1];
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, "5001");
  EXPECT_THAT(reply.mentions, ElementsAre("AcmeFood"));
  EXPECT_EQ(reply.counter(Counter::kQuotes), kUnknown);  // REST v1.1 has no quote_count

  const auto& share = d.events[2];
  EXPECT_EQ(share.type, EventType::kShare);
  EXPECT_EQ(share.parent_id, "5001");
  for (int k = 0; k < kCounterCount; ++k) EXPECT_EQ(share.counters[k], kUnknown) << k;
  EXPECT_EQ(d.events[3].counter(Counter::kLikes), 15);  // the original, seen later
  EXPECT_EQ(d.events[3].author_followers, 5001);

  const auto& quote = d.events[4];
  EXPECT_EQ(quote.type, EventType::kQuote);
  EXPECT_EQ(quote.parent_id, "5001");
  EXPECT_EQ(quote.text,
            "Can't wait to see it, @AcmeFood, after years of waiting for a store in this part of "
            "town https://t.co/q");
  EXPECT_THAT(quote.mentions, ElementsAre("AcmeFood"));  // extended_tweet.entities
  EXPECT_EQ(quote.urls, 1u);
  EXPECT_FALSE(d.events[5].has_mentions_field);  // embedded copy without entities

  const auto& numbers = d.events[6];
  EXPECT_EQ(numbers.author, "44");
  EXPECT_EQ(numbers.type, EventType::kReply);
  EXPECT_EQ(numbers.parent_id, "1051204790334746000");
  EXPECT_EQ(numbers.text, "ids as numbers only");

  // In the table the later snapshots' counters win.
  auto in = IngestFiles({FixturePath("good_statuses.json")});
  EXPECT_EQ(in->result.events, 5);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 2);
  size_t row = RowOf(in->table, "5001");
  EXPECT_EQ(in->table.Counter(Counter::kLikes, row), 16);
  EXPECT_EQ(in->table.Counter(Counter::kReplies, row), 2);  // unknown later: kept
  EXPECT_EQ(in->table.columns().followers[row], 5002u);
  EXPECT_EQ(in->table.columns().type[row], EventType::kPost);
}

TEST(XV1Reader, StreamSkipsControlMessagesAndIsLineSplittable) {
  std::string text = Fixture("good_stream.jsonl");
  const Reader* r = Detected(text);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "x-v1");
  EXPECT_TRUE(r->LineSplittable());
  auto d = Decode("x-v1", text);
  EXPECT_EQ(d.errors.total(), 0);  // friends, delete, limit: not tweets, not errors
  ASSERT_THAT(Ids(d.events), ElementsAre("6001", "6002"));
  EXPECT_EQ(d.events[0].type, EventType::kPost);
  EXPECT_EQ(d.events[1].type, EventType::kReply);
  EXPECT_EQ(d.events[1].parent_id, "6001");
  EXPECT_EQ(d.events[1].counter(Counter::kLikes), 1);
  EXPECT_EQ(d.events[1].counter(Counter::kReplies), 0);

  auto lines = IngestFiles({FixturePath("good_stream.jsonl")}, 128);
  auto general = IngestFiles({FixturePath("good_stream.jsonl")}, 128, "x-v1");
  EXPECT_EQ(DumpTable(lines->table), DumpTable(general->table));
  EXPECT_EQ(lines->result.events, 2);
}

TEST(XV1Reader, ActivityStreamsPostsRepliesSharesAndQuotes) {
  auto d = Decode("x-v1", Fixture("good_activity.jsonl"));
  EXPECT_EQ(d.errors.total(), 0);  // the closing {"info": ...} is skipped
  ASSERT_THAT(Ids(d.events), ElementsAre("7001", "7002", "7003", "7001", "7004", "7001"));
  const auto& post = d.events[0];
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.author, "11");
  EXPECT_EQ(post.author_handle, "AcmeFood");
  EXPECT_EQ(post.author_followers, 5004);
  EXPECT_EQ(post.created_at, 1539421200);  // 2018-10-13T09:00:00Z
  EXPECT_EQ(post.counter(Counter::kLikes), 4);
  EXPECT_EQ(post.counter(Counter::kShares), 1);
  EXPECT_EQ(d.events[1].type, EventType::kReply);
  EXPECT_EQ(d.events[1].parent_id, "7001");  // from inReplyTo.link
  EXPECT_THAT(d.events[1].mentions, ElementsAre("AcmeFood"));
  EXPECT_EQ(d.events[2].type, EventType::kShare);
  EXPECT_EQ(d.events[2].parent_id, "7001");
  EXPECT_EQ(d.events[2].counter(Counter::kShares), kUnknown);
  EXPECT_EQ(d.events[3].counter(Counter::kLikes), 6);
  EXPECT_EQ(d.events[4].type, EventType::kQuote);
  EXPECT_EQ(d.events[4].parent_id, "7001");
  EXPECT_EQ(d.events[4].text,
            "Great news, finally open on weekends for all of us who work during the week https://t.co/x");
  EXPECT_EQ(d.events[4].urls, 1u);
  EXPECT_EQ(d.events[5].author_followers, 5006);
}

TEST(XV1Reader, ArchiveTweetsBelongToTheOwnerFromManifest) {
  std::string text = Fixture("archive/tweets.js");
  const Reader* r = Detected(text);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "x-v1");
  EXPECT_FALSE(r->LineSplittable());
  auto d = ReadFileEvents(FixturePath("archive/tweets.js"));
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("5001", "5010", "5011", "5012"));
  for (const auto& e : d.events) {
    EXPECT_EQ(e.author, "11");
    EXPECT_EQ(e.author_handle, "AcmeFood");
    EXPECT_EQ(e.author_followers, kUnknown);
  }
  EXPECT_EQ(d.events[0].type, EventType::kPost);
  EXPECT_EQ(d.events[0].counter(Counter::kLikes), 12);  // "12": counts are strings
  EXPECT_EQ(d.events[0].counter(Counter::kShares), 3);
  EXPECT_THAT(d.events[0].hashtags, ElementsAre("opening"));
  EXPECT_EQ(d.events[1].type, EventType::kReply);
  EXPECT_EQ(d.events[1].parent_id, "5002");
  EXPECT_THAT(d.events[1].mentions, ElementsAre("sam"));
  // "RT @partner: ...": the archive keeps no id of the original.
  EXPECT_EQ(d.events[2].type, EventType::kShare);
  EXPECT_EQ(d.events[2].parent_id, "");
  EXPECT_EQ(d.events[2].counter(Counter::kLikes), kUnknown);
  // No quoted status id in the archive: the trailing link to a tweet is the quote.
  EXPECT_EQ(d.events[3].type, EventType::kQuote);
  EXPECT_EQ(d.events[3].parent_id, "4999");
  EXPECT_EQ(d.events[3].urls, 2u);
}

TEST(XV1Reader, ArchiveOwnerFromAccountJsElseArchiveOwner) {
  auto d = ReadFileEvents(FixturePath("archive_account/tweets.js"));
  ASSERT_EQ(d.events.size(), 4u);
  EXPECT_EQ(d.events[0].author, "12");
  EXPECT_EQ(d.events[0].author_handle, "AcmeHelp");

  TempDir dir;
  auto alone = ReadFileEvents(dir.Write("tweets.js", Fixture("archive/tweets.js")));
  ASSERT_EQ(alone.events.size(), 4u);
  for (const auto& e : alone.events) {
    EXPECT_EQ(e.author, "archive-owner");
    EXPECT_EQ(e.author_handle, "");
  }
}

TEST(XV1Reader, ArchiveFilesThatAreNotTweetsAreNotRecognised) {
  TempDir dir;
  std::string like = dir.Write("like.js", R"(window.YTD.like.part0 = [
  { "like" : { "tweetId" : "1", "fullText" : "nice", "expandedUrl" : "https://twitter.com/i/web/status/1" } }
])");
  std::string headers = dir.Write("tweet-headers.js", R"(window.YTD.tweet_headers.part0 = [
  { "tweet" : { "tweet_id" : "1", "user_id" : "2", "created_at" : "Thu Nov 03 08:50:26 +0000 2022" } }
])");
  for (const auto& path : {like, headers, FixturePath("archive/manifest.js")}) {
    EXPECT_EQ(Detected(testing::ReadFile(path)), nullptr) << path;
    try {
      IngestFiles({path});
      ADD_FAILURE() << path << " was read";
    } catch (const FormatError& e) {
      EXPECT_THAT(e.what(), HasSubstr("format not recognised")) << path;
    }
  }
  // Named with --input-format, they are bad records, not tweets.
  auto forced = IngestFiles({like}, 8 << 20, "x-v1");
  EXPECT_EQ(forced->result.events, 0);
  EXPECT_EQ(forced->result.errors.count(InputError::kMissingField), 1);
}

// bad_records.jsonl: 1 fine; 2 no user; 3 user without id; 4 no created_at; 5 bad
// created_at; 6 truncated; 7 a user object; 8 a like; 9 a bare string.
TEST(XV1Reader, BadRecordsAreCountedWithTheirLines) {
  const std::vector<std::pair<InputError, int64_t>> want = {
      {InputError::kMissingField, 2}, {InputError::kMissingField, 3}, {InputError::kMissingField, 4},
      {InputError::kBadTimestamp, 5}, {InputError::kInvalidJson, 6},  {InputError::kMissingField, 7},
      {InputError::kMissingField, 8}, {InputError::kInvalidJson, 9}};
  std::string text = Fixture("bad_records.jsonl");
  for (size_t block : {size_t{1} << 20, size_t{29}}) {
    auto d = Decode("x-v1", text, block);
    EXPECT_THAT(Ids(d.events), ElementsAre("8001")) << block;
    EXPECT_EQ(ErrorLines(d.errors), want) << block;
  }
  ASSERT_NE(Detected(text), nullptr);
  EXPECT_TRUE(Detected(text)->LineSplittable());
  auto in = IngestFiles({FixturePath("bad_records.jsonl")}, 256);
  EXPECT_EQ(in->result.events, 1);
  EXPECT_EQ(ErrorLines(in->result.errors), want);
}

TEST(XV1Reader, MapFormAndSearchAndPremiumWrappers) {
  std::string status =
      R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id_str":"1","text":"a","user":{"id_str":"2","screen_name":"b"}})";
  auto map = Decode("x-v1", R"({"id": {"1": )" + status + R"(, "9": null}})");
  EXPECT_EQ(map.errors.total(), 0);
  EXPECT_THAT(Ids(map.events), ElementsAre("1"));
  auto search = Decode("x-v1", R"({"statuses": [)" + status + R"(], "search_metadata": {"count": 1}})");
  EXPECT_THAT(Ids(search.events), ElementsAre("1"));
  auto premium = Decode("x-v1", R"({"results": [)" + status + "," + status + R"(], "next": "x"})");
  EXPECT_THAT(Ids(premium.events), ElementsAre("1", "1"));
}

// ---------------------------------------------------------------------------------
// Real data

std::filesystem::path Real(const std::string& folder) { return testing::SharedDir() / "data" / "real" / folder; }

int XV1Score(std::string_view head, bool lines) {
  for (const auto& r : AllReaders())
    if (r->name() == "x-v1" && r->LineSplittable() == lines) return r->Detect(head);
  return -1;
}

// Ingests every file of `folder` except `skipped` (whose x-v1 Detect must be 0),
// checking each file's records against `records`.
std::unique_ptr<test::Ingested> IngestFolder(const std::filesystem::path& dir,
                                             const std::map<std::string, int64_t>& records,
                                             const std::map<std::string, std::string>& skipped) {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::string name = std::filesystem::relative(entry.path(), dir).string();
    if (name == "SOURCE.md") continue;
    std::string head = testing::ReadFile(entry.path()).substr(0, 1 << 16);
    if (skipped.count(name)) {
      EXPECT_EQ(XV1Score(head, false), 0) << name << ": " << skipped.at(name);
      EXPECT_EQ(XV1Score(head, true), 0) << name;
      continue;
    }
    EXPECT_TRUE(records.count(name)) << "new file " << name;
    const Reader* r = Detected(head);
    EXPECT_TRUE(r && r->name() == "x-v1") << name;
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths.size(), records.size());
  auto in = IngestFiles(paths);
  for (const auto& f : in->result.files) {
    std::string name = std::filesystem::relative(f.path, dir).string();
    EXPECT_EQ(f.format, "x-v1") << name;
    if (records.count(name)) {
      EXPECT_EQ(f.records, records.at(name)) << name;
    }
  }
  return in;
}

std::map<EventType, int> Types(const EventTable& t) {
  std::map<EventType, int> types;
  for (size_t r = 0; r < t.size(); ++r) ++types[t.columns().type[r]];
  return types;
}

// Records per file: each status, plus its retweeted_status and quoted_status when they
// carry a user (nested up to 3 deep). The script, run once per file:
//   python3 -c "import json,sys
//   def n(s,d=0):
//     if not isinstance(s,dict) or not isinstance(s.get('user'),dict): return 0
//     return 1+(d<3 and sum(n(s.get(k),d+1) for k in ('retweeted_status','quoted_status')))
//   o=json.load(open(sys.argv[1])) if not sys.argv[1].endswith('lines.json') else [json.loads(l) for l in open(sys.argv[1])]
//   o=o.get('statuses') or o.get('results') or (list(o['id'].values()) if isinstance(o.get('id'),dict) else [o]) if isinstance(o,dict) else o
//   print(sum(n(s) for s in o))" FILE
// (the NDJSON files likewise one line at a time; Activity Streams with object /
// twitter_quoted_status in place of retweeted_status / quoted_status.)
TEST(XV1RealData, PythonTwitterTestdata) {
  auto dir = Real("twitter_v1_python_twitter_testdata");
  RAPPORT_REQUIRE_SHARED(dir);
  const std::map<std::string, int64_t> records = {
      {"3.2/extended_tweet_in_compat_mode.json", 1}, {"3.2/extended_tweet_in_extended_mode.json", 1},
      {"get_favorites.json", 1}, {"get_home_timeline.json", 35}, {"get_list_timeline.json", 20},
      {"get_list_timeline_count_rts_ent.json", 13}, {"get_mentions.json", 21}, {"get_replies.json", 20},
      {"get_retweets.json", 28}, {"get_retweets_count.json", 48}, {"get_retweets_of_me.json", 1},
      {"get_search.json", 1}, {"get_search_geocode.json", 16}, {"get_search_raw.json", 186},
      {"get_status.json", 1}, {"get_status_ext_alt.json", 1}, {"get_status_promoted_video_tweet.json", 1},
      {"get_status_with_place.json", 2}, {"get_statuses.1.json", 100}, {"get_statuses.map.1.json", 100},
      {"get_user_timeline.json", 21}, {"get_user_timeline_count.json", 99},
      {"get_user_timeline_sincemax.json", 8}, {"models/status_quoted_tweet.json", 2},
      {"models/status_quoted_tweet_with_media.json", 2}, {"streaming/lines.json", 80},
      {"streaming/streaming_extended_tweet.json", 1}};
  auto in = IngestFolder(dir, records, {{"get_users_search.json", "user objects (users/search)"}});
  // 810 records, 629 distinct ids; types of each id's first record.
  EXPECT_EQ(in->result.events, 629);
  EXPECT_EQ(in->result.errors.total(), 810 - 629);  // duplicates only
  auto types = Types(in->table);
  EXPECT_EQ(types[EventType::kPost], 365);
  EXPECT_EQ(types[EventType::kShare], 162);
  EXPECT_EQ(types[EventType::kQuote], 32);
  EXPECT_EQ(types[EventType::kReply], 70);
  const EventTable& t = in->table;
  // get_home_timeline.json: @__jcbl__ retweets @pattymo's 674659346127679488, whose
  // own counters (favorite_count 2517, retweet_count 2358) come from the embedded copy.
  size_t rt = RowOf(t, "674674925823787008");
  EXPECT_EQ(t.columns().type[rt], EventType::kShare);
  EXPECT_EQ(ParentOf(t, rt), "674659346127679488");
  size_t orig = RowOf(t, "674659346127679488");
  EXPECT_EQ(HandleOf(t, orig), "pattymo");
  EXPECT_EQ(t.Counter(Counter::kLikes, orig), 2517);
  EXPECT_EQ(t.Counter(Counter::kShares, orig), 2358);
  EXPECT_EQ(t.columns().followers[orig], 11723u);

  // streaming_extended_tweet.json: compatibility mode; the text is extended_tweet.full_text.
  auto ext = ReadFileEvents((dir / "streaming" / "streaming_extended_tweet.json").string());
  ASSERT_EQ(ext.events.size(), 1u);
  EXPECT_EQ(ext.events[0].id, "971726741583605760");
  EXPECT_EQ(ext.events[0].text.size(), 207u);  // python3: len(o['extended_tweet']['full_text'])
  EXPECT_EQ(ext.events[0].text.substr(0, 20), "HIV_AIDS_BiojQuery M");
}

TEST(XV1RealData, SferikFixtures) {
  auto dir = Real("twitter_v1_sferik_fixtures");
  RAPPORT_REQUIRE_SHARED(dir);
  const std::map<std::string, int64_t> records = {
      {"premium_search.json", 1}, {"premium_search_emoji.json", 155}, {"premium_search_from.json", 75},
      {"premium_search_point_radius.json", 113}, {"premium_search_to.json", 101},
      {"premium_search_url.json", 4}, {"retweet.json", 2}, {"retweets.json", 2}, {"search.json", 4},
      {"search2.json", 3}, {"status.json", 1}, {"statuses.json", 26}, {"track_streaming.json", 2},
      {"track_streaming_user.json", 1}, {"user_timeline.json", 1}};
  auto in = IngestFolder(dir, records, {});
  EXPECT_EQ(in->result.events, 458);
  EXPECT_EQ(in->result.errors.total(), 491 - 458);
  auto types = Types(in->table);
  EXPECT_EQ(types[EventType::kPost], 281);
  EXPECT_EQ(types[EventType::kReply], 83);
  EXPECT_EQ(types[EventType::kShare], 71);
  EXPECT_EQ(types[EventType::kQuote], 23);
  const EventTable& t = in->table;
  // premium_search_from.json: @TwitterDev's reply with Premium's reply_count/quote_count.
  size_t r = RowOf(t, "930591588522299393");
  EXPECT_EQ(t.columns().type[r], EventType::kReply);
  EXPECT_EQ(ParentOf(t, r), "930570651638808576");
  EXPECT_EQ(HandleOf(t, r), "twitterdev");
  EXPECT_EQ(t.columns().followers[r], 487486u);
  EXPECT_EQ(t.Counter(Counter::kLikes, r), 1);
  EXPECT_EQ(t.Counter(Counter::kReplies, r), 0);
  EXPECT_EQ(t.Counter(Counter::kQuotes, r), 0);
  // user_timeline.json: ids only as numbers (no id_str).
  size_t n = RowOf(t, "28416898759");
  EXPECT_EQ(t.AuthorString(n), "7505382");
  EXPECT_EQ(ParentOf(t, n), "28416708070");
}

TEST(XV1RealData, GnipOriginalFormatActivityStreamsAndPublicApiAgree) {
  auto dir = Real("twitter_v1_gnip_twitterdev_examples");
  RAPPORT_REQUIRE_SHARED(dir);
  const std::map<std::string, int64_t> records = {{"activity_streams_examples.json", 36},
                                                  {"original_format_examples.json", 36},
                                                  {"public_api_sample.json", 31}};
  for (const auto& [name, n] : records)
    EXPECT_TRUE(Detected(testing::ReadFile(dir / name).substr(0, 1 << 16))->LineSplittable()) << name;
  auto in = IngestFolder(dir, records, {});
  // The three files hold the same 29 tweets: 103 records fold into 29 events.
  EXPECT_EQ(in->result.events, 29);
  EXPECT_EQ(in->result.errors.total(), 103 - 29);
  // Types of each id's first record, here from Activity Streams. Its embedded
  // activities carry no twitter_quoted_status: their trailing link to the quoted tweet
  // types them (867475201482661888 is first seen embedded, then as its own record).
  auto types = Types(in->table);
  EXPECT_EQ(types[EventType::kPost], 13);
  EXPECT_EQ(types[EventType::kReply], 6);
  EXPECT_EQ(types[EventType::kShare], 3);
  EXPECT_EQ(types[EventType::kQuote], 7);
  size_t q = RowOf(in->table, "867475201482661888");
  EXPECT_EQ(in->table.columns().type[q], EventType::kQuote);
  EXPECT_EQ(ParentOf(in->table, q), "867470833744191488");
  // The same reply chain from any of the three formats.
  for (const auto& [name, n] : records) {
    auto d = ReadFileEvents((dir / name).string());
    auto it = std::find_if(d.events.begin(), d.events.end(),
                           [](const auto& e) { return e.id == "861652051016663040"; });
    ASSERT_NE(it, d.events.end()) << name;
    EXPECT_EQ(it->type, EventType::kReply) << name;
    EXPECT_EQ(it->parent_id, "861651727614746624") << name;
    EXPECT_EQ(it->author_handle, "notFromShrek") << name;
  }
}

// Archive folders: tweets.js is read; the other files are not tweets.
const std::map<std::string, std::string> kArchiveSkipped = {
    {"like.js", "likes: ids and texts of tweets the owner liked, not the owner's tweets"},
    {"manifest.js", "the archive's manifest (owner, file list): read for the owner only"},
    {"tweet-headers.js", "tweet ids and dates without text or counters (tweets.js has them all)"},
    {"README.txt", "Twitter's description of the archive files"},
};

TEST(XV1RealData, ArchiveAndreruffertOwnedByTheManifestUser) {
  auto dir = Real("twitter_archive_andreruffert");
  RAPPORT_REQUIRE_SHARED(dir);
  auto in = IngestFolder(dir, {{"tweets.js", 1986}}, kArchiveSkipped);
  for (const auto& [name, why] : kArchiveSkipped)
    EXPECT_EQ(Detected(testing::ReadFile(dir / name).substr(0, 1 << 16)), nullptr) << name;
  // python3 -c "import json,re; s=open('tweets.js').read(); a=[t['tweet'] for t in json.loads(s[s.index('['):])]
  //   rt=lambda t: t['full_text'].startswith('RT @'); rep=lambda t: bool(t.get('in_reply_to_status_id_str'))
  //   p=re.compile(r'^https?://(www\.|mobile\.)?(twitter|x)\.com/[^/]+/status(es)?/\d+([/?]|$)')
  //   q=lambda t: t['entities']['urls'] and p.match(t['entities']['urls'][-1]['expanded_url']) and t['full_text'].rstrip(' \n').endswith(t['entities']['urls'][-1]['url'])
  //   print(len(a), sum(map(rt,a)), sum(rep(t) and not rt(t) for t in a), sum(bool(q(t)) and not rt(t) and not rep(t) for t in a),
  //         sum(int(t['favorite_count']) for t in a if not rt(t)))"
  //   -> 1986 643 485 83 1572
  EXPECT_EQ(in->result.events, 1986);
  EXPECT_EQ(in->result.errors.total(), 0);
  auto types = Types(in->table);
  EXPECT_EQ(types[EventType::kShare], 643);
  EXPECT_EQ(types[EventType::kReply], 485);
  EXPECT_EQ(types[EventType::kQuote], 83);
  EXPECT_EQ(types[EventType::kPost], 1986 - 643 - 485 - 83);
  const EventTable& t = in->table;
  int64_t likes = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    EXPECT_EQ(t.AuthorString(r), "112769581");  // manifest.js userInfo.accountId
    if (int64_t v = t.Counter(Counter::kLikes, r); v != kUnknown) likes += v;
  }
  EXPECT_EQ(likes, 1572);
  EXPECT_EQ(HandleOf(t, 0), "andreruffert");
  // A self-reply thread inside the archive.
  size_t r = RowOf(t, "1492187859322818562");
  EXPECT_EQ(ParentOf(t, r), "1492180218991333383");
  EXPECT_EQ(t.Counter(Counter::kLikes, r), 3);
}

TEST(XV1RealData, ArchiveSmithjdWithoutManifestIsArchiveOwner) {
  auto dir = Real("twitter_archive_smithjd");
  RAPPORT_REQUIRE_SHARED(dir);
  auto in = IngestFolder(dir, {{"tweets.js", 1758}}, kArchiveSkipped);
  // Same script -> 1758 128 160 18 494
  EXPECT_EQ(in->result.events, 1758);
  EXPECT_EQ(in->result.errors.total(), 0);
  auto types = Types(in->table);
  EXPECT_EQ(types[EventType::kShare], 128);
  EXPECT_EQ(types[EventType::kReply], 160);
  EXPECT_EQ(types[EventType::kQuote], 18);
  EXPECT_EQ(types[EventType::kPost], 1758 - 128 - 160 - 18);
  int64_t likes = 0;
  for (size_t r = 0; r < in->table.size(); ++r) {
    EXPECT_EQ(in->table.AuthorString(r), "archive-owner");
    if (int64_t v = in->table.Counter(Counter::kLikes, r); v != kUnknown) likes += v;
  }
  EXPECT_EQ(likes, 494);
}

}  // namespace
}  // namespace rapport
