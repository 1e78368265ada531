// The YouTube Data API reader (src/io/readers/youtube.cpp): comment threads (a
// top-level comment replies to its video or channel, replies to their top-level
// comment), comments, videos with statistics, the kinds it does not read, bad records,
// and the real-data folder youtube_api_python_youtube.
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
using test::ErrorLines;
using test::IngestFiles;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr int64_t kUnknown = kUnknownCount;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "youtube"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

const Reader* Detected(std::string_view text) { return DetectReader(text.substr(0, 1 << 16)); }

int YoutubeScore(std::string_view head) { return FindReader("youtube")->Detect(head); }

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

TEST(YoutubeReader, ThreadsTopLevelCommentsReplyToTheVideoAndRepliesToTheirComment) {
  std::string text = Fixture("good_threads.json");
  ASSERT_NE(Detected(text), nullptr);
  EXPECT_EQ(Detected(text)->name(), "youtube");
  auto d = Decode("youtube", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("UgThreadA", "UgThreadA.r1", "UgThreadA.r2", "UgThreadB"));
  const auto& top = d.events[0];
  EXPECT_EQ(top.platform, Platform::kYoutube);
  EXPECT_EQ(top.type, EventType::kReply);
  EXPECT_EQ(top.parent_id, "vid00000001");
  EXPECT_EQ(top.conversation_id, "vid00000001");
  EXPECT_EQ(top.author, "UCsam");
  EXPECT_EQ(top.author_handle, "@sam");
  EXPECT_EQ(top.created_at, 1688205600);  // 2023-07-01T10:00:00Z
  EXPECT_EQ(top.text, "Where can I buy this? @AcmeFood");
  EXPECT_FALSE(top.has_mentions_field);  // @handles come from the text
  EXPECT_EQ(top.counter(Counter::kLikes), 4);
  EXPECT_EQ(top.counter(Counter::kReplies), 2);  // totalReplyCount
  EXPECT_EQ(top.counter(Counter::kShares), kUnknown);

  const auto& brand = d.events[1];
  EXPECT_EQ(brand.type, EventType::kReply);
  EXPECT_EQ(brand.parent_id, "UgThreadA");
  EXPECT_EQ(brand.conversation_id, "vid00000001");
  EXPECT_EQ(brand.author, "UCacme");
  EXPECT_EQ(brand.counter(Counter::kLikes), 2);
  EXPECT_EQ(brand.counter(Counter::kReplies), kUnknown);
  // Only textDisplay (HTML): tags dropped, entities decoded.
  EXPECT_EQ(d.events[2].text, "Thanks & see you there\nKim");

  // A channel discussion comment without a channel id of its author.
  const auto& channel = d.events[3];
  EXPECT_EQ(channel.parent_id, "UCacme");
  EXPECT_EQ(channel.conversation_id, "UCacme");
  EXPECT_EQ(channel.author, "Deleted Account");
  EXPECT_EQ(channel.counter(Counter::kReplies), 0);
}

TEST(YoutubeReader, VideosArePostsOfTheirChannelWithStatistics) {
  auto d = Decode("youtube", Fixture("good_videos.json"));
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 1u);
  const auto& v = d.events[0];
  EXPECT_EQ(v.type, EventType::kPost);
  EXPECT_EQ(v.id, "vid00000001");
  EXPECT_EQ(v.author, "UCacme");
  EXPECT_EQ(v.author_handle, "AcmeFood");
  EXPECT_EQ(v.conversation_id, "vid00000001");
  EXPECT_EQ(v.text, "Summer menu\n\nEverything new this summer.");
  EXPECT_EQ(v.counter(Counter::kViews), 12345);  // "12345": statistics are strings
  EXPECT_EQ(v.counter(Counter::kLikes), 321);
  EXPECT_EQ(v.counter(Counter::kComments), 3);
  EXPECT_EQ(v.counter(Counter::kReplies), kUnknown);

  // With the video, the comments form one conversation under it.
  auto in = IngestFiles({(FixtureDir() / "good_videos.json").string(), (FixtureDir() / "good_threads.json").string()});
  EXPECT_EQ(in->result.events, 5);
  EXPECT_EQ(ParentOf(in->table, RowOf(in->table, "UgThreadA")), "vid00000001");
  EXPECT_EQ(ParentOf(in->table, RowOf(in->table, "UgThreadA.r1")), "UgThreadA");
}

// bad_records.jsonl: 1 a fine reply; 2 a comment without author, one with a bad
// publishedAt, one without id; 3 a channel list; 4 a playlist and a number; 5 cut off.
TEST(YoutubeReader, BadRecordsAndKindsItDoesNotReadAreCountedWithTheirLines) {
  for (size_t block : {size_t{1} << 20, size_t{17}}) {
    auto d = Decode("youtube", Fixture("bad_records.jsonl"), block);
    EXPECT_THAT(Ids(d.events), ElementsAre("UgC1")) << block;
    EXPECT_EQ(d.events[0].parent_id, "UgThreadA");
    EXPECT_EQ(d.events[0].conversation_id, "");
    EXPECT_EQ(ErrorLines(d.errors),
              (std::vector<std::pair<InputError, int64_t>>{
                  {InputError::kMissingField, 2}, {InputError::kBadTimestamp, 2},
                  {InputError::kMissingField, 2}, {InputError::kWrongType, 3},
                  {InputError::kWrongType, 4}, {InputError::kWrongType, 4}, {InputError::kInvalidJson, 5}}))
        << block;
    EXPECT_THAT(d.errors.first()[3].message, HasSubstr("youtube#channelListResponse"));
  }
}

TEST(YoutubeReader, ArraysOfItemsAndItemsWithoutKind) {
  auto d = Decode("youtube", R"([{"id":"c1","snippet":{"authorChannelId":{"value":"UCa"},)"
                             R"("textOriginal":"hi","videoId":"v1","publishedAt":"2023-01-01T00:00:00Z"}}])");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].parent_id, "v1");
}

// ---------------------------------------------------------------------------------
// Real data: youtube_api_python_youtube

const std::map<std::string, std::string> kSkipped = {
    {"activities/activities_by_channel_p1.json", "channel activity feed: uploads under activity ids, no counters"},
    {"activities/activities_by_channel_p2.json", "channel activity feed"},
    {"activities/activities_by_mine_p1.json", "channel activity feed"},
    {"activities/activities_by_mine_p2.json", "channel activity feed"},
    {"channels/info.json", "channel objects (subscriber counts), no messages"},
    {"channels/info_multiple.json", "channel objects"},
    {"search/search_by_developer.json", "search results: a ranking of videos/channels, no counters"},
    {"search/search_by_event.json", "search results"},
    {"search/search_by_keywords_p1.json", "search results"},
    {"search/search_by_keywords_p2.json", "search results"},
    {"search/search_by_location.json", "search results"},
    {"search/search_by_mine.json", "search results"},
    {"search/search_by_related_video.json", "search results"},
    {"search/search_channels.json", "search results"},
    {"search/search_videos_by_channel.json", "search results"},
};

// Records per file (top-level comments, replies, comments, videos):
//   python3 -c "import json,sys
//   for f in sys.argv[1:]:
//     o=json.load(open(f)); print(f, sum(1+len(i.get('replies',{}).get('comments',[])) for i in o['items']))"
//     comment_threads/*.json comments/*.json videos/*.json
const std::map<std::string, int64_t> kRecords = {
    {"comment_threads/comment_thread_single.json", 1},
    {"comment_threads/comment_threads_all_to_me.json", 4},
    {"comment_threads/comment_threads_by_channel.json", 2},
    {"comment_threads/comment_threads_by_video_paged_1.json", 5},
    {"comment_threads/comment_threads_by_video_paged_2.json", 5},
    {"comment_threads/comment_threads_multi.json", 2},
    {"comment_threads/comment_threads_with_search.json", 1},
    {"comments/comments_by_parent_paged_1.json", 2},
    {"comments/comments_by_parent_paged_2.json", 1},
    {"comments/comments_multi.json", 2},
    {"comments/comments_single.json", 1},
    {"videos/videos_chart_paged_1.json", 5},
    {"videos/videos_chart_paged_2.json", 3},
    {"videos/videos_info_multi.json", 2},
    {"videos/videos_info_single.json", 1},
};

TEST(YoutubeRealData, PythonYoutubeEveryFileReadOrSkippedForAReason) {
  auto dir = testing::SharedDir() / "data" / "real" / "youtube_api_python_youtube";
  RAPPORT_REQUIRE_SHARED(dir);
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string name = std::filesystem::relative(entry.path(), dir).string();
    std::string head = testing::ReadFile(entry.path()).substr(0, 1 << 16);
    if (kSkipped.count(name)) {
      EXPECT_EQ(YoutubeScore(head), 0) << name << ": " << kSkipped.at(name);
      continue;
    }
    ASSERT_TRUE(kRecords.count(name)) << "new file " << name;
    const Reader* r = Detected(head);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->name(), "youtube") << name;
    paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  ASSERT_EQ(paths.size(), kRecords.size());
  auto in = IngestFiles(paths);
  int64_t records = 0;
  for (const auto& f : in->result.files) {
    std::string name = std::filesystem::relative(f.path, dir).string();
    EXPECT_EQ(f.records, kRecords.at(name)) << name;
    records += f.records;
  }
  EXPECT_EQ(records, 37);
  // Pages repeat threads (paged_1 == paged_2), comments.list returns comments of the
  // threads, videos_info_single is in videos_info_multi: 26 distinct ids, 16 comments
  // and 10 videos (python3: len(set(ids)) over the same items).
  EXPECT_EQ(in->result.events, 26);
  EXPECT_EQ(in->result.errors.total(), 37 - 26);
  const EventTable& t = in->table;
  int replies = 0, posts = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    EXPECT_EQ(t.columns().platform[r], Platform::kYoutube);
    replies += t.columns().type[r] == EventType::kReply;
    posts += t.columns().type[r] == EventType::kPost;
  }
  EXPECT_EQ(replies, 16);
  EXPECT_EQ(posts, 10);
  // comment_thread_single.json: a comment on D-lhorsDlUQ, which videos_info has.
  size_t c = RowOf(t, "UgxKREWxIgDrw8w2e_Z4AaABAg");
  EXPECT_EQ(ParentOf(t, c), "D-lhorsDlUQ");
  EXPECT_EQ(t.AuthorString(c), "UClfzT4CU_yaZjJaI4pKqSjQ");
  EXPECT_EQ(t.columns().type[RowOf(t, "D-lhorsDlUQ")], EventType::kPost);
  EXPECT_EQ(t.AuthorString(RowOf(t, "D-lhorsDlUQ")), "UC_x5XG1OV2P6uZZ5FSM9Ttw");
  // comments_by_parent: three replies to Ugw5zYU6n9pmIgAZWvN4AaABAg ("kun liu"),
  // a top-level comment of comment_threads_all_to_me.json with likeCount 1.
  EXPECT_EQ(ParentOf(t, RowOf(t, "Ugw5zYU6n9pmIgAZWvN4AaABAg.91zT3cYb5B291za6voUoRh")),
            "Ugw5zYU6n9pmIgAZWvN4AaABAg");
  EXPECT_EQ(t.Counter(Counter::kLikes, RowOf(t, "Ugw5zYU6n9pmIgAZWvN4AaABAg")), 1);
  // comment_threads_by_video: UgwI_ylXVnzPS8Q-oAV4AaABAg has totalReplyCount 2.
  EXPECT_EQ(t.Counter(Counter::kReplies, RowOf(t, "UgwI_ylXVnzPS8Q-oAV4AaABAg")), 2);
  // A channel discussion thread (no videoId) replies to the channel.
  EXPECT_EQ(ParentOf(t, RowOf(t, "UgyUBI0HsgL9emxcZpR4AaABAg")), "UC_x5XG1OV2P6uZZ5FSM9Ttw");
}

}  // namespace
}  // namespace rapport
