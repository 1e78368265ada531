// The Facebook Graph API reader (src/io/readers/facebook.cpp): posts with reactions,
// comments, shares and insights, nested comments and replies, comments known only by
// their permalink, the page-vs-user rule for authors and inbound, bad records, and the
// real-data folder facebook_instagram_graph_api/facebook.
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
using ::testing::Pair;

constexpr int64_t kUnknown = kUnknownCount;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "facebook"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

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

TEST(FacebookReader, PagePostsCountersInsightsAndNestedComments) {
  std::string text = Fixture("good_feed.json");
  ASSERT_NE(Detected(text), nullptr);
  EXPECT_EQ(Detected(text)->name(), "facebook");
  auto d = Decode("facebook", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("111_201", "201_301", "201_302", "111_202", "111_203"));

  const auto& post = d.events[0];
  EXPECT_EQ(post.platform, Platform::kFacebook);
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.author, "111");
  EXPECT_EQ(post.author_handle, "Acme Foods");
  EXPECT_EQ(post.inbound, Inbound::kFalse);  // from.id is the feed's owner: the page's own post
  EXPECT_EQ(post.created_at, 1688205600);    // 2023-07-01T10:00:00+0000
  EXPECT_EQ(post.conversation_id, "111_201");
  EXPECT_EQ(post.text, "New recipe week! Thanks Ninja Van");
  EXPECT_EQ(post.counter(Counter::kLikes), 42);  // reactions.summary.total_count, not like (40)
  EXPECT_EQ(post.counter(Counter::kComments), 2);
  EXPECT_EQ(post.counter(Counter::kShares), 7);
  EXPECT_EQ(post.counter(Counter::kImpressions), 5120);
  EXPECT_EQ(post.counter(Counter::kReach), 3900);
  EXPECT_EQ(post.counter(Counter::kClicks), 88);
  EXPECT_EQ(post.counter(Counter::kSaves), kUnknown);
  EXPECT_EQ(post.counter(Counter::kReplies), kUnknown);
  EXPECT_TRUE(post.has_mentions_field);
  EXPECT_THAT(post.mentions, ElementsAre("957"));

  const auto& comment = d.events[1];
  EXPECT_EQ(comment.type, EventType::kReply);
  EXPECT_EQ(comment.parent_id, "111_201");
  EXPECT_EQ(comment.conversation_id, "111_201");
  EXPECT_EQ(comment.author, "555");
  EXPECT_EQ(comment.inbound, Inbound::kTrue);  // a user on the page's post
  EXPECT_EQ(comment.counter(Counter::kLikes), 3);
  EXPECT_EQ(comment.counter(Counter::kComments), 1);

  const auto& answer = d.events[2];
  EXPECT_EQ(answer.parent_id, "201_301");
  EXPECT_EQ(answer.conversation_id, "111_201");
  EXPECT_EQ(answer.author, "111");
  EXPECT_EQ(answer.inbound, Inbound::kFalse);  // the page answering

  const auto& visitor = d.events[3];
  EXPECT_EQ(visitor.type, EventType::kPost);
  EXPECT_EQ(visitor.author, "777");
  EXPECT_EQ(visitor.inbound, Inbound::kTrue);  // a visitor post on the page's feed
  EXPECT_EQ(visitor.created_at, 1688282100);   // 09:15+0200 = 07:15Z
  EXPECT_EQ(visitor.counter(Counter::kLikes), 0);
  EXPECT_EQ(visitor.counter(Counter::kShares), kUnknown);  // no shares field: unknown, not 0

  const auto& share = d.events[4];
  EXPECT_EQ(share.type, EventType::kShare);
  EXPECT_EQ(share.parent_id, "999_1");
  EXPECT_EQ(share.author, "111");  // no from: the owner of the id "111_203"
  EXPECT_EQ(share.inbound, Inbound::kFalse);
  EXPECT_EQ(share.counter(Counter::kLikes), kUnknown);
}

TEST(FacebookReader, CommentsWithoutIdTakeIdAndReplyLinkFromThePermalink) {
  auto d = Decode("facebook", Fixture("good_comments_permalink.json"));
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("204_401", "204_402"));
  EXPECT_EQ(d.events[0].parent_id, "111_204");
  EXPECT_EQ(d.events[0].conversation_id, "111_204");
  EXPECT_EQ(d.events[0].author, "(unknown)");
  EXPECT_EQ(d.events[0].inbound, Inbound::kUnknown);
  EXPECT_EQ(d.events[0].counter(Counter::kLikes), 2);
  EXPECT_EQ(d.events[1].parent_id, "204_401");  // reply_comment_id answers comment_id
  EXPECT_EQ(d.events[1].conversation_id, "111_204");
}

TEST(FacebookReader, BadRecordsAreCountedWithTheirLines) {
  std::string text = Fixture("bad_records.ndjson");
  EXPECT_EQ(Detected(text)->name(), "facebook");
  // Fed whole and in small blocks: the same events and errors.
  for (size_t block : {std::string_view::npos, size_t{7}}) {
    auto d = Decode("facebook", text, block);
    ASSERT_THAT(Ids(d.events), ElementsAre("111_501")) << block;
    EXPECT_EQ(d.events[0].counter(Counter::kLikes), 5);
    EXPECT_THAT(ErrorLines(d.errors),
                ElementsAre(Pair(InputError::kMissingField, 2), Pair(InputError::kBadTimestamp, 3),
                            Pair(InputError::kInvalidJson, 4), Pair(InputError::kMissingField, 5),
                            Pair(InputError::kWrongType, 6), Pair(InputError::kWrongType, 7),
                            Pair(InputError::kWrongType, 8)))
        << block;
    ASSERT_EQ(d.errors.first().size(), 7u);
    EXPECT_THAT(d.errors.first()[0].message, HasSubstr("created_time"));
    EXPECT_THAT(d.errors.first()[5].message, HasSubstr("without their post"));
    EXPECT_THAT(d.errors.first()[6].message, HasSubstr("Tried accessing nonexisting field"));
  }
}

TEST(FacebookReader, AnEventTableFoldsTheLaterSnapshot) {
  test::TempDir dir;
  std::string a = dir.Write("a.json", R"({"id":"1_2","created_time":"2023-01-01T00:00:00+0000","message":"m",)"
                                      R"("reactions":{"summary":{"total_count":3}},"shares":{"count":1}})");
  std::string b = dir.Write("b.json", R"({"id":"1_2","created_time":"2023-01-01T00:00:00+0000","message":"m",)"
                                      R"("reactions":{"summary":{"total_count":9}}})");
  auto in = IngestFiles({a, b});
  ASSERT_EQ(in->result.events, 1);
  EXPECT_EQ(in->table.Counter(Counter::kLikes, 0), 9);   // the later snapshot
  EXPECT_EQ(in->table.Counter(Counter::kShares, 0), 1);  // unknown later: kept
}

// The real folder. Figures established from the raw JSON with this Python, which
// applies the rules of docs/formats.md "facebook" (run from the folder apidata/):
//   python3 - <<'EOF'
//   import json,glob,re,collections
//   ev={}; n=0
//   def objs(j):
//     if isinstance(j.get('data'),list): return j['data']
//     if j and 'id' not in j and all(isinstance(v,dict) and v.get('id')==k for k,v in j.items()): return list(j.values())
//     return [j]
//   def put(i,r):
//     global n; n+=1
//     if i in ev: ev[i]['c'].update({k:v for k,v in r['c'].items() if v is not None})
//     else: ev[i]=r
//   for f in sorted(glob.glob('*/*.json')):
//     for o in objs(json.load(open(f))):
//       pl=o.get('permalink_url','')
//       if 'name' in o and 'period' in o: continue
//       if any(k in o for k in ('comment_count','like_count','parent')) or 'comment_id=' in pl:
//         m=re.search(r'/(\d+)/posts/(\d+)',pl); c=re.search(r'comment_id=(\d+)',pl); r=re.search(r'reply_comment_id=(\d+)',pl)
//         i=o.get('id') or m[2]+'_'+(r or c)[1]
//         put(i,dict(t='reply',p=i.split('_')[0]+'_'+c[1] if r else m[1]+'_'+m[2],c=dict(likes=o.get('like_count'),comments=o.get('comment_count')))); continue
//       if any(k in o for k in ('embed_html','creation_time','live_views')) or 'created_time' not in o: continue
//       if 'member_count' in o or ('name' in o and not any(k in o for k in ('message','story','from','status_type','reactions','title','description'))): continue
//       for c in o.get('comments',{}).get('data',[]):
//         put(c['id'],dict(t='reply',p=o['id'],c=dict(likes=c.get('like_count',c.get('likes')),comments=c.get('comment_count'))))
//       put(o['id'],dict(t='post',p='',c=dict(likes=o.get('reactions',{}).get('summary',{}).get('total_count'),
//           comments=o.get('comments',{}).get('summary',{}).get('total_count'),shares=o.get('shares',{}).get('count'))))
//   print(n,len(ev),collections.Counter(v['t'] for v in ev.values()),collections.Counter(v['p'] for v in ev.values()))
//   for k in ('likes','comments','shares'): x=[v['c'][k] for v in ev.values() if v['c'].get(k) is not None]; print(k,len(x),sum(x))
//   EOF
// prints 80 records, 66 events (32 posts, 34 replies: 16 of them nested in the posts of
// multi_posts_data.json), likes known on 44 (sum 28364), comments on 28 (306), shares
// on 10 (300).
TEST(FacebookRealData, EveryFileReadOrSkippedForAReason) {
  auto dir = testing::SharedDir() / "data" / "real" / "facebook_instagram_graph_api" / "facebook";
  RAPPORT_REQUIRE_SHARED(dir);
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string head = testing::ReadFile(entry.path()).substr(0, 1 << 16);
    // Every file of the folder is a Graph API response: detected as facebook, also
    // those holding only pages, groups or live videos (skipped with a reason below).
    const Reader* r = Detected(head);
    std::string name = std::filesystem::relative(entry.path(), dir).string();
    bool metadata_only = name.find("pages/") != std::string::npos || name.find("groups/group") != std::string::npos ||
                         name.find("likes/") != std::string::npos || name.find("live_videos/") != std::string::npos ||
                         name.find("videos/video_info_fields") != std::string::npos ||
                         name.find("videos/videos_info_default") != std::string::npos;
    if (!metadata_only) {
      ASSERT_NE(r, nullptr) << name;
      EXPECT_EQ(r->name(), "facebook") << name;
    }
    paths.push_back(entry.path().string());
  }
  ASSERT_EQ(paths.size(), 36u);
  std::sort(paths.begin(), paths.end());
  auto in = IngestFiles(paths, 8 << 20, "facebook");
  int64_t records = 0;
  for (const auto& f : in->result.files) records += f.records;
  EXPECT_EQ(records, 80);
  EXPECT_EQ(in->result.events, 66);
  // Pages (11), groups (5), likes (2), live videos (12): wrong_type; videos without
  // created_time (3): missing_field; 14 records repeat an id (pages of one feed).
  EXPECT_EQ(in->result.errors.count(InputError::kWrongType), 30);
  EXPECT_EQ(in->result.errors.count(InputError::kMissingField), 3);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 80 - 66);
  EXPECT_EQ(in->result.errors.total(), 33 + 80 - 66);
  const EventTable& t = in->table;
  int posts = 0, replies = 0, to_post = 0, to_comment = 0;
  int64_t likes = 0, comments = 0, shares = 0;
  int likes_known = 0, comments_known = 0, shares_known = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    EXPECT_EQ(t.columns().platform[r], Platform::kFacebook);
    posts += t.columns().type[r] == EventType::kPost;
    if (t.columns().type[r] == EventType::kReply) {
      ++replies;
      std::string parent = ParentOf(t, r);
      // A comment answers a post "<page>_<post>" or a comment "<post>_<comment>".
      (parent.rfind("19292868552_", 0) == 0 || parent.rfind("245628824887810_", 0) == 0 ? to_post : to_comment)++;
    }
    auto add = [&](Counter c, int64_t& sum, int& known) {
      int64_t v = t.Counter(c, r);
      if (v != kUnknownCount) sum += v, ++known;
    };
    add(Counter::kLikes, likes, likes_known);
    add(Counter::kComments, comments, comments_known);
    add(Counter::kShares, shares, shares_known);
  }
  EXPECT_EQ(posts, 32);
  EXPECT_EQ(replies, 34);
  EXPECT_EQ(to_post, 29);
  EXPECT_EQ(to_comment, 5);
  EXPECT_EQ(likes_known, 44);
  EXPECT_EQ(likes, 28364);
  EXPECT_EQ(comments_known, 28);
  EXPECT_EQ(comments, 306);
  EXPECT_EQ(shares_known, 10);
  EXPECT_EQ(shares, 300);
  // feeds_default_fields_p1.json: the first post, 125 reactions, 13 comments, 10 shares.
  size_t p = RowOf(t, "19292868552_10158349356748553");
  EXPECT_EQ(t.Counter(Counter::kLikes, p), 125);
  EXPECT_EQ(t.Counter(Counter::kComments, p), 13);
  EXPECT_EQ(t.Counter(Counter::kShares, p), 10);
  EXPECT_EQ(t.AuthorString(p), "19292868552");
  EXPECT_EQ(t.columns().inbound[p], Inbound::kFalse);
  // comments_p1.json: "Hi, please access the Instagram Help Center..." answers comment
  // 10158407903973553 (reply_comment_id in its permalink), which has comment_count 2.
  EXPECT_EQ(ParentOf(t, RowOf(t, "10158407654328553_10158409983033553")), "10158407654328553_10158407903973553");
  EXPECT_EQ(t.Counter(Counter::kComments, RowOf(t, "10158407654328553_10158407903973553")), 2);
  EXPECT_EQ(ParentOf(t, RowOf(t, "10158407654328553_10158407903973553")), "19292868552_10158407654328553");
  // multi_posts_data.json: a comment nested in its post, "likes": 1 (an older field),
  // by a user: inbound.
  size_t nested = RowOf(t, "19292868552_10158345715593553_10158345885403553");
  EXPECT_EQ(ParentOf(t, nested), "19292868552_10158345715593553");
  EXPECT_EQ(t.Counter(Counter::kLikes, nested), 1);
  EXPECT_EQ(t.AuthorString(nested), "176140393014803");
  EXPECT_EQ(t.columns().inbound[nested], Inbound::kTrue);
  // single_post_data.json: one "haha", the only reaction.
  EXPECT_EQ(t.Counter(Counter::kLikes, RowOf(t, "175154750010052_424924701699721")), 1);
}

}  // namespace
}  // namespace rapport
