// The Mastodon reader on the real folder mastodon_archive_export: an account archive
// of @dealingwith@indieweb.social. outbox.json (ActivityPub Create / Announce
// activities) is read with the author named from actor.json beside it; likes.json
// (liked object URIs: no author, no time) and actor.json (the account itself) hold no
// post and are reported once each as not read. Expected figures were established from
// the raw file with python3:
//
//   import json; o=json.load(open('outbox.json')); items=o['orderedItems']
//   cr=[i for i in items if i['type']=='Create']; an=[i for i in items if i['type']=='Announce']
//   ids={i['object']['id'] for i in cr}
//   pub='https://www.w3.org/ns/activitystreams#Public'
//   direct=lambda ob: not any(a==pub or a.endswith('/followers') for a in ob['to']+ob['cc'])
//   len(cr) -> 1260, len(an) -> 326, sum(bool(i['object']['inReplyTo']) for i in cr) -> 422,
//   sum(i['object']['inReplyTo'] in ids for i in cr) -> 229, sum(i['object'] in ids for i in an) -> 6,
//   sum(direct(i['object']) for i in cr) -> 35,
//   sum(t['type']=='Mention' for i in cr for t in i['object']['tag']) -> 329,
//   sum(t['type']=='Hashtag' for i in cr for t in i['object']['tag']) -> 127,
//   len({i['object']['conversation'] for i in cr}) -> 957
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::IngestFiles;
using ::testing::HasSubstr;

std::filesystem::path Folder() { return testing::SharedDir() / "data" / "real" / "mastodon_archive_export"; }

size_t RowOf(const EventTable& t, std::string_view id) {
  for (size_t r = 0; r < t.size(); ++r)
    if (t.IdString(r) == id) return r;
  throw std::runtime_error("no row " + std::string(id));
}

TEST(MastodonArchive, Outbox) {
  RAPPORT_REQUIRE_SHARED(Folder());
  auto in = IngestFiles({(Folder() / "outbox.json").string()});
  EXPECT_EQ(in->result.files.at(0).format, "mastodon");
  EXPECT_EQ(in->result.errors.total(), 0);
  const EventTable& t = in->table;
  ASSERT_EQ(t.size(), 1586u);
  const auto& c = t.columns();
  absl::flat_hash_map<uint32_t, bool> ids;
  absl::flat_hash_map<uint32_t, bool> conversations;
  for (size_t r = 0; r < t.size(); ++r) ids[c.id[r]] = true;
  int64_t posts = 0, replies = 0, shares = 0, reply_parent_in_file = 0, share_parent_in_file = 0,
          inbound = 0, mentions = 0, other_authors = 0, known_counters = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    posts += c.type[r] == EventType::kPost;
    replies += c.type[r] == EventType::kReply;
    shares += c.type[r] == EventType::kShare;
    const bool parent_in = c.parent[r] != kNoRef && ids.contains(c.parent[r]);
    reply_parent_in_file += c.type[r] == EventType::kReply && parent_in;
    share_parent_in_file += c.type[r] == EventType::kShare && parent_in;
    inbound += c.inbound[r] == Inbound::kTrue;
    mentions += c.tags_begin[r + 1] - c.tags_begin[r];
    other_authors += t.AuthorString(r) != "dealingwith@indieweb.social";
    if (c.type[r] != EventType::kShare && c.conversation[r] != kNoRef) conversations[c.conversation[r]] = true;
    for (int k = 0; k < kCounterCount; ++k)
      known_counters += t.Counter(static_cast<Counter>(k), r) != kUnknownCount;
  }
  EXPECT_EQ(posts, 1260 - 422);
  EXPECT_EQ(replies, 422);
  EXPECT_EQ(shares, 326);
  EXPECT_EQ(reply_parent_in_file, 229);
  EXPECT_EQ(share_parent_in_file, 6);
  EXPECT_EQ(inbound, 35);  // direct messages
  EXPECT_EQ(mentions, 329);
  EXPECT_EQ(conversations.size(), 957u);
  EXPECT_EQ(other_authors, 0);
  EXPECT_EQ(known_counters, 0);  // an archive has no counts: all unknown

  // The first Create: https://indieweb.social/users/dealingwith/statuses/109305976208011760,
  // published 2022-11-08T03:07:14Z, one link. The first Announce boosts
  // https://mastodon.social/users/s0mmer/statuses/109440048909776763.
  size_t first = RowOf(t, "https://indieweb.social/users/dealingwith/statuses/109305976208011760");
  EXPECT_EQ(c.type[first], EventType::kPost);
  EXPECT_EQ(c.created_at[first], *ParseRfc3339("2022-11-08T03:07:14Z"));
  EXPECT_TRUE(c.text_flags[first] & kHasLink);
  size_t boost = RowOf(t, "https://indieweb.social/users/dealingwith/statuses/109449999597967268");
  EXPECT_EQ(c.type[boost], EventType::kShare);
  EXPECT_EQ(t.dictionaries().ids[static_cast<int>(Platform::kMastodon)].Get(c.parent[boost]),
            "https://mastodon.social/users/s0mmer/statuses/109440048909776763");
}

TEST(MastodonArchive, LikesAndActorAreNotPosts) {
  RAPPORT_REQUIRE_SHARED(Folder());
  // python3: len(json.load(open('likes.json'))['orderedItems']) -> 1115
  auto in = IngestFiles({(Folder() / "likes.json").string(), (Folder() / "actor.json").string()});
  EXPECT_EQ(in->table.size(), 0u);
  ASSERT_EQ(in->result.errors.first().size(), 2u);
  EXPECT_THAT(in->result.errors.first()[0].message, HasSubstr("1115 bare object URI(s)"));
  EXPECT_THAT(in->result.errors.first()[1].message, HasSubstr("ActivityPub actor"));
  for (const auto& f : in->result.files) EXPECT_EQ(f.format, "mastodon");
}

}  // namespace
}  // namespace rapport
