// Slots in templates (filled by generator.cpp):
//   $H brand support account (@AcmeHelp; the main account when there is no other)
//   $M brand main account (@Acme)      $B brand name (Acme)      $T brand hashtag (#acme)
//   $C another brand's name            $U the account being answered (@handle)
//   $P product                         $F feature that breaks    $W time phrase
//   $+ positive word   $- negative word   $E positive emoji   $e negative emoji
//   $n number 2-14     $D discount 10-50  $Y a price ($19.99)  $O order number
//   $L link            $K topic hashtag   $S support agent's initials
// Sentiment words come from VADER's lexicon (data/vader) so that positive and
// negative templates score as such; neutral templates avoid lexicon words.
#include "synth/lexicon.h"

#include <iterator>

namespace rapport::synth {
namespace {

constexpr const char* kBroadcastPromo[] = {
    "$D% off everything this weekend only. Shop now $L $T",
    "Summer sale is live: save $D% on every $P. Shop now $L",
    "Limited time: free shipping on all orders over $Y. Order today $L $T",
    "New $P just dropped. Order now and get $D% off with promo code SAVE$D $L",
    "Flash deal: our best-selling $P for only $Y. Buy now $L $K",
    "Sign up for our newsletter and get $D% off your first order $L",
    "Last chance! The $B $P sale ends tonight. Shop now $L $T $K",
    "Members save $D% this week. Register today $L",
    "Deal of the day: $P bundle for $Y. Limited time only $L $T",
    "Use promo code $B$D for $D% off sitewide. Shop now $L",
};

constexpr const char* kBroadcastContent[] = {
    "How do you use your $B $P? Tell us below! $T",
    "Behind the scenes: meet the team building your next $P $L",
    "We just published our guide to getting the most out of your $P $L $K",
    "Thank you for an amazing year together $E $T",
    "Happy Friday! What are your plans for the weekend? $T",
    "Our $F is back to normal. Thanks for your patience today.",
    "Tip of the week: you can track every order from the app $L",
    "Which colour should our next $P come in? Reply and vote $T",
    "We are hiring! Join the $B team $L $K",
    "Scheduled maintenance tonight from 1 to 3 am: the $F may be unavailable.",
    "Big news coming on Monday. Stay tuned $E $T",
    "Customer story: how a small bakery runs on $B $L",
};

constexpr const char* kSupportComplaint[] = {
    "$H my $P never arrived and nobody answers $e",
    "$H I have been waiting $n days for a refund. This is terrible.",
    "$H your $F keeps failing $W. Really $- $e",
    "$H worst customer service ever. $n hours on hold $e",
    "$H why was I charged twice for my $P? Order $O",
    "$H my $P stopped working after $n days. So disappointed.",
    "$H I cannot log in to my account $W. Ugh $e",
    "$H the $F is broken again and I have a deadline",
    "$H third time my $P is late. Honestly $-",
    "$H you cancelled my order $O without telling me. Not ok $e",
    "$H still no reply to my email. Frustrated.",
    "$H the delivery driver left my $P in the rain. Ruined $e",
};

// Paired with kBrandAnswer by position.
constexpr const char* kSupportQuestion[] = {
    "$H hi, how do I change the address on my $P order?",
    "$H is there a way to pause my subscription for a month?",
    "$H do you ship to Canada?",
    "$H what are your opening hours on weekends?",
    "$H can I return online something I bought in store?",
    "$H when will the $P be back in stock?",
    "$H hi, where can I find the invoice for order $O?",
    "$H does the warranty cover my $P?",
    "$H quick question about the $F, DM open?",
};

constexpr const char* kSupportPraise[] = {
    "$H thanks for the quick help yesterday, you are $+ $E",
    "$H just wanted to say your team is $+! $E",
    "$H shoutout to Sam from support, super helpful $E",
    "$H the new $F is great, thank you $E",
};

constexpr const char* kNudge[] = {
    "$H hello?? anyone there",
    "$H still waiting...",
    "$H any update on this? $e",
    "$H ??",
    "$H please answer, it has been $n hours",
};

constexpr const char* kCustomerStillBad[] = {
    "$H I already did that, still not working $e",
    "$H that does not help at all. Really $-",
    "$H sent you a DM, no answer yet",
    "$H same problem today. This is ridiculous",
    "$H your agent closed my ticket without fixing anything $e",
    "$H so I have to wait another $n days? Terrible.",
};

constexpr const char* kCustomerResolved[] = {
    "$H thanks, that worked! $E",         "$H great, all sorted now. Thank you!",
    "$H perfect, thanks for the help $E", "$H refund received, thanks for the quick fix $E",
    "$H ok it works now, appreciate it",  "$H wow that was fast, thank you $E",
};

constexpr const char* kCustomerNeutral[] = {
    "$H ok, DM sent",
    "$H done, order number is $O",
    "$H I will try that tonight",
    "$H it is the $P from order $O",
};

constexpr const char* kBrandApology[] = {
    ("$U sorry to hear that! Please send us a DM with your order number and we will look into it. "
     "$S"),
    "$U we are sorry for the trouble. Could you try updating the app and let us know? $S",
    "$U we apologise for the delay. Your case is now with our team. $S",
    "$U that is not the experience we want for you. Please DM us your details. $S",
    "$U thanks for flagging this, we are on it. Can you DM us the order number? $S",
};

// Answers are paired with kSupportQuestion by position.
constexpr const char* kBrandAnswer[] = {
    "$U hi! Open the order in the app and tap Change address before it ships. $S",
    "$U yes: Settings, then Subscription, then Pause. You can pause for up to 3 months. $S",
    "$U we do! Shipping to Canada takes $n days on average. Details: $L $S",
    "$U our stores are open 10am to 6pm on weekends. Find yours here: $L $S",
    "$U yes, you can start an online return within 30 days: $L $S",
    "$U it should be back within $n days. Tap Notify me on the product page! $S",
    "$U hi! Invoices are under Orders in your account, next to each order. $S",
    "$U it does, for 2 years from purchase. DM us if you need to make a claim. $S",
    "$U of course, our DMs are open! $S",
};

// Paired with kReplyQuestion by position.
constexpr const char* kBrandAnswerPost[] = {
    "$U yes, online and in store! $E",          "$U it runs until Sunday midnight! $S",
    "$U not yet, but we are working on it! $S", "$U more colours are coming this summer $E",
    "$U offers cannot be combined, sorry! $S",
};

constexpr const char* kBrandHello[] = {
    "$U hi! Let us know if you have any questions, we are happy to help $E",
    "$U thanks for the mention! Our DMs are always open. $S",
    "$U hey, we are here if you need anything! $S",
};

constexpr const char* kBrandThanks[] = {
    "$U thank you so much! We will pass it on to the team $E",
    "$U glad we could help! Have a great day $E",
    "$U this made our day, thanks! $E",
    "$U love to hear it! $E $S",
};

constexpr const char* kBrandFollowUp[] = {
    "$U thanks, we have your DM and replied there. $S",
    "$U we have escalated it, expect an email within $n hours. $S",
    "$U we are sorry it is taking so long. A specialist will contact you today. $S",
    "$U we refunded the order $O, it can take $n days to show. $S",
    "$U thanks for your patience, a replacement is on its way. $S",
};

constexpr const char* kReplyPositive[] = {
    "$M love this! $E",
    "$M just ordered, cannot wait $E",
    "$M best $P I ever had",
    "$M great news $E",
    "$M this is awesome, take my money",
    "$M been a happy customer for years $E",
};

constexpr const char* kReplyNegative[] = {
    "$M maybe fix your $F before selling more stuff $e",
    "$M still waiting for my last order...",
    "$M prices keep going up, no thanks",
    "$M your support never answers $e",
    "$M the $P I got was broken. Disappointed.",
};

// Paired with kBrandAnswerPost by position.
constexpr const char* kReplyQuestion[] = {
    "$M does this apply to online orders?",
    "$M when does it end?",
    "$M is this available in Europe?",
    "$M will the $P come in other colours?",
    "$M can I combine it with my member discount?",
};

constexpr const char* kAudienceToAudience[] = {
    "$U totally agree",
    "$U same here, mine took $n days",
    "$U not my experience, mine was $+",
    "$U lol true",
    "$U did you try contacting support?",
    "$U this is the way",
    "$U mine broke too $e",
    "$U how long did shipping take for you?",
    "$U agreed, the $P is $+",
    "$U nah, the old one was better",
};

constexpr const char* kBuzzPositive[] = {
    "Really impressed with my new $B $P $E $T",
    "Shoutout to $B for the $+ service today",
    "$B never disappoints $E",
    "Got my $B $P today and it is $+ $E $K",
    "Can recommend $B, fast delivery and great quality $T",
    "The new $B $F is actually good",
};

constexpr const char* kBuzzNegative[] = {
    "Never ordering from $B again. $- experience $e",   "$B customer service is the worst $T",
    "Third time my $B $P broke this year $e",           "Cancelled my $B subscription today. Bye.",
    "$B charged me twice and support is useless $e $T", "Why is the $B $F so bad lately? $e",
};

constexpr const char* kBuzzNeutral[] = {
    "Thinking about getting the new $B $P, any opinions?",
    "Anyone else getting $B emails in Spanish?",
    "Is the $B store open on Sunday?",
    "Just saw an ad for $B on the train $T",
    "Reading about the $B earnings report $L",
};

constexpr const char* kCompare[] = {
    "Switched from $C to $B and it has been $+ so far $E",
    "$B or $C for a new $P? $K",
    "$C is cheaper but $B support is way better",
    "Left $B for $C. The $F was too $- $e",
};

constexpr const char* kChatter[] = {
    "Good morning everyone $E", "What a week. Need coffee",  "Anyone watching the game tonight? $K",
    "Finally weekend $E",       "Trying a new recipe today", "Traffic is insane this morning $e",
    "New blog post is up $L",
};

constexpr const char* kQuotePositive[] = {
    "This is $+ $E",
    "Finally! $T",
    "Yes please $E",
    "Been waiting for this",
};

constexpr const char* kQuoteNegative[] = {
    "Sure, and my $P still has not arrived $e",
    "lol no. Fix your $F first",
    "Maybe answer your customers instead $e",
    "Nice ad. Terrible service though",
};

constexpr const char* kIncident[] = {
    "$H is your app down? cannot log in $e",
    "$H payments failing for $n hours now, fix it!",
    "$H the $F is down again?? $e",
    "$H outage again? Nothing works $e $T",
    "$H my card was charged but the order failed. Angry $e",
};

constexpr const char* kBrandNames[] = {
    "acme",   "globex",  "initech",   "umbrella", "hooli",    "soylent", "stark",
    "wayne",  "wonka",   "cyberdyne", "tyrell",   "vandelay", "oscorp",  "gringotts",
    "dunder", "monarch", "nakatomi",  "virtucon", "prestige", "wernham",
};
constexpr const char* kSupportSuffixes[] = {"Help", "Support", "Cares"};

constexpr const char* kProducts[] = {
    "phone",   "laptop", "router",         "headphones", "charger", "smartwatch",
    "blender", "tablet", "coffee machine", "speaker",    "camera",  "monitor",
    "vacuum",  "kettle", "printer",        "keyboard",   "e-bike",  "air fryer",
};
constexpr const char* kFeatures[] = {
    "app",     "checkout", "login page",    "tracking page", "payment page",
    "website", "chat",     "delivery slot", "loyalty card",  "mobile app",
};
constexpr const char* kPositiveWords[] = {"great",  "amazing",   "awesome", "excellent",
                                          "lovely", "fantastic", "perfect", "helpful"};
constexpr const char* kNegativeWords[] = {"terrible",      "awful", "horrible", "useless",
                                          "disappointing", "bad",   "annoying", "rude"};
constexpr const char* kPositiveEmoji[] = {"\xF0\x9F\x99\x8F", "\xE2\x9D\xA4\xEF\xB8\x8F",
                                          "\xF0\x9F\x98\x8D", "\xF0\x9F\x91\x8D",
                                          "\xF0\x9F\x8E\x89", "\xF0\x9F\x98\x8A"};
constexpr const char* kNegativeEmoji[] = {"\xF0\x9F\x98\xA1", "\xF0\x9F\x98\xA4",
                                          "\xF0\x9F\x99\x84", "\xF0\x9F\x91\x8E",
                                          "\xF0\x9F\x98\x9E"};
constexpr const char* kTimePhrases[] = {"since Monday",       "all week",     "since yesterday",
                                        "since this morning", "for two days", "since the update",
                                        "for a week"};
constexpr const char* kTopicHashtags[] = {"deals",    "sale",  "summer", "tech", "customerservice",
                                          "shopping", "style", "home",   "fail", "mondays"};
constexpr const char* kHandleAdjectives[] = {
    "foggy",  "quiet", "cozy",  "amber", "copper", "urban",  "cosmic", "rusty",
    "little", "wild",  "misty", "oak",   "pine",   "golden", "silver", "tiny",
    "cedar",  "coral", "north", "blue",  "red",    "green",  "retro",  "pixel",
    "mellow", "jade",  "salty", "spicy", "velvet", "iron",   "lunar",  "solar"};
constexpr const char* kHandleNouns[] = {
    "otter",   "fox",    "panda",  "maple",   "river",  "falcon", "tiger",  "coder",
    "baker",   "runner", "gamer",  "reader",  "chef",   "nomad",  "pilot",  "wolf",
    "moose",   "koala",  "lemon",  "mango",   "comet",  "harbor", "hiker",  "robin",
    "sparrow", "cactus", "pepper", "biscuit", "turtle", "hawk",   "sailor", "writer",
    "farmer",  "mom",    "dad",    "skater",  "guy",    "gal",    "dev",    "owl"};
constexpr const char* kAgentInitials[] = {"^JS", "^MK", "^AL", "^RT", "^PB", "^DN", "^CW", "^EH"};

template <size_t N>
constexpr std::span<const char* const> S(const char* const (&a)[N]) {
  return {a, N};
}

// Indexed by TextKind; the size check catches a kind added without its list.
constexpr std::span<const char* const> kTemplates[] = {
    S(kBroadcastPromo),     S(kBroadcastContent), S(kSupportComplaint),
    S(kSupportQuestion),    S(kSupportPraise),    S(kNudge),
    S(kCustomerStillBad),   S(kCustomerResolved), S(kCustomerNeutral),
    S(kBrandApology),       S(kBrandAnswer),      S(kBrandAnswerPost),
    S(kBrandHello),         S(kBrandThanks),      S(kBrandFollowUp),
    S(kReplyPositive),      S(kReplyNegative),    S(kReplyQuestion),
    S(kAudienceToAudience), S(kBuzzPositive),     S(kBuzzNegative),
    S(kBuzzNeutral),        S(kCompare),          S(kChatter),
    S(kQuotePositive),      S(kQuoteNegative),    S(kIncident),
};
static_assert(std::size(kTemplates) == static_cast<size_t>(TextKind::kCount));

}  // namespace

std::span<const char* const> Templates(TextKind kind) {
  return kTemplates[static_cast<size_t>(kind)];
}

std::span<const char* const> BrandNames() {
  return S(kBrandNames);
}
std::span<const char* const> SupportSuffixes() {
  return S(kSupportSuffixes);
}
std::span<const char* const> Products() {
  return S(kProducts);
}
std::span<const char* const> Features() {
  return S(kFeatures);
}
std::span<const char* const> PositiveWords() {
  return S(kPositiveWords);
}
std::span<const char* const> NegativeWords() {
  return S(kNegativeWords);
}
std::span<const char* const> PositiveEmoji() {
  return S(kPositiveEmoji);
}
std::span<const char* const> NegativeEmoji() {
  return S(kNegativeEmoji);
}
std::span<const char* const> TimePhrases() {
  return S(kTimePhrases);
}
std::span<const char* const> TopicHashtags() {
  return S(kTopicHashtags);
}
std::span<const char* const> HandleAdjectives() {
  return S(kHandleAdjectives);
}
std::span<const char* const> HandleNouns() {
  return S(kHandleNouns);
}
std::span<const char* const> AgentInitials() {
  return S(kAgentInitials);
}

}  // namespace rapport::synth
