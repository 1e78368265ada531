// The Reddit readers (src/io/readers/reddit.cpp) on small fixtures of
// tests/fixtures/reddit/: Pushshift / Arctic Shift flat records, API listings with
// nested replies and "more" stubs, a Betamax cassette, bad records with their lines;
// the line-splittable variant against the general reader; what Detect claims.
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
using test::DumpTable;
using test::ErrorLines;
using test::IngestFiles;
using test::TempDir;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "reddit"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

// Both readers named "reddit": the general one (what --input-format finds) and the
// line-splittable variant.
const Reader* RedditReader(bool lines) {
  for (const auto& r : AllReaders())
    if (r->name() == "reddit" && r->LineSplittable() == lines) return r.get();
  return nullptr;
}

TEST(RedditReader, PushshiftRecords) {
  auto d = Decode("reddit", Fixture("good_pushshift.ndjson"));
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_THAT(Ids(d.events), ElementsAre("p1", "c1", "c2", "c3", "c4", "p2", "c5"));

  // A submission: title + "\n\n" + selftext, entities decoded; score, num_comments and
  // num_crossposts carried; its own id is its conversation.
  const auto& p1 = ById(d.events, "p1");
  EXPECT_EQ(p1.platform, Platform::kReddit);
  EXPECT_EQ(p1.type, EventType::kPost);
  EXPECT_EQ(p1.author, "AcmeHelp");
  EXPECT_EQ(p1.author_handle, "AcmeHelp");
  EXPECT_EQ(p1.created_at, 1569888000);
  EXPECT_EQ(p1.text, "Ask us & we answer\n\nHi u/sam_k, see https://acme.example/faq");
  EXPECT_EQ(p1.parent_id, "");
  EXPECT_EQ(p1.conversation_id, "p1");
  EXPECT_EQ(p1.counter(Counter::kScore), 12);
  EXPECT_EQ(p1.counter(Counter::kComments), 3);
  EXPECT_EQ(p1.counter(Counter::kShares), 1);  // crossposts
  EXPECT_EQ(p1.counter(Counter::kLikes), kUnknownCount);
  EXPECT_EQ(p1.author_followers, kUnknownCount);
  EXPECT_EQ(p1.inbound, Inbound::kUnknown);
  EXPECT_TRUE(p1.has_mentions_field);
  EXPECT_THAT(p1.mentions, ElementsAre("sam_k"));
  EXPECT_EQ(p1.urls, 1u);  // a self post: its url is the post itself

  // A top-level comment: created_utc as a string with a fraction (dropped); the t3_
  // prefix dropped so the parent id matches the submission's id.
  const auto& c1 = ById(d.events, "c1");
  EXPECT_EQ(c1.type, EventType::kReply);
  EXPECT_EQ(c1.created_at, 1569888060);
  EXPECT_EQ(c1.parent_id, "p1");
  EXPECT_EQ(c1.conversation_id, "p1");
  EXPECT_EQ(c1.text, "> Ask us\n\nMy order never arrived, /u/AcmeHelp");
  EXPECT_THAT(c1.mentions, ElementsAre("AcmeHelp"));
  EXPECT_EQ(c1.counter(Counter::kScore), 2);
  EXPECT_EQ(c1.counter(Counter::kComments), kUnknownCount);  // comments have no count

  // A reply to a comment (created_utc as a float).
  const auto& c2 = ById(d.events, "c2");
  EXPECT_EQ(c2.created_at, 1569888120);
  EXPECT_EQ(c2.parent_id, "c1");
  EXPECT_EQ(c2.conversation_id, "p1");

  // Deleted accounts: one author per item, no handle; placeholder bodies are no text.
  const auto& c3 = ById(d.events, "c3");
  const auto& c4 = ById(d.events, "c4");
  EXPECT_EQ(c3.author, "[deleted]:t1_c3");
  EXPECT_EQ(c4.author, "[deleted]:t1_c4");
  EXPECT_EQ(c3.author_handle, "");
  EXPECT_EQ(c3.text, "");
  EXPECT_EQ(c4.text, "");
  EXPECT_EQ(c4.parent_id, "c3");

  // Arctic Shift style: only the fullname; a link post counts its url; "[removed]"
  // selftext is dropped.
  const auto& p2 = ById(d.events, "p2");
  EXPECT_EQ(p2.type, EventType::kPost);
  EXPECT_EQ(p2.author, "[deleted]:t3_p2");
  EXPECT_EQ(p2.text, "Link post");
  EXPECT_EQ(p2.urls, 1u);
  EXPECT_EQ(p2.counter(Counter::kComments), 0);

  // No link_id: the t3_ parent is the conversation. "menu/u/x" and "a.u/x" are no
  // mentions; a null score is unknown.
  const auto& c5 = ById(d.events, "c5");
  EXPECT_EQ(c5.conversation_id, "p2");
  EXPECT_TRUE(c5.mentions.empty());
  EXPECT_EQ(c5.counter(Counter::kScore), kUnknownCount);
}

TEST(RedditReader, ApiListingWithNestedRepliesAndMoreStubs) {
  auto d = Decode("reddit", Fixture("good_listing.json"));
  EXPECT_EQ(d.errors.total(), 0);
  // Replies are read where they sit (inside their parent), the parent when its object
  // ends; the "more" stub is a placeholder, not a comment.
  EXPECT_THAT(Ids(d.events), ElementsAre("n49rw", "c2", "c1"));
  const auto& post = ById(d.events, "n49rw");
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.created_at, 1323313344);
  EXPECT_EQ(post.text, "We're back\n\nHey folks,\n\nIt & more.");
  EXPECT_EQ(post.counter(Counter::kScore), 2412);
  EXPECT_EQ(post.counter(Counter::kComments), 1412);
  const auto& c1 = ById(d.events, "c1");
  EXPECT_EQ(c1.parent_id, "n49rw");
  EXPECT_EQ(c1.author, "marcman84");
  EXPECT_EQ(c1.counter(Counter::kScore), 645);
  const auto& c2 = ById(d.events, "c2");
  EXPECT_EQ(c2.parent_id, "c1");
  EXPECT_EQ(c2.conversation_id, "n49rw");
}

TEST(RedditReader, CassetteBodiesAreRead) {
  // A Betamax cassette: the OAuth answer and a robots.txt body are passed over, the
  // morechildren answer's things are read.
  auto d = Decode("reddit", Fixture("good_cassette.json"));
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_THAT(Ids(d.events), ElementsAre("c3", "c4"));
  EXPECT_EQ(ById(d.events, "c3").author, "[deleted]:t1_c3");
  EXPECT_EQ(ById(d.events, "c4").parent_id, "c3");
  EXPECT_EQ(ById(d.events, "c4").conversation_id, "n49rw");
}

TEST(RedditReader, BadRecordsAreCountedWithTheirLines) {
  for (bool lines : {false, true}) {
    SCOPED_TRACE(lines ? "line-splittable variant" : "general reader");
    std::string text = Fixture("bad_records.ndjson");
    test::Decoded d;
    if (lines) {
      // The line variant through the ingest driver (detection picks it for NDJSON).
      TempDir dir;
      auto in = IngestFiles({dir.Write("bad.ndjson", text)});
      ASSERT_EQ(in->result.files.at(0).format, "reddit");
      d.errors = in->result.errors;
      EXPECT_EQ(in->table.size(), 2u);
    } else {
      d = Decode("reddit", text);
      EXPECT_THAT(Ids(d.events), ElementsAre("b1", "b10"));
    }
    EXPECT_THAT(ErrorLines(d.errors),
                ElementsAre(Pair(InputError::kInvalidJson, 2), Pair(InputError::kMissingField, 3),
                            Pair(InputError::kBadTimestamp, 4), Pair(InputError::kWrongType, 5),
                            Pair(InputError::kWrongType, 6), Pair(InputError::kInvalidJson, 7),
                            Pair(InputError::kMissingField, 8), Pair(InputError::kInvalidUtf8, 9),
                            Pair(InputError::kInvalidJson, 10)));
    const auto& first = d.errors.first();
    EXPECT_THAT(first[1].message, HasSubstr("\"author\""));
    EXPECT_THAT(first[2].message, HasSubstr("\"yesterday\""));
    EXPECT_THAT(first[3].message, HasSubstr("\"score\""));
    EXPECT_THAT(first[4].message, HasSubstr("not a Reddit record"));
    EXPECT_THAT(first[6].message, HasSubstr("\"created_utc\""));
  }
}

TEST(RedditReader, LineVariantAndGeneralReaderAgree) {
  // The same NDJSON through the line-splittable variant (detected, in small blocks on
  // several threads) and the general reader (forced): the same table.
  TempDir dir;
  std::string text;
  for (int copy = 0; copy < 50; ++copy) {
    // Distinct ids per copy: "c1" -> "7_c1", "t3_p1" -> "t3_7_p1".
    std::string part = Fixture("good_pushshift.ndjson");
    for (std::string_view from : {"\"id\":\"", "t1_", "t3_"}) {
      std::string to = std::string(from) + std::to_string(copy) + "_";
      for (size_t p = part.find(from); p != std::string::npos; p = part.find(from, p + to.size()))
        part.replace(p, from.size(), to);
    }
    text += part;
  }
  std::string path = dir.Write("dump.ndjson", text);
  auto lines = IngestFiles({path}, 512);
  auto general = IngestFiles({path}, 512, "reddit");
  EXPECT_EQ(lines->result.errors.total(), 0);
  EXPECT_EQ(lines->table.size(), 350u);
  EXPECT_EQ(DumpTable(lines->table), DumpTable(general->table));
}

TEST(RedditReader, CompressedDumpWithFlatRecords) {
  TempDir dir;
  auto in = IngestFiles({dir.Write("RC_2019-10.zst", test::Zstd(Fixture("good_pushshift.ndjson")))});
  EXPECT_EQ(in->result.files.at(0).format, "reddit");
  EXPECT_EQ(in->result.files.at(0).compression, Compression::kZstd);
  EXPECT_EQ(in->table.size(), 7u);
}

TEST(RedditReader, ListingSplitAcrossBlocksAndCrLf) {
  // The general reader holds a document across blocks; CRLF line ends change nothing.
  std::string text = Fixture("good_listing.json");
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  for (size_t block : {7u, 64u, 100000u}) {
    auto d = Decode("reddit", crlf, block);
    EXPECT_EQ(d.errors.total(), 0);
    EXPECT_THAT(Ids(d.events), ElementsAre("n49rw", "c2", "c1"));
  }
}

TEST(RedditReader, ErrorLineInsideAPrettyPrintedDocument) {
  // A comment without created_utc on line 9 of a listing: the error names line 9.
  std::string text =
      "{\n"
      "  \"kind\": \"Listing\",\n"
      "  \"data\": {\n"
      "    \"children\": [\n"
      "      {\"kind\": \"t1\", \"data\": {\"id\": \"a\", \"author\": \"x\", \"created_utc\": 1569888060,\n"
      "                                 \"body\": \"ok\", \"parent_id\": \"t3_p\"}},\n"
      "      {\n"
      "        \"kind\": \"t1\",\n"
      "        \"data\": {\"id\": \"b\", \"author\": \"x\", \"body\": \"no time\", \"parent_id\": \"t3_p\"}\n"
      "      }\n"
      "    ]\n"
      "  }\n"
      "}\n";
  auto d = Decode("reddit", text);
  EXPECT_THAT(Ids(d.events), ElementsAre("a"));
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kMissingField, 9)));
}

TEST(RedditReader, TooDeepIsAnErrorNotACrash) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "{\"data\":";
  text += "{}";
  for (int i = 0; i < 300; ++i) text += "}";
  auto d = Decode("reddit", text + "\n");
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

TEST(RedditReader, DetectsItsFixturesAndPrefersTheLineVariantForNdjson) {
  const Reader* general = RedditReader(false);
  const Reader* lines = RedditReader(true);
  ASSERT_TRUE(general && lines);
  for (const auto& name : {"good_pushshift.ndjson", "bad_records.ndjson"}) {
    std::string head = Fixture(name);
    EXPECT_EQ(DetectReader(head), lines) << name;
  }
  for (const auto& name : {"good_listing.json", "good_cassette.json"}) {
    std::string head = Fixture(name);
    EXPECT_EQ(DetectReader(head), general) << name;
    EXPECT_EQ(lines->Detect(head), 0) << name;  // spans lines: not for the line variant
  }
}

TEST(RedditReader, DetectClaimsNoOtherFormat) {
  // Every fixture of the other readers and every real sample of other formats: 0.
  std::vector<std::filesystem::path> files;
  for (const auto& dir : std::filesystem::directory_iterator(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures"))
    if (dir.path().filename() != "reddit")
      for (const auto& f : std::filesystem::recursive_directory_iterator(dir.path()))
        if (f.is_regular_file()) files.push_back(f.path());
  auto real = testing::SharedDir() / "data" / "real";
  if (std::filesystem::exists(real))
    for (const auto& dir : std::filesystem::directory_iterator(real))
      if (dir.is_directory() && !dir.path().filename().string().starts_with("reddit_"))
        for (const auto& f : std::filesystem::directory_iterator(dir.path()))
          if (f.is_regular_file() && f.path().extension() != ".md") files.push_back(f.path());
  ASSERT_GT(files.size(), 5u);
  for (const auto& f : files) {
    std::string head = Head(f);
    EXPECT_EQ(RedditReader(false)->Detect(head), 0) << f;
    EXPECT_EQ(RedditReader(true)->Detect(head), 0) << f;
  }
}

}  // namespace
}  // namespace rapport
