// The mapped CSV reader (src/io/readers/csv_mapped.cpp): the mapping's syntax and its
// errors, columns, fixed values and templates, CR / LF / CRLF rows, delimiters, bad
// rows with their lines, and the real folders facebook_page_post_metrics_uci and
// youtube_comments_spam_uci.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../../support/io_support.h"
#include "../../text/vader_test_util.h"
#include "io/readers/csv_mapped.h"

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

std::filesystem::path FixtureDir() { return std::filesystem::path(RAPPORT_TEST_DIR) / "fixtures" / "csv"; }

// Sets the csv reader's mapping for one test, and clears it after.
class MappingScope {
 public:
  explicit MappingScope(std::string_view spec, const std::string& file = "") {
    auto m = std::make_shared<CsvMapping>();
    if (!file.empty()) LoadCsvMapFile(file, *m);
    ParseCsvMap(spec, *m);
    ValidateCsvMapping(*m);
    SetCsvMapping(m);
  }
  ~MappingScope() { SetCsvMapping(nullptr); }
};

std::string MapError(std::string_view spec) {
  CsvMapping m;
  try {
    ParseCsvMap(spec, m);
    ValidateCsvMapping(m);
  } catch (const CsvMappingError& e) {
    return e.what();
  }
  return "";
}

TEST(CsvMapping, SyntaxAndItsErrors) {
  CsvMapping m;
  ParseCsvMap("id=Post ID, likes = Reactions ,platform:=facebook,created_at:=2014-{Post Month:02}-01,delimiter=;", m);
  EXPECT_EQ(m.delimiter, ';');
  ASSERT_EQ(m.fields.size(), 4u);
  EXPECT_EQ(m.fields.at("likes").pieces.at(0).text, "Reactions");
  EXPECT_EQ(m.fields.at("likes").pieces.at(0).kind, CsvMapping::Piece::kColumn);
  EXPECT_EQ(m.fields.at("platform").pieces.at(0).kind, CsvMapping::Piece::kText);
  const auto& date = m.fields.at("created_at").pieces;
  ASSERT_EQ(date.size(), 3u);
  EXPECT_EQ(date[1].kind, CsvMapping::Piece::kColumn);
  EXPECT_EQ(date[1].text, "Post Month");
  EXPECT_EQ(date[1].width, 2);

  EXPECT_THAT(MapError("id=a,lieks=b"), HasSubstr("\"lieks\" is not a native field"));
  EXPECT_THAT(MapError("id"), HasSubstr("expected field=Column"));
  EXPECT_THAT(MapError("id=a,id=b"), HasSubstr("mapped twice"));
  EXPECT_THAT(MapError("id:={oops"), HasSubstr("without its"));
  EXPECT_THAT(MapError("id:={@rows}"), HasSubstr("none of {@row}"));
  EXPECT_THAT(MapError("id=a,likes=b"), HasSubstr("does not give platform, author, created_at"));
  EXPECT_EQ(MapError("id=a,author=b,created_at=c,platform:=x"), "");
}

TEST(CsvMappedReader, NeverDetectedAndNeedsAMapping) {
  EXPECT_EQ(FindReader("csv")->Detect("id,author,created_at\n1,a,2020-01-01\n"), 0);
  SetCsvMapping(nullptr);
  try {
    Decode("csv", "id,author\n1,a\n");
    FAIL() << "no FormatError";
  } catch (const FormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("needs a column mapping"));
  }
}

TEST(CsvMappedReader, InsightsExportWithAMappingFile) {
  MappingScope scope("", (FixtureDir() / "insights_map.toml").string());
  std::string text = testing::ReadFile(FixtureDir() / "insights_export.csv");
  // Whole and in 7-byte blocks (rows, quoted CRLFs and CRLF pairs cut anywhere).
  for (size_t block : {std::string_view::npos, size_t{7}}) {
    auto d = Decode("csv", text, block);
    ASSERT_THAT(Ids(d.events), ElementsAre("1001", "1002", "1006")) << block;
    const auto& a = d.events[0];
    EXPECT_EQ(a.platform, Platform::kFacebook);
    EXPECT_EQ(a.type, EventType::kPost);
    EXPECT_EQ(a.author, "acme");
    EXPECT_EQ(a.inbound, Inbound::kFalse);
    EXPECT_EQ(a.created_at, 1688205600);  // "2023-07-01 10:00:00", no zone: UTC
    EXPECT_EQ(a.text, "Summer menu, part 1");
    EXPECT_EQ(a.counter(Counter::kLikes), 42);
    EXPECT_EQ(a.counter(Counter::kComments), 2);
    EXPECT_EQ(a.counter(Counter::kShares), 7);
    EXPECT_EQ(a.counter(Counter::kImpressions), 5120);
    EXPECT_EQ(a.counter(Counter::kReach), 3900);
    EXPECT_EQ(a.counter(Counter::kClicks), kUnknown);  // not mapped
    EXPECT_EQ(d.events[1].text, "Two lines:\r\nhello");
    EXPECT_EQ(d.events[1].counter(Counter::kLikes), kUnknown);  // an empty cell
    EXPECT_EQ(d.events[1].counter(Counter::kComments), 0);
    EXPECT_EQ(d.events[2].created_at, 1688900000);               // epoch seconds
    EXPECT_EQ(d.events[2].counter(Counter::kReach), 1234);       // "1,234"
    EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kWrongType, 5), Pair(InputError::kMissingField, 6),
                                                  Pair(InputError::kBadCsvRow, 7)))
        << block;
    ASSERT_EQ(d.errors.first().size(), 3u);
    EXPECT_THAT(d.errors.first()[0].message, HasSubstr("likes \"lots\" is not a count"));
    EXPECT_THAT(d.errors.first()[1].message, HasSubstr("created_at"));
  }
}

TEST(CsvMappedReader, TemplatesRowNumbersDelimitersAndCrOnlyRows) {
  MappingScope scope(
      "id:=p{@row},platform:=instagram,author:=brand,created_at:=2014-{M:02}-01T{H:02}:00:00Z,"
      "likes=Likes,type:=post,text:={@file} line {@line}");
  // Semicolons, bare CR line ends (old Mac exports).
  auto d = Decode("csv", "M;H;Likes\r1;3;10\r12;23;\r");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_THAT(Ids(d.events), ElementsAre("p1", "p2"));
  EXPECT_EQ(d.events[0].platform, Platform::kInstagram);
  EXPECT_EQ(FormatRfc3339(d.events[0].created_at), "2014-01-01T03:00:00Z");
  EXPECT_EQ(FormatRfc3339(d.events[1].created_at), "2014-12-01T23:00:00Z");
  EXPECT_EQ(d.events[0].counter(Counter::kLikes), 10);
  EXPECT_EQ(d.events[1].counter(Counter::kLikes), kUnknown);
  EXPECT_EQ(d.events[0].text, "test line 2");  // the file "test.in"
  EXPECT_EQ(d.events[1].text, "test line 3");
  // Tabs.
  auto t = Decode("csv", "M\tH\tLikes\n2\t4\t5\n");
  ASSERT_THAT(Ids(t.events), ElementsAre("p1"));
  EXPECT_EQ(t.events[0].counter(Counter::kLikes), 5);
  // Invalid UTF-8 spoils a row only in a column the mapping reads.
  auto u = Decode("csv", "M,H,Likes,Notes\n1,2,3,\xff\n1,2,\xff,ok\n");
  ASSERT_THAT(Ids(u.events), ElementsAre("p1"));
  EXPECT_THAT(ErrorLines(u.errors), ElementsAre(Pair(InputError::kInvalidUtf8, 3)));
}

TEST(CsvMappedReader, AColumnTheHeaderLacksStopsTheFile) {
  MappingScope scope("id=ID,platform:=x,author=User,created_at=Date");
  try {
    Decode("csv", "ID,Author,Date\n1,a,2020-01-01\n");
    FAIL() << "no FormatError";
  } catch (const FormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("names column \"User\""));
    EXPECT_THAT(e.what(), HasSubstr("\"Author\""));
  }
  // Case and surrounding spaces are forgiven.
  MappingScope scope2("id=id,platform:=x,author= author ,created_at=DATE");
  auto d = Decode("csv", "ID,Author,Date\n1,a,2020-01-01\n");
  ASSERT_THAT(Ids(d.events), ElementsAre("1"));
  EXPECT_EQ(d.events[0].type, EventType::kPost);
}

// UCI "Facebook metrics" (Moro et al. 2016): 500 posts of a cosmetics brand's page, no
// ids or dates (month and hour only), CR line ends. Figures from the raw file:
//   python3 -c "import csv; r=list(csv.DictReader(open('dataset_Facebook.csv',newline='')));
//   [print(k,len(v),sum(v)) for k in ('like','share','comment','Lifetime Post Total Impressions',
//   'Lifetime Post Total Reach') for v in [[int(x[k]) for x in r if x[k]!='']]]"
// like 499 88795, share 496 13524, comment 500 3741, impressions 500 14792974,
// reach 500 6951680.
TEST(CsvMappedRealData, UciFacebookMetrics) {
  auto file = testing::SharedDir() / "data" / "real" / "facebook_page_post_metrics_uci" / "dataset_Facebook.csv";
  RAPPORT_REQUIRE_SHARED(file);
  MappingScope scope(
      "id:=uci-{@row},platform:=facebook,author:=cosmetics_brand,type:=post,inbound:=false,"
      "created_at:=2014-{Post Month:02}-01T{Post Hour:02}:00:00Z,author_followers=Page total likes,"
      "likes=like,shares=share,comments=comment,impressions=Lifetime Post Total Impressions,"
      "reach=Lifetime Post Total Reach,clicks=Lifetime Post Consumptions");
  auto in = IngestFiles({file.string()}, 8 << 20, "csv");
  EXPECT_EQ(in->result.errors.total(), 0);
  ASSERT_EQ(in->result.events, 500);
  const EventTable& t = in->table;
  std::map<Counter, std::pair<int, int64_t>> sums;
  for (size_t r = 0; r < t.size(); ++r)
    for (Counter c : {Counter::kLikes, Counter::kShares, Counter::kComments, Counter::kImpressions, Counter::kReach})
      if (int64_t v = t.Counter(c, r); v != kUnknownCount) ++sums[c].first, sums[c].second += v;
  EXPECT_EQ(sums[Counter::kLikes], std::make_pair(499, int64_t{88795}));
  EXPECT_EQ(sums[Counter::kShares], std::make_pair(496, int64_t{13524}));
  EXPECT_EQ(sums[Counter::kComments], std::make_pair(500, int64_t{3741}));
  EXPECT_EQ(sums[Counter::kImpressions], std::make_pair(500, int64_t{14792974}));
  EXPECT_EQ(sums[Counter::kReach], std::make_pair(500, int64_t{6951680}));
  // The first row: 139441 page likes, month 12, hour 3, 79 likes, 17 shares.
  EXPECT_EQ(t.IdString(0), "uci-1");
  EXPECT_EQ(FormatRfc3339(t.columns().created_at[0]), "2014-12-01T03:00:00Z");
  EXPECT_EQ(t.columns().followers[0], 139441u);
  EXPECT_EQ(t.Counter(Counter::kLikes, 0), 79);
  EXPECT_EQ(t.Counter(Counter::kShares, 0), 17);
  EXPECT_EQ(t.columns().inbound[0], Inbound::kFalse);
}

// UCI "YouTube Spam Collection": COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS, one file per
// video. Figures from the raw files (python3 csv module over the five files): 1,980
// rows; DATE empty on 245 (Eminem), not a date on 24 (Eminem: "ieghiegn", ...); 1,711
// rows read, 1,710 distinct ids (one repeated in Shakira); per video 350 Psy, 350
// KatyPerry, 438 LMFAO, 203 Eminem, 369 Shakira.
TEST(CsvMappedRealData, UciYoutubeSpamComments) {
  auto dir = testing::SharedDir() / "data" / "real" / "youtube_comments_spam_uci";
  RAPPORT_REQUIRE_SHARED(dir);
  MappingScope scope(
      "id=COMMENT_ID,author=AUTHOR,author_handle=AUTHOR,created_at=DATE,text=CONTENT,platform:=youtube,"
      "type:=reply,parent_id:={@file},conversation_id:={@file}");
  std::vector<std::string> paths;
  for (const char* f : {"Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv", "Youtube04-Eminem.csv",
                        "Youtube05-Shakira.csv"})
    paths.push_back((dir / f).string());
  auto in = IngestFiles(paths, 8 << 20, "csv");
  int64_t records = 0;
  for (const auto& f : in->result.files) records += f.records;
  EXPECT_EQ(records, 1711);
  EXPECT_EQ(in->result.events, 1710);
  EXPECT_EQ(in->result.errors.count(InputError::kMissingField), 245);
  EXPECT_EQ(in->result.errors.count(InputError::kBadTimestamp), 24);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 1);
  EXPECT_EQ(in->result.errors.total(), 245 + 24 + 1);
  const EventTable& t = in->table;
  std::map<std::string, int> per_video;
  for (size_t r = 0; r < t.size(); ++r) {
    ASSERT_EQ(t.columns().type[r], EventType::kReply);
    ++per_video[std::string(t.dictionaries().ids[static_cast<int>(Platform::kYoutube)].Get(t.columns().parent[r]))];
  }
  EXPECT_EQ(per_video, (std::map<std::string, int>{{"Youtube01-Psy", 350},
                                                   {"Youtube02-KatyPerry", 350},
                                                   {"Youtube03-LMFAO", 438},
                                                   {"Youtube04-Eminem", 203},
                                                   {"Youtube05-Shakira", 369}}));
}

}  // namespace
}  // namespace rapport
