// The normalized event: what every reader produces and every metric consumes.
// FORMATS.md "The native event" is the schema; this file is its C++ shape.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rapport {

enum class Platform : uint8_t {
  kX, kFacebook, kInstagram, kLinkedin, kYoutube, kTiktok, kReddit, kMastodon, kBluesky,
  kBlog, kForum, kOther,
};
inline constexpr int kPlatformCount = 12;

enum class EventType : uint8_t { kPost, kReply, kQuote, kShare, kReaction, kSession };
inline constexpr int kEventTypeCount = 6;

// A message that counts as a message: not a share, reaction or session.
inline bool IsMessage(EventType t) {
  return t == EventType::kPost || t == EventType::kReply || t == EventType::kQuote;
}

// Interaction counters. The first eight are the native schema's `metrics` keys; the
// rest are carried for platforms that publish them (FORMATS.md key fields).
enum class Counter : uint8_t {
  kLikes, kShares, kQuotes, kReplies, kImpressions, kReach, kClicks, kSaves, kBookmarks,
  kViews, kComments, kScore,
};
inline constexpr int kCounterCount = 12;

// `inbound` as the platform marks it: true = sent to an organisation, false = written
// by the organisation, unknown = the platform says nothing.
enum class Inbound : uint8_t { kUnknown, kTrue, kFalse };

// A counter value; nullopt-like sentinel keeps "unknown" distinct from 0.
inline constexpr int64_t kUnknownCount = INT64_MIN;

std::string_view PlatformName(Platform p);
std::optional<Platform> ParsePlatform(std::string_view s);  // case-insensitive
std::string_view EventTypeName(EventType t);
std::optional<EventType> ParseEventType(std::string_view s);
std::string_view CounterName(Counter c);
std::optional<Counter> ParseCounter(std::string_view s);  // native key, e.g. "likes"

}  // namespace rapport
