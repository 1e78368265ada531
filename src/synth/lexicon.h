// The words the generator writes: brand names, audience handles, and template
// sentences per kind of message. Templates hold slots ($H, $U, $+, ...: lexicon.cpp
// lists them) that the generator fills while copying into its output buffer, so a
// text costs a few memcpy calls. No entry contains '"', '\\' or a control character:
// texts are written into JSON without escaping (synth_test checks this).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace rapport::synth {

enum class TextKind : uint8_t {
  kBroadcastPromo,    // brand: offer + call to action + link (E3 promotional)
  kBroadcastContent,  // brand: announcements, questions to the audience
  kSupportComplaint,  // customer -> support account, negative
  kSupportQuestion,   // customer -> support account, neutral
  kSupportPraise,     // customer -> support account, positive
  kNudge,             // customer again before any answer ("hello??")
  kCustomerStillBad,  // customer after a brand reply, unresolved
  kCustomerResolved,  // customer after a brand reply, resolved
  kCustomerNeutral,   // customer after a brand reply, neutral step (DM sent)
  kBrandApology,      // brand answering a complaint
  kBrandAnswer,       // brand answering a kSupportQuestion (same position)
  kBrandAnswerPost,   // brand answering a kReplyQuestion (same position)
  kBrandHello,        // brand stepping into a conversation that names it
  kBrandThanks,       // brand answering praise or a happy reply
  kBrandFollowUp,     // brand's later rounds
  kReplyPositive,     // audience -> brand broadcast
  kReplyNegative,
  kReplyQuestion,
  kAudienceToAudience,  // audience -> audience, neutral or mixed
  kBuzzPositive,        // audience post naming a brand (term/hashtag, no @)
  kBuzzNegative,
  kBuzzNeutral,
  kCompare,  // names the brand and another one
  kChatter,  // no brand at all
  kQuotePositive,
  kQuoteNegative,
  kIncident,  // burst of complaints during an outage (E8 spikes)
  kCount,
};

std::span<const char* const> Templates(TextKind kind);

// Fictional brand names, lower-case; index = brand number (own brands first).
std::span<const char* const> BrandNames();
// Support-account suffixes: @AcmeHelp, @InitechSupport, ...
std::span<const char* const> SupportSuffixes();

// Slot fillers.
std::span<const char* const> Products();
std::span<const char* const> Features();
std::span<const char* const> PositiveWords();
std::span<const char* const> NegativeWords();
std::span<const char* const> PositiveEmoji();
std::span<const char* const> NegativeEmoji();
std::span<const char* const> TimePhrases();
std::span<const char* const> TopicHashtags();  // without '#'
std::span<const char* const> HandleAdjectives();
std::span<const char* const> HandleNouns();
std::span<const char* const> AgentInitials();

}  // namespace rapport::synth
