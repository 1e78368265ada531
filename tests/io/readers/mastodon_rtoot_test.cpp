// The Mastodon reader on the real folder mastodon_api_rtoot_fixtures: REST API answers
// recorded by the rtoot test suite (account statuses in 5 pages, two contexts, one
// status, the public and #rstats timelines). The account files (an account lookup,
// favourited_by, reblogged_by: lists of accounts) hold no status: each is read and
// reported once as not read (wrong_type), and _manifest.json is the folder's own index
// (no reader claims it). Expected figures were established from the raw files with
// python3:
//
//   import json
//   d=json.load(open(F))
//   items=d['ancestors']+d['descendants'] if 'descendants' in d else [d] if isinstance(d,dict) else d
//   ev=[]
//   for s in items:
//     if s['reblog']: ev+= [('share',s), ('post',s['reblog'])]
//     else: ev.append(('reply' if s['in_reply_to_id'] or s['in_reply_to_account_id'] else 'post', s))
//   ids={s['id'] for _,s in ev}
//   len(ev); types; sum(s['favourites_count']), sum(s['reblogs_count']), sum(s['replies_count']);
//   sum(s['in_reply_to_id'] in ids for _,s in ev)   (replies whose parent is in the file)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::IngestFiles;
using ::testing::HasSubstr;

std::filesystem::path Folder() {
  return testing::SharedDir() / "data" / "real" / "mastodon_api_rtoot_fixtures";
}

struct Figures {
  int64_t events = 0, posts = 0, replies = 0, shares = 0;
  int64_t likes = 0, reblogs = 0, reply_count = 0, parent_in_file = 0, replies_without_parent = 0;
};

Figures Measure(const EventTable& t) {
  Figures f;
  const auto& c = t.columns();
  absl::flat_hash_map<uint32_t, bool> ids;
  for (size_t r = 0; r < t.size(); ++r) ids[c.id[r]] = true;
  for (size_t r = 0; r < t.size(); ++r) {
    ++f.events;
    f.posts += c.type[r] == EventType::kPost;
    f.replies += c.type[r] == EventType::kReply;
    f.shares += c.type[r] == EventType::kShare;
    f.likes += t.Counter(Counter::kLikes, r);
    f.reblogs += t.Counter(Counter::kShares, r);
    f.reply_count += t.Counter(Counter::kReplies, r);
    f.parent_in_file += c.type[r] == EventType::kReply && c.parent[r] != kNoRef && ids.contains(c.parent[r]);
    f.replies_without_parent += c.type[r] == EventType::kReply && c.parent[r] == kNoRef;
  }
  return f;
}

// replies_without_parent: sum(s['in_reply_to_id'] is None and s['in_reply_to_account_id']
// is not None for _,s in ev): replies to deleted statuses.
const std::map<std::string, Figures> kStatusFiles = {
    {"account_statuses_109302436954721982_fosstodon.org_p1.json", {20, 9, 11, 0, 150, 84, 21, 2, 3}},
    {"account_statuses_109302436954721982_fosstodon.org_p2.json", {20, 4, 16, 0, 56, 33, 24, 1, 0}},
    {"account_statuses_109302436954721982_fosstodon.org_p3.json", {21, 11, 9, 1, 63, 23, 14, 1, 2}},
    {"account_statuses_109302436954721982_fosstodon.org_p4.json", {20, 8, 12, 0, 57, 28, 15, 0, 2}},
    {"account_statuses_109302436954721982_fosstodon.org_p5.json", {20, 8, 12, 0, 73, 42, 16, 2, 1}},
    {"context_109294719267373593_mastodon.social.json", {59, 0, 59, 0, 138, 38, 19, 16, 0}},
    {"context_114026814291152535_fosstodon.org.json", {3, 0, 3, 0, 2, 0, 1, 1, 0}},
    {"status_114620457512351116_fosstodon.org.json", {1, 1, 0, 0, 12, 5, 1, 0, 0}},
    {"timeline_public_fosstodon.org.json", {20, 18, 2, 0, 0, 0, 0, 0, 0}},
    {"timeline_tag_rstats_fosstodon.org.json", {5, 5, 0, 0, 6, 10, 2, 0, 0}},
};
// Files that hold accounts, not statuses: python3 len(json.load(open(F))) accounts
// (1 for the single account object).
const std::map<std::string, int> kAccountFiles = {
    {"account_109302436954721982_fosstodon.org.json", 1},
    {"favourited_by_109294719267373593_mastodon.social.json", 40},
    {"reblogged_by_109294719267373593_mastodon.social.json", 40},
};

TEST(MastodonRtoot, EveryFileOfTheFolder) {
  RAPPORT_REQUIRE_SHARED(Folder());
  size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Folder())) {
    const std::string name = entry.path().filename().string();
    if (name == "SOURCE.md" || name == "_manifest.json") continue;
    SCOPED_TRACE(name);
    ++seen;
    auto in = IngestFiles({entry.path().string()});
    EXPECT_EQ(in->result.files.at(0).format, "mastodon");
    if (auto it = kAccountFiles.find(name); it != kAccountFiles.end()) {
      EXPECT_EQ(in->table.size(), 0u);
      EXPECT_EQ(in->result.errors.total(), 1);
      ASSERT_EQ(in->result.errors.first().size(), 1u);
      EXPECT_EQ(in->result.errors.first()[0].reason, InputError::kWrongType);
      EXPECT_THAT(in->result.errors.first()[0].message,
                  HasSubstr(std::to_string(it->second) + " Mastodon account(s)"));
      continue;
    }
    ASSERT_TRUE(kStatusFiles.contains(name)) << "a new file in the folder: add its figures";
    EXPECT_EQ(in->result.errors.total(), 0);
    const Figures want = kStatusFiles.at(name);
    const Figures got = Measure(in->table);
    EXPECT_EQ(got.events, want.events);
    EXPECT_EQ(got.posts, want.posts);
    EXPECT_EQ(got.replies, want.replies);
    EXPECT_EQ(got.shares, want.shares);
    EXPECT_EQ(got.likes, want.likes);
    EXPECT_EQ(got.reblogs, want.reblogs);
    EXPECT_EQ(got.reply_count, want.reply_count);
    EXPECT_EQ(got.parent_in_file, want.parent_in_file);
    EXPECT_EQ(got.replies_without_parent, want.replies_without_parent);
  }
  EXPECT_EQ(seen, kStatusFiles.size() + kAccountFiles.size());
}

TEST(MastodonRtoot, TheFolderInOneRun) {
  RAPPORT_REQUIRE_SHARED(Folder());
  std::vector<std::string> paths;
  for (const auto& [name, figures] : kStatusFiles) paths.push_back((Folder() / name).string());
  auto in = IngestFiles(paths);
  // 189 statuses read, one of them twice (the status file's status is also on a page):
  // python3 over all files: len({s['id'] for _,s in ev}) -> 188.
  int64_t records = 0;
  for (const auto& f : in->result.files) records += f.records;
  EXPECT_EQ(records, 189);
  EXPECT_EQ(in->table.size(), 188u);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 1);
}

TEST(MastodonRtoot, OneStatusAsWritten) {
  RAPPORT_REQUIRE_SHARED(Folder());
  // status_114620457512351116: schochastics on fosstodon.org (1037 followers), 1 reply,
  // 5 reblogs, 12 favourites, #rstats, mentions maelle@mastodon.social, one link.
  auto in = IngestFiles({(Folder() / "status_114620457512351116_fosstodon.org.json").string()});
  ASSERT_EQ(in->table.size(), 1u);
  const EventTable& t = in->table;
  EXPECT_EQ(t.IdString(0), "114620457512351116");
  EXPECT_EQ(t.AuthorString(0), "schochastics@fosstodon.org");
  EXPECT_EQ(t.columns().followers[0], 1037u);
  EXPECT_EQ(t.columns().created_at[0], *ParseRfc3339("2025-06-03T16:49:43Z"));
  EXPECT_EQ(t.Counter(Counter::kReplies, 0), 1);
  EXPECT_EQ(t.Counter(Counter::kShares, 0), 5);
  EXPECT_EQ(t.Counter(Counter::kLikes, 0), 12);
  EXPECT_EQ(t.Counter(Counter::kQuotes, 0), kUnknownCount);
  const auto& c = t.columns();
  ASSERT_EQ(c.tags_begin[1] - c.tags_begin[0], 1u);
  EXPECT_EQ(t.dictionaries().handles.Get(c.tags[c.tags_begin[0]]), "maelle@mastodon.social");
  EXPECT_TRUE(c.text_flags[0] & kHasLink);
}

}  // namespace
}  // namespace rapport
