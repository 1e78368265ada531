// Turns the world into native NDJSON events (FORMATS.md), one *story* at a time: a
// conversation (root, replies, brand answers, shares) plus the quotes of its posts.
// Story k depends only on (seed, k), so stories are generated in parallel batches
// and written in story order: the output does not depend on the thread count, and
// memory stays bounded (a story is at most a few hundred events).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "synth/formats/format_writer.h"
#include "synth/lexicon.h"
#include "synth/random.h"
#include "synth/world.h"

namespace rapport::synth {

class StoryGenerator {
 public:
  explicit StoryGenerator(const World& world);
  // Appends the events of story `story` to out, one line each in the options' format, parents before their
  // replies; returns the number of lines. Events after the end of the range have not
  // happened yet and are left out (so late messages are pending, not unanswered).
  // When `types` is given, the EventType of each line is appended to it. Events the
  // format cannot carry (shares on Reddit) are drawn but not written, nor their replies.
  size_t Generate(uint64_t story, std::string& out, std::vector<uint8_t>* types = nullptr);

 private:
  struct Node {
    Seconds t;
    int32_t parent;   // index in nodes_, -1 for a root
    int32_t root;     // conversation root (a quote starts its own conversation)
    uint64_t author;  // an audience rank, or kBrandAuthor | brand << 8 | account
    EventType type;
    TextKind text;
    uint8_t depth;
    int8_t inbound;   // 1 true, 0 false, -1 null
    uint8_t variant;  // template position, chosen early for questions and their answers
    bool keep;
    bool written;                         // the format carried it (record in the story's out)
    size_t record_begin, record_size;     // where, without its newline
    uint32_t first_reply, reply_fill;     // its replies' ids in reply_ids_
    uint32_t replies, shares, quotes;     // kept children, filled before rendering
    uint32_t extra_shares, extra_quotes;  // counted by the platform, not in the sample
  };

  int Add(int parent, Seconds t, uint64_t author, EventType type, TextKind text, int8_t inbound);
  uint64_t OtherUser(uint64_t not_this);
  TextKind Opinion(TextKind positive, TextKind negative, TextKind neutral, double neutral_share);

  void BuildSupport(const Incident* incident);
  void BuildBroadcast();
  void BuildBuzz();
  void BuildChatter();
  void AddAudienceReplies(uint64_t count, int max_depth);

  void RenderText(const Node& n, std::string& out);
  void AppendAuthorId(uint64_t author, std::string& out);
  void AppendHandle(uint64_t author, std::string& out);
  void AddMention(uint64_t author);
  void AddHashtag(std::string_view tag);
  int64_t Followers(uint64_t author, Seconds t) const;
  uint64_t IdOf(int index) const;
  // Draws the text and counters of n into event_, for the format's writer.
  void Fill(const Node& n);
  struct Counters {
    int64_t likes, shares, quotes, replies, impressions, reach, clicks, saves;  // -1: unknown
  };
  Counters DrawCounters(const Node& n);

  const World& world_;
  std::unique_ptr<FormatWriter> writer_;
  Rng rng_{0};
  std::vector<Node> nodes_;
  uint64_t story_ = 0;
  std::string* story_out_ = nullptr;
  Platform platform_ = Platform::kX;
  size_t brand_ = 0, other_brand_ = 0;
  // Per-event scratch, reused so that rendering allocates nothing once warm.
  std::vector<std::string> mentions_, hashtags_;
  size_t mention_count_ = 0, hashtag_count_ = 0;
  uint32_t urls_ = 0;
  std::string scratch_;
  std::string text_, author_id_, handle_, parent_author_id_, parent_handle_, parent_record_,
      root_author_id_, root_handle_;
  std::vector<uint64_t> reply_ids_;
  SynthEvent event_;
};

struct GenerateStats {
  uint64_t events = 0;  // lines written (not counting a CSV header)
  uint64_t bytes = 0;
  // Events written per EventType (post, reply, quote, share, ...): what a reader of
  // the output must find. Every reply's parent is written too.
  uint64_t by_type[6] = {};
};

// Receives the output in large chunks, in order; returns false to stop (an error).
using ChunkWriter = std::function<bool(std::string_view)>;

// Writes exactly options().events lines. nullopt when the writer failed.
std::optional<GenerateStats> Generate(const World& world, const ChunkWriter& write);

}  // namespace rapport::synth
