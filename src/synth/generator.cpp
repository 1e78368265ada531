#include "synth/generator.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

#include "tbb/concurrent_queue.h"
#include "tbb/enumerable_thread_specific.h"
#include "tbb/parallel_pipeline.h"
#include "tbb/task_arena.h"

namespace rapport::synth {
namespace {

// Authors: audience ranks are below 2^63; brand accounts set the top bit.
constexpr uint64_t kBrandAuthor = 1ULL << 63;
constexpr uint64_t BrandAuthor(size_t brand, int account) {
  return kBrandAuthor | static_cast<uint64_t>(brand) << 8 | static_cast<uint64_t>(account);
}
constexpr bool IsBrand(uint64_t author) {
  return (author & kBrandAuthor) != 0;
}
constexpr size_t BrandOf(uint64_t author) {
  return (author & ~kBrandAuthor) >> 8;
}
constexpr int AccountOf(uint64_t author) {
  return static_cast<int>(author & 0xFF);
}

// Event ids are (story + 1) * kIdStride + index in the story: unique without any
// coordination between threads. Stories stay far below the stride (replies under
// a broadcast are capped at kMaxBroadcastReplies, each with at most two follow-ups).
constexpr uint64_t kIdStride = 10000;
constexpr uint64_t kMaxBroadcastReplies = 300;
constexpr int kMaxDepth = 6;  // deepest reply chains seen under brand posts
constexpr uint8_t kAnyVariant = 0xFF;

// What a story is about. Broadcasts are rare but large (replies, shares); support
// conversations and buzz are most of the volume, as in brand-monitoring exports.
enum StoryKind { kBroadcastStory, kSupportStory, kBuzzStory, kChatterStory };
constexpr double kStoryMix[] = {0.07, 0.43, 0.40, 0.10};
// Each incident takes this share of all stories, packed into a few hours: enough for
// the first hour of an incident to pass E8's min_count (10) even in the bundled
// example (~1,000 stories), and far above the baseline at any size.
constexpr double kIncidentShare = 0.02;

Seconds Delay(double seconds) {
  return static_cast<Seconds>(std::clamp(seconds, 30.0, 60.0 * 86400));
}

int64_t Count(double x) {
  return static_cast<int64_t>(std::clamp(std::floor(x), 0.0, 1e12));
}

template <typename T>
std::string_view PickFrom(Rng& rng, std::span<const T> items) {
  return items[rng.Below(items.size())];
}

bool IsComplaint(TextKind k) {
  return k == TextKind::kSupportComplaint || k == TextKind::kIncident ||
         k == TextKind::kCustomerStillBad;
}

}  // namespace

StoryGenerator::StoryGenerator(const World& world)
    : world_(world), writer_(NewFormatWriter(world.options().format)) {
  nodes_.reserve(1024);
  mentions_.resize(8);
  hashtags_.resize(8);
}

int StoryGenerator::Add(int parent, Seconds t, uint64_t author, EventType type, TextKind text,
                        int8_t inbound) {
  Node n{};
  n.t = t;
  n.parent = parent;
  n.author = author;
  n.type = type;
  n.text = text;
  n.inbound = inbound;
  n.variant = kAnyVariant;
  if (text == TextKind::kSupportQuestion || text == TextKind::kReplyQuestion)
    n.variant = static_cast<uint8_t>(rng_.Below(Templates(text).size()));
  const int index = static_cast<int>(nodes_.size());
  if (parent < 0 || type == EventType::kQuote) {
    n.root = index;  // a quote starts its own conversation, as on X
    n.depth = 0;
  } else {
    n.root = nodes_[static_cast<size_t>(parent)].root;
    n.depth = static_cast<uint8_t>(nodes_[static_cast<size_t>(parent)].depth + 1);
  }
  nodes_.push_back(n);
  return index;
}

uint64_t StoryGenerator::OtherUser(uint64_t not_this) {
  for (int tries = 0; tries < 8; ++tries) {
    uint64_t u = world_.DrawUser(rng_);
    if (u != not_this) return u;
  }
  return not_this + 1 < world_.audience() ? not_this + 1 : 0;
}

TextKind StoryGenerator::Opinion(TextKind positive, TextKind negative, TextKind neutral,
                                 double neutral_share) {
  if (rng_.Chance(neutral_share)) return neutral;
  return rng_.Chance(world_.brands()[brand_].positivity) ? positive : negative;
}

// A customer writes to the brand's care account; the brand answers or not, and the
// customer may come back, over several rounds (E2 turns, E3 exchanges, E11 shifts).
void StoryGenerator::BuildSupport(const Incident* incident) {
  const SynthBrand& b = world_.brands()[brand_];
  const uint64_t customer = world_.DrawUser(rng_);
  TextKind said;
  Seconds t0;
  if (incident) {
    said = TextKind::kIncident;
    t0 = world_.DrawIncidentTime(rng_, *incident);
  } else {
    t0 = world_.DrawTime(rng_, World::Rhythm::kAudience);
    const double praise = 0.25 * b.positivity;
    const double w[] = {0.65 - praise, 0.35, praise};
    constexpr TextKind kinds[] = {TextKind::kSupportComplaint, TextKind::kSupportQuestion,
                                  TextKind::kSupportPraise};
    said = kinds[rng_.Weighted(w)];
  }
  const TextKind first = said;
  const int root = Add(-1, t0, customer, EventType::kPost, said, 1);
  if (IsComplaint(said) && rng_.Chance(0.12))  // "same here"
    Add(root, t0 + Delay(rng_.LogNormal(3600, 1.2)), OtherUser(customer), EventType::kReply,
        TextKind::kAudienceToAudience, -1);

  int last = root;  // the customer's latest message
  int turn_start = root;
  for (int round = 0; round < 6; ++round) {
    const double eagerness = said == TextKind::kSupportPraise || said == TextKind::kCustomerResolved
                                 ? 0.75
                             : said == TextKind::kCustomerNeutral ? 0.95
                                                                  : 1.0;
    const auto answer =
        world_.AnswerTime(b, nodes_[static_cast<size_t>(turn_start)].t, eagerness, rng_);
    // Waiting customers nudge ("hello??"): the same turn, until the brand speaks.
    if ((IsComplaint(said) || said == TextKind::kSupportQuestion) && rng_.Chance(0.25)) {
      const Seconds tn = nodes_[static_cast<size_t>(last)].t + Delay(rng_.LogNormal(2400, 0.8));
      if (!answer || tn + 60 < *answer)
        last = Add(last, tn, customer, EventType::kReply, TextKind::kNudge, 1);
    }
    if (!answer) break;
    const Seconds ta = std::max(*answer, nodes_[static_cast<size_t>(last)].t + 30);
    TextKind reply_kind;
    if (round > 0)
      reply_kind =
          said == TextKind::kCustomerResolved ? TextKind::kBrandThanks : TextKind::kBrandFollowUp;
    else if (first == TextKind::kSupportQuestion)
      reply_kind = TextKind::kBrandAnswer;
    else if (first == TextKind::kSupportPraise)
      reply_kind = TextKind::kBrandThanks;
    else
      reply_kind = TextKind::kBrandApology;
    const int reply =
        Add(last, ta, BrandAuthor(brand_, b.support), EventType::kReply, reply_kind, 0);
    if (reply_kind == TextKind::kBrandAnswer)  // answers the question asked
      nodes_[static_cast<size_t>(reply)].variant = nodes_[static_cast<size_t>(root)].variant;
    if (said == TextKind::kSupportPraise || said == TextKind::kCustomerResolved) break;
    if (!rng_.Chance(round == 0 ? 0.6 : 0.4)) break;
    const Seconds tc = ta + Delay(rng_.LogNormal(1200, 1.3));
    if (rng_.Chance(std::min(1.0, b.resolve * (1.0 + 0.3 * round))))
      said = TextKind::kCustomerResolved;
    else
      said = rng_.Chance(0.5) ? TextKind::kCustomerNeutral : TextKind::kCustomerStillBad;
    last = turn_start = Add(reply, tc, customer, EventType::kReply, said, 1);
  }
}

// A brand post with its audience: replies to the post and to each other (nested),
// brand answers to some of them, shares and quotes (E1, E3, E4, E5).
void StoryGenerator::BuildBroadcast() {
  const SynthBrand& b = world_.brands()[brand_];
  const Seconds t0 = world_.DrawTime(rng_, World::Rhythm::kOffice);
  const int root =
      Add(-1, t0, BrandAuthor(brand_, 0), EventType::kPost,
          rng_.Chance(b.promo_share) ? TextKind::kBroadcastPromo : TextKind::kBroadcastContent, 0);
  // Replies per post are Pareto: most posts get a handful, a few get hundreds.
  const uint64_t replies = std::min<uint64_t>(
      kMaxBroadcastReplies, static_cast<uint64_t>(Count(rng_.Pareto(1.0, 1.3) * b.popularity - 1)));
  std::vector<int> audience_replies;
  for (uint64_t i = 0; i < replies; ++i) {
    int parent = root;
    if (!audience_replies.empty() && rng_.Chance(0.45)) {
      // Conversations continue under recent replies, which makes chains deep.
      const size_t back = rng_.Below(std::min<size_t>(6, audience_replies.size()));
      const int candidate = audience_replies[audience_replies.size() - 1 - back];
      if (nodes_[static_cast<size_t>(candidate)].depth < kMaxDepth) parent = candidate;
    }
    if (parent != root) {
      const Node& p = nodes_[static_cast<size_t>(parent)];
      const Seconds t = p.t + Delay(rng_.LogNormal(25 * 60, 1.4));
      audience_replies.push_back(Add(parent, t, OtherUser(p.author), EventType::kReply,
                                     TextKind::kAudienceToAudience, -1));
      continue;
    }
    const uint64_t user = world_.DrawUser(rng_);
    const TextKind kind =
        Opinion(TextKind::kReplyPositive, TextKind::kReplyNegative, TextKind::kReplyQuestion, 0.3);
    const Seconds t = t0 + Delay(rng_.LogNormal(45 * 60, 1.5));
    const int r = Add(root, t, user, EventType::kReply, kind, 1);
    audience_replies.push_back(r);
    const double eagerness = b.dialogue * (kind == TextKind::kReplyQuestion   ? 1.2
                                           : kind == TextKind::kReplyNegative ? 1.0
                                                                              : 0.5);
    const auto answer = world_.AnswerTime(b, t, eagerness, rng_);
    if (!answer) continue;
    const bool positive = kind == TextKind::kReplyPositive;
    const TextKind answer_kind = positive                           ? TextKind::kBrandThanks
                                 : kind == TextKind::kReplyQuestion ? TextKind::kBrandAnswerPost
                                                                    : TextKind::kBrandApology;
    const int br = Add(r, *answer, BrandAuthor(brand_, positive ? 0 : b.support), EventType::kReply,
                       answer_kind, 0);
    nodes_[static_cast<size_t>(br)].variant = nodes_[static_cast<size_t>(r)].variant;
    if (!positive && rng_.Chance(0.35)) {
      const TextKind back = rng_.Chance(b.resolve) ? TextKind::kCustomerResolved
                            : rng_.Chance(0.5)     ? TextKind::kCustomerNeutral
                                                   : TextKind::kCustomerStillBad;
      Add(br, *answer + Delay(rng_.LogNormal(1800, 1.2)), user, EventType::kReply, back, 1);
    }
  }
  // Counters hold every share and quote; the sample holds some of them as events, as a
  // search API would return.
  const int64_t shares = Count(rng_.Pareto(1.0, 1.1) * b.popularity * 2.0 - 1);
  const int64_t shown_shares = std::min<int64_t>(shares, 6);
  for (int64_t i = 0; i < shown_shares; ++i)
    Add(root, t0 + Delay(rng_.LogNormal(2 * 3600, 1.4)), world_.DrawUser(rng_), EventType::kShare,
        TextKind::kChatter, -1);
  const int64_t quotes = static_cast<int64_t>(rng_.Geometric(1.0 / (1.0 + 0.6 * b.popularity)));
  const int64_t shown_quotes = std::min<int64_t>(quotes, 3);
  for (int64_t i = 0; i < shown_quotes; ++i)
    Add(root, t0 + Delay(rng_.LogNormal(3 * 3600, 1.3)), world_.DrawUser(rng_), EventType::kQuote,
        Opinion(TextKind::kQuotePositive, TextKind::kQuoteNegative, TextKind::kQuotePositive, 0),
        -1);
  nodes_[static_cast<size_t>(root)].extra_shares = static_cast<uint32_t>(shares - shown_shares);
  nodes_[static_cast<size_t>(root)].extra_quotes = static_cast<uint32_t>(quotes - shown_quotes);
}

// An audience post that names a brand without writing to it (E6 buzz), sometimes
// discussed, sometimes answered by a brand that watches its mentions.
void StoryGenerator::BuildBuzz() {
  const SynthBrand& b = world_.brands()[brand_];
  const Seconds t0 = world_.DrawTime(rng_, World::Rhythm::kAudience);
  const TextKind kind =
      other_brand_ != brand_ && rng_.Chance(0.12)
          ? TextKind::kCompare
          : Opinion(TextKind::kBuzzPositive, TextKind::kBuzzNegative, TextKind::kBuzzNeutral, 0.3);
  const int root = Add(-1, t0, world_.DrawUser(rng_), EventType::kPost, kind, -1);
  AddAudienceReplies(std::min<uint64_t>(8, rng_.Geometric(0.6)), 4);
  const double eagerness = b.dialogue * (kind == TextKind::kBuzzNegative   ? 0.3
                                         : kind == TextKind::kBuzzPositive ? 0.12
                                                                           : 0.06);
  if (const auto answer = world_.AnswerTime(b, t0, eagerness, rng_)) {
    const bool negative = kind == TextKind::kBuzzNegative;
    Add(root, *answer, BrandAuthor(brand_, negative ? b.support : 0), EventType::kReply,
        negative                          ? TextKind::kBrandApology
        : kind == TextKind::kBuzzPositive ? TextKind::kBrandThanks
                                          : TextKind::kBrandHello,
        0);
  }
  if (rng_.Chance(0.1)) {
    const uint64_t shares = 1 + std::min<uint64_t>(5, rng_.Geometric(0.5));
    for (uint64_t i = 0; i < shares; ++i)
      Add(root, t0 + Delay(rng_.LogNormal(3 * 3600, 1.2)), world_.DrawUser(rng_), EventType::kShare,
          TextKind::kChatter, -1);
  }
}

void StoryGenerator::BuildChatter() {
  Add(-1, world_.DrawTime(rng_, World::Rhythm::kAudience), world_.DrawUser(rng_), EventType::kPost,
      TextKind::kChatter, -1);
  AddAudienceReplies(std::min<uint64_t>(6, rng_.Geometric(0.55)), 4);
}

void StoryGenerator::AddAudienceReplies(uint64_t count, int max_depth) {
  for (uint64_t i = 0; i < count; ++i) {
    int parent = 0;
    for (int tries = 0; tries < 3; ++tries) {
      const int c = static_cast<int>(rng_.Below(nodes_.size()));
      const Node& n = nodes_[static_cast<size_t>(c)];
      if (n.type != EventType::kShare && n.depth < max_depth) {
        parent = c;
        break;
      }
    }
    const Node& p = nodes_[static_cast<size_t>(parent)];
    Add(parent, p.t + Delay(rng_.LogNormal(30 * 60, 1.4)), OtherUser(p.author), EventType::kReply,
        TextKind::kAudienceToAudience, IsBrand(p.author) ? 1 : -1);
  }
}

size_t StoryGenerator::Generate(uint64_t story, std::string& out, std::vector<uint8_t>* types) {
  story_ = story;
  story_out_ = &out;
  rng_ = Rng(Mix(world_.options().seed, story));
  nodes_.clear();
  platform_ = world_.DrawPlatform(rng_);
  if (const auto fixed = FixedPlatform(world_.options().format)) platform_ = *fixed;
  brand_ = world_.DrawBrand(rng_);
  const size_t brands = world_.brands().size();
  other_brand_ = brands > 1 ? (brand_ + 1 + rng_.Below(brands - 1)) % brands : brand_;
  const Incident* incident = nullptr;
  for (const Incident& inc : world_.incidents()) {
    if (rng_.Chance(kIncidentShare)) {
      incident = &inc;
      brand_ = static_cast<size_t>(inc.brand);
      break;
    }
  }
  if (incident) {
    BuildSupport(incident);
  } else {
    switch (rng_.Weighted(kStoryMix)) {
      case kBroadcastStory:
        BuildBroadcast();
        break;
      case kSupportStory:
        BuildSupport(nullptr);
        break;
      case kBuzzStory:
        BuildBuzz();
        break;
      default:
        BuildChatter();
        break;
    }
  }

  // Keep what has happened by the end of the range; children are always later than
  // their parents, so a dropped parent drops its whole subtree.
  const Seconds end = world_.range_end();
  for (Node& n : nodes_) {
    n.keep = n.t <= end && (n.parent < 0 || nodes_[static_cast<size_t>(n.parent)].keep);
    n.replies = n.shares = n.quotes = 0;
  }
  for (const Node& n : nodes_) {
    if (!n.keep || n.parent < 0) continue;
    Node& p = nodes_[static_cast<size_t>(n.parent)];
    if (n.type == EventType::kReply) ++p.replies;
    if (n.type == EventType::kShare) ++p.shares;
    if (n.type == EventType::kQuote) ++p.quotes;
  }
  // The ids of each node's kept replies, in one array (a counting sort by parent).
  uint32_t next = 0;
  for (Node& n : nodes_) {
    n.first_reply = next;
    next += n.replies;
  }
  reply_ids_.assign(next, 0);
  for (Node& n : nodes_) n.reply_fill = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (!n.keep || n.parent < 0 || n.type != EventType::kReply) continue;
    Node& p = nodes_[static_cast<size_t>(n.parent)];
    reply_ids_[p.first_reply + p.reply_fill++] = IdOf(static_cast<int>(i));
  }
  size_t lines = 0;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    n.written = false;
    if (!n.keep) continue;
    // The text and counters are drawn for every kept event, written or not, so that
    // every format tells the same stories from the same seed.
    Fill(n);
    // An event whose parent the format could not carry is left out with it.
    if (n.parent >= 0 && !nodes_[static_cast<size_t>(n.parent)].written) continue;
    const size_t begin = out.size();
    if (!writer_->Write(event_, out)) continue;
    n.written = true;
    n.record_begin = begin;
    n.record_size = out.size() - begin - 1;
    if (types) types->push_back(static_cast<uint8_t>(n.type));
    ++lines;
  }
  return lines;
}

void StoryGenerator::AppendHandle(uint64_t author, std::string& out) {
  if (IsBrand(author))
    out += world_.brands()[BrandOf(author)].handles[static_cast<size_t>(AccountOf(author))];
  else
    world_.AppendUserHandle(author, out);
}

void StoryGenerator::AddMention(uint64_t author) {
  scratch_.clear();
  AppendHandle(author, scratch_);
  for (size_t i = 0; i < mention_count_; ++i)
    if (mentions_[i] == scratch_) return;
  if (mention_count_ < mentions_.size()) mentions_[mention_count_++].assign(scratch_);
}

void StoryGenerator::AddHashtag(std::string_view tag) {
  for (size_t i = 0; i < hashtag_count_; ++i)
    if (hashtags_[i] == tag) return;
  if (hashtag_count_ < hashtags_.size()) hashtags_[hashtag_count_++].assign(tag);
}

void StoryGenerator::RenderText(const Node& n, std::string& out) {
  const SynthBrand& b = world_.brands()[brand_];
  const auto templates = Templates(n.text);
  const char* p = templates[n.variant != kAnyVariant ? n.variant % templates.size()
                                                     : rng_.Below(templates.size())];
  for (;;) {
    const char* slot = std::strchr(p, '$');
    if (!slot) {
      out += p;
      return;
    }
    out.append(p, static_cast<size_t>(slot - p));
    const char code = slot[1];
    p = slot + 2;
    switch (code) {
      case 'H':
      case 'M': {
        const uint64_t account = BrandAuthor(brand_, code == 'H' ? b.support : 0);
        out += '@';
        AppendHandle(account, out);
        AddMention(account);
        break;
      }
      case 'U': {
        const uint64_t addressed =
            n.parent >= 0 ? nodes_[static_cast<size_t>(n.parent)].author : BrandAuthor(brand_, 0);
        out += '@';
        AppendHandle(addressed, out);
        AddMention(addressed);
        break;
      }
      case 'B':
        out += b.display;
        break;
      case 'C':
        out += world_.brands()[other_brand_].display;
        break;
      case 'T':
        out += '#';
        out += b.name;
        AddHashtag(b.name);
        break;
      case 'K': {
        const std::string_view tag = PickFrom(rng_, TopicHashtags());
        out += '#';
        out += tag;
        AddHashtag(tag);
        break;
      }
      case 'P':
        out += PickFrom(rng_, Products());
        break;
      case 'F':
        out += PickFrom(rng_, Features());
        break;
      case 'W':
        out += PickFrom(rng_, TimePhrases());
        break;
      case '+':
        out += PickFrom(rng_, PositiveWords());
        break;
      case '-':
        out += PickFrom(rng_, NegativeWords());
        break;
      case 'E':
        out += PickFrom(rng_, PositiveEmoji());
        break;
      case 'e':
        out += PickFrom(rng_, NegativeEmoji());
        break;
      case 'S':
        out += PickFrom(rng_, AgentInitials());
        break;
      case 'n':
        AppendUint(out, static_cast<uint64_t>(rng_.Between(2, 14)));
        break;
      case 'D':
        AppendUint(out, static_cast<uint64_t>(rng_.Between(2, 10) * 5));
        break;
      case 'O':
        AppendUint(out, static_cast<uint64_t>(rng_.Between(10000000, 99999999)));
        break;
      case 'Y': {
        constexpr int kPrices[] = {9, 14, 19, 24, 29, 39, 49, 79, 99};
        out += '$';
        AppendUint(out, static_cast<uint64_t>(rng_.Pick(kPrices)));
        out += ".99";
        break;
      }
      case 'L': {
        // Brands link to their site; the audience links elsewhere.
        out += "https://";
        if (IsBrand(n.author) || n.text == TextKind::kBroadcastPromo ||
            n.text == TextKind::kBroadcastContent) {
          out += b.name;
          out += ".example/";
        } else {
          out += "news.example/";
        }
        constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        uint64_t bits = rng_.Next();
        for (int i = 0; i < 7; ++i, bits /= 36) out += kChars[bits % 36];
        ++urls_;
        break;
      }
      default:  // a template typo: keep it visible rather than silently dropping it
        out += '$';
        out += code;
        break;
    }
  }
}

StoryGenerator::Counters StoryGenerator::DrawCounters(const Node& n) {
  if (n.type == EventType::kShare) return {0, 0, 0, 0, -1, -1, -1, -1};
  const int64_t shares = n.shares + n.extra_shares, quotes = n.quotes + n.extra_quotes;
  int64_t likes, impressions = -1, reach = -1, clicks = -1, saves = -1;
  if (IsBrand(n.author)) {
    const SynthBrand& b = world_.brands()[BrandOf(n.author)];
    const double followers = static_cast<double>(
        world_.BrandFollowers(static_cast<int>(BrandOf(n.author)), AccountOf(n.author), n.t));
    double views;
    if (n.parent < 0) {
      // Broadcasts reach a few percent of followers; each interaction brings more.
      views = followers * rng_.LogNormal(0.05, 0.6) * b.popularity +
              60.0 * static_cast<double>(n.replies + shares + quotes);
      likes = Count(views * rng_.LogNormal(0.012, 0.8));
    } else {
      views = rng_.LogNormal(250, 1.0);
      likes = Count(rng_.Pareto(1.0, 2.0) - 1);
    }
    // Only X gives an account its impressions, reach, link clicks and bookmarks here;
    // on Mastodon and Bluesky they are unknown (E1 coverage).
    if (platform_ == Platform::kX) {
      impressions = std::max<int64_t>(Count(views), likes + n.replies);
      reach = Count(static_cast<double>(impressions) * (0.55 + 0.35 * rng_.Uniform()));
      clicks = urls_ ? Count(static_cast<double>(impressions) * rng_.LogNormal(0.01, 0.7)) : 0;
      saves = Count(static_cast<double>(likes) * 0.06 * rng_.Uniform());
    }
  } else {
    const double followers = static_cast<double>(world_.UserFollowers(n.author));
    likes = Count(rng_.Pareto(1.0, 1.7) * (1.0 + followers / 3000.0) - 1);
  }
  return {likes, shares, quotes, n.replies, impressions, reach, clicks, saves};
}

void StoryGenerator::AppendAuthorId(uint64_t author, std::string& out) {
  if (IsBrand(author))
    out += world_.brands()[BrandOf(author)].author_ids[static_cast<size_t>(AccountOf(author))];
  else
    world_.AppendUserId(author, out);
}

int64_t StoryGenerator::Followers(uint64_t author, Seconds t) const {
  return IsBrand(author) ? world_.BrandFollowers(static_cast<int>(BrandOf(author)),
                                                 AccountOf(author), t)
                         : world_.UserFollowers(author);
}

uint64_t StoryGenerator::IdOf(int index) const {
  return (story_ + 1) * kIdStride + static_cast<uint64_t>(index);
}

void StoryGenerator::Fill(const Node& n) {
  const int index = static_cast<int>(&n - nodes_.data());
  SynthEvent& e = event_;
  e.platform = platform_;
  e.type = n.type;
  e.id = IdOf(index);
  e.parent_id = n.parent >= 0 ? IdOf(n.parent) : 0;
  e.conversation_id = IdOf(n.root);
  e.depth = n.depth;
  e.root_id = e.conversation_id;
  e.thread_id = 0;
  if (n.type == EventType::kReply) {
    int top = index;
    while (nodes_[static_cast<size_t>(top)].depth > 1) top = nodes_[static_cast<size_t>(top)].parent;
    e.thread_id = IdOf(top);
  }
  e.t = n.t;
  author_id_.clear();
  AppendAuthorId(n.author, author_id_);
  e.author_id = author_id_;
  handle_.clear();
  AppendHandle(n.author, handle_);
  e.handle = handle_;
  e.followers = Followers(n.author, n.t);
  e.brand = IsBrand(n.author);
  text_.clear();
  mention_count_ = hashtag_count_ = 0;
  urls_ = 0;
  if (n.type != EventType::kShare) RenderText(n, text_);
  e.text = text_;
  e.mentions = mentions_.data();
  e.mention_count = mention_count_;
  e.hashtags = hashtags_.data();
  e.hashtag_count = hashtag_count_;
  e.urls = urls_;
  const Counters c = DrawCounters(n);
  e.likes = c.likes;
  e.shares = c.shares;
  e.quotes = c.quotes;
  e.replies = c.replies;
  e.impressions = c.impressions;
  e.reach = c.reach;
  e.clicks = c.clicks;
  e.saves = c.saves;
  e.inbound = n.inbound;
  parent_author_id_.clear();
  parent_handle_.clear();
  parent_record_.clear();
  root_author_id_.clear();
  if (n.parent >= 0) {
    const Node& p = nodes_[static_cast<size_t>(n.parent)];
    AppendAuthorId(p.author, parent_author_id_);
    AppendHandle(p.author, parent_handle_);
    // A copy: the writer appends to the buffer the record lives in.
    if (p.written) parent_record_.assign(*story_out_, p.record_begin, p.record_size);
  }
  AppendAuthorId(nodes_[static_cast<size_t>(n.root)].author, root_author_id_);
  root_handle_.clear();
  AppendHandle(nodes_[static_cast<size_t>(n.root)].author, root_handle_);
  e.root_handle = root_handle_;
  e.page_handle = world_.brands()[brand_].handles[0];
  e.reply_ids = reply_ids_.data() + n.first_reply;
  e.reply_count = n.replies;
  e.parent_author_id = parent_author_id_;
  e.parent_handle = parent_handle_;
  e.parent_record = parent_record_;
  e.root_author_id = root_author_id_;
}

std::optional<GenerateStats> Generate(const World& world, const ChunkWriter& write) {
  const uint64_t target = world.options().events;
  GenerateStats stats;
  if (target == 0) return stats;
  if (const std::string_view header = NewFormatWriter(world.options().format)->Header();
      !header.empty()) {
    if (!write(header)) return std::nullopt;
    stats.bytes += header.size();
  }

  // A batch of consecutive stories: big enough that the serial stages are cheap
  // (~250 KB of output), small enough that a stopped run wastes little.
  constexpr uint64_t kStoriesPerBatch = 256;
  struct Batch {
    uint64_t first_story = 0;
    std::string text;
    uint64_t lines = 0;
    std::vector<uint8_t> types;  // of each line
  };
  tbb::concurrent_queue<Batch*> free_batches;
  std::vector<std::unique_ptr<Batch>> all_batches;  // owned here, touched by stage 1 only
  tbb::enumerable_thread_specific<StoryGenerator> generators(std::cref(world));
  std::atomic<bool> done{false};
  bool failed = false;
  uint64_t next_batch = 0;

  tbb::task_arena arena(world.options().threads > 0 ? world.options().threads
                                                    : tbb::task_arena::automatic);
  const size_t tokens = 2 * static_cast<size_t>(arena.max_concurrency());
  arena.execute([&] {
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, Batch*>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> Batch* {
                                         if (done.load(std::memory_order_relaxed)) {
                                           fc.stop();
                                           return nullptr;
                                         }
                                         Batch* b = nullptr;
                                         if (!free_batches.try_pop(b)) {
                                           all_batches.push_back(std::make_unique<Batch>());
                                           b = all_batches.back().get();
                                         }
                                         b->first_story = next_batch++ * kStoriesPerBatch;
                                         return b;
                                       }) &
            tbb::make_filter<Batch*, Batch*>(tbb::filter_mode::parallel,
                                             [&](Batch* b) {
                                               b->text.clear();
                                               b->types.clear();
                                               b->lines = 0;
                                               if (done.load(std::memory_order_relaxed)) return b;
                                               StoryGenerator& gen = generators.local();
                                               for (uint64_t s = 0; s < kStoriesPerBatch; ++s)
                                                 b->lines +=
                                                     gen.Generate(b->first_story + s, b->text, &b->types);
                                               return b;
                                             }) &
            tbb::make_filter<Batch*, void>(tbb::filter_mode::serial_in_order, [&](Batch* b) {
              if (!done.load(std::memory_order_relaxed)) {
                std::string_view text = b->text;
                uint64_t lines = b->lines;
                if (stats.events + lines >= target) {
                  // Cut after the last line needed. Stories list parents first, so
                  // the cut never keeps a reply without its parent.
                  lines = target - stats.events;
                  size_t pos = 0;
                  for (uint64_t k = 0; k < lines; ++k) pos = text.find('\n', pos) + 1;
                  text = text.substr(0, pos);
                  done = true;
                }
                if (!text.empty() && !write(text)) {
                  failed = true;
                  done = true;
                }
                stats.events += lines;
                stats.bytes += text.size();
                for (uint64_t k = 0; k < lines; ++k) ++stats.by_type[b->types[k]];
              }
              free_batches.push(b);
            }));
  });
  if (failed) return std::nullopt;
  return stats;
}

}  // namespace rapport::synth
