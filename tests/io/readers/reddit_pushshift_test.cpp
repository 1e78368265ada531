// The Reddit reader on the real folder reddit_pushshift_zst: the first two months of
// Reddit comments (RC_2005-12, RC_2006-01) and a month of r/AskMen submissions, all
// zstd NDJSON read through the line-splittable variant. Expected figures were
// established from the raw files with python3 (the one-liner is given per figure).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"

namespace rapport {
namespace {

using test::IngestFiles;

std::filesystem::path Folder() { return testing::SharedDir() / "data" / "real" / "reddit_pushshift_zst"; }

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

struct Figures {
  int64_t events = 0, posts = 0, replies = 0, parent_in_input = 0, deleted_authors = 0;
  int64_t score = 0, comments = 0, shares = 0;
};

// Figures of one table, for a file read alone.
Figures Measure(const EventTable& t) {
  Figures f;
  const auto& c = t.columns();
  absl::flat_hash_map<uint32_t, bool> ids;
  for (size_t r = 0; r < t.size(); ++r) ids[c.id[r]] = true;
  for (size_t r = 0; r < t.size(); ++r) {
    ++f.events;
    f.posts += c.type[r] == EventType::kPost;
    f.replies += c.type[r] == EventType::kReply;
    f.parent_in_input += c.parent[r] != kNoRef && ids.contains(c.parent[r]);
    f.deleted_authors += t.AuthorString(r).starts_with("[deleted]:");
    auto add = [&](Counter k, int64_t& sum) {
      int64_t v = t.Counter(k, r);
      if (v != kUnknownCount) sum += v;
    };
    add(Counter::kScore, f.score);
    add(Counter::kComments, f.comments);
    add(Counter::kShares, f.shares);
  }
  return f;
}

// Per file, from the decompressed lines:
//   zstd -dc --long=31 F.zst | python3 -c "import sys,json
//   rs=[json.loads(l) for l in sys.stdin]; ids={r['id'] for r in rs}
//   print(len(rs), sum('title' in r for r in rs), sum('body' in r for r in rs),
//         sum(r.get('parent_id','')[3:] in ids for r in rs),
//         sum(r['author']=='[deleted]' for r in rs), sum(r['score'] for r in rs),
//         sum(r.get('num_comments',0) for r in rs), sum(r.get('num_crossposts',0) for r in rs))"
// parent_in_input counts comments replying to a comment of the same file (a parent
// t3_ submission is never in these comment-only months).
const std::map<std::string, Figures> kExpected = {
    {"RC_2005-12.zst", {1075, 0, 1075, 314, 185, 1680, 0, 0}},
    {"RC_2006-01.zst", {3666, 0, 3666, 1304, 893, 4954, 0, 0}},
    {"AskMen_submissions.zst", {13050, 13050, 0, 0, 6671, 532939, 239060, 147}},
};

TEST(RedditPushshift, EveryFileOfTheFolder) {
  RAPPORT_REQUIRE_SHARED(Folder());
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(Folder())) {
    if (entry.path().extension() == ".md") continue;  // SOURCE.md
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    ASSERT_TRUE(kExpected.contains(name)) << "a new file in the folder: add its figures";
    ++files;
    auto in = IngestFiles({entry.path().string()});
    ASSERT_EQ(in->result.files.size(), 1u);
    const auto& info = in->result.files[0];
    EXPECT_EQ(info.format, "reddit");
    EXPECT_EQ(info.compression, Compression::kZstd);
    EXPECT_EQ(in->result.errors.total(), 0);
    const Figures want = kExpected.at(name);
    const Figures got = Measure(in->table);
    EXPECT_EQ(info.records, want.events);
    EXPECT_EQ(got.events, want.events);
    EXPECT_EQ(got.posts, want.posts);
    EXPECT_EQ(got.replies, want.replies);
    EXPECT_EQ(got.parent_in_input, want.parent_in_input);
    EXPECT_EQ(got.deleted_authors, want.deleted_authors);
    EXPECT_EQ(got.score, want.score);
    EXPECT_EQ(got.comments, want.comments);
    EXPECT_EQ(got.shares, want.shares);
  }
  EXPECT_EQ(files, kExpected.size());
}

TEST(RedditPushshift, FirstRecordsAsWritten) {
  RAPPORT_REQUIRE_SHARED(Folder());
  // zstd -dc --long=31 RC_2005-12.zst | head -1: c13 by frjo, score 2, on t3_17863.
  auto rc = IngestFiles({(Folder() / "RC_2005-12.zst").string()});
  size_t r = RowOf(rc->table, "c13");
  const auto& c = rc->table.columns();
  EXPECT_EQ(c.type[r], EventType::kReply);
  EXPECT_EQ(rc->table.AuthorString(r), "frjo");
  EXPECT_EQ(ParentOf(rc->table, r), "17863");
  EXPECT_EQ(c.created_at[r], 1134365188);
  EXPECT_EQ(rc->table.Counter(Counter::kScore, r), 2);
  // c1773 ("Part of the fun is &lt;i&gt;not&lt;/i&gt; having instructions.") answers
  // t1_c1766 of the same month.
  size_t q = RowOf(rc->table, "c1773");
  EXPECT_EQ(c.type[q], EventType::kReply);
  EXPECT_EQ(ParentOf(rc->table, q), "c1766");

  // AskMen: the first submission, dbkq9e, by a deleted account, 1 comment, score 1.
  auto askmen = IngestFiles({(Folder() / "AskMen_submissions.zst").string()});
  size_t s = RowOf(askmen->table, "dbkq9e");
  EXPECT_EQ(askmen->table.columns().type[s], EventType::kPost);
  EXPECT_EQ(askmen->table.AuthorString(s), "[deleted]:t3_dbkq9e");
  EXPECT_EQ(askmen->table.columns().created_at[s], 1569888094);
  EXPECT_EQ(askmen->table.Counter(Counter::kComments, s), 1);
  EXPECT_EQ(askmen->table.Counter(Counter::kScore, s), 1);
}

TEST(RedditPushshift, BothMonthsTogetherInOneRun) {
  RAPPORT_REQUIRE_SHARED(Folder());
  // Two months read together: replies across the month end find their parents. With
  // ids = the ids of both files: sum(r['parent_id'][3:] in ids for r in both) -> 1648,
  // that is 314 + 1304 within the months, 24 January comments answering December ones,
  // and 6 December comments (c1020, c1030, ...) whose parents the dump put in January.
  auto in = IngestFiles({(Folder() / "RC_2005-12.zst").string(), (Folder() / "RC_2006-01.zst").string()});
  EXPECT_EQ(in->table.size(), 1075u + 3666u);
  EXPECT_EQ(Measure(in->table).parent_in_input, 1648);
}

}  // namespace
}  // namespace rapport
