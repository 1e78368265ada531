#include "core/event.h"

#include <cctype>

namespace rapport {
namespace {

constexpr std::array<std::string_view, kPlatformCount> kPlatformNames = {
    "x", "facebook", "instagram", "linkedin", "youtube", "tiktok", "reddit", "mastodon",
    "bluesky", "blog", "forum", "other"};
constexpr std::array<std::string_view, kEventTypeCount> kTypeNames = {
    "post", "reply", "quote", "share", "reaction", "session"};
constexpr std::array<std::string_view, kCounterCount> kCounterNames = {
    "likes", "shares", "quotes", "replies", "impressions", "reach", "clicks", "saves",
    "bookmarks", "views", "comments", "score"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

template <size_t N>
int Find(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i)  // exact spelling first: the common case, no tolower
    if (names[i] == s) return static_cast<int>(i);
  for (size_t i = 0; i < N; ++i)
    if (EqualsIgnoreCase(names[i], s)) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::string_view PlatformName(Platform p) { return kPlatformNames[static_cast<int>(p)]; }
std::optional<Platform> ParsePlatform(std::string_view s) {
  int i = Find(kPlatformNames, s);
  if (i < 0) {
    if (EqualsIgnoreCase(s, "twitter")) return Platform::kX;
    return std::nullopt;
  }
  return static_cast<Platform>(i);
}
std::string_view EventTypeName(EventType t) { return kTypeNames[static_cast<int>(t)]; }
std::optional<EventType> ParseEventType(std::string_view s) {
  int i = Find(kTypeNames, s);
  if (i < 0) return std::nullopt;
  return static_cast<EventType>(i);
}
std::string_view CounterName(Counter c) { return kCounterNames[static_cast<int>(c)]; }
std::optional<Counter> ParseCounter(std::string_view s) {
  int i = Find(kCounterNames, s);
  if (i < 0) return std::nullopt;
  return static_cast<Counter>(i);
}

}  // namespace rapport
