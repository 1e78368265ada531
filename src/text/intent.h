// Intent classifier: does a text ask a question, complain, or praise? Three flags, any
// combination (a complaint is often phrased as a question), none = "other". The rules
// are word and phrase look-ups on one pass over the text, documented with their
// lexicons and their evaluation on hand-labelled texts in docs/classifiers.md.
//
// No regex and no allocation per text once a thread's buffers have grown: it runs on
// every event at ingestion, on the reader threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace rapport {

// The words of a text as the classifiers read them (shared by intent and promotional):
// runs of ASCII letters, digits and apostrophes (' and U+2019, both read as '),
// lower-cased. Whitespace-separated chunks that are links (http://, https://, www.,
// or containing ://) are skipped and not read; an @handle is skipped up to its last
// handle character; '#' is a separator, so "#fail" reads as "fail". Other bytes
// (punctuation, non-ASCII letters, emoji) separate words.
struct TextWords {
  struct Word {
    std::string_view text;  // lower-cased, into the thread's buffer
    bool sentence_start;    // first word, or first after . ! ? : ; or a line break
  };
  std::vector<Word> words;
  int question_marks = 0;  // '?' outside links
  bool non_ascii = false;  // some byte >= 0x80 outside links

  // Fills this from `text`. The views stay valid until the next Split on this object.
  void Split(std::string_view text);

 private:
  std::string buffer_;  // the lower-cased words, back to back
};

// TextFlag-compatible bits (core/event_table.h: kQuestion, kComplaint, kPraise).
enum IntentBit : uint8_t {
  kIntentQuestion = 1 << 2,
  kIntentComplaint = 1 << 3,
  kIntentPraise = 1 << 4,
};

struct IntentLexicon {
  // Each list: lower-case ASCII words or phrases of up to 3 words, one space apart.
  std::vector<std::string> question_openers;  // a sentence starting with one asks
  std::vector<std::string> question_phrases;  // anywhere: "any idea", "how do i"
  std::vector<std::string> complaint_terms;   // "broken", "still waiting", "#fail"
  std::vector<std::string> praise_terms;      // "love", "great job"
  std::vector<std::string> gratitude_terms;   // "thanks": praise unless the text asks
  std::vector<std::string> negators;          // "not", "never", "no", ...
  // A negator followed within 2 words by one of these is a complaint ("doesn't work",
  // "not happy", "never arrived").
  std::vector<std::string> negated_complaints;
  // UTF-8 sequences (emoji) searched only in texts with non-ASCII bytes.
  std::vector<std::string> praise_emoji;
  std::vector<std::string> complaint_emoji;

  static IntentLexicon Default();  // listed in intent.cpp and docs/classifiers.md
};

class IntentClassifier {
 public:
  explicit IntentClassifier(const IntentLexicon& lexicon = IntentLexicon::Default());

  // kIntentQuestion | kIntentComplaint | kIntentPraise bits, 0 for "other".
  uint8_t Classify(std::string_view text) const;
  // The same on words already split (the enricher splits once for both classifiers).
  uint8_t Classify(const TextWords& words, std::string_view text) const;

 private:
  enum Cue : uint8_t {
    kOpener = 1 << 0,
    kQuestionPhrase = 1 << 1,
    kComplaint = 1 << 2,
    kPraise = 1 << 3,
    kGratitude = 1 << 4,
    kNegator = 1 << 5,
    kNegated = 1 << 6,
  };
  struct Phrase {
    std::vector<std::string> tail;  // words after the first; empty for one word
    uint8_t cues;
  };
  void Add(const std::vector<std::string>& terms, Cue cue);
  // A filter of the first words' (length, first byte, last byte): most words of a
  // text start no phrase and are rejected without hashing them.
  static uint32_t FilterBit(std::string_view w) {
    const uint32_t n = static_cast<uint32_t>(w.size() < 63 ? w.size() : 63);
    return (n * 64 + static_cast<unsigned char>(w.front()) * 97u +
            static_cast<unsigned char>(w.back()) * 31u) & (kFilterBits - 1);
  }
  bool MayStartPhrase(std::string_view w) const {
    const uint32_t b = FilterBit(w);
    return (filter_[b >> 6] >> (b & 63)) & 1;
  }
  static constexpr uint32_t kFilterBits = 4096;
  std::array<uint64_t, kFilterBits / 64> filter_{};
  absl::flat_hash_map<std::string, std::vector<Phrase>> first_word_;
  std::vector<std::string> praise_emoji_, complaint_emoji_;
};

}  // namespace rapport
