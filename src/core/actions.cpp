#include "core/actions.h"

namespace rapport {
namespace {

using C = Counter;
// Facebook and LinkedIn reactions are the `likes` counter, YouTube/TikTok/Instagram
// comments and Reddit's num_comments the `comments` counter (docs/formats.md).
constexpr C kXRequired[] = {C::kShares, C::kLikes, C::kQuotes, C::kReplies, C::kBookmarks};
constexpr C kClicks[] = {C::kClicks};
constexpr C kReactionsCommentsShares[] = {C::kLikes, C::kComments, C::kShares};
constexpr C kLikesComments[] = {C::kLikes, C::kComments};
constexpr C kSavesShares[] = {C::kSaves, C::kShares};
constexpr C kShares[] = {C::kShares};
constexpr C kScoreComments[] = {C::kScore, C::kComments};
constexpr C kFediverse[] = {C::kLikes, C::kShares, C::kReplies};
constexpr C kQuotes[] = {C::kQuotes};
constexpr C kReplies[] = {C::kReplies};

const ActionDefinition kX{kXRequired, kClicks};
const ActionDefinition kFacebookLinkedin{kReactionsCommentsShares, kClicks};
const ActionDefinition kInstagram{kLikesComments, kSavesShares};
const ActionDefinition kVideo{kLikesComments, kShares};
const ActionDefinition kReddit{kScoreComments, {}};
const ActionDefinition kFediverseDef{kFediverse, kQuotes};
const ActionDefinition kOther{kReplies, {}};

}  // namespace

const ActionDefinition& ActionsOf(Platform p) {
  switch (p) {
    case Platform::kX: return kX;
    case Platform::kFacebook:
    case Platform::kLinkedin: return kFacebookLinkedin;
    case Platform::kInstagram: return kInstagram;
    case Platform::kYoutube:
    case Platform::kTiktok: return kVideo;
    case Platform::kReddit: return kReddit;
    case Platform::kMastodon:
    case Platform::kBluesky: return kFediverseDef;
    case Platform::kBlog:
    case Platform::kForum:
    case Platform::kOther: return kOther;
  }
  return kOther;
}

bool IsActionCounter(Counter c) {
  for (int p = 0; p < kPlatformCount; ++p) {
    const ActionDefinition& d = ActionsOf(static_cast<Platform>(p));
    for (Counter x : d.required)
      if (x == c) return true;
    for (Counter x : d.optional)
      if (x == c) return true;
  }
  return false;
}

}  // namespace rapport
