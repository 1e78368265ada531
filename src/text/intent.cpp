#include "text/intent.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "absl/strings/string_view.h"

namespace rapport {
namespace {

// The default lexicons (docs/classifiers.md lists them with the rules). They were
// written from the definitions of the classes, before the labelled sample was read,
// and are not fitted to it.

constexpr std::string_view kQuestionOpeners[] = {
    "how", "what", "what's", "whats", "why", "when", "where", "who", "which", "whom", "whose",
    "can", "could", "would", "is", "are", "am", "do", "does", "did", "should", "anyone",
    "anybody", "wondering", "wheres", "where's", "hows", "how's", "whos", "who's"};

constexpr std::string_view kQuestionPhrases[] = {
    "how do i", "how can i", "how to", "how long", "any idea", "any ideas", "any update",
    "any updates", "any news", "is there", "are there", "can you", "could you", "would you",
    "will you", "can i", "could i", "do you", "does anyone", "anyone know", "let me know",
    "please advise", "please help", "help me", "need help", "i need to know", "wondering if",
    "wondering why", "wondering how", "what is", "what are", "why is", "why are", "why does",
    "why do", "why did", "why can't", "when will", "when is", "when does", "where is",
    "where can"};

constexpr std::string_view kComplaintTerms[] = {
    // things that went wrong
    "broken", "broke", "breaks", "crash", "crashed", "crashes", "crashing", "error", "errors",
    "bug", "bugs", "buggy", "glitch", "glitches", "glitchy", "issue", "issues", "problem",
    "problems", "fail", "failed", "fails", "failing", "failure", "fault", "faulty",
    "delayed", "delay", "delays", "cancelled", "canceled", "cancel my", "lost", "losing",
    "missing", "stuck", "stranded", "wrong", "freezes", "freezing", "frozen", "outage",
    "overcharged", "charged twice", "double charged", "scam", "damaged", "late", "slow",
    "still waiting", "been waiting", "waiting for", "on hold", "no response", "no answer",
    "no reply", "no one", "nobody", "never", "again and again", "keeps", "keep getting",
    "won't let", "can't even", "hung up", "refund", "unable", "down again", "not working",
    "stopped working", "doesn't work", "don't work", "isn't working",
    // how the author feels about it
    "worst", "terrible", "horrible", "awful", "bad", "poor", "poorly", "rude", "useless",
    "disappointed", "disappointing", "disappointment", "frustrated", "frustrating",
    "annoying", "annoyed", "ridiculous", "unacceptable", "pathetic", "joke", "sucks",
    "suck", "sucked", "hate", "hated", "angry", "upset", "furious", "disgusted",
    "disgusting", "shameful", "shame", "incompetent", "nightmare", "mess", "wtf", "smh",
    "ugh", "fml", "seriously", "irritated", "irritating", "screwed", "ripoff", "rip off",
    "fix this", "fix it", "please fix", "sort it out", "complaint", "complain"};

constexpr std::string_view kPraiseTerms[] = {
    "love", "loved", "loving", "loves", "great", "awesome", "amazing", "excellent", "best",
    "kudos", "shoutout", "shout out", "perfect", "fantastic", "wonderful", "brilliant",
    "helpful", "superb", "outstanding", "stellar", "impressed", "impressive", "glad",
    "happy", "pleased", "enjoy", "enjoyed", "enjoying", "beautiful", "fab", "fabulous",
    "well done", "good job", "nice job", "great job", "good service", "great service",
    "5 stars", "five stars", "rock", "rocks", "lovely", "cool", "legend", "legends",
    "the man", "a+", "props", "delighted", "smooth", "quick response", "so quick",
    "so fast", "above and beyond", "thank you so much", "thanks so much", "much appreciated"};

constexpr std::string_view kGratitudeTerms[] = {
    "thanks", "thank", "thx", "thnx", "thanx", "ty", "tysm", "appreciate", "appreciated",
    "cheers", "grateful"};

constexpr std::string_view kNegators[] = {
    "not", "no", "never", "nothing", "without", "hardly", "dont", "cant", "wont", "isnt",
    "doesnt", "didnt", "wasnt", "arent", "havent", "hasnt", "couldnt", "wouldnt", "shouldnt",
    "aint"};  // and every word ending in n't (built in)

constexpr std::string_view kNegatedComplaints[] = {
    "work", "works", "working", "worked", "load", "loading", "loads", "connect", "connecting",
    "open", "opening", "opens", "respond", "responding", "responded", "arrive", "arrived",
    "receive", "received", "play", "playing", "download", "downloading", "sync", "syncing",
    "charge", "charging", "deliver", "delivered", "show", "showing", "update", "updating",
    "send", "sending", "sent", "fix", "fixed", "refund", "refunded", "happy", "impressed",
    "good", "great", "acceptable", "okay", "ok", "helpful", "satisfied", "help", "helped",
    "reply", "replied", "answer", "answered", "get", "got", "log", "login", "sign"};

// UTF-8 of ❤ ♥ 😍 👍 🙌 😊 😀 😁 🥰 💯 👏 😃 😄 🙂 ☺
constexpr std::string_view kPraiseEmoji[] = {
    "\xE2\x9D\xA4", "\xE2\x99\xA5", "\xF0\x9F\x98\x8D", "\xF0\x9F\x91\x8D", "\xF0\x9F\x99\x8C",
    "\xF0\x9F\x98\x8A", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x81", "\xF0\x9F\xA5\xB0",
    "\xF0\x9F\x92\xAF", "\xF0\x9F\x91\x8F", "\xF0\x9F\x98\x83", "\xF0\x9F\x98\x84",
    "\xF0\x9F\x99\x82", "\xE2\x98\xBA"};
// UTF-8 of 😡 😠 🤬 😤 👎 😞 😒 🙄 😩 😫
constexpr std::string_view kComplaintEmoji[] = {
    "\xF0\x9F\x98\xA1", "\xF0\x9F\x98\xA0", "\xF0\x9F\xA4\xAC", "\xF0\x9F\x98\xA4",
    "\xF0\x9F\x91\x8E", "\xF0\x9F\x98\x9E", "\xF0\x9F\x98\x92", "\xF0\x9F\x99\x84",
    "\xF0\x9F\x98\xA9", "\xF0\x9F\x98\xAB"};

template <size_t N>
std::vector<std::string> List(const std::string_view (&a)[N]) {
  return std::vector<std::string>(std::begin(a), std::end(a));
}

// The byte classes the splitter tests, one table look-up each (it runs on every text).
enum : uint8_t { kSpaceByte = 1, kAlnumByte = 2, kHandleByte = 4, kEndsSentenceByte = 8 };
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') t[c] |= kSpaceByte;
    if (alnum) t[c] |= kAlnumByte;
    if (alnum || c == '_') t[c] |= kHandleByte;
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n' || c == '\r')
      t[c] |= kEndsSentenceByte;
  }
  return t;
}();
bool IsSpace(unsigned char c) { return kByteClass[c] & kSpaceByte; }
bool IsAlnum(unsigned char c) { return kByteClass[c] & kAlnumByte; }
bool IsHandleChar(unsigned char c) { return kByteClass[c] & kHandleByte; }
bool EndsSentence(unsigned char c) { return kByteClass[c] & kEndsSentenceByte; }

bool IsLinkChunk(std::string_view chunk) {
  auto starts = [&](std::string_view p) {
    if (chunk.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if ((chunk[i] | 0x20) != p[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://") || starts("www.") ||
         chunk.find("://") != std::string_view::npos;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

void TextWords::Split(std::string_view text) {
  words.clear();
  question_marks = 0;
  non_ascii = false;
  // A word is never longer than the bytes it comes from, so the buffer is sized once
  // per text and written through a pointer; views into it stay valid as it fills.
  if (buffer_.size() < text.size()) buffer_.resize(std::max(text.size(), 2 * buffer_.size()));
  char* out = buffer_.data();
  bool at_start = true;  // the next word starts a sentence
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && IsSpace(static_cast<unsigned char>(text[i]))) {
      if (text[i] == '\n' || text[i] == '\r') at_start = true;
      ++i;
    }
    size_t end = i;
    while (end < n && !IsSpace(static_cast<unsigned char>(text[end]))) ++end;
    std::string_view chunk = text.substr(i, end - i);
    if (chunk.empty()) break;
    if (IsLinkChunk(chunk)) {
      i = end;
      continue;
    }
    size_t k = 0;
    char* word_begin = nullptr;
    auto close_word = [&] {
      if (!word_begin) return;
      // Apostrophes at the ends are quotes, not part of the word.
      const char* b = word_begin;
      const char* e = out;
      while (b < e && *b == '\'') ++b;
      while (e > b && e[-1] == '\'') --e;
      if (e > b) {
        words.push_back({std::string_view(b, static_cast<size_t>(e - b)), at_start});
        at_start = false;
      }
      word_begin = nullptr;
    };
    while (k < chunk.size()) {
      unsigned char c = static_cast<unsigned char>(chunk[k]);
      if (c == '@' && !word_begin) {  // a handle: skip it
        ++k;
        while (k < chunk.size() && IsHandleChar(static_cast<unsigned char>(chunk[k]))) ++k;
        continue;
      }
      if (IsAlnum(c) || c == '\'') {
        if (!word_begin) word_begin = out;
        *out++ = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
        ++k;
        continue;
      }
      if (c == 0xE2 && k + 2 < chunk.size() && static_cast<unsigned char>(chunk[k + 1]) == 0x80 &&
          static_cast<unsigned char>(chunk[k + 2]) == 0x99) {  // U+2019 RIGHT SINGLE QUOTATION MARK
        if (!word_begin) word_begin = out;
        *out++ = '\'';
        k += 3;
        continue;
      }
      close_word();
      if (c >= 0x80) non_ascii = true;
      if (c == '?') ++question_marks;
      if (EndsSentence(c)) at_start = true;
      ++k;
    }
    close_word();
    i = end;
  }
}

IntentLexicon IntentLexicon::Default() {
  IntentLexicon l;
  l.question_openers = List(kQuestionOpeners);
  l.question_phrases = List(kQuestionPhrases);
  l.complaint_terms = List(kComplaintTerms);
  l.praise_terms = List(kPraiseTerms);
  l.gratitude_terms = List(kGratitudeTerms);
  l.negators = List(kNegators);
  l.negated_complaints = List(kNegatedComplaints);
  l.praise_emoji = List(kPraiseEmoji);
  l.complaint_emoji = List(kComplaintEmoji);
  return l;
}

void IntentClassifier::Add(const std::vector<std::string>& terms, Cue cue) {
  for (const auto& term : terms) {
    std::vector<std::string> words = SplitSpaces(term);
    if (words.empty()) continue;
    std::vector<std::string> tail(words.begin() + 1, words.end());
    const uint32_t bit = FilterBit(words[0]);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    auto& phrases = first_word_[words[0]];
    bool merged = false;
    for (auto& p : phrases) {
      if (p.tail == tail) {
        p.cues |= cue;
        merged = true;
      }
    }
    if (!merged) phrases.push_back({std::move(tail), cue});
  }
}

IntentClassifier::IntentClassifier(const IntentLexicon& l) {
  Add(l.question_openers, kOpener);
  Add(l.question_phrases, kQuestionPhrase);
  Add(l.complaint_terms, kComplaint);
  Add(l.praise_terms, kPraise);
  Add(l.gratitude_terms, kGratitude);
  Add(l.negators, kNegator);
  Add(l.negated_complaints, kNegated);
  praise_emoji_ = l.praise_emoji;
  complaint_emoji_ = l.complaint_emoji;
}

uint8_t IntentClassifier::Classify(std::string_view text) const {
  thread_local TextWords words;
  words.Split(text);
  return Classify(words, text);
}

uint8_t IntentClassifier::Classify(const TextWords& tw, std::string_view text) const {
  const auto& w = tw.words;
  bool question = tw.question_marks > 0;
  bool complaint = false, praise = false, gratitude = false;
  int64_t last_negator = -100;  // index of the latest negator word
  for (size_t i = 0; i < w.size(); ++i) {
    std::string_view word = w[i].text;
    uint8_t cues = 0;  // cues of the phrases starting here
    auto it = MayStartPhrase(word) ? first_word_.find(absl::string_view(word.data(), word.size()))
                                   : first_word_.end();
    if (it != first_word_.end()) {
      for (const Phrase& p : it->second) {
        bool match = i + p.tail.size() < w.size() || p.tail.empty();
        for (size_t k = 0; match && k < p.tail.size(); ++k) match = w[i + 1 + k].text == p.tail[k];
        if (match) cues |= p.cues;
      }
    }
    const bool negated = static_cast<int64_t>(i) - last_negator <= 2;
    if ((cues & kOpener) && w[i].sentence_start) question = true;
    if (cues & kQuestionPhrase) question = true;
    if (cues & kComplaint) complaint = true;
    if ((cues & kNegated) && negated) complaint = true;
    if ((cues & kPraise) && !negated) praise = true;
    if ((cues & kGratitude) && !negated) gratitude = true;
    if ((cues & kNegator) || (word.size() > 3 && word.substr(word.size() - 3) == "n't"))
      last_negator = static_cast<int64_t>(i);
  }
  if (tw.non_ascii) {
    for (const auto& e : complaint_emoji_)
      if (text.find(e) != std::string_view::npos) complaint = true;
    if (!praise)
      for (const auto& e : praise_emoji_)
        if (text.find(e) != std::string_view::npos) praise = true;
  }
  uint8_t bits = 0;
  if (question) bits |= kIntentQuestion;
  if (complaint) bits |= kIntentComplaint;
  // Praise needs no complaint; thanks alone in a text that asks is politeness
  // ("thanks in advance"), not praise.
  if (!complaint && (praise || (gratitude && !question))) bits |= kIntentPraise;
  return bits;
}

}  // namespace rapport
