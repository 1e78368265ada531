// The JSON helpers the x-v2, x-v1 and youtube readers share
// (src/io/readers/json_helpers.*): records found in every layout whatever the block
// boundaries, the head sniffer that detection uses, and the DOM accessors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/readers/json_helpers.h"

namespace rapport::json {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

struct Collected : RecordSplitter::Handler {
  std::vector<std::pair<std::string, int64_t>> records;
  std::vector<std::pair<InputError, int64_t>> bad;
  void Record(std::string_view text, int64_t line) override {
    // The padding simdjson needs is there.
    for (size_t i = 0; i < simdjson::SIMDJSON_PADDING; ++i) EXPECT_EQ(text.data()[text.size() + i], ' ');
    records.emplace_back(std::string(text), line);
  }
  void Bad(int64_t line, InputError reason, std::string) override { bad.emplace_back(reason, line); }
};

Collected Split(std::string_view text, size_t block = std::string_view::npos, size_t max = kMaxRecordBytes) {
  RecordSplitter s(max);
  Collected c;
  for (size_t pos = 0; pos < text.size(); pos += block) s.Feed(text.substr(pos, block), c);
  s.Finish(c);
  return c;
}

// The same records and errors whatever the block size.
void ExpectSameInBlocks(std::string_view text) {
  Collected whole = Split(text);
  for (size_t block = 1; block <= 9; ++block) {
    Collected parts = Split(text, block);
    EXPECT_EQ(parts.records, whole.records) << "block " << block;
    EXPECT_EQ(parts.bad, whole.bad) << "block " << block;
  }
}

TEST(JsonRecordSplitter, NdjsonLinesWithBlankLinesAndCrlf) {
  std::string text = "{\"a\":1}\n\n{\"b\":2}\r\n  {\"c\":3}  ";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"a\":1}", 1), Pair("{\"b\":2}", 3), Pair("  {\"c\":3}", 4)));
  EXPECT_TRUE(c.bad.empty());
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, NdjsonABrokenLineCostsOnlyItself) {
  // Lines mode: the unclosed second line does not swallow the third.
  std::string text = "{\"a\":1}\n{\"b\":[\n{\"c\":3}\n";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"a\":1}", 1), Pair("{\"b\":[", 2), Pair("{\"c\":3}", 3)));
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, PrettyPrintedDocumentsWithBracketsInStrings) {
  std::string text = "{\n  \"a\": [1,\n 2]\n}\n{\n\"b\": \"}\\\"{[\",\n\"c\": \"\\\\\"}\n";
  auto c = Split(text);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].second, 1);
  EXPECT_EQ(c.records[1].second, 5);
  EXPECT_EQ(c.records[1].first, "{\n\"b\": \"}\\\"{[\",\n\"c\": \"\\\\\"}");
  EXPECT_TRUE(c.bad.empty());
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, TopLevelArrayElementsAreRecords) {
  std::string text = "[\n {\"a\":1},\n {\"b\":[2,{}]}\n]\n[{\"c\":3}]";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"a\":1}", 2), Pair("{\"b\":[2,{}]}", 3), Pair("{\"c\":3}", 5)));
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, JavaScriptAssignmentAndByteOrderMark) {
  std::string text = "\xEF\xBB\xBFwindow.YTD.tweets.part0 = [\n  {\"tweet\": {\"id\": \"1\"}},\n  {\"tweet\": {}}\n];\n";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"tweet\": {\"id\": \"1\"}}", 2), Pair("{\"tweet\": {}}", 3)));
  EXPECT_TRUE(c.bad.empty());
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, TextThatIsNotJsonIsOneInvalidJsonPerLine) {
  std::string text = "hello world\n{\"a\":1}\nnope\n";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"a\":1}", 2), Pair("nope", 3)));
  EXPECT_THAT(c.bad, ElementsAre(Pair(InputError::kInvalidJson, 1)));
  // Between pretty-printed documents, garbage is skipped to the end of its line.
  auto d = Split("{\n}\n!!\n{\n}\n");
  EXPECT_EQ(d.records.size(), 2u);
  EXPECT_THAT(d.bad, ElementsAre(Pair(InputError::kInvalidJson, 3)));
  ExpectSameInBlocks("{\n}\n!!\n{\n}\n");
}

TEST(JsonRecordSplitter, ScalarsInATopLevelArrayAreWrongType) {
  std::string text = "[\n1,\n\"x],\",\n{\"a\":1}, null]";
  auto c = Split(text);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\"a\":1}", 4)));
  EXPECT_THAT(c.bad, ElementsAre(Pair(InputError::kWrongType, 2), Pair(InputError::kWrongType, 3),
                                 Pair(InputError::kWrongType, 4)));
  ExpectSameInBlocks(text);
}

TEST(JsonRecordSplitter, AValueLeftOpenAtTheEndIsReportedAtItsFirstLine) {
  auto c = Split("\n{\n\"a\": [1, 2\n");
  EXPECT_TRUE(c.records.empty());
  EXPECT_THAT(c.bad, ElementsAre(Pair(InputError::kInvalidJson, 2)));
}

TEST(JsonRecordSplitter, RecordsLargerThanTheLimitAreTooLarge) {
  std::string pretty = "{\n\"a\": \"0123456789\"\n}\n{\n}\n";
  auto c = Split(pretty, std::string_view::npos, 10);
  EXPECT_THAT(c.records, ElementsAre(Pair("{\n}", 4)));
  EXPECT_THAT(c.bad, ElementsAre(Pair(InputError::kTooLarge, 1)));
  std::string lines = "{}\n{\"a\": \"0123456789\"}\n{}";
  auto l = Split(lines, 3, 10);
  EXPECT_THAT(l.records, ElementsAre(Pair("{}", 1), Pair("{}", 3)));
  EXPECT_THAT(l.bad, ElementsAre(Pair(InputError::kTooLarge, 2)));
}

TEST(JsonSniff, KeyPathsOfARecordCutByTheEndOfTheHead) {
  std::string head = R"({"data": [{"id": "1", "author_id": "2", "public_metrics": {"like_count": 3}, "entities": {"mentions": [{"username": "x", "deep": {"k": 1}}]}, "text": "cut he)";
  Sniff s = SniffHead(head);
  EXPECT_TRUE(s.json);
  ASSERT_EQ(s.records.size(), 1u);
  const auto& r = s.records[0];
  EXPECT_FALSE(r.complete);
  for (auto p : {"data", "data.id", "data.author_id", "data.public_metrics.like_count",
                 "data.entities.mentions", "data.text"})
    EXPECT_TRUE(r.Has(p)) << p;
  EXPECT_FALSE(r.Has("data.entities.mentions.username"));  // more than three keys
  EXPECT_FALSE(r.Has("id"));
  // A first line longer than the head without a newline: a compact line.
  EXPECT_TRUE(s.first_line_complete);
}

TEST(JsonSniff, RecordsOfNdjsonArraysAndJavaScript) {
  Sniff nd = SniffHead("{\"a\": 1, \"kind\": \"youtube#video\"}  \n{\"b\": {\"c\": 2}}\n");
  ASSERT_EQ(nd.records.size(), 2u);
  EXPECT_TRUE(nd.first_line_complete);
  EXPECT_EQ(nd.records[0].kind, "youtube#video");
  EXPECT_TRUE(nd.records[0].complete);
  EXPECT_TRUE(nd.records[1].Has("b.c"));

  Sniff pretty = SniffHead("{\n  \"a\": 1\n}\n");
  EXPECT_FALSE(pretty.first_line_complete);
  Sniff array = SniffHead("[{\"a\": 1}, {\"b\": 2}, {\"c\": ");
  EXPECT_EQ(array.records.size(), 3u);
  EXPECT_FALSE(array.first_line_complete);  // a long array is left to the general reader

  Sniff js = SniffHead("window.YTD.tweets.part0 = [ {\n \"tweet\" : {\n \"id_str\" : \"1\" } } ]");
  EXPECT_EQ(js.js_prefix, "window.YTD.tweets.part0");
  ASSERT_EQ(js.records.size(), 1u);
  EXPECT_TRUE(js.records[0].Has("tweet.id_str"));
  EXPECT_FALSE(js.first_line_complete);

  Sniff map = SniffHead(R"({"id": {"668": {"id_str": "668", "user": {}}}})");
  EXPECT_TRUE(map.records[0].HasMatching("id.", ".id_str"));
  EXPECT_FALSE(map.records[0].HasMatching("id.", ".text"));

  EXPECT_FALSE(SniffHead("hello").json);
  EXPECT_FALSE(SniffHead("tweet_id,author_id\n1,2").json);
  EXPECT_FALSE(SniffHead("").json);
}

TEST(JsonAccessors, CountsIdsAndHtml) {
  dom::parser parser;
  dom::element doc;
  ASSERT_FALSE(parser.parse(std::string(R"({"n": 5, "s": "12", "neg": -1, "f": 2.9, "big": 18446744073709551615,
      "bad": "12a", "null": null, "id": 1051204790334746624, "sid": "x"})")).get(doc));
  EXPECT_EQ(Count(doc, "n"), 5);
  EXPECT_EQ(Count(doc, "s"), 12);
  EXPECT_EQ(Count(doc, "neg"), kUnknownCount);
  EXPECT_EQ(Count(doc, "f"), 2);
  EXPECT_EQ(Count(doc, "big"), INT64_MAX);
  EXPECT_EQ(Count(doc, "bad"), kUnknownCount);
  EXPECT_EQ(Count(doc, "null"), kUnknownCount);
  EXPECT_EQ(Count(doc, "absent"), kUnknownCount);
  Arena arena;
  EXPECT_EQ(Id(doc, "id", arena), "1051204790334746624");
  EXPECT_EQ(Id(doc, "sid", arena), "x");
  EXPECT_EQ(Id(doc, "f", arena), "");
  EXPECT_EQ(After("tag:search.twitter.com,2005:123", ':'), "123");
}

}  // namespace
}  // namespace rapport::json
