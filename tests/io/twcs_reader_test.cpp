// The TWCS CSV reader (src/io/readers/twcs_csv.cpp): the Kaggle file's quirks (pandas
// index column, float ids, quoted multi-line text, bare CR in unquoted text, CRLF),
// each bad-row reason with the line the row starts on, and block boundaries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/io_support.h"

namespace rapport {
namespace {

using test::Decode;
using test::DumpTable;
using test::ErrorLines;
using test::IngestFiles;
using test::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

const std::string kHeader =
    "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";

// The first rows of the real file (shortened texts).
const std::string kRows =
    "1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 I understand.,2,3\n"
    "2,115712,True,Tue Oct 31 22:11:45 +0000 2017,@sprintcare and how do you propose we do that,,1\n"
    "3,115712,True,Tue Oct 31 22:08:27 +0000 2017,@sprintcare I have sent several private messages,1,4\n"
    "5,115712,True,Tue Oct 31 21:54:49 +0000 2017,@sprintcare I did.,4,6\n";

std::vector<std::string> Ids(const test::Decoded& d) {
  std::vector<std::string> ids;
  for (const auto& e : d.events) ids.push_back(e.id);
  return ids;
}

TEST(TwcsReader, DecodesTheRealFilesRows) {
  auto d = Decode("twcs", kHeader + kRows);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 4u);
  const auto& a = d.events[0];
  EXPECT_EQ(a.platform, Platform::kX);
  EXPECT_EQ(a.id, "1");
  EXPECT_EQ(a.author, "sprintcare");
  EXPECT_EQ(a.author_handle, "sprintcare");  // the author id is the handle @mentions name
  EXPECT_EQ(a.inbound, Inbound::kFalse);
  EXPECT_EQ(a.created_at, *ParseRfc3339("2017-10-31T22:10:47Z"));
  EXPECT_EQ(a.text, "@115712 I understand.");
  EXPECT_EQ(a.type, EventType::kReply);
  EXPECT_EQ(a.parent_id, "3");
  EXPECT_FALSE(a.has_mentions_field);  // @handles come from the text
  const auto& b = d.events[1];
  EXPECT_EQ(b.inbound, Inbound::kTrue);
  EXPECT_EQ(b.parent_id, "1");
}

TEST(TwcsReader, RowWithoutParentIsAPost) {
  auto d = Decode("twcs", kHeader + "8,115712,True,Tue Oct 31 22:10:47 +0000 2017,hello,7,\n");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].type, EventType::kPost);
  EXPECT_EQ(d.events[0].parent_id, "");
}

TEST(TwcsReader, InboundSpellingsAndUnknown) {
  auto d = Decode("twcs", kHeader +
                              "1,a,true,Tue Oct 31 22:10:47 +0000 2017,x,,\n"
                              "2,a,FALSE,Tue Oct 31 22:10:47 +0000 2017,x,,\n"
                              "3,a,,Tue Oct 31 22:10:47 +0000 2017,x,,\n"
                              "4,a,maybe,Tue Oct 31 22:10:47 +0000 2017,x,,\n");
  ASSERT_EQ(d.events.size(), 4u);
  EXPECT_EQ(d.events[0].inbound, Inbound::kTrue);
  EXPECT_EQ(d.events[1].inbound, Inbound::kFalse);
  EXPECT_EQ(d.events[2].inbound, Inbound::kUnknown);
  EXPECT_EQ(d.events[3].inbound, Inbound::kUnknown);
}

TEST(TwcsReader, PandasIndexColumnInFrontIsIgnored) {
  std::string text =
      ",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
      "0,1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 I understand.,2,3\n"
      "1,2,115712,True,Tue Oct 31 22:11:45 +0000 2017,@sprintcare how,,1\n";
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].id, "1");
  EXPECT_EQ(d.events[0].author, "sprintcare");
  EXPECT_EQ(d.events[1].id, "2");
  EXPECT_EQ(d.events[1].parent_id, "1");
  EXPECT_EQ(d.events[1].text, "@sprintcare how");
}

TEST(TwcsReader, ColumnsAreFoundByNameInAnyOrder) {
  std::string text =
      "in_response_to_tweet_id,text,created_at,inbound,author_id,tweet_id,response_tweet_id\n"
      "3,hello,Tue Oct 31 22:10:47 +0000 2017,True,sam,9,\n";
  auto d = Decode("twcs", text);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].id, "9");
  EXPECT_EQ(d.events[0].author, "sam");
  EXPECT_EQ(d.events[0].parent_id, "3");
  EXPECT_EQ(d.events[0].text, "hello");
}

TEST(TwcsReader, FloatIdsWrittenByPandasAreIntegers) {
  auto d = Decode("twcs", kHeader +
                              "3.0,115712,True,Tue Oct 31 22:08:27 +0000 2017,x,1,4.0\n"
                              "7.00,115712,True,Tue Oct 31 22:08:27 +0000 2017,x,,12.\n"
                              "8.5,115712,True,Tue Oct 31 22:08:27 +0000 2017,x,,\n");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(d.events[0].id, "3");
  EXPECT_EQ(d.events[0].parent_id, "4");
  EXPECT_EQ(d.events[1].id, "7");
  EXPECT_EQ(d.events[1].parent_id, "12");
  EXPECT_EQ(d.events[2].id, "8.5");  // not an integer: kept as written
}

TEST(TwcsReader, SeveralParentIdsKeepTheFirst) {
  auto d = Decode("twcs", kHeader + "9,sam,True,Tue Oct 31 22:08:27 +0000 2017,x,,\"4,5\"\n");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].parent_id, "4");
}

TEST(TwcsReader, QuotedMultiLineTextIsOneRecordAndLinesStayRight) {
  std::string text = kHeader +
                     "1,sam,True,Tue Oct 31 22:10:47 +0000 2017,\"line one\nline two, with comma\n"
                     "and \"\"quotes\"\"\",,\n"                                 // lines 2-4
                     "2,sam,True,not a date,x,,\n"                             // line 5
                     "3,sam,True,Tue Oct 31 22:10:47 +0000 2017,ok,,\n";        // line 6
  auto d = Decode("twcs", text);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].text, "line one\nline two, with comma\nand \"quotes\"");
  EXPECT_EQ(d.events[1].id, "3");
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kBadTimestamp, 5)));
}

TEST(TwcsReader, BareCarriageReturnInUnquotedTextStaysInTheRow) {
  // Tweet 3399 of the Kaggle file has a bare CR inside unquoted text.
  std::string text = kHeader +
                     "3399,sam,True,Tue Oct 31 22:10:47 +0000 2017,first part\rsecond part,,\n"
                     "3400,joe,True,Tue Oct 31 22:10:48 +0000 2017,next,,3399\n";
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].text, "first part\rsecond part");
  EXPECT_EQ(d.events[1].parent_id, "3399");
}

TEST(TwcsReader, CrlfLineEndsAreStripped) {
  std::string text =
      "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\r\n"
      "1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,hi,2,3\r\n"
      "2,115712,True,Tue Oct 31 22:11:45 +0000 2017,there,,\r\n"
      "3,115712,True,Tue Oct 31 22:11:46 +0000 2017,\"multi\r\nline\",,1\r\n";
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(d.events[0].parent_id, "3");
  EXPECT_EQ(d.events[1].parent_id, "");
  EXPECT_EQ(d.events[1].type, EventType::kPost);
  EXPECT_EQ(d.events[2].parent_id, "1");
  EXPECT_EQ(d.events[2].text, "multi\r\nline");  // a CRLF inside quotes is text
  for (size_t block : {1, 3, 64}) {
    auto cut = Decode("twcs", text, block);
    ASSERT_EQ(cut.events.size(), 3u) << block;
    EXPECT_EQ(cut.events[2].text, "multi\r\nline") << block;
    EXPECT_EQ(cut.events[1].parent_id, "") << block;
  }
}

// Regression (found by this suite, fixed in 04764b1): only '\n' ended a record, and
// libcsv read the CR after a closing quote as more of a still-quoted field, so the
// rows after it were swallowed without an error.
TEST(TwcsReader, CrlfWithAQuotedLastField) {
  // RFC 4180 CSV: CRLF line ends, and Python's csv.QUOTE_ALL (or a spreadsheet)
  // quotes every field, so each line ends with `"\r\n`.
  std::string text =
      "\"tweet_id\",\"author_id\",\"inbound\",\"created_at\",\"text\",\"response_tweet_id\","
      "\"in_response_to_tweet_id\"\r\n"
      "\"1\",\"sam\",\"True\",\"Tue Oct 31 22:10:47 +0000 2017\",\"hi\",\"\",\"\"\r\n"
      "\"2\",\"acme\",\"False\",\"Tue Oct 31 22:11:47 +0000 2017\",\"yo\",\"\",\"1\"\r\n";
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].id, "1");
  EXPECT_EQ(d.events[1].parent_id, "1");
  // Only the last field of row 1 quoted (a list of parent ids), the rest unquoted.
  std::string mixed = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
                      "in_response_to_tweet_id\r\n"
                      "1,sam,True,Tue Oct 31 22:10:47 +0000 2017,hi,,\"7,8\"\r\n"
                      "2,acme,False,Tue Oct 31 22:11:47 +0000 2017,yo,,1\r\n"
                      "3,acme,False,Tue Oct 31 22:12:47 +0000 2017,yo,,1\r\n";
  auto m = Decode("twcs", mixed);
  EXPECT_EQ(m.errors.total(), 0);
  ASSERT_EQ(m.events.size(), 3u);
  EXPECT_EQ(m.events[0].parent_id, "7");
  EXPECT_EQ(m.events[2].id, "3");
  // The same cut into small blocks: a CR at the end of a block waits for the next.
  for (size_t block : {1, 2, 5, 64}) {
    auto cut = Decode("twcs", text, block);
    EXPECT_EQ(cut.events.size(), 2u) << block;
    EXPECT_EQ(cut.errors.total(), 0) << block;
    auto cm = Decode("twcs", mixed, block);
    EXPECT_EQ(cm.events.size(), 3u) << block;
  }
}

TEST(TwcsReader, BlankLinesAreSkipped) {
  auto d = Decode("twcs", kHeader + "\n" + kRows + "\n\n");
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_EQ(d.events.size(), 4u);
}

TEST(TwcsReader, MissingFinalNewlineStillGivesTheLastRow) {
  std::string text = kHeader + kRows;
  text.pop_back();
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.events.size(), 4u);
}

struct BadRow {
  const char* name;
  std::string row;
  InputError reason;
  const char* message;
};

TEST(TwcsReader, EachBadRowReasonIsCountedWithItsLine) {
  std::vector<BadRow> cases = {
      {"too few fields", "9,sam,True,Tue Oct 31 22:10:47 +0000 2017,x\n", InputError::kBadCsvRow,
       "row has 5 fields, the header has 7"},
      {"too many fields", "9,sam,True,Tue Oct 31 22:10:47 +0000 2017,x,,,extra\n",
       InputError::kBadCsvRow, "row has 8 fields"},
      {"no tweet id", ",sam,True,Tue Oct 31 22:10:47 +0000 2017,x,,\n", InputError::kMissingField,
       R"(missing required field "tweet_id")"},
      {"no author", "9,,True,Tue Oct 31 22:10:47 +0000 2017,x,,\n", InputError::kMissingField,
       R"(missing required field "author_id")"},
      {"bad date", "9,sam,True,31/10/2017,x,,\n", InputError::kBadTimestamp, "31/10/2017"},
      {"empty date", "9,sam,True,,x,,\n", InputError::kBadTimestamp, "bad timestamp"},
      {"invalid utf-8", "9,sam,True,Tue Oct 31 22:10:47 +0000 2017,caf\xe9,,\n",
       InputError::kInvalidUtf8, "invalid UTF-8"},
  };
  for (const BadRow& c : cases) {
    SCOPED_TRACE(c.name);
    // header line 1, rows on lines 2-3 (kRows' first two), the bad row on line 4, then
    // a good row on line 5.
    std::string text = kHeader + kRows.substr(0, kRows.find('\n', kRows.find('\n') + 1) + 1) + c.row +
                       "7,joe,True,Tue Oct 31 22:10:47 +0000 2017,fine,,\n";
    auto d = Decode("twcs", text);
    EXPECT_EQ(d.events.size(), 3u);
    EXPECT_EQ(d.errors.total(), 1);
    EXPECT_EQ(d.errors.count(c.reason), 1);
    ASSERT_EQ(d.errors.first().size(), 1u);
    EXPECT_EQ(d.errors.first()[0].line, 4);
    EXPECT_THAT(d.errors.first()[0].message, HasSubstr(c.message));
  }
}

TEST(TwcsReader, HeaderWithoutARequiredColumnIsReportedOnLineOne) {
  auto d = Decode("twcs",
                  "tweet_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
                  "1,True,Tue Oct 31 22:10:47 +0000 2017,x,,\n");
  EXPECT_EQ(d.events.size(), 0u);
  ASSERT_FALSE(d.errors.first().empty());
  EXPECT_EQ(d.errors.first()[0].reason, InputError::kMissingField);
  EXPECT_EQ(d.errors.first()[0].line, 1);
  EXPECT_THAT(d.errors.first()[0].message, HasSubstr("author_id"));
}

TEST(TwcsReader, UnterminatedQuoteAtTheEndIsABadRowAtItsFirstLine) {
  std::string text = kHeader + kRows + "9,sam,True,Tue Oct 31 22:10:47 +0000 2017,\"never closed\nmore\n";
  auto d = Decode("twcs", text);
  EXPECT_EQ(d.events.size(), 4u);
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kBadCsvRow, 6)));
}

TEST(TwcsReader, BlocksCutAnywhereGiveTheSameEvents) {
  std::string text = kHeader +
                     "1,sam,True,Tue Oct 31 22:10:47 +0000 2017,\"multi\nline, text\",,\n"
                     "2,sprintcare,False,Tue Oct 31 22:11:47 +0000 2017,a\rb,,1\n"
                     "3,sam,True,bad date,x,,\n" + kRows;
  auto whole = Decode("twcs", text);
  for (size_t block : {1, 2, 7, 64}) {
    auto cut = Decode("twcs", text, block);
    EXPECT_EQ(Ids(cut), Ids(whole)) << block;
    ASSERT_EQ(cut.events.size(), whole.events.size()) << block;
    for (size_t k = 0; k < cut.events.size(); ++k) EXPECT_EQ(cut.events[k].text, whole.events[k].text);
    EXPECT_EQ(ErrorLines(cut.errors), ErrorLines(whole.errors)) << block;
  }
  EXPECT_THAT(ErrorLines(whole.errors), ElementsAre(Pair(InputError::kBadTimestamp, 5)));
}

TEST(TwcsReader, SmallIngestBlocksGiveTheSameTableAsOneBlock) {
  TempDir dir;
  std::string text = kHeader;
  for (int k = 1; k <= 30; ++k) {
    std::string tweet = k % 4 == 0 ? fmt::format("\"quoted,\ntext {}\"", k) : fmt::format("text {}", k);
    text += fmt::format("{},{},{},Tue Oct 31 22:{:02}:47 +0000 2017,{},,{}\n", k,
                        k % 3 ? "115712" : "sprintcare", k % 3 ? "True" : "False", k, tweet,
                        k > 1 ? std::to_string(k - 1) + ".0" : "");
  }
  std::string path = dir.Write("twcs.csv", text);
  auto one = IngestFiles({path});
  auto many = IngestFiles({path}, 64);
  EXPECT_EQ(one->table.size(), 30u);
  EXPECT_EQ(one->result.files.at(0).format, "twcs");
  EXPECT_EQ(DumpTable(many->table), DumpTable(one->table));
  EXPECT_EQ(many->result.errors.total(), 0);
}

TEST(TwcsReader, RepeatedTweetIdsFold) {
  TempDir dir;
  std::string path = dir.Write("dup.csv", kHeader + kRows + kRows.substr(0, kRows.find('\n') + 1));
  auto in = IngestFiles({path});
  EXPECT_EQ(in->table.size(), 4u);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 1);
}

TEST(TwcsReader, StrictModeStopsAtTheFirstBadRowWithFileAndLine) {
  TempDir dir;
  std::string path = dir.Write("s.csv", kHeader + kRows + "9,sam,True,never,x,,\n" + kRows);
  static const Enricher enricher(std::vector<BrandSpec>{});
  EventTable table;
  IngestOptions options;
  options.inputs = {path};
  options.strict = true;
  try {
    Ingest(options, enricher, table);
    FAIL() << "no StrictModeError";
  } catch (const StrictModeError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path + ":6:"));
    EXPECT_THAT(e.what(), HasSubstr("bad_timestamp"));
  }
}

TEST(TwcsReader, HeaderOnlyFileHasNoEventsAndNoErrors) {
  auto d = Decode("twcs", kHeader);
  EXPECT_EQ(d.events.size(), 0u);
  EXPECT_EQ(d.errors.total(), 0);
}

TEST(TwcsReader, DetectionNeedsTheTwcsHeader) {
  const Reader* r = DetectReader(kHeader + kRows);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "twcs");
  const Reader* csv = DetectReader("a,b,c\n1,2,3\n");
  EXPECT_TRUE(csv == nullptr || csv->name() != "twcs");
}

}  // namespace
}  // namespace rapport
