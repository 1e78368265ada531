// The native NDJSON reader (src/io/readers/native_ndjson.cpp) and its way through
// ingestion (src/io/ingest.cpp): every bad-input reason of FORMATS.md with its line,
// counters unknown vs 0, ids written as numbers, repeated ids, and block boundaries.
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

// A valid record with `extra` spliced in before the closing brace.
std::string Rec(std::string_view id, std::string_view extra = "") {
  return fmt::format(
      R"({{"platform":"x","id":"{}","type":"post","author":"4021","author_handle":"@sam",)"
      R"("created_at":"2017-10-31T22:10:47Z","text":"hello"{}}})",
      id, extra.empty() ? "" : fmt::format(",{}", extra));
}

constexpr int64_t kUnknown = kUnknownCount;

TEST(NativeReader, DecodesEveryFieldOfTheFormatsExample) {
  std::string line =
      R"({"platform":"x","id":"1587","type":"reply","author":"4021","author_handle":"@sam",)"
      R"("created_at":"2017-10-31T22:10:47Z","parent_id":"1586","conversation_id":"1580",)"
      R"("text":"@AcmeHelp my order never arrived","mentions":["AcmeHelp"],"hashtags":["late"],)"
      R"("urls":0,"metrics":{"likes":0,"shares":0,"quotes":0,"replies":1,"impressions":null,)"
      R"("reach":null,"clicks":null,"saves":null},"author_followers":88,"lang":"en","inbound":true})";
  auto d = Decode("rapport", line + "\n");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 1u);
  const auto& e = d.events[0];
  EXPECT_EQ(e.platform, Platform::kX);
  EXPECT_EQ(e.type, EventType::kReply);
  EXPECT_EQ(e.id, "1587");
  EXPECT_EQ(e.author, "4021");
  EXPECT_EQ(e.author_handle, "@sam");
  EXPECT_EQ(e.parent_id, "1586");
  EXPECT_EQ(e.conversation_id, "1580");
  EXPECT_EQ(e.created_at, 1509487847);
  EXPECT_EQ(e.text, "@AcmeHelp my order never arrived");
  EXPECT_TRUE(e.has_mentions_field);
  EXPECT_THAT(e.mentions, ElementsAre("AcmeHelp"));
  EXPECT_THAT(e.hashtags, ElementsAre("late"));
  EXPECT_EQ(e.counter(Counter::kLikes), 0);
  EXPECT_EQ(e.counter(Counter::kReplies), 1);
  EXPECT_EQ(e.counter(Counter::kImpressions), kUnknown);
  EXPECT_EQ(e.counter(Counter::kBookmarks), kUnknown);
  EXPECT_EQ(e.author_followers, 88);
  EXPECT_EQ(e.inbound, Inbound::kTrue);
}

struct BadCase {
  const char* name;
  std::string line;
  InputError reason;
  const char* message;  // a part of the message
};

std::vector<BadCase> BadCases() {
  return {
      {"truncated object", R"({"platform":"x","id":"1",)", InputError::kInvalidJson, "not JSON"},
      {"not json at all", "hello world", InputError::kInvalidJson, ""},
      {"array", "[1,2,3]", InputError::kInvalidJson, "must be a JSON object"},
      {"number", "42", InputError::kInvalidJson, ""},
      {"missing platform",
       R"({"id":"1","type":"post","author":"a","created_at":"2017-10-31T22:10:47Z"})",
       InputError::kMissingField, R"(missing required field "platform")"},
      {"missing id",
       R"({"platform":"x","type":"post","author":"a","created_at":"2017-10-31T22:10:47Z"})",
       InputError::kMissingField, R"(missing required field "id")"},
      {"missing type",
       R"({"platform":"x","id":"1","author":"a","created_at":"2017-10-31T22:10:47Z"})",
       InputError::kMissingField, R"(missing required field "type")"},
      {"missing author",
       R"({"platform":"x","id":"1","type":"post","created_at":"2017-10-31T22:10:47Z"})",
       InputError::kMissingField, R"(missing required field "author")"},
      {"missing created_at", R"({"platform":"x","id":"1","type":"post","author":"a"})",
       InputError::kMissingField, R"(missing required field "created_at")"},
      {"bad timestamp text", Rec("1", R"("created_at":"yesterday")"), InputError::kBadTimestamp,
       "yesterday"},
      {"impossible date", Rec("1", R"("created_at":"2017-02-30T10:00:00Z")"),
       InputError::kBadTimestamp, "2017-02-30"},
      {"timestamp of the wrong type", Rec("1", R"("created_at":true)"), InputError::kBadTimestamp,
       "bad timestamp"},
      {"unknown type", Rec("1", R"("type":"tweet")"), InputError::kWrongType, R"(unknown type "tweet")"},
      {"platform not a string", Rec("1", R"("platform":3)"), InputError::kWrongType,
       R"(field "platform" has the wrong type)"},
      {"id an object", Rec("1", R"("id":{"a":1})"), InputError::kWrongType, R"(field "id")"},
      {"author an array", Rec("1", R"("author":["a"])"), InputError::kWrongType, R"(field "author")"},
      {"counter as text", Rec("1", R"("metrics":{"likes":"3"})"), InputError::kWrongType,
       "metrics.likes must be a number or null"},
      {"metrics not an object", Rec("1", R"("metrics":[1])"), InputError::kWrongType,
       R"(field "metrics")"},
      {"mention not a string", Rec("1", R"("mentions":[1])"), InputError::kWrongType,
       R"(field "mentions")"},
      {"inbound as text", Rec("1", R"("inbound":"yes")"), InputError::kWrongType,
       R"(field "inbound")"},
      {"negative urls", Rec("1", R"("urls":-1)"), InputError::kWrongType, R"(field "urls")"},
      {"followers as text", Rec("1", R"("author_followers":"many")"), InputError::kWrongType,
       R"(field "author_followers")"},
      {"text a number", Rec("1", R"("text":5)"), InputError::kWrongType, R"(field "text")"},
      {"invalid utf-8 in an unknown field", Rec("1", "\"lang\":\"\xff\xfe\""), InputError::kInvalidUtf8,
       "invalid UTF-8"},
      {"invalid utf-8 in a value read", Rec("\xc3\x28"), InputError::kInvalidUtf8, "invalid UTF-8"},
  };
}

TEST(NativeReader, EachBadInputReasonIsCountedWithItsLine) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    // line 1 good, line 2 bad, line 3 good.
    auto d = Decode("rapport", Rec("1") + "\n" + c.line + "\n" + Rec("2") + "\n");
    EXPECT_EQ(d.events.size(), 2u);
    EXPECT_EQ(d.errors.total(), 1);
    EXPECT_EQ(d.errors.count(c.reason), 1);
    ASSERT_EQ(d.errors.first().size(), 1u);
    const ErrorLocation& loc = d.errors.first()[0];
    EXPECT_EQ(loc.line, 2);
    EXPECT_EQ(loc.file, "test.in");
    EXPECT_THAT(loc.message, HasSubstr(c.message));
  }
}

TEST(NativeReader, ValueAfterTheObjectIsInvalidJson) {
  for (std::string tail : {" trailing", " 5", " \"x\"", " null", " [1]", " ]", ","}) {
    auto d = Decode("rapport", Rec("1") + tail + "\n" + Rec("2") + "\n");
    EXPECT_EQ(d.events.size(), 1u) << tail;
    EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kInvalidJson, 1))) << tail;
  }
}

// Regression (found by this suite, fixed in 04764b1): NativeReader::ParseLine read
// the first object of a line and never checked that the document ended there.
TEST(NativeReader, SecondObjectOrStrayBraceAfterTheObjectIsInvalidJson) {
  // `{...}{...}` (two records glued on one line, e.g. a lost newline) and `{...}}` are
  // not JSON documents: they must be skipped and counted, not half-read.
  for (const std::string& tail : std::vector<std::string>{"{}", R"( {"a":1})", " }", Rec("9")}) {
    auto d = Decode("rapport", Rec("1") + tail + "\n" + Rec("2") + "\n");
    EXPECT_EQ(d.events.size(), 1u) << tail;
    EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kInvalidJson, 1))) << tail;
  }
}

TEST(NativeReader, RecordLargerThanTheLimitIsTooLarge) {
  std::string huge = Rec("2", fmt::format(R"("lang":"{}")", std::string(16 << 20, 'a')));
  auto d = Decode("rapport", Rec("1") + "\n" + huge + "\n" + Rec("3") + "\n");
  EXPECT_EQ(d.events.size(), 2u);
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kTooLarge, 2)));
}

TEST(NativeReader, BlankLinesAreSkippedButCountedInLineNumbers) {
  std::string text = Rec("1") + "\n\n   \n\t\n" + "{bad\n" + Rec("2") + "\n";
  auto d = Decode("rapport", text);
  EXPECT_EQ(d.events.size(), 2u);
  EXPECT_THAT(ErrorLines(d.errors), ElementsAre(Pair(InputError::kInvalidJson, 5)));
}

TEST(NativeReader, CrlfLineEndsAndAMissingFinalNewlineAreAccepted) {
  auto d = Decode("rapport", Rec("1") + "\r\n" + Rec("2") + "\r\n" + Rec("3"));
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_EQ(d.events[2].id, "3");
}

TEST(NativeReader, UnknownKeysAreIgnored) {
  auto d = Decode("rapport", Rec("1", R"("lang":"en","verified":true,"extra":{"a":[1,2]})") + "\n");
  EXPECT_EQ(d.errors.total(), 0);
  EXPECT_EQ(d.events.size(), 1u);
}

TEST(NativeReader, CountersKeepUnknownApartFromZero) {
  auto d = Decode("rapport",
                  Rec("1", R"("metrics":{"likes":0,"shares":null,"replies":3,"impressions":12345678901,)"
                           R"("clicks":2.0,"reach":0,"bogus":7},"author_followers":null)") +
                      "\n" + Rec("2", R"("metrics":null,"author_followers":0)") + "\n");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 2u);
  const auto& a = d.events[0];
  EXPECT_EQ(a.counter(Counter::kLikes), 0);
  EXPECT_EQ(a.counter(Counter::kShares), kUnknown);   // null
  EXPECT_EQ(a.counter(Counter::kQuotes), kUnknown);   // absent
  EXPECT_EQ(a.counter(Counter::kReplies), 3);
  EXPECT_EQ(a.counter(Counter::kImpressions), 12345678901);
  EXPECT_EQ(a.counter(Counter::kClicks), 2);
  EXPECT_EQ(a.counter(Counter::kReach), 0);
  EXPECT_EQ(a.author_followers, kUnknown);
  const auto& b = d.events[1];
  for (int k = 0; k < kCounterCount; ++k) EXPECT_EQ(b.counters[k], kUnknown) << k;
  EXPECT_EQ(b.author_followers, 0);
}

TEST(NativeReader, CountersKeepUnknownApartFromZeroInTheTable) {
  TempDir dir;
  std::string path = dir.Write(
      "c.ndjson", Rec("1", R"("metrics":{"likes":0,"shares":null,"impressions":5000000000},"author_followers":0)") +
                      "\n" + Rec("2", R"("metrics":{"likes":4})") + "\n" +
                      Rec("3", R"("platform":"reddit","metrics":{"score":-12})") + "\n");
  auto in = IngestFiles({path});
  const EventTable& t = in->table;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.Counter(Counter::kLikes, 0), 0);
  EXPECT_EQ(t.Counter(Counter::kLikes, 1), 4);
  EXPECT_EQ(t.Counter(Counter::kShares, 0), kUnknown);
  EXPECT_EQ(t.Counter(Counter::kShares, 1), kUnknown);
  EXPECT_EQ(t.Counter(Counter::kImpressions, 0), 5000000000);  // beyond 32 bits, kept exactly
  EXPECT_EQ(t.Counter(Counter::kImpressions, 1), kUnknown);
  EXPECT_EQ(t.Counter(Counter::kScore, 2), -12);
  EXPECT_EQ(t.columns().followers[0], 0u);
  EXPECT_EQ(t.columns().followers[1], CounterColumns::kUnknown32);
}

TEST(NativeReader, IdsWrittenAsNumbersAreKeptAsTheirText) {
  auto d = Decode("rapport",
                  R"({"platform":"x","id": 1587 ,"type":"reply","author":4021,"author_handle":null,)"
                  R"("created_at":1509487847,"parent_id":1586,"conversation_id":1234567890123456789012})"
                  "\n");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 1u);
  const auto& e = d.events[0];
  EXPECT_EQ(e.id, "1587");
  EXPECT_EQ(e.author, "4021");
  EXPECT_EQ(e.author_handle, "");
  EXPECT_EQ(e.parent_id, "1586");
  EXPECT_EQ(e.conversation_id, "1234567890123456789012");
  EXPECT_EQ(e.created_at, 1509487847);
}

// Id-like strings without an escape are read straight from the line (GetIdLike), the
// others unescaped: both must give the string's value, whatever whitespace follows.
TEST(NativeReader, IdLikeStringsWithAndWithoutEscapes) {
  auto d = Decode("rapport",
                  R"({"platform":"x","id": "p\u00e9-7" ,"type":"reply","author" : "a\"b\\c"  ,)"
                  R"("author_handle":"@Acme\u0048elp","created_at":"2024-01-01T00:00:00Z",)"
                  R"("parent_id":"p-6"	,"conversation_id":"" , "text":"@x hi"})"
                  "\n");
  EXPECT_EQ(d.errors.total(), 0);
  ASSERT_EQ(d.events.size(), 1u);
  const auto& e = d.events[0];
  EXPECT_EQ(e.id, "p\u00e9-7");  // "pé-7"
  EXPECT_EQ(e.author, "a\"b\\c");
  EXPECT_EQ(e.author_handle, "@AcmeHelp");
  EXPECT_EQ(e.parent_id, "p-6");
  EXPECT_EQ(e.conversation_id, "");
  EXPECT_EQ(e.text, "@x hi");
}

TEST(NativeReader, TimestampsInEveryAcceptedForm) {
  struct Case {
    const char* json;
    Seconds want;
  };
  for (const Case& c : {Case{R"("2017-10-31T22:10:47Z")", 1509487847},
                        Case{R"("2017-10-31T23:10:47+01:00")", 1509487847},
                        Case{R"("2017-10-31")", 1509408000}, Case{R"("1509487847")", 1509487847},
                        Case{"1509487847", 1509487847}, Case{"1509487847.9", 1509487847},
                        Case{R"("Tue Oct 31 22:10:47 +0000 2017")", 1509487847}}) {
    auto d = Decode("rapport", Rec("1", fmt::format(R"("created_at":{})", c.json)) + "\n");
    ASSERT_EQ(d.events.size(), 1u) << c.json;
    EXPECT_EQ(d.events[0].created_at, c.want) << c.json;
  }
}

TEST(NativeReader, MentionsFieldPresentEvenWhenEmptyAndAbsentWhenNull) {
  auto d = Decode("rapport", Rec("1", R"("mentions":[])") + "\n" + Rec("2", R"("mentions":null)") +
                                 "\n" + Rec("3") + "\n");
  ASSERT_EQ(d.events.size(), 3u);
  EXPECT_TRUE(d.events[0].has_mentions_field);
  EXPECT_FALSE(d.events[1].has_mentions_field);
  EXPECT_FALSE(d.events[2].has_mentions_field);
}

TEST(NativeReader, InboundTrueFalseAndUnknown) {
  auto d = Decode("rapport", Rec("1", R"("inbound":true)") + "\n" + Rec("2", R"("inbound":false)") +
                                 "\n" + Rec("3", R"("inbound":null)") + "\n" + Rec("4") + "\n");
  ASSERT_EQ(d.events.size(), 4u);
  EXPECT_EQ(d.events[0].inbound, Inbound::kTrue);
  EXPECT_EQ(d.events[1].inbound, Inbound::kFalse);
  EXPECT_EQ(d.events[2].inbound, Inbound::kUnknown);
  EXPECT_EQ(d.events[3].inbound, Inbound::kUnknown);
}

TEST(NativeReader, UnknownPlatformIsOther) {
  auto d = Decode("rapport", Rec("1", R"("platform":"myspace")") + "\n" +
                                 Rec("2", R"("platform":"Reddit")") + "\n");
  ASSERT_EQ(d.events.size(), 2u);
  EXPECT_EQ(d.events[0].platform, Platform::kOther);
  EXPECT_EQ(d.events[1].platform, Platform::kReddit);
}

TEST(NativeReader, LineNumbersAreFileLinesAcrossBlocks) {
  // Lines 1..12; bad records on lines 3, 8 and 12, a blank line 6.
  std::string text;
  for (int line = 1; line <= 12; ++line) {
    if (line == 3 || line == 8) text += "{oops\n";
    else if (line == 12) text += R"({"platform":"x"})" "\n";
    else if (line == 6) text += "\n";
    else text += Rec(std::to_string(line)) + "\n";
  }
  auto whole = Decode("rapport", text);
  auto blocks = Decode("rapport", text, 64);  // every record is longer than a block
  auto small = Decode("rapport", text, 300);
  auto expect = ElementsAre(Pair(InputError::kInvalidJson, 3), Pair(InputError::kInvalidJson, 8),
                            Pair(InputError::kMissingField, 12));
  EXPECT_THAT(ErrorLines(whole.errors), expect);
  EXPECT_THAT(ErrorLines(blocks.errors), expect);
  EXPECT_THAT(ErrorLines(small.errors), expect);
  EXPECT_EQ(whole.events.size(), 8u);
  EXPECT_EQ(blocks.events.size(), 8u);
  EXPECT_EQ(small.events.size(), 8u);
}

// A file of 40 records of varied sizes with a few bad ones and a repeated id.
std::string MixedFile() {
  std::string text;
  for (int k = 0; k < 40; ++k) {
    if (k % 13 == 5) {
      text += "not json\n";
      continue;
    }
    std::string extra = fmt::format(R"("metrics":{{"likes":{}}},"text":"{}")", k, std::string(k * 3, 'x'));
    if (k % 7 == 0) extra += R"(,"parent_id":"0","type":"reply")";
    text += Rec(std::to_string(k % 37), extra) + (k % 11 == 0 ? "\r\n" : "\n");
  }
  return text;
}

TEST(NativeReader, SmallIngestBlocksGiveTheSameTableAsOneBlock) {
  TempDir dir;
  std::string path = dir.Write("mixed.ndjson", MixedFile());
  auto one = IngestFiles({path});
  auto many = IngestFiles({path}, 64);
  auto odd = IngestFiles({path}, 97);
  EXPECT_EQ(one->table.size(), 34u);  // 37 good records, ids 0..2 seen twice
  EXPECT_EQ(DumpTable(many->table), DumpTable(one->table));
  EXPECT_EQ(DumpTable(odd->table), DumpTable(one->table));
  EXPECT_EQ(ErrorLines(many->result.errors), ErrorLines(one->result.errors));
  EXPECT_EQ(ErrorLines(odd->result.errors), ErrorLines(one->result.errors));
  EXPECT_EQ(many->result.errors.count(InputError::kInvalidJson), 3);
  EXPECT_EQ(one->result.files.at(0).format, "rapport");
  EXPECT_EQ(many->result.files.at(0).bytes, one->result.files.at(0).bytes);
}

TEST(NativeReader, RepeatedIdsFoldAndTheLaterCountersWin) {
  TempDir dir;
  std::string path = dir.Write(
      "dup.ndjson",
      Rec("1", R"("metrics":{"likes":1,"shares":2,"replies":9},"author_followers":10)") + "\n" +
          Rec("2") + "\n" +
          Rec("1", R"("text":"edited","metrics":{"likes":5,"shares":null},"author_followers":null)") +
          "\n" + Rec("1", R"("platform":"reddit")") + "\n" +
          Rec("1", R"("metrics":{"replies":0}, "author_followers":12)") + "\n");
  auto in = IngestFiles({path});
  const EventTable& t = in->table;
  ASSERT_EQ(t.size(), 3u);  // x/1, x/2, reddit/1
  EXPECT_EQ(t.IdString(0), "1");
  EXPECT_EQ(t.Counter(Counter::kLikes, 0), 5);    // the later snapshot
  EXPECT_EQ(t.Counter(Counter::kShares, 0), 2);   // unknown later: the known value stays
  EXPECT_EQ(t.Counter(Counter::kReplies, 0), 0);  // 0 is a value, it replaces 9
  EXPECT_EQ(t.columns().followers[0], 12u);
  EXPECT_EQ(t.columns().platform[2], Platform::kReddit);
  EXPECT_EQ(in->result.errors.count(InputError::kDuplicate), 2);
  EXPECT_EQ(in->result.events, 3);
  ASSERT_FALSE(in->result.errors.first().empty());
  EXPECT_THAT(in->result.errors.first()[0].message, HasSubstr("id \"1\""));
  EXPECT_EQ(in->result.files.at(0).records, 5);
}

TEST(NativeReader, RepeatedIdAcrossFilesIsReportedInTheLaterFile) {
  TempDir dir;
  std::string a = dir.Write("a.ndjson", Rec("1", R"("metrics":{"likes":1})") + "\n" + Rec("2") + "\n");
  std::string b = dir.Write("b.ndjson", Rec("3") + "\n" + Rec("1", R"("metrics":{"likes":7})") + "\n");
  auto in = IngestFiles({a, b});
  EXPECT_EQ(in->table.size(), 3u);
  EXPECT_EQ(in->table.Counter(Counter::kLikes, 0), 7);
  ASSERT_EQ(in->result.errors.first().size(), 1u);
  EXPECT_EQ(in->result.errors.first()[0].reason, InputError::kDuplicate);
  EXPECT_EQ(in->result.errors.first()[0].file, b);
}

TEST(NativeReader, KeptErrorLocationsAreTheFirstOnesOfTheFile) {
  // 30 broken lines among 600; with 64-byte blocks parsed in parallel, the 10 kept
  // locations are still the first 10 broken lines, in order, and all 30 are counted.
  std::string text;
  std::vector<int64_t> broken;
  for (int line = 1; line <= 600; ++line) {
    if (line % 20 == 7) {
      text += "{broken\n";
      broken.push_back(line);
    } else {
      text += Rec(std::to_string(line)) + "\n";
    }
  }
  TempDir dir;
  auto in = IngestFiles({dir.Write("many.ndjson", text)}, 64);
  EXPECT_EQ(in->result.errors.count(InputError::kInvalidJson), 30);
  std::vector<int64_t> lines;
  for (const auto& loc : in->result.errors.first()) lines.push_back(loc.line);
  EXPECT_EQ(lines, std::vector<int64_t>(broken.begin(), broken.begin() + 10));
}

TEST(NativeReader, StrictModeStopsAtTheFirstBadRecordWithFileAndLine) {
  TempDir dir;
  std::string path = dir.Write("s.ndjson", Rec("1") + "\n" + Rec("2") + "\n{\n" + Rec("4") + "\n");
  static const Enricher enricher(std::vector<BrandSpec>{});
  EventTable table;
  IngestOptions options;
  options.inputs = {path};
  options.strict = true;
  try {
    Ingest(options, enricher, table);
    FAIL() << "no StrictModeError";
  } catch (const StrictModeError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path + ":3:"));
    EXPECT_THAT(e.what(), HasSubstr("invalid_json"));
  }
}

TEST(NativeReader, DetectionPrefersTheNativeReaderForNativeLines) {
  const Reader* r = DetectReader(Rec("1") + "\n");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name(), "rapport");
}

}  // namespace
}  // namespace rapport
