// The Instagram Graph API reader (src/io/readers/instagram.cpp): media with counters
// and insights, comments and replies, mentions and business_discovery, bad records,
// and the real-data folder facebook_instagram_graph_api/instagram.
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

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "instagram"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

const Reader* Detected(std::string_view text) { return DetectReader(text.substr(0, 1 << 16)); }

size_t RowOf(const EventTable& t, std::string_view id) {
  for (size_t r = 0; r < t.size(); ++r)
    if (t.IdString(r) == id) return r;
  throw std::runtime_error("no row " + std::string(id));
}

TEST(InstagramReader, MediaCountersInsightsCommentsAndReplies) {
  std::string text = Fixture("good_media.json");
  ASSERT_NE(Detected(text), nullptr);
  EXPECT_EQ(Detected(text)->name(), "instagram");
  auto d = Decode("instagram", text);
  EXPECT_EQ(d.errors.total(), 0);
  // Carousel children are parts of their album, not posts.
  ASSERT_THAT(Ids(d.events), ElementsAre("1801", "1901", "1902", "1802"));
  const auto& m = d.events[0];
  EXPECT_EQ(m.platform, Platform::kInstagram);
  EXPECT_EQ(m.type, EventType::kPost);
  EXPECT_EQ(m.author, "1789");
  EXPECT_EQ(m.author_handle, "acmefoods");
  EXPECT_EQ(m.created_at, 1688205600);
  EXPECT_EQ(m.text, "Summer menu is here @acmefoods");
  EXPECT_FALSE(m.has_mentions_field);  // @handles come from the text
  EXPECT_EQ(m.counter(Counter::kLikes), 120);
  EXPECT_EQ(m.counter(Counter::kComments), 2);
  EXPECT_EQ(m.counter(Counter::kImpressions), 2500);
  EXPECT_EQ(m.counter(Counter::kReach), 1900);
  EXPECT_EQ(m.counter(Counter::kSaves), 31);
  EXPECT_EQ(m.counter(Counter::kShares), 9);  // total_value form
  EXPECT_EQ(m.counter(Counter::kViews), kUnknown);

  EXPECT_EQ(d.events[1].type, EventType::kReply);
  EXPECT_EQ(d.events[1].parent_id, "1801");
  EXPECT_EQ(d.events[1].conversation_id, "1801");
  EXPECT_EQ(d.events[1].author, "sam_eats");
  EXPECT_EQ(d.events[1].counter(Counter::kLikes), 4);
  EXPECT_EQ(d.events[2].parent_id, "1901");
  EXPECT_EQ(d.events[2].conversation_id, "1801");
  EXPECT_EQ(d.events[2].author, "acmefoods");

  // /{user}/media does not repeat the owner.
  EXPECT_EQ(d.events[3].author, "(unknown)");
  EXPECT_EQ(d.events[3].counter(Counter::kLikes), 15);
  EXPECT_EQ(d.events[3].counter(Counter::kComments), 0);
  EXPECT_EQ(d.events[3].counter(Counter::kImpressions), kUnknown);
}

TEST(InstagramReader, MentionsAreInboundAndBusinessDiscoveryGivesTheAuthor) {
  auto d = Decode("instagram", Fixture("good_mentions.json"));
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("1851", "1861"));
  EXPECT_EQ(d.events[0].inbound, Inbound::kTrue);
  EXPECT_EQ(d.events[0].counter(Counter::kLikes), 6);
  EXPECT_EQ(d.events[1].author, "1700");
  EXPECT_EQ(d.events[1].author_handle, "rivalfoods");
  EXPECT_EQ(d.events[1].author_followers, 5400);
  EXPECT_EQ(d.events[1].inbound, Inbound::kUnknown);
  EXPECT_EQ(d.events[1].counter(Counter::kLikes), 44);
}

TEST(InstagramReader, BadRecordsAreCountedWithTheirLines) {
  std::string text = Fixture("bad_records.ndjson");
  EXPECT_EQ(Detected(text)->name(), "instagram");
  for (size_t block : {std::string_view::npos, size_t{5}}) {
    auto d = Decode("instagram", text, block);
    ASSERT_THAT(Ids(d.events), ElementsAre("1871")) << block;
    EXPECT_THAT(ErrorLines(d.errors),
                ElementsAre(Pair(InputError::kMissingField, 2), Pair(InputError::kBadTimestamp, 3),
                            Pair(InputError::kInvalidJson, 4), Pair(InputError::kWrongType, 5),
                            Pair(InputError::kWrongType, 6)))
        << block;
    ASSERT_EQ(d.errors.first().size(), 5u);
    EXPECT_THAT(d.errors.first()[0].message, HasSubstr("timestamp"));
    EXPECT_THAT(d.errors.first()[4].message, HasSubstr("without their media"));
  }
}

// The real folder. Figures established from the raw JSON with this Python, which
// applies the rules of docs/formats.md "instagram" (run from the folder apidata/):
//   python3 - <<'EOF'
//   import json,glob,collections
//   M=('media_type','caption','comments_count','media_url','media_product_type','shortcode','permalink')
//   ev={}; n=0; sk=collections.Counter()
//   def objs(j):
//     if isinstance(j.get('data'),list): return j['data']
//     if j and 'id' not in j and all(isinstance(v,dict) and v.get('id')==k for k,v in j.items()): return list(j.values())
//     return [j]
//   def obj(o,a=None):
//     global n
//     if 'name' in o and 'period' in o or not (any(k in o for k in M) or 'text' in o): sk['wrong_type']+=1; return
//     if 'timestamp' not in o: sk['missing_field']+=1; return
//     n+=1; c=dict(likes=o.get('like_count'),comments=o.get('comments_count'))
//     if o['id'] in ev: ev[o['id']]['c'].update({k:v for k,v in c.items() if v is not None}); return
//     ev[o['id']]=dict(t='post' if any(k in o for k in M) else 'reply',c=c,
//       a=(o.get('owner') or {}).get('id') or o.get('username') or a or '(unknown)')
//   for f in sorted(glob.glob('*/*.json')):
//     j=json.load(open(f)); b=j.get('business_discovery')
//     if b: [obj(o,b['id']) for o in b['media']['data']] if 'media' in b else sk.update(['wrong_type']); continue
//     if 'mentioned_media' in j or 'mentioned_comment' in j: obj(j.get('mentioned_media') or j['mentioned_comment']); continue
//     for o in objs(j): obj(o)
//   print(n,len(ev),sk,collections.Counter(v['t'] for v in ev.values()),collections.Counter(v['a'] for v in ev.values()))
//   for k in ('likes','comments'): x=[v['c'][k] for v in ev.values() if v['c'][k] is not None]; print(k,len(x),sum(x))
//   EOF
// prints 36 records, 27 events (21 posts, 6 replies), 13 wrong_type, 64 missing_field
// (hashtag media without timestamp), 17 events by (unknown), likes known on 19 (sum
// 431), comments on 16 (51).
TEST(InstagramRealData, EveryFileReadOrSkippedForAReason) {
  auto dir = testing::SharedDir() / "data" / "real" / "facebook_instagram_graph_api" / "instagram";
  RAPPORT_REQUIRE_SHARED(dir);
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::string name = std::filesystem::relative(entry.path(), dir).string();
    std::string head = testing::ReadFile(entry.path()).substr(0, 1 << 16);
    // Hashtag and user objects alone are not claimed by instagram (nothing to read in
    // them; as JSON objects they fall to the native reader's catch-all).
    bool metadata_only = name == "apidata/hashtags/hashtag_info.json" || name == "apidata/hashtags/hashtags_info.json" ||
                         name == "apidata/users/user_fields.json";
    const Reader* r = Detected(head);
    if (metadata_only) {
      EXPECT_EQ(FindReader("instagram")->Detect(head), 0) << name;
      EXPECT_EQ(FindReader("facebook")->Detect(head), 0) << name;
    } else {
      ASSERT_NE(r, nullptr) << name;
      EXPECT_EQ(r->name(), "instagram") << name;
    }
    paths.push_back(entry.path().string());
  }
  ASSERT_EQ(paths.size(), 34u);
  std::sort(paths.begin(), paths.end());
  auto in = IngestFiles(paths, 8 << 20, "instagram");
  int64_t records = 0;
  for (const auto& f : in->result.files) records += f.records;
  EXPECT_EQ(records, 36);
  EXPECT_EQ(in->result.events, 27);
  EXPECT_EQ(in->result.errors.count(InputError::kWrongType), 13);
  EXPECT_EQ(in->result.errors.count(InputError::kMissingField), 64);
  const EventTable& t = in->table;
  int posts = 0, replies = 0, unknown_author = 0;
  int64_t likes = 0, comments = 0;
  int likes_known = 0, comments_known = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    EXPECT_EQ(t.columns().platform[r], Platform::kInstagram);
    posts += t.columns().type[r] == EventType::kPost;
    replies += t.columns().type[r] == EventType::kReply;
    unknown_author += t.AuthorString(r) == "(unknown)";
    if (int64_t v = t.Counter(Counter::kLikes, r); v != kUnknownCount) likes += v, ++likes_known;
    if (int64_t v = t.Counter(Counter::kComments, r); v != kUnknownCount) comments += v, ++comments_known;
  }
  EXPECT_EQ(posts, 21);
  EXPECT_EQ(replies, 6);
  EXPECT_EQ(unknown_author, 17);
  EXPECT_EQ(likes_known, 19);
  EXPECT_EQ(likes, 431);
  EXPECT_EQ(comments_known, 16);
  EXPECT_EQ(comments, 51);
  // users/mentioned_comment.json: ikroskun's comment mentioning the account.
  size_t c = RowOf(t, "17967008497439572");
  EXPECT_EQ(t.columns().type[c], EventType::kReply);
  EXPECT_EQ(t.AuthorString(c), "ikroskun");
  EXPECT_EQ(t.columns().inbound[c], Inbound::kTrue);
  // discovery/medias_p1.json: business_discovery media, like_count 87, comments 11.
  size_t m = RowOf(t, "17885103395504675");
  EXPECT_EQ(t.Counter(Counter::kLikes, m), 87);
  EXPECT_EQ(t.Counter(Counter::kComments, m), 11);
}

}  // namespace
}  // namespace rapport
