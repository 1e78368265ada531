// How `rapport synth --format F` writes one generated event: the generator builds a
// story, draws each event's text and counters once (whatever the format, so every
// format tells the same stories from the same seed), and hands a SynthEvent to the
// format's writer. One writer per format, one file each (src/synth/formats/).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/event.h"
#include "core/time.h"

namespace rapport::synth {

// One generated event, everything a writer may need. Views point into the
// generator's buffers and are valid during Write only.
struct SynthEvent {
  Platform platform = Platform::kX;
  EventType type = EventType::kPost;
  uint64_t id = 0;
  uint64_t parent_id = 0;        // 0: none (a root)
  uint64_t conversation_id = 0;  // the root of its conversation (a quote is its own)
  uint64_t thread_id = 0;        // replies: the first-level reply above it (itself at depth 1)
  uint64_t root_id = 0;          // replies: the post at the top of the thread
  int depth = 0;                 // 0 for a post, a quote or a share
  Seconds t = 0;
  std::string_view author_id;    // digits, or a brand's lower-cased handle
  std::string_view handle;       // without '@'
  int64_t followers = 0;
  bool brand = false;            // written by a brand account
  std::string_view text;         // empty for a share
  const std::string* mentions = nullptr;  // handles, without '@'
  size_t mention_count = 0;
  const std::string* hashtags = nullptr;  // without '#'
  size_t hashtag_count = 0;
  uint32_t urls = 0;
  // Counters; -1 = unknown. A share's are 0 (likes ... replies) and unknown.
  int64_t likes = 0, shares = 0, quotes = 0, replies = 0;
  int64_t impressions = -1, reach = -1, clicks = -1, saves = -1;
  int8_t inbound = -1;  // 1 true, 0 false, -1 null
  // The parent's author and, when the parent was written, its record as written (no
  // newline): v1.1 retweets and Mastodon reblogs embed the original.
  std::string_view parent_author_id, parent_handle, parent_record;
  std::string_view root_author_id, root_handle;  // the author of root_id
  std::string_view page_handle;  // the main account of the brand the story is about
  // The ids of the replies that answer this event (TWCS's response_tweet_id).
  const uint64_t* reply_ids = nullptr;
  size_t reply_count = 0;
};

class FormatWriter {
 public:
  virtual ~FormatWriter() = default;
  // Appends e as exactly one line ending in '\n', or nothing (false) when the format
  // cannot carry such an event (a share on Reddit); the event's replies are then
  // left out too.
  virtual bool Write(const SynthEvent& e, std::string& out) = 0;
  // Written once before the first event (a CSV header); empty for JSON formats.
  virtual std::string_view Header() const { return {}; }
};

enum class SynthFormat {
  kNative, kXv2, kXv1, kReddit, kMastodon, kBluesky, kYoutube, kFacebook, kInstagram, kTwcs, kCsv
};

// "rapport", "x-v2", ... as `--format` takes them (the reader names).
std::optional<SynthFormat> ParseSynthFormat(std::string_view name);
std::string_view SynthFormatName(SynthFormat f);
std::string_view SynthFormatNames();  // "rapport, x-v2, ..." for messages
// The platform every story is on in this format, or nullopt when the format carries
// any (native, csv).
std::optional<Platform> FixedPlatform(SynthFormat f);
std::unique_ptr<FormatWriter> NewFormatWriter(SynthFormat f);

// The `--map` that reads `--format csv` output (docs/synth.md).
extern const char kCsvMapping[];

// Helpers shared by writers.
void AppendUint(std::string& out, uint64_t v);
void AppendInt(std::string& out, int64_t v);  // "null" when negative
// Civil fields of UTC seconds.
struct CivilTime {
  int year, month, day, hour, minute, second, weekday;  // weekday 0 = Monday
};
CivilTime ToCivil(Seconds t);
// "2024-05-24T12:57:35" (no zone), then the caller's suffix.
void AppendIsoSeconds(std::string& out, Seconds t);
// Twitter v1.1's "Fri May 24 12:57:35 +0000 2024".
void AppendTwitterTime(std::string& out, Seconds t);
// base-N encodings of ids, fixed width (leading zero digits), for formats whose ids
// are not decimal numbers.
void AppendBase(std::string& out, uint64_t v, std::string_view digits, int width);
constexpr std::string_view kBase36 = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// A bijection of 64-bit ids, for formats whose ids look random (YouTube, Bluesky):
// Unscramble(Scramble(v)) == v.
constexpr uint64_t kScrambleFactor = 0x9E3779B97F4A7C15ULL;  // odd: invertible mod 2^64
constexpr uint64_t ScrambleId(uint64_t v) {
  v *= kScrambleFactor;
  return v ^ (v >> 29);
}
constexpr uint64_t UnscrambleId(uint64_t v) {
  v ^= (v >> 29) ^ (v >> 58);
  uint64_t inverse = kScrambleFactor;  // Newton's iteration for the inverse mod 2^64
  for (int i = 0; i < 5; ++i) inverse *= 2 - kScrambleFactor * inverse;
  return v * inverse;
}
static_assert(UnscrambleId(ScrambleId(123456789)) == 123456789);
// A reply that names whom it answers first ("@handle ..."), as YouTube and Instagram
// threads write a reply to a reply; nothing when the text already starts so.
void AppendAddressed(std::string& out, std::string_view handle, std::string_view text);
// A deterministic scramble of a string into 64 bits (FNV-1a), for derived ids.
uint64_t HashOf(std::string_view s);
// The same, ignoring ASCII case (handles name one account in any case).
uint64_t HashOfLower(std::string_view s);
// Appends text with the five HTML specials escaped (&amp; &lt; &gt; &quot; &#39;).
void AppendHtmlEscaped(std::string& out, std::string_view text);
// Pieces of a generated text, for formats that mark them up (HTML, facets): an
// @handle, a #tag, an https:// link, or plain text.
struct TextPiece {
  enum Kind { kPlain, kMention, kHashtag, kLink } kind;
  std::string_view text;  // with its '@' or '#'
};
// Calls f(piece) for each piece of text, in order.
template <typename F>
void ForEachPiece(std::string_view text, F&& f) {
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  size_t plain = 0, i = 0;
  while (i < text.size()) {
    const char c = text[i];
    size_t end = i;
    TextPiece::Kind kind = TextPiece::kPlain;
    if ((c == '@' || c == '#') && (i == 0 || !word_char(text[i - 1]))) {
      end = i + 1;
      while (end < text.size() && word_char(text[end])) ++end;
      if (end > i + 1) kind = c == '@' ? TextPiece::kMention : TextPiece::kHashtag;
    } else if (text.compare(i, 8, "https://") == 0) {
      end = i + 8;
      while (end < text.size() && text[end] != ' ') ++end;
      kind = TextPiece::kLink;
    }
    if (kind == TextPiece::kPlain) {
      ++i;
      continue;
    }
    if (i > plain) f(TextPiece{TextPiece::kPlain, text.substr(plain, i - plain)});
    f(TextPiece{kind, text.substr(i, end - i)});
    i = plain = end;
  }
  if (plain < text.size()) f(TextPiece{TextPiece::kPlain, text.substr(plain)});
}

}  // namespace rapport::synth
