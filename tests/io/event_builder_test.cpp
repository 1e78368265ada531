// The event builder (src/io/event_builder.cpp) and roles (src/core/roles.cpp): what a
// RawEvent becomes in the table (handles, mentions, brand-term tags) and how authors
// are recognised as brand accounts by id or by handle.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/io_support.h"
#include "../support/table_builder.h"

namespace rapport {
namespace {

using test::Analysis;
using test::Brand;
using test::TableBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Seconds kT0 = test::T("2024-03-04T10:00:00Z");

// The tags of a row as text: handles, and "brandN" for brand terms and hashtags.
std::vector<std::string> Tags(const EventTable& t, size_t row) {
  std::vector<std::string> out;
  const auto& c = t.columns();
  for (uint32_t k = c.tags_begin[row]; k < c.tags_begin[row + 1]; ++k) {
    uint32_t tag = c.tags[k];
    out.push_back((tag & kBrandTermBit) ? "brand" + std::to_string(tag & ~kBrandTermBit)
                                        : std::string(t.dictionaries().handles.Get(tag)));
  }
  return out;
}

TEST(EventBuilder, MentionsAreLowerCasedWithoutTheAt) {
  TableBuilder b;
  b.Post("1", "sam", kT0, {.mentions = {"@AcmeHelp", "Rival_Care", ""}});
  EventTable t = b.Build();
  EXPECT_THAT(Tags(t, 0), ElementsAre("acmehelp", "rival_care"));
}

TEST(EventBuilder, HandlesAreTakenFromTheTextWithoutAMentionsField) {
  TableBuilder b;
  b.Post("1", "sam", kT0, {.text = "@AcmeHelp hi, cc @bob_2 (mail me: sam@example.com) @"});
  b.Post("2", "sam", kT0, {.text = "@AcmeHelp ignored", .mentions_field = true});
  EventTable t = b.Build();
  EXPECT_THAT(Tags(t, 0), ElementsAre("acmehelp", "bob_2"));
  EXPECT_THAT(Tags(t, 1), IsEmpty());
}

TEST(EventBuilder, BrandTermsAndHashtagsBecomeBrandTags) {
  TableBuilder b({Brand("acme", {"acme_help"}, {"acme"}, {"#AcmeLove"}),
                  Brand("rival", {"rival_care"}, {"rival co"})});
  b.Post("1", "sam", kT0, {.text = "ACME and Rival Co"});
  b.Post("2", "sam", kT0, {.text = "acmeville", .hashtags = {"#acmelove"}});
  b.Post("3", "sam", kT0, {.text = "nothing #acmeloves"});
  EventTable t = b.Build();
  EXPECT_THAT(Tags(t, 0), ElementsAre("brand0", "brand1"));
  EXPECT_THAT(Tags(t, 1), ElementsAre("brand0"));
  EXPECT_THAT(Tags(t, 2), IsEmpty());
}

TEST(EventBuilder, AuthorHandleIsLowerCasedWithoutTheAt) {
  TableBuilder b;
  b.Post("1", "100", kT0, {.handle = "@AcmeHelp"});
  EventTable t = b.Build();
  uint32_t h = t.AuthorHandle(Platform::kX, t.columns().author[0]);
  ASSERT_NE(h, kNoRef);
  EXPECT_EQ(t.dictionaries().handles.Get(h), "acmehelp");
}

TEST(Roles, AuthorIsABrandAccountByIdOrByHandleCaseInsensitively) {
  TableBuilder b({Brand("acme", {"@AcmeHelp", "4021"})});
  b.Post("1", "100", kT0, {.handle = "@ACMEHELP"});   // by handle
  b.Post("2", "4021", kT0, {.handle = "@other"});     // by id
  b.Post("3", "ACMEHELP", kT0, {.no_handle = true});  // by id, case-insensitive
  b.Post("4", "200", kT0, {.handle = "@sam"});
  Analysis a(b);
  const auto& c = a.table().columns();
  for (const char* id : {"1", "2", "3"})
    EXPECT_EQ(a.roles().BrandOfAuthor(Platform::kX, c.author[a.Row(id)]), 0) << id;
  EXPECT_EQ(a.roles().BrandOfAuthor(Platform::kX, c.author[a.Row("4")]), kAudience);
}

// Regression (found by this suite, fixed in 04764b1): EventBuilder::Add kept an
// author's handle only from the event that first interned the author, so a handle
// given on a later event was dropped and the author stayed audience.
TEST(Roles, AuthorIsABrandAccountByAHandleFirstGivenOnALaterEvent) {
  // Author 100's first record has no handle; its later records say it is @Acme.
  TableBuilder b({Brand("acme", {"@acme"})});
  b.Post("1", "100", kT0, {.no_handle = true});
  b.Post("2", "100", kT0 + 60, {.handle = "@Acme"});
  b.Reply("3", "sam", kT0 + 120, "1", {.mentions_field = true});
  Analysis a(b);
  EXPECT_EQ(a.roles().BrandOfAuthor(Platform::kX, a.table().columns().author[a.Row("1")]), 0);
  EXPECT_EQ(a.Turns().size(), 1u);  // sam's reply to the brand's post
}

TEST(Roles, AuthorIsABrandAccountByAHandleFirstGivenOnALaterNativeRecord) {
  // The same through the native reader and ingestion, with the two records in
  // different blocks.
  test::TempDir dir;
  std::string path = dir.Write(
      "late-handle.ndjson",
      R"({"platform":"x","id":"1","type":"post","author":"100","created_at":"2024-03-04T10:00:00Z"})" "\n"
      R"({"platform":"x","id":"2","type":"post","author":"100","author_handle":"@Acme","created_at":"2024-03-04T10:01:00Z"})" "\n");
  for (size_t block : {size_t{1} << 20, size_t{64}}) {
    auto in = test::IngestFiles({path}, block);
    Roles roles = ResolveRoles(in->table, {Brand("acme", {"@acme"})});
    EXPECT_EQ(roles.BrandOfAuthor(Platform::kX, in->table.columns().author[0]), 0) << block;
  }
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

// Interning is deferred to EventBuilder::Flush, a few thousand rows at a time: across
// flushes and within one, every row gets its own id, author, parent, conversation and
// mentions, and an author's handle is the first one it has in input order.
TEST(EventBuilderFlush, RowsAreResolvedAcrossFlushes) {
  EventTable table;
  Enricher enricher({});
  EventBuilder builder(table.dictionaries(), enricher);
  EventBatch batch;
  builder.set_batch(&batch);
  constexpr int kRows = 5000;  // more than one automatic flush
  std::vector<std::string> ids, authors, handles, parents, convs, mentions;
  for (int i = 0; i < kRows; ++i) {
    ids.push_back(i % 3 ? std::to_string(100000 + i) : "x" + std::to_string(i));
    authors.push_back("author" + std::to_string(i % 97));
    // An author's first event has no handle when its number is even: its first event
    // with one gives it (the handle names the row it came from, so order shows).
    const bool no_handle = i < 97 && (i % 97) % 2 == 0;
    handles.push_back(no_handle ? "" : "@Handle" + std::to_string(i % 97) + "_" + std::to_string(i));
    parents.push_back(i == 0 ? "" : ids[static_cast<size_t>(i) / 2]);
    convs.push_back(i % 5 == 0 ? ids.back() : i % 5 == 1 ? parents.back() : "c" + std::to_string(i % 13));
    mentions.push_back("@Someone" + std::to_string(i % 11));
  }
  for (int i = 0; i < kRows; ++i) {
    RawEvent e;
    e.platform = Platform::kX;
    e.id = ids[i];
    e.author = authors[i];
    e.author_handle = handles[i];
    e.parent_id = parents[i];
    e.conversation_id = convs[i];
    e.created_at = kT0 + i;
    e.has_mentions_field = true;
    e.mentions.push_back(mentions[i]);
    builder.Add(e);
  }
  EXPECT_TRUE(batch.unresolved);
  EXPECT_THROW(table.Append(EventBatch(batch)), std::logic_error);
  builder.Flush();
  EXPECT_FALSE(batch.unresolved);
  table.Append(std::move(batch));
  table.Finalize();
  ASSERT_EQ(table.size(), static_cast<size_t>(kRows));
  const auto& c = table.columns();
  const Dictionaries& d = table.dictionaries();
  const auto& x = d.ids[static_cast<int>(Platform::kX)];
  for (size_t row = 0; row < table.size(); ++row) {
    EXPECT_EQ(table.IdString(row), ids[row]);
    EXPECT_EQ(table.AuthorString(row), authors[row]);
    EXPECT_EQ(c.parent[row] == kNoRef ? "" : std::string(x.Get(c.parent[row])), parents[row]);
    EXPECT_EQ(c.conversation[row] == kNoRef ? "" : std::string(x.Get(c.conversation[row])), convs[row]);
    std::string lower = mentions[row].substr(1);
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_THAT(Tags(table, row), ElementsAre(lower));
  }
  for (int a = 0; a < 97; ++a) {
    const int first_with_handle = a % 2 == 0 ? a + 97 : a;
    const uint32_t author = c.author[static_cast<size_t>(a)];
    const uint32_t h = table.AuthorHandle(Platform::kX, author);
    ASSERT_NE(h, kNoRef) << a;
    EXPECT_EQ(d.handles.Get(h), "handle" + std::to_string(a) + "_" + std::to_string(first_with_handle));
  }
}

}  // namespace
}  // namespace rapport
