// `rapport synth --format F` for every format rapport reads: the output is detected
// as F by content, read by F's reader without a single input error, holds exactly
// the events the generator says it wrote (by type), every reply's parent is in it,
// and each event equals its twin in the native output of the same seed (same story,
// same time, type, parent, likes). Plus determinism across thread counts.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "../support/io_support.h"
#include "io/readers/csv_mapped.h"
#include "io/readers/reader.h"
#include "synth/formats/format_writer.h"
#include "synth/generator.h"
#include "synth/world.h"

namespace rapport::synth {
namespace {

constexpr uint64_t kEvents = 4000;
constexpr uint64_t kSeed = 29;

struct Output {
  std::string text;
  GenerateStats stats;
};

SynthOptions Options(SynthFormat format, uint64_t events, int threads = 0) {
  SynthOptions o;
  o.events = events;
  o.seed = kSeed;
  o.threads = threads;
  o.format = format;
  o.audience = 1500;  // not events / 4: the native twin below has more events
  if (auto p = FixedPlatform(format)) o.platforms = {{*p, 1}};
  return o;
}

Output Synthesize(const SynthOptions& o) {
  World world(o);
  Output out;
  auto stats = Generate(world, [&](std::string_view chunk) {
    out.text += chunk;
    return true;
  });
  EXPECT_TRUE(stats.has_value());
  if (stats) out.stats = *stats;
  return out;
}

struct ReadBack {
  const Reader* reader = nullptr;
  std::vector<test::DecodedEvent> events;
  InputErrors errors;
};

// Detection on the head as ingestion does it, then the detected reader on the whole
// text in 256 KiB blocks (cut at newlines when it is line-splittable).
ReadBack Read(std::string_view text, bool csv) {
  ReadBack r;
  r.reader = csv ? FindReader("csv") : DetectReader(text.substr(0, 64 << 10));
  if (!r.reader) return r;
  auto reader = r.reader->NewInstance();
  test::CollectingSink sink;
  BlockContext ctx{"synth.out"};
  size_t pos = 0;
  while (pos < text.size()) {
    size_t n = std::min<size_t>(256 << 10, text.size() - pos);
    if (pos + n < text.size()) n = text.substr(pos, n).rfind('\n') + 1;
    std::string padded(text.substr(pos, n));
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    reader->Parse(std::string_view(padded.data(), n), ctx, sink, r.errors);
    pos += n;
  }
  reader->Finish(ctx, sink, r.errors);
  r.events = std::move(sink.events);
  return r;
}

uint64_t Decode(std::string_view s, std::string_view digits) {
  uint64_t v = 0;
  for (char c : s) v = v * digits.size() + digits.find(c);
  return v;
}

// The generator's numeric id behind a format's id (the writers' encodings undone).
uint64_t NativeId(SynthFormat f, std::string_view id) {
  constexpr uint64_t kTrillion = 1000000000000ULL;  // offsets of long decimal ids
  switch (f) {
    case SynthFormat::kReddit:
      return Decode(id, kBase36) - 36ULL * 36 * 36 * 36 * 36 * 36 * 10;
    case SynthFormat::kBluesky:
      return UnscrambleId(Decode(id.substr(id.rfind('/') + 1), "234567abcdefghijklmnopqrstuvwxyz"));
    case SynthFormat::kYoutube:
      if (id.starts_with("Ugz")) {
        const size_t dot = id.find('.');
        return UnscrambleId(Decode(id.substr(dot == std::string_view::npos ? 3 : dot + 1, 11),
                                   kBase64Url));
      }
      return UnscrambleId(Decode(id, kBase64Url));
    case SynthFormat::kFacebook:
      return std::stoull(std::string(id.substr(id.rfind('_') + 1))) % kTrillion;
    case SynthFormat::kInstagram:
    case SynthFormat::kMastodon:
      return std::stoull(std::string(id)) % kTrillion;
    default:
      return std::stoull(std::string(id));
  }
}

// Formats that keep every reply's own parent (the others answer the first-level
// comment of a thread: YouTube, Facebook, Instagram).
bool KeepsNesting(SynthFormat f) {
  return f != SynthFormat::kYoutube && f != SynthFormat::kFacebook &&
         f != SynthFormat::kInstagram;
}
// Formats that write shares by embedding the original, which the reader reads again.
bool EmbedsOriginals(SynthFormat f) {
  return f == SynthFormat::kXv1 || f == SynthFormat::kMastodon || f == SynthFormat::kBluesky;
}
bool CarriesEveryType(SynthFormat f) {
  return f == SynthFormat::kNative || f == SynthFormat::kXv2 || f == SynthFormat::kXv1 ||
         f == SynthFormat::kMastodon || f == SynthFormat::kBluesky || f == SynthFormat::kCsv;
}

struct NativeEvent {
  EventType type;
  uint64_t parent;
  Seconds t;
  int64_t likes;
};

class SynthFormatTest : public ::testing::TestWithParam<SynthFormat> {};

TEST_P(SynthFormatTest, IsDetectedAndReadBackAsWritten) {
  const SynthFormat format = GetParam();
  const bool csv = format == SynthFormat::kCsv;
  std::shared_ptr<CsvMapping> mapping;
  if (csv) {
    mapping = std::make_shared<CsvMapping>();
    ParseCsvMap(kCsvMapping, *mapping);
    ValidateCsvMapping(*mapping);
    SetCsvMapping(mapping);
  }
  const Output out = Synthesize(Options(format, kEvents));
  ASSERT_EQ(out.stats.events, kEvents);
  ReadBack back = Read(out.text, csv);
  if (csv) SetCsvMapping(nullptr);
  ASSERT_NE(back.reader, nullptr) << "format not detected";
  EXPECT_EQ(back.reader->name(), SynthFormatName(format));
  EXPECT_EQ(back.errors.total(), 0u);
  for (const auto& loc : back.errors.first()) ADD_FAILURE() << loc.line << ": " << loc.message;

  // Distinct events (an embedded original is read twice), by type.
  std::map<std::string, const test::DecodedEvent*> by_id;
  uint64_t shares_read = 0;
  for (const auto& e : back.events) {
    by_id[e.id] = &e;
    shares_read += e.type == EventType::kShare;
  }
  EXPECT_EQ(by_id.size(), kEvents);
  EXPECT_EQ(back.events.size(), kEvents + (EmbedsOriginals(format) ? shares_read : 0));
  uint64_t by_type[6] = {};
  for (const auto& [id, e] : by_id) ++by_type[static_cast<int>(e->type)];
  for (int t = 0; t < 4; ++t)
    EXPECT_EQ(by_type[t], out.stats.by_type[t]) << EventTypeName(static_cast<EventType>(t));
  EXPECT_GT(out.stats.by_type[static_cast<int>(EventType::kPost)], 500u);
  EXPECT_GT(out.stats.by_type[static_cast<int>(EventType::kReply)], 1000u);
  const uint64_t shares = out.stats.by_type[static_cast<int>(EventType::kShare)];
  const uint64_t quotes = out.stats.by_type[static_cast<int>(EventType::kQuote)];
  if (CarriesEveryType(format)) {
    EXPECT_GT(shares, 100u);
  } else {
    EXPECT_EQ(shares, 0u);
  }
  if (CarriesEveryType(format)) {
    EXPECT_GT(quotes, 10u);
  } else {
    EXPECT_EQ(quotes, 0u);
  }

  // The same seed in native NDJSON (twice as many events, so that it holds every
  // story of the format's output): every event read is its twin.
  SynthOptions twin_options = Options(format, 2 * kEvents);
  twin_options.format = SynthFormat::kNative;
  const Output native = Synthesize(twin_options);
  const test::Decoded twins = test::Decode("rapport", native.text);
  ASSERT_EQ(twins.errors.total(), 0u);
  std::map<uint64_t, NativeEvent> twin;
  for (const auto& e : twins.events)
    twin[std::stoull(e.id)] = {e.type, e.parent_id.empty() ? 0 : std::stoull(e.parent_id),
                               e.created_at, e.counter(Counter::kLikes)};
  // Which formats' ids the reader keeps as is, to find a parent among the events read.
  std::set<uint64_t> read_ids;
  for (const auto& [id, e] : by_id) read_ids.insert(NativeId(format, id));
  size_t replies = 0, parents_found = 0, likes_checked = 0;
  for (const auto& [id, e] : by_id) {
    const uint64_t n = NativeId(format, id);
    auto it = twin.find(n);
    ASSERT_NE(it, twin.end()) << id;
    const NativeEvent& t = it->second;
    EXPECT_EQ(e->type, t.type) << id;
    EXPECT_EQ(e->created_at, t.t) << id;
    if (e->type == EventType::kReply || e->type == EventType::kQuote ||
        (e->type == EventType::kShare && !e->parent_id.empty())) {
      ASSERT_FALSE(e->parent_id.empty()) << id;
      const uint64_t parent = NativeId(format, e->parent_id);
      if (KeepsNesting(format)) {
        EXPECT_EQ(parent, t.parent) << id;
      } else {  // the parent is an ancestor: the first-level comment or the post
        uint64_t a = t.parent;
        while (a && a != parent) a = twin[a].parent;
        EXPECT_EQ(a, parent) << id;
      }
      if (e->type == EventType::kReply) {
        ++replies;
        parents_found += read_ids.count(parent);
      }
    }
    if (e->type != EventType::kShare && format != SynthFormat::kTwcs) {  // TWCS: no counters
      const Counter c = format == SynthFormat::kReddit ? Counter::kScore : Counter::kLikes;
      // Reddit's score counts the author's own upvote.
      EXPECT_EQ(e->counter(c), t.likes + (format == SynthFormat::kReddit ? 1 : 0)) << id;
      ++likes_checked;
    }
  }
  EXPECT_EQ(replies, out.stats.by_type[static_cast<int>(EventType::kReply)]);
  EXPECT_EQ(parents_found, replies);  // no reply without its parent
  if (format != SynthFormat::kTwcs) {
    EXPECT_GT(likes_checked, kEvents / 2);
  }
}

TEST_P(SynthFormatTest, SameBytesWhateverTheThreads) {
  const Output one = Synthesize(Options(GetParam(), 3000, 1));
  const Output two = Synthesize(Options(GetParam(), 3000, 2));
  EXPECT_EQ(one.text, two.text);
  EXPECT_EQ(one.stats.bytes, one.text.size());
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, SynthFormatTest,
    ::testing::Values(SynthFormat::kNative, SynthFormat::kXv2, SynthFormat::kXv1,
                      SynthFormat::kReddit, SynthFormat::kMastodon, SynthFormat::kBluesky,
                      SynthFormat::kYoutube, SynthFormat::kFacebook, SynthFormat::kInstagram,
                      SynthFormat::kTwcs, SynthFormat::kCsv),
    [](const auto& info) {
      std::string name(SynthFormatName(info.param));
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    });

}  // namespace
}  // namespace rapport::synth
