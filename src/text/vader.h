// VADER sentiment (Hutto & Gilbert, ICWSM 2014), scoring exactly as the reference
// vaderSentiment 3.3.1 (Python, commit 44fc044) does, quirks included, with the same
// order of floating-point operations. docs/sentiment.md lists the behaviours copied
// and the parity measured against the reference's outputs.
//
// The lexicons (data/vader/, MIT licence) are compiled into the binary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace rapport {

// What SentimentIntensityAnalyzer.polarity_scores returns, before its rounding.
struct Scores {
  double neg = 0.0;
  double neu = 0.0;
  double pos = 0.0;
  double compound = 0.0;
};

class Vader {
 public:
  // From the embedded lexicons. Prefer Default(), which loads them once.
  Vader();
  // From lexicon texts in the reference's file formats (vader_lexicon.txt,
  // emoji_utf8_lexicon.txt). Throws std::runtime_error on a malformed line.
  Vader(std::string_view lexicon, std::string_view emoji_lexicon);
  Vader(const Vader&) = delete;
  Vader& operator=(const Vader&) = delete;

  // The embedded lexicons, loaded on first use (thread-safe).
  static const Vader& Default();
  // The MIT licence text of the lexicons and of the reference code.
  static std::string_view License();

  // Unrounded scores. Thread-safe: scratch space is per thread.
  Scores PolarityScores(std::string_view text) const;
  // PolarityScores(text).compound, without the pos/neu/neg proportions.
  double Compound(std::string_view text) const;

  // The lexicon's valence of a lower-cased key.
  std::optional<double> Valence(std::string_view key) const;
  // The emoji lexicon's description of one code point, or nullptr.
  const std::string_view* EmojiDescription(char32_t cp) const;
  size_t lexicon_size() const { return lexicon_size_; }
  size_t emoji_size() const { return emoji_size_; }

  // Per-token facts, computed once per token (public for the tests).
  enum TokenFlag : uint8_t {
    kInLexicon = 1 << 0,
    kBooster = 1 << 1,   // a key of BOOSTER_DICT
    kNegation = 1 << 2,  // in NEGATE, or contains "n't"
    kUpper = 1 << 3,     // str.isupper() of the token
  };
  struct TokenInfo {
    double valence = 0.0;  // lexicon valence when kInLexicon
    double booster = 0.0;  // BOOSTER_DICT value when kBooster
    uint8_t flags = 0;
    uint8_t word = 0;  // a word the rules name (Word in vader.cpp), 0 for others
  };
  TokenInfo Classify(std::string_view token) const;

 private:
  // Keys up to 24 bytes (all of the embedded lexicon's) live in a compact open-
  // addressing table, small enough to stay in cache: 4-byte slots, 32-byte entries
  // compared as three zero-padded words, valences by index. A key sits within
  // kWindow slots of its hash position (the table grows at load time until that
  // holds), so a look-up reads one window of slots with no probing loop. Longer keys
  // are in long_keys_.
  static constexpr size_t kInlineKey = 24;
  static constexpr size_t kWindow = 8;
  struct Entry {
    uint64_t key[3];  // lower-cased, zero-padded
    uint8_t size;
    uint8_t flags;  // kInLexicon, kBooster, kNegation; kBoosterDecr below
    uint8_t word;
    uint8_t unused = 0;
    uint16_t valence;  // index in valences_
  };
  static constexpr uint8_t kBoosterDecr = 1 << 7;  // Entry::flags: B_DECR, else B_INCR
  // A slot is (entries_ index + 1) << 16 | tag, the tag being 16 hash bits with the
  // lowest set, so that an empty slot (0) matches no tag.
  using Slot = uint32_t;

  // A token between the phases of its look-up: PolarityScores prepares all tokens of
  // a text first, prefetching their slots, so the cache misses overlap.
  struct PendingToken {
    uint64_t key[4];  // lower-cased, zero-padded (when !slow); key[3] stays 0
    uint64_t hash;
    uint32_t size;
    uint32_t slot;   // the window's first slot
    uint32_t match;  // bit k: slot + k holds the tag
    uint16_t tag;
    uint8_t flags;  // kNegation (from "n't") and kUpper
    bool slow;      // non-ASCII or over kInlineKey bytes: looked up by Find()
    std::string_view token;
  };
  static_assert(kInlineKey <= 3 * sizeof(uint64_t));
  // PolarityScores; neg, neu and pos stay 0 unless `proportions`.
  Scores Score(std::string_view text, bool proportions) const;
  struct Scratch;
  static Scratch& LocalScratch();
  // `padded`: 32 bytes can be read from token.data() (WordSplitter's words).
  void Prepare(std::string_view token, bool padded, PendingToken& p) const;
  void Probe(PendingToken& p) const;
  void Resolve(const PendingToken& p, TokenInfo& out) const;

  void Load(std::string_view lexicon, std::string_view emoji_lexicon);
  TokenInfo Info(const Entry& e) const;
  // The entry of a key of at most kInlineKey bytes (padded as Entry::key), or nullptr.
  const Entry* FindInline(const uint64_t key[3], size_t size) const;
  static uint16_t TagOf(uint64_t hash) { return static_cast<uint16_t>(hash | 1); }
  bool Find(std::string_view lower, TokenInfo* info) const;
  // The text after the reference's emoji step (in `buffer` when anything changed),
  // not strip()ped: that changes neither the words nor the marks counted.
  std::string_view ReplaceEmoji(std::string_view text, std::string& buffer) const;

  std::string emoji_text_;  // owned copy the descriptions point into
  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // power-of-2 size plus kWindow - 1, no wrap-around
  int slot_shift_ = 64;
  uint32_t TagMatches(const Slot* window, uint16_t tag) const;
  std::vector<double> valences_;  // the distinct valences of the lexicon
  absl::flat_hash_map<std::string, TokenInfo> long_keys_;
  size_t lexicon_size_ = 0;
  size_t emoji_size_ = 0;
  absl::flat_hash_map<char32_t, std::string_view> emoji_;
  std::vector<uint64_t> emoji_bits_;  // quick rejection of code points, by cp
};

// Python's round(x, ndigits): correctly rounded from the exact binary value, ties to
// even (round(2.675, 2) == 2.67, round(0.125, 2) == 0.12).
double RoundPython(double x, int ndigits);
// The rounding polarity_scores applies: neg, neu, pos to 3 places, compound to 4.
Scores RoundLikeReference(const Scores& s);
// Python's repr() of a float: shortest round-trip digits, "0.0", "0.4404", "1e-05",
// "-0.0". Writes at most 32 chars at `out`, returns the end.
char* FormatPythonFloat(double x, char* out);
std::string PythonFloatString(double x);
// FormatPythonFloat(RoundPython(x, ndigits)), faster: a double nearest a decimal of
// few digits prints as that decimal, trailing zeros dropped ("0.5", "0.4404").
char* FormatRoundedPython(double x, int ndigits, char* out);

}  // namespace rapport
