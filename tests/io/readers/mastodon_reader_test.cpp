// The Mastodon reader (src/io/readers/mastodon.cpp) on small fixtures of
// tests/fixtures/mastodon/: a page of statuses (post, reply, reblog, quotes, direct,
// content warning, a reply to a deleted status), a pretty-printed context, NDJSON, an
// archive's outbox with actor.json beside it, what is not read and why, bad records
// with their lines, and what Detect claims.
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
using test::ErrorLines;
using test::IngestFiles;
using test::TempDir;
using test::Ids;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "mastodon"; }
std::string Fixture(const std::string& name) { return testing::ReadFile(FixtureDir() / name); }

TEST(MastodonReader, APageOfStatuses) {
  auto d = Decode("mastodon", Fixture("good_statuses.json"));
  EXPECT_EQ(d.errors.total(), 0);
  // The reblogged status (100) is read where the reblog holds it, before the reblog.
  EXPECT_THAT(Ids(d.events),
              ElementsAre("100", "101", "102", "100", "103", "104", "105", "106", "107", "108"));

  const auto& post = ById(d.events, "100");
  EXPECT_EQ(post.platform, Platform::kMastodon);
  EXPECT_EQ(post.type, EventType::kPost);
  // A local account gets its server from its profile URL.
  EXPECT_EQ(post.author, "AcmeHelp@mastodon.social");
  EXPECT_EQ(post.author_handle, "AcmeHelp@mastodon.social");
  EXPECT_EQ(post.author_followers, 5000);
  EXPECT_EQ(post.created_at, *ParseRfc3339("2025-06-03T16:49:43Z"));
  EXPECT_EQ(post.text, "Spring sale & more: https://acme.example/sale #acme\n\nQuestions? Ask\u2026");
  EXPECT_EQ(post.urls, 1u);  // the hashtag link is not a URL
  EXPECT_THAT(post.hashtags, ElementsAre("acme"));
  EXPECT_TRUE(post.has_mentions_field);
  EXPECT_TRUE(post.mentions.empty());
  EXPECT_EQ(post.counter(Counter::kReplies), 2);
  EXPECT_EQ(post.counter(Counter::kShares), 5);
  EXPECT_EQ(post.counter(Counter::kLikes), 12);
  EXPECT_EQ(post.counter(Counter::kQuotes), 1);
  EXPECT_EQ(post.counter(Counter::kImpressions), kUnknownCount);
  EXPECT_EQ(post.inbound, Inbound::kUnknown);
  EXPECT_EQ(post.conversation_id, "");

  // A reply from another server: its acct is already an address; mentions resolve
  // to addresses the same way; <br> is a newline.
  const auto& reply = ById(d.events, "101");
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, "100");
  EXPECT_EQ(reply.author, "sam@fosstodon.org");
  EXPECT_EQ(reply.text, "@AcmeHelp my order never arrived\nhelp!");
  EXPECT_THAT(reply.mentions, ElementsAre("AcmeHelp@mastodon.social"));
  EXPECT_EQ(reply.counter(Counter::kQuotes), kUnknownCount);  // no quotes_count: unknown

  const auto& answer = ById(d.events, "102");
  EXPECT_EQ(answer.text, "@sam sorry! We're on it");
  EXPECT_THAT(answer.mentions, ElementsAre("sam@fosstodon.org"));

  // A reblog: a share of the reblogged status, by the account that reblogged.
  const auto& boost = ById(d.events, "103");
  EXPECT_EQ(boost.type, EventType::kShare);
  EXPECT_EQ(boost.parent_id, "100");
  EXPECT_EQ(boost.author, "lee@mastodon.social");
  EXPECT_EQ(boost.text, "");

  // Quotes (Mastodon 4.4): the full quoted status or its id only; the quoted status
  // itself is not an event of the page (100 appears as the reblogged status only).
  const auto& quote = ById(d.events, "104");
  EXPECT_EQ(quote.type, EventType::kQuote);
  EXPECT_EQ(quote.parent_id, "100");
  EXPECT_EQ(quote.counter(Counter::kQuotes), 0);
  EXPECT_EQ(ById(d.events, "108").type, EventType::kQuote);
  EXPECT_EQ(ById(d.events, "108").parent_id, "102");

  // A direct status is a private message: inbound (METRICS E2 (d)).
  EXPECT_EQ(ById(d.events, "105").inbound, Inbound::kTrue);
  EXPECT_EQ(ById(d.events, "105").type, EventType::kPost);

  // A reply whose parent was deleted keeps in_reply_to_account_id only.
  const auto& orphan = ById(d.events, "106");
  EXPECT_EQ(orphan.type, EventType::kReply);
  EXPECT_EQ(orphan.parent_id, "");

  // A content warning comes first, as the reader sees it.
  EXPECT_EQ(ById(d.events, "107").text, "Film spoilers & tears\n\nthe ending was sad");
}

TEST(MastodonReader, ContextNdjsonAndPageAgree) {
  auto page = Decode("mastodon", Fixture("good_statuses.json"));
  auto context = Decode("mastodon", Fixture("good_context.json"));
  auto lines = Decode("mastodon", Fixture("good_statuses.ndjson"));
  EXPECT_EQ(context.errors.total(), 0);
  EXPECT_EQ(lines.errors.total(), 0);
  EXPECT_THAT(Ids(context.events), ElementsAre("100", "101", "102"));
  EXPECT_THAT(Ids(lines.events), ElementsAre("101", "102"));
  for (const auto* e : {&context.events[1], &lines.events[0]}) {
    const auto& same = ById(page.events, e->id);
    EXPECT_EQ(e->text, same.text);
    EXPECT_EQ(e->author, same.author);
    EXPECT_EQ(e->parent_id, same.parent_id);
    EXPECT_EQ(e->counters, same.counters);
    EXPECT_EQ(e->mentions, same.mentions);
  }
}

TEST(MastodonReader, ContextInSmallBlocksAndNdjsonAcrossBlocks) {
  for (size_t block : {1u, 5u, 333u}) {
    auto context = Decode("mastodon", Fixture("good_context.json"), block);
    EXPECT_EQ(context.errors.total(), 0);
    EXPECT_THAT(Ids(context.events), ElementsAre("100", "101", "102"));
    auto lines = Decode("mastodon", Fixture("good_statuses.ndjson"), block);
    EXPECT_EQ(lines.errors.total(), 0);
    EXPECT_THAT(Ids(lines.events), ElementsAre("101", "102"));
  }
}

TEST(MastodonReader, ArchiveOutboxWithItsActor) {
  // Through the ingest driver, from the archive's folder: actor.json names the author.
  auto in = IngestFiles({(FixtureDir() / "good_archive" / "outbox.json").string()});
  EXPECT_EQ(in->result.files.at(0).format, "mastodon");
  EXPECT_EQ(in->result.errors.total(), 0);  // the Like activity is not an event, not an error
  auto d = Decode("mastodon", Fixture("good_archive/outbox.json"));
  ASSERT_EQ(d.events.size(), 4u);
  const std::string base = "https://mastodon.social/users/AcmeHelp/statuses/";
  const auto& post = d.events[0];
  EXPECT_EQ(post.id, base + "1");
  EXPECT_EQ(post.type, EventType::kPost);
  EXPECT_EQ(post.text, "Hello fediverse & friends");
  EXPECT_THAT(post.hashtags, ElementsAre("acme"));
  EXPECT_EQ(post.conversation_id, "tag:mastodon.social,2025:objectId=1:objectType=Conversation");
  // No counters in an archive: unknown, not 0.
  for (int k = 0; k < kCounterCount; ++k) EXPECT_EQ(post.counters[k], kUnknownCount);
  EXPECT_EQ(post.inbound, Inbound::kUnknown);

  const auto& reply = d.events[1];
  EXPECT_EQ(reply.type, EventType::kReply);
  EXPECT_EQ(reply.parent_id, "https://fosstodon.org/users/sam/statuses/9");
  EXPECT_THAT(reply.mentions, ElementsAre("sam@fosstodon.org"));

  // Addressed to one account only: a direct message. "@lee" is local: its server is
  // the href's. The summary (content warning) comes first.
  const auto& direct = d.events[2];
  EXPECT_EQ(direct.inbound, Inbound::kTrue);
  EXPECT_THAT(direct.mentions, ElementsAre("lee@mastodon.social"));
  EXPECT_EQ(direct.text, "Order\n\n@lee your order ships today");

  // An Announce: a share whose id is the boost's status URI (without "/activity").
  const auto& boost = d.events[3];
  EXPECT_EQ(boost.type, EventType::kShare);
  EXPECT_EQ(boost.id, base + "4");
  EXPECT_EQ(boost.parent_id, "https://fosstodon.org/users/sam/statuses/9");
  EXPECT_EQ(boost.created_at, *ParseRfc3339("2025-06-03T18:00:00Z"));
  for (const auto& e : d.events) EXPECT_EQ(e.author, "AcmeHelp@mastodon.social");
}

TEST(MastodonReader, ActorJsonBesideTheOutboxNamesTheAuthor) {
  // An actor URI of no known shape: actor.json beside the outbox gives its name;
  // without it the URI stays the author.
  const std::string outbox =
      R"({"type": "OrderedCollection", "orderedItems": [{"id": "https://ex.social/ap/s/1/activity",)"
      R"( "type": "Create", "actor": "https://ex.social/ap/u/7", "published": "2025-01-01T00:00:00Z",)"
      R"( "object": {"id": "https://ex.social/ap/s/1", "type": "Note", "content": "<p>hi</p>"}}]})";
  const std::string actor =
      R"({"id": "https://ex.social/ap/u/7", "type": "Person", "preferredUsername": "acme"})";
  TempDir with, without;
  with.Write("actor.json", actor);
  auto a = IngestFiles({with.Write("outbox.json", outbox)});
  auto b = IngestFiles({without.Write("outbox.json", outbox)});
  ASSERT_EQ(a->table.size(), 1u);
  ASSERT_EQ(b->table.size(), 1u);
  EXPECT_EQ(a->table.AuthorString(0), "acme@ex.social");
  EXPECT_EQ(b->table.AuthorString(0), "https://ex.social/ap/u/7");
}

TEST(MastodonReader, WhatIsNotReadIsSaidOncePerDocument) {
  TempDir dir;
  auto in = IngestFiles({(FixtureDir() / "good_archive" / "likes.json").string(),
                         (FixtureDir() / "good_archive" / "actor.json").string()});
  EXPECT_EQ(in->table.size(), 0u);
  EXPECT_EQ(in->result.errors.count(InputError::kWrongType), 2);
  ASSERT_EQ(in->result.errors.first().size(), 2u);
  EXPECT_THAT(in->result.errors.first()[0].message, HasSubstr("2 bare object URI(s)"));
  EXPECT_THAT(in->result.errors.first()[1].message, HasSubstr("ActivityPub actor"));
}

TEST(MastodonReader, BadRecordsAreCountedWithTheirLines) {
  auto d = Decode("mastodon", Fixture("bad_statuses.ndjson"));
  EXPECT_THAT(Ids(d.events), ElementsAre("204"));
  EXPECT_THAT(ErrorLines(d.errors),
              ElementsAre(Pair(InputError::kMissingField, 1), Pair(InputError::kBadTimestamp, 2),
                          Pair(InputError::kWrongType, 3), Pair(InputError::kInvalidJson, 4),
                          Pair(InputError::kWrongType, 5), Pair(InputError::kWrongType, 6)));
  const auto& first = d.errors.first();
  EXPECT_THAT(first[0].message, HasSubstr("\"account\""));
  EXPECT_THAT(first[1].message, HasSubstr("\"yesterday\""));
  EXPECT_THAT(first[2].message, HasSubstr("\"favourites_count\""));
  EXPECT_THAT(first[4].message, HasSubstr("account"));
  EXPECT_THAT(first[5].message, HasSubstr("not a Mastodon status"));
}

TEST(MastodonReader, ErrorLineInsideAPrettyPrintedDocument) {
  std::string text =
      "[\n"
      "  {\"id\": \"1\", \"created_at\": \"2025-01-01T00:00:00Z\", \"content\": \"<p>a</p>\",\n"
      "   \"account\": {\"acct\": \"a@x.example\"}},\n"
      "  {\"id\": \"2\", \"created_at\": \"never\", \"content\": \"<p>b</p>\",\n"
      "   \"account\": {\"acct\": \"b@x.example\"}}\n"
      "]\n";
  auto d = Decode("mastodon", text);
  EXPECT_THAT(Ids(d.events), ElementsAre("1"));
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kBadTimestamp, 4)));
}

TEST(MastodonReader, OversizedAndDeepInputsAreErrors) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "{\"reblog\":";
  deep += "{}";
  for (int i = 0; i < 100; ++i) deep += "}";
  auto d = Decode("mastodon", deep + "\n");
  EXPECT_TRUE(d.events.empty());
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kTooLarge, 1)));
  // Not JSON at all, and an empty input.
  EXPECT_THAT(ErrorLines(Decode("mastodon", "hello\n").errors), ElementsAre(Pair(InputError::kInvalidJson, 1)));
  EXPECT_EQ(Decode("mastodon", "").errors.total(), 0);
  EXPECT_EQ(Decode("mastodon", "  \n\n").errors.total(), 0);
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

TEST(MastodonReader, DetectsItsFixtures) {
  const Reader* mastodon = FindReader("mastodon");
  for (const auto& f : std::filesystem::recursive_directory_iterator(FixtureDir())) {
    if (f.is_regular_file()) {
      EXPECT_EQ(DetectReader(Head(f.path())), mastodon) << f.path();
    }
  }
}

TEST(MastodonReader, DetectClaimsNoOtherFormat) {
  std::vector<std::filesystem::path> files;
  for (const auto& dir : std::filesystem::directory_iterator(std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures"))
    if (dir.path().filename() != "mastodon")
      for (const auto& f : std::filesystem::recursive_directory_iterator(dir.path()))
        if (f.is_regular_file()) files.push_back(f.path());
  auto real = testing::SharedDir() / "data" / "real";
  if (std::filesystem::exists(real))
    for (const auto& dir : std::filesystem::directory_iterator(real))
      if (dir.is_directory() && !dir.path().filename().string().starts_with("mastodon_"))
        for (const auto& f : std::filesystem::directory_iterator(dir.path()))
          if (f.is_regular_file() && f.path().extension() != ".md") files.push_back(f.path());
  ASSERT_GT(files.size(), 5u);
  for (const auto& f : files) EXPECT_EQ(FindReader("mastodon")->Detect(Head(f)), 0) << f;
}

}  // namespace
}  // namespace rapport
