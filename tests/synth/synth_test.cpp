// rapport synth: determinism, the schema of every line, thread consistency, and the
// shape of the data the metrics need (unanswered turns, heavy tails, rhythms).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "core/time.h"
#include "simdjson.h"
#include "synth/generator.h"
#include "synth/lexicon.h"
#include "synth/world.h"
#include "toml++/toml.h"

namespace rapport::synth {
namespace {

std::string Synthesize(const SynthOptions& options) {
  World world(options);
  std::string out;
  auto stats = Generate(world, [&](std::string_view chunk) {
    out += chunk;
    return true;
  });
  EXPECT_TRUE(stats.has_value());
  if (stats) {
    EXPECT_EQ(stats->events, options.events);
    EXPECT_EQ(stats->bytes, out.size());
  }
  return out;
}

SynthOptions Options(uint64_t events, uint64_t seed, int threads = 0) {
  SynthOptions o;
  o.events = events;
  o.seed = seed;
  o.threads = threads;
  return o;
}

size_t CountLines(std::string_view s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

struct Event {
  std::string platform, id, type, author, parent, conversation, text;
  Seconds t = 0;
  std::vector<std::string> mentions;
  bool has_impressions = false;
  int inbound = -1;  // -1 null
  int depth = 0;
};

// Parses and checks every line against the native schema (FORMATS.md).
std::vector<Event> ParseAll(const std::string& ndjson) {
  std::vector<Event> events;
  simdjson::ondemand::parser parser;
  size_t pos = 0, line_no = 0;
  while (pos < ndjson.size()) {
    size_t nl = ndjson.find('\n', pos);
    EXPECT_NE(nl, std::string::npos) << "last line without a newline";
    if (nl == std::string::npos) break;
    ++line_no;
    simdjson::padded_string line(ndjson.data() + pos, nl - pos);
    pos = nl + 1;
    simdjson::ondemand::document doc;
    if (parser.iterate(line).get(doc) != simdjson::SUCCESS) {
      ADD_FAILURE() << "not JSON at line " << line_no;
      continue;
    }
    simdjson::ondemand::object obj;
    EXPECT_EQ(doc.get_object().get(obj), simdjson::SUCCESS);
    Event e;
    std::set<std::string> keys;
    for (auto field : obj) {
      std::string_view key = field.unescaped_key().value();
      keys.insert(std::string(key));
      auto v = field.value();
      auto str = [&](std::string& out) {
        std::string_view s;
        EXPECT_EQ(v.get_string().get(s), simdjson::SUCCESS) << key << " at line " << line_no;
        out = std::string(s);
      };
      if (key == "platform")
        str(e.platform);
      else if (key == "id")
        str(e.id);
      else if (key == "type")
        str(e.type);
      else if (key == "author")
        str(e.author);
      else if (key == "conversation_id")
        str(e.conversation);
      else if (key == "text")
        str(e.text);
      else if (key == "author_handle") {
        std::string h;
        str(h);
        EXPECT_EQ(h[0], '@');
      } else if (key == "created_at") {
        std::string s;
        str(s);
        auto t = ParseRfc3339(s);
        EXPECT_TRUE(t) << s;
        if (t) {
          EXPECT_EQ(FormatRfc3339(*t), s) << "not canonical RFC 3339 UTC";
          e.t = *t;
        }
      } else if (key == "parent_id") {
        if (!v.is_null().value()) str(e.parent);
      } else if (key == "mentions" || key == "hashtags") {
        for (auto item : v.get_array()) {
          std::string_view s = item.get_string().value();
          EXPECT_FALSE(s.empty());
          EXPECT_NE(s[0], '@');
          EXPECT_NE(s[0], '#');
          if (key == "mentions") e.mentions.emplace_back(s);
        }
      } else if (key == "urls" || key == "author_followers") {
        int64_t n;
        EXPECT_EQ(v.get_int64().get(n), simdjson::SUCCESS) << key;
        EXPECT_GE(n, 0);
      } else if (key == "metrics") {
        std::set<std::string> counters;
        for (auto m : v.get_object()) {
          std::string_view name = m.unescaped_key().value();
          counters.insert(std::string(name));
          auto mv = m.value();
          if (mv.is_null().value()) continue;
          int64_t n;
          EXPECT_EQ(mv.get_int64().get(n), simdjson::SUCCESS) << name;
          EXPECT_GE(n, 0) << name;
          if (name == "impressions") e.has_impressions = true;
        }
        // X calls saved posts bookmarks (and E1 counts them as such); elsewhere saves.
        EXPECT_EQ(counters, (std::set<std::string>{"likes", "shares", "quotes", "replies",
                                                   "impressions", "reach", "clicks",
                                                   e.platform == "x" ? "bookmarks" : "saves"}))
            << e.platform;
      } else if (key == "inbound") {
        if (!v.is_null().value()) e.inbound = v.get_bool().value() ? 1 : 0;
      } else if (key == "lang") {
        std::string s;
        str(s);
        EXPECT_EQ(s, "en");
      }
    }
    EXPECT_EQ(keys, (std::set<std::string>{"platform", "id", "type", "author", "author_handle",
                                           "created_at", "parent_id", "conversation_id", "text",
                                           "mentions", "hashtags", "urls", "metrics",
                                           "author_followers", "lang", "inbound"}))
        << "line " << line_no;
    EXPECT_TRUE(e.type == "post" || e.type == "reply" || e.type == "share" || e.type == "quote")
        << e.type;
    EXPECT_FALSE(e.id.empty());
    EXPECT_FALSE(e.author.empty());
    events.push_back(std::move(e));
  }
  return events;
}

std::set<std::string> BrandAuthors(const World& world) {
  std::set<std::string> out;
  for (const auto& b : world.brands())
    for (const auto& a : b.author_ids) out.insert(a);
  return out;
}

TEST(Synth, SameSeedSameBytesAnyThreads) {
  const std::string one = Synthesize(Options(20000, 42, 1));
  EXPECT_EQ(one, Synthesize(Options(20000, 42, 2)));
  EXPECT_EQ(one, Synthesize(Options(20000, 42, 4)));
  EXPECT_NE(one, Synthesize(Options(20000, 43, 1)));
}

TEST(Synth, WritesExactlyNLines) {
  for (uint64_t n : {0, 1, 2, 7, 999, 5001}) {
    const std::string out = Synthesize(Options(n, 5));
    EXPECT_EQ(CountLines(out), n) << n;
    if (n) {
      EXPECT_EQ(out.back(), '\n');
    }
  }
}

TEST(Synth, ShorterRunIsAPrefix) {
  // Stories come in a fixed order, so asking for fewer events cuts the same stream
  // (given the same audience size, which otherwise grows with the event count).
  SynthOptions long_options = Options(3000, 9), short_options = Options(1234, 9);
  long_options.audience = short_options.audience = 1000;
  const std::string long_run = Synthesize(long_options);
  const std::string short_run = Synthesize(short_options);
  EXPECT_EQ(long_run.compare(0, short_run.size(), short_run), 0);
}

class SynthData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    options_ = new SynthOptions(Options(30000, 2024));
    world_ = new World(*options_);
    text_ = new std::string(Synthesize(*options_));
    events_ = new std::vector<Event>(ParseAll(*text_));
    // Depth in the reply chain, for ordering like METRICS.md E2.
    absl::flat_hash_map<std::string, size_t> index;
    for (size_t i = 0; i < events_->size(); ++i)
      index[(*events_)[i].platform + "/" + (*events_)[i].id] = i;
    for (auto& e : *events_) {
      const Event* p = &e;
      while (!p->parent.empty() && p->type == "reply") {
        auto it = index.find(p->platform + "/" + p->parent);
        if (it == index.end()) break;
        p = &(*events_)[it->second];
        ++e.depth;
      }
    }
  }
  static void TearDownTestSuite() {
    delete events_;
    delete text_;
    delete world_;
    delete options_;
  }
  static SynthOptions* options_;
  static World* world_;
  static std::string* text_;
  static std::vector<Event>* events_;
};
SynthOptions* SynthData::options_ = nullptr;
World* SynthData::world_ = nullptr;
std::string* SynthData::text_ = nullptr;
std::vector<Event>* SynthData::events_ = nullptr;

TEST_F(SynthData, EveryLineIsValid) {
  EXPECT_EQ(events_->size(), options_->events);
}

TEST_F(SynthData, IdsAreUniqueAndParentsExistEarlier) {
  absl::flat_hash_map<std::string, const Event*> by_id;
  for (const auto& e : *events_)
    EXPECT_TRUE(by_id.emplace(e.platform + "/" + e.id, &e).second) << "duplicate id " << e.id;
  size_t replies = 0;
  for (const auto& e : *events_) {
    EXPECT_GE(e.t, world_->range_start());
    EXPECT_LE(e.t, world_->range_end());
    EXPECT_TRUE(by_id.contains(e.platform + "/" + e.conversation)) << e.id;
    if (e.type == "post") {
      EXPECT_TRUE(e.parent.empty());
      EXPECT_EQ(e.conversation, e.id);
      continue;
    }
    ASSERT_FALSE(e.parent.empty()) << e.type << " " << e.id << " has no parent";
    auto it = by_id.find(e.platform + "/" + e.parent);
    ASSERT_NE(it, by_id.end()) << "parent of " << e.id << " missing";
    EXPECT_LT(it->second->t, e.t) << e.id << " is not after its parent";
    if (e.type == "reply") {
      EXPECT_EQ(it->second->conversation, e.conversation);
      ++replies;
    }
    if (e.type == "quote") {
      EXPECT_EQ(e.conversation, e.id);  // as on X
    }
  }
  EXPECT_GT(replies, events_->size() / 3);
}

TEST_F(SynthData, BrandsAnswerAfterTheMessage) {
  const auto brands = BrandAuthors(*world_);
  absl::flat_hash_map<std::string, const Event*> by_id;
  for (const auto& e : *events_) by_id[e.platform + "/" + e.id] = &e;
  size_t brand_replies = 0;
  for (const auto& e : *events_) {
    if (!brands.count(e.author)) continue;
    EXPECT_EQ(e.inbound, 0) << "brand messages are marked inbound=false";
    if (e.type != "reply") continue;
    ++brand_replies;
    const Event* p = by_id.at(e.platform + "/" + e.parent);
    EXPECT_LT(p->t, e.t);
    EXPECT_FALSE(brands.count(p->author)) << "brands answer the audience";
  }
  EXPECT_GT(brand_replies, events_->size() / 20);
}

TEST_F(SynthData, MixOfTypesPlatformsAndDepths) {
  std::map<std::string, size_t> types, platforms;
  std::map<int, size_t> depths;
  for (const auto& e : *events_) {
    ++types[e.type];
    ++platforms[e.platform];
    if (e.type == "reply") ++depths[e.depth];
  }
  EXPECT_GT(types["share"], 0u);
  EXPECT_GT(types["quote"], 0u);
  EXPECT_GT(platforms["x"], events_->size() / 2);
  EXPECT_GT(platforms["mastodon"], 0u);
  EXPECT_GT(platforms["bluesky"], 0u);
  EXPECT_GT(depths[4], 0u);
  EXPECT_GT(depths[6], 0u);
}

// A simplified E2: consecutive inbound messages of an author form a turn, a brand
// message in the conversation closes all turns, a brand reply to one of the turn's
// messages answers it.
struct TurnStats {
  size_t answered = 0, unanswered = 0;
  std::vector<double> in_hours_delay, off_hours_delay;
  size_t in_hours_answered = 0, in_hours_total = 0, off_hours_answered = 0, off_hours_total = 0;
};

TurnStats Turns(const std::vector<Event>& events, const World& world) {
  const auto brands = BrandAuthors(world);
  std::map<std::string, std::vector<const Event*>> conversations;
  for (const auto& e : events)
    if (e.type != "share") conversations[e.platform + "/" + e.conversation].push_back(&e);
  TurnStats s;
  const Seconds horizon = world.range_end() - 7 * 86400;
  for (auto& [key, list] : conversations) {
    std::sort(list.begin(), list.end(), [](const Event* a, const Event* b) {
      return a->t != b->t ? a->t < b->t : a->depth < b->depth;
    });
    struct Open {
      Seconds start;
      std::set<std::string> ids;
    };
    std::map<std::string, Open> open;
    auto close = [&](const Open& turn, std::optional<Seconds> answer) {
      if (!answer && turn.start > horizon) return;  // pending
      const bool in_hours = world.InBusinessHours(turn.start);
      (in_hours ? s.in_hours_total : s.off_hours_total)++;
      if (answer) {
        ++s.answered;
        (in_hours ? s.in_hours_answered : s.off_hours_answered)++;
        (in_hours ? s.in_hours_delay : s.off_hours_delay)
            .push_back(static_cast<double>(*answer - turn.start));
      } else {
        ++s.unanswered;
      }
    };
    for (const Event* e : list) {
      if (brands.count(e->author)) {
        for (auto& [author, turn] : open)
          close(turn, turn.ids.count(e->parent) ? std::optional<Seconds>(e->t) : std::nullopt);
        open.clear();
      } else if (e->inbound == 1) {
        auto [it, fresh] = open.try_emplace(e->author, Open{e->t, {}});
        it->second.ids.insert(e->id);
      }
    }
    for (auto& [author, turn] : open) close(turn, std::nullopt);
  }
  return s;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

TEST_F(SynthData, SomeInboundTurnsGoUnanswered) {
  const TurnStats s = Turns(*events_, *world_);
  const double unanswered =
      static_cast<double>(s.unanswered) / static_cast<double>(s.answered + s.unanswered);
  EXPECT_GT(unanswered, 0.15);
  EXPECT_LT(unanswered, 0.40);
}

TEST_F(SynthData, BusinessHoursAreFasterAndLikelier) {
  const TurnStats s = Turns(*events_, *world_);
  const double in_rate = static_cast<double>(s.in_hours_answered) / s.in_hours_total;
  const double off_rate = static_cast<double>(s.off_hours_answered) / s.off_hours_total;
  EXPECT_GT(in_rate, off_rate);
  const double in_median = Median(s.in_hours_delay), off_median = Median(s.off_hours_delay);
  EXPECT_LT(in_median, off_median);
  EXPECT_GT(in_median, 5 * 60.0);
  EXPECT_LT(in_median, 90 * 60.0);
}

TEST_F(SynthData, AudienceActivityIsHeavyTailed) {
  const auto brands = BrandAuthors(*world_);
  absl::flat_hash_map<std::string, size_t> per_author;
  size_t total = 0;
  for (const auto& e : *events_) {
    if (brands.count(e.author) || e.type == "share") continue;
    ++per_author[e.author];
    ++total;
  }
  std::vector<size_t> counts;
  size_t one_off = 0;
  for (auto& [a, n] : per_author) {
    counts.push_back(n);
    one_off += n == 1;
  }
  std::sort(counts.rbegin(), counts.rend());
  const size_t top = std::max<size_t>(1, counts.size() / 100);
  size_t top_total = 0;
  for (size_t i = 0; i < top; ++i) top_total += counts[i];
  EXPECT_GT(static_cast<double>(top_total) / static_cast<double>(total), 0.10);
  EXPECT_GT(static_cast<double>(one_off) / static_cast<double>(counts.size()), 0.25);
}

TEST_F(SynthData, IncidentsAreSpikesOfComplaints) {
  ASSERT_FALSE(world_->incidents().empty());
  for (const Incident& inc : world_->incidents()) {
    const SynthBrand& brand = world_->brands()[static_cast<size_t>(inc.brand)];
    const std::string care = brand.handles[static_cast<size_t>(brand.support)];
    std::map<Seconds, size_t> per_hour;
    for (const auto& e : *events_)
      if (e.inbound == 1 && std::count(e.mentions.begin(), e.mentions.end(), care))
        ++per_hour[e.t / 3600];
    const size_t hours = static_cast<size_t>((world_->range_end() - world_->range_start()) / 3600);
    std::vector<double> counts;
    size_t peak = 0;
    for (auto& [hour, n] : per_hour) {
      counts.push_back(static_cast<double>(n));
      if (hour * 3600 >= inc.start - 3600 && hour * 3600 <= inc.end) peak = std::max(peak, n);
    }
    counts.resize(hours, 0.0);  // hours without any message
    EXPECT_GE(peak, 10u) << brand.name;
    EXPECT_GT(static_cast<double>(peak), 10 * (Median(counts) + 1)) << brand.name;
  }
}

TEST_F(SynthData, ImpressionsOnlyOnBrandContent) {
  const auto brands = BrandAuthors(*world_);
  size_t with = 0;
  for (const auto& e : *events_) {
    if (!brands.count(e.author) || e.type == "share") {
      EXPECT_FALSE(e.has_impressions) << e.id;
    } else if (e.platform == "x") {
      EXPECT_TRUE(e.has_impressions) << e.id;
      ++with;
    }
  }
  EXPECT_GT(with, 0u);
}

TEST_F(SynthData, TextsCarryBrandsSentimentAndOffers) {
  size_t positive = 0, negative = 0, promo = 0, brand_terms = 0;
  for (const auto& e : *events_) {
    const std::string& t = e.text;
    auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
    positive += has("great") || has("love") || has("thank") || has("awesome") || has("perfect");
    negative += has("terrible") || has("worst") || has("broken") || has("useless") ||
                has("disappointed") || has("awful");
    promo += (has("% off") || has("Shop now") || has("promo code")) && has("https://");
    brand_terms += has("Acme") || has("#acme");
  }
  const double n = static_cast<double>(events_->size());
  EXPECT_GT(positive / n, 0.05);
  EXPECT_GT(negative / n, 0.03);
  EXPECT_GT(promo, 10u);
  EXPECT_GT(brand_terms / n, 0.05);
}

TEST_F(SynthData, MentionsMatchTheText) {
  for (const auto& e : *events_)
    for (const auto& m : e.mentions) EXPECT_NE(e.text.find("@" + m), std::string::npos) << e.text;
}

TEST(SynthWorld, IncidentsAreInsideTheRange) {
  World world(Options(1000, 1));
  ASSERT_EQ(world.incidents().size(), 2u);
  for (const auto& inc : world.incidents()) {
    EXPECT_GE(inc.start, world.range_start());
    EXPECT_LE(inc.end, world.range_end());
    EXPECT_LT(inc.start, inc.end);
  }
}

TEST(SynthWorld, HandlesAndIdsAreUnique) {
  World world(Options(1000, 1));
  absl::flat_hash_set<std::string> handles, ids;
  for (uint64_t rank = 0; rank < 200000; ++rank) {
    std::string h, id;
    world.AppendUserHandle(rank, h);
    world.AppendUserId(rank, id);
    EXPECT_TRUE(handles.insert(h).second) << h;
    EXPECT_TRUE(ids.insert(id).second) << id;
  }
}

TEST(SynthWorld, DefaultRangeIsTwelveWeeksEndingJune30) {
  World world(Options(1000, 1));
  EXPECT_EQ(FormatRfc3339(world.range_start()), "2024-04-08T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(world.range_end()), "2024-06-30T23:59:59Z");
}

TEST(SynthWorld, BusinessHoursInAZone) {
  SynthOptions o = Options(1000, 1);
  o.tz_name = "Europe/Paris";
  o.tz = *LoadZone("Europe/Paris");
  World world(o);
  // Monday 2024-06-03: 09:00 in Paris is 07:00 UTC (summer time).
  EXPECT_FALSE(world.InBusinessHours(*ParseRfc3339("2024-06-03T06:59:59Z")));
  EXPECT_TRUE(world.InBusinessHours(*ParseRfc3339("2024-06-03T07:00:00Z")));
  EXPECT_FALSE(world.InBusinessHours(*ParseRfc3339("2024-06-03T15:00:00Z")));
  // Friday evening -> Monday 09:00 local.
  EXPECT_EQ(world.NextOpening(*ParseRfc3339("2024-06-07T18:00:00Z")),
            *ParseRfc3339("2024-06-10T07:00:00Z"));
}

TEST(SynthOptions, ParsesBusinessHours) {
  std::string error;
  auto bh = ParseBusinessHours("Mon-Fri 09:00-17:00", &error);
  ASSERT_TRUE(bh);
  EXPECT_EQ(bh->days, 0x1F);
  EXPECT_EQ(bh->open_minute, 540);
  EXPECT_EQ(bh->close_minute, 1020);
  bh = ParseBusinessHours("Sat,Sun 10:00-14:30", &error);
  ASSERT_TRUE(bh);
  EXPECT_EQ(bh->days, 0x60);
  EXPECT_EQ(bh->close_minute, 14 * 60 + 30);
  EXPECT_FALSE(ParseBusinessHours("Mon-Fri", &error));
  EXPECT_FALSE(ParseBusinessHours("Mon-Fri 17:00-09:00", &error));
  EXPECT_FALSE(ParseBusinessHours("Moon 09:00-17:00", &error));
  EXPECT_NE(error.find("Mon-Fri 09:00-17:00"), std::string::npos);
}

TEST(SynthOptions, ParsesPlatformMix) {
  std::string error;
  auto mix = ParsePlatformMix("x=3,bluesky=1", &error);
  ASSERT_TRUE(mix);
  ASSERT_EQ(mix->size(), 2u);
  EXPECT_EQ((*mix)[1].platform, Platform::kBluesky);
  EXPECT_FALSE(ParsePlatformMix("myspace=1", &error));
  EXPECT_FALSE(ParsePlatformMix("x=0", &error));
  EXPECT_FALSE(ParsePlatformMix("x=abc", &error));
}

TEST(SynthOptions, OnePlatformOnly) {
  SynthOptions o = Options(500, 3);
  o.platforms = {{Platform::kMastodon, 1}};
  const std::string out = Synthesize(o);
  EXPECT_EQ(out.find("\"platform\":\"x\""), std::string::npos);
}

TEST(SynthConfig, TomlDescribesTheBrands) {
  SynthOptions o = Options(100, 1);
  World world(o);
  const std::string text = BrandsToml(world, "rapport synth --events 100");
  auto table = toml::parse(text);
  auto* brands = table["brand"].as_array();
  ASSERT_NE(brands, nullptr);
  ASSERT_EQ(brands->size(), 5u);
  auto& acme = *brands->get(0)->as_table();
  EXPECT_EQ(acme["name"].value_or(std::string()), "acme");
  EXPECT_EQ(acme["accounts"][0].value_or(std::string()), "@Acme");
  EXPECT_EQ(acme["accounts"][1].value_or(std::string()), "@AcmeHelp");
  EXPECT_EQ(acme["terms"][0].value_or(std::string()), "acme");
  EXPECT_EQ(acme["hashtags"][0].value_or(std::string()), "#acme");
  EXPECT_FALSE(acme["competitor"].value_or(false));
  EXPECT_TRUE((*brands->get(4)->as_table())["competitor"].value_or(false));
}

TEST(SynthLexicon, AnswersArePairedWithQuestions) {
  EXPECT_EQ(Templates(TextKind::kSupportQuestion).size(), Templates(TextKind::kBrandAnswer).size());
  EXPECT_EQ(Templates(TextKind::kReplyQuestion).size(),
            Templates(TextKind::kBrandAnswerPost).size());
}

TEST(SynthLexicon, TemplatesNeedNoJsonEscaping) {
  const std::string slots = "HMBTCUPFW+-EenDYOLKS";
  auto check = [](std::string_view s) {
    for (char c : s) {
      EXPECT_NE(c, '"') << s;
      EXPECT_NE(c, '\\') << s;
      EXPECT_GE(static_cast<unsigned char>(c), 0x20) << s;
    }
  };
  for (int k = 0; k < static_cast<int>(TextKind::kCount); ++k) {
    const auto templates = Templates(static_cast<TextKind>(k));
    EXPECT_FALSE(templates.empty()) << k;
    for (const char* t : templates) {
      check(t);
      for (const char* p = std::strchr(t, '$'); p; p = std::strchr(p + 2, '$'))
        EXPECT_NE(slots.find(p[1]), std::string::npos) << "unknown slot in: " << t;
    }
  }
  for (auto list :
       {Products(), Features(), PositiveWords(), NegativeWords(), TimePhrases(), TopicHashtags(),
        HandleAdjectives(), HandleNouns(), AgentInitials(), BrandNames(), SupportSuffixes()})
    for (const char* w : list) check(w);
}

}  // namespace
}  // namespace rapport::synth
