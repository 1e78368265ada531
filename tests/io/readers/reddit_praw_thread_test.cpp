// The Reddit reader on the real folder reddit_api_praw_thread: a PRAW integration-test
// cassette (Betamax JSON) that holds the whole comment tree of r/announcements n49rw
// as Reddit API answers: one /comments listing (submission + nested replies) and 235
// /api/morechildren answers. The reader opens the cassette's response bodies and reads
// the Reddit JSON inside them (docs/formats.md "reddit"); the OAuth answer is passed
// over. Expected figures were established from the raw file with python3:
//
//   import json; d=json.load(open('TestCommentForest.test_replace__all_large.json'))
//   things=[]
//   def walk(x):
//     if isinstance(x,list): [walk(y) for y in x]
//     elif isinstance(x,dict):
//       if x.get('kind') in ('t1','t3'): things.append(x)
//       [walk(v) for v in x.values()]
//   for i in d['interactions']:
//     try: walk(json.loads(i['response']['body']['string']))
//     except ValueError: pass
//   last={t['data']['id']: t['data'] for t in things}; t1=[v for v in last.values() if 'body' in v]
//   len(things) -> 1435 (1431 t1 + 4 copies of the t3), len(last) -> 1429, len(t1) -> 1428
//   sum(v['parent_id'].startswith('t3_') for v in t1) -> 535 top-level comments
//   sum(v['author']=='[deleted]' for v in t1) -> 172
//   sum(v['score'] for v in last.values()) -> 26428
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::IngestFiles;

std::filesystem::path File() {
  return testing::SharedDir() / "data" / "real" / "reddit_api_praw_thread" /
         "TestCommentForest.test_replace__all_large.json";
}

size_t RowOf(const EventTable& t, std::string_view id) {
  for (size_t r = 0; r < t.size(); ++r)
    if (t.IdString(r) == id) return r;
  throw std::runtime_error("no row " + std::string(id));
}

TEST(RedditPrawThread, TheWholeCommentTreeFromTheCassette) {
  RAPPORT_REQUIRE_SHARED(File());
  auto in = IngestFiles({File().string()});
  ASSERT_EQ(in->result.files.size(), 1u);
  EXPECT_EQ(in->result.files[0].format, "reddit");
  EXPECT_EQ(in->result.files[0].records, 1435);
  // Nothing bad; the repeated things fold (1435 - 1429).
  EXPECT_EQ(in->result.errors.total(), 6);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 6);
  const EventTable& t = in->table;
  ASSERT_EQ(t.size(), 1429u);

  const auto& c = t.columns();
  const uint32_t root_ref = t.dictionaries().ids[static_cast<int>(Platform::kReddit)].Find("n49rw");
  ASSERT_NE(root_ref, kNoRef);
  absl::flat_hash_map<uint32_t, bool> ids;
  for (size_t r = 0; r < t.size(); ++r) ids[c.id[r]] = true;
  int64_t posts = 0, replies = 0, top_level = 0, parent_in_input = 0, deleted = 0, in_thread = 0,
          score = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    posts += c.type[r] == EventType::kPost;
    replies += c.type[r] == EventType::kReply;
    top_level += c.parent[r] == root_ref;
    parent_in_input += c.parent[r] != kNoRef && ids.contains(c.parent[r]);
    deleted += t.AuthorString(r).starts_with("[deleted]:");
    in_thread += c.conversation[r] == root_ref;
    score += t.Counter(Counter::kScore, r);
  }
  EXPECT_EQ(posts, 1);
  EXPECT_EQ(replies, 1428);
  EXPECT_EQ(top_level, 535);
  EXPECT_EQ(parent_in_input, 1428);  // the whole tree: every parent was fetched
  EXPECT_EQ(deleted, 172);
  EXPECT_EQ(in_thread, 1429);  // link_id: one conversation
  EXPECT_EQ(score, 26428);

  // The submission: "We're back", score 2412, 1412 comments, created 1323313344.0.
  size_t s = RowOf(t, "n49rw");
  EXPECT_EQ(c.type[s], EventType::kPost);
  EXPECT_EQ(c.created_at[s], 1323313344);
  EXPECT_EQ(t.Counter(Counter::kScore, s), 2412);
  EXPECT_EQ(t.Counter(Counter::kComments, s), 1412);
  // The first comment of the listing: c364vol by marcman84, score 645, top-level.
  size_t first = RowOf(t, "c364vol");
  EXPECT_EQ(t.AuthorString(first), "marcman84");
  EXPECT_EQ(c.parent[first], root_ref);
  EXPECT_EQ(t.Counter(Counter::kScore, first), 645);
  EXPECT_EQ(c.created_at[first], 1323314807);
}

}  // namespace
}  // namespace rapport
