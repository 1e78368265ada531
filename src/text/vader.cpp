// The scoring follows vaderSentiment.py 3.3.1 statement by statement; the comments
// name the reference's function each part copies. Behaviours that differ from the
// paper or from what the code seems to intend are copied on purpose (docs/sentiment.md,
// "The nine behaviours"): the reference's outputs depend on them.
#include "text/vader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "text/tokenizer.h"

namespace rapport {
namespace embedded {
extern const unsigned char kVaderLexicon[];
extern const std::size_t kVaderLexiconSize;
extern const unsigned char kVaderEmojiLexicon[];
extern const std::size_t kVaderEmojiLexiconSize;
extern const unsigned char kVaderLicense[];
extern const std::size_t kVaderLicenseSize;
}  // namespace embedded

namespace {

constexpr double kBIncr = 0.293;
constexpr double kBDecr = -0.293;
constexpr double kCIncr = 0.733;
constexpr double kNScalar = -0.74;

// GCC's default in C++ is -ffp-contract=fast: with -march=haswell it would fuse
// a*b+c into one FMA (one rounding), where CPython rounds the product first. Every
// product goes through Mul, whose empty asm makes the rounded product opaque.
inline double Mul(double a, double b) {
  double p = a * b;
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  asm("" : "+x"(p));
#elif defined(__GNUC__) && defined(__aarch64__)
  asm("" : "+w"(p));
#else
  volatile double v = p;
  p = v;
#endif
  return p;
}

// The words the rules compare tokens with (after lower-casing).
enum Word : uint8_t {
  kNone = 0,
  kNo,
  kKind,
  kOf,
  kBut,
  kLeast,
  kAt,
  kVery,
  kNever,
  kSo,
  kThis,
  kWithout,
  kDoubt,
  kOr,
  kNor,
  // SPECIAL_CASES and the multi-word BOOSTER_DICT keys.
  kThe,
  kShit,
  kBomb,
  kBad,
  kAss,
  kBus,
  kStop,
  kYeah,
  kRight,
  kKiss,
  kDeath,
  kTo,
  kDie,
  kFor,
  kBeating,
  kHeart,
  kBroken,
  kJust,
  kEnough,
  kSort,
};

struct NamedWord {
  const char* text;
  Word word;
};
constexpr NamedWord kNamedWords[] = {
    {"no", kNo},           {"kind", kKind},   {"of", kOf},           {"but", kBut},
    {"least", kLeast},     {"at", kAt},       {"very", kVery},       {"never", kNever},
    {"so", kSo},           {"this", kThis},   {"without", kWithout}, {"doubt", kDoubt},
    {"or", kOr},           {"nor", kNor},     {"the", kThe},         {"shit", kShit},
    {"bomb", kBomb},       {"bad", kBad},     {"ass", kAss},         {"bus", kBus},
    {"stop", kStop},       {"yeah", kYeah},   {"right", kRight},     {"kiss", kKiss},
    {"death", kDeath},     {"to", kTo},       {"die", kDie},         {"for", kFor},
    {"beating", kBeating}, {"heart", kHeart}, {"broken", kBroken},   {"just", kJust},
    {"enough", kEnough},   {"sort", kSort},
};

// NEGATE of the reference.
constexpr const char* kNegate[] = {
    "aint",   "arent",    "cannot",  "cant",     "couldnt",  "darent",   "didnt",   "doesnt",
    "ain't",  "aren't",   "can't",   "couldn't", "daren't",  "didn't",   "doesn't", "dont",
    "hadnt",  "hasnt",    "havent",  "isnt",     "mightnt",  "mustnt",   "neither", "don't",
    "hadn't", "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",  "neednt",  "needn't",
    "never",  "none",     "nope",    "nor",      "not",      "nothing",  "nowhere", "oughtnt",
    "shant",  "shouldnt", "uhuh",    "wasnt",    "werent",   "oughtn't", "shan't",  "shouldn't",
    "uh-uh",  "wasn't",   "weren't", "without",  "wont",     "wouldnt",  "won't",   "wouldn't",
    "rarely", "seldom",   "despite"};

// BOOSTER_DICT of the reference. The keys with a space ("kind of", "sort of", "just
// enough") never match a token; they are the n-grams of SpecialIdioms below.
constexpr const char* kIncrBoosters[] = {
    "absolutely",    "amazingly",    "awfully",       "completely", "considerable", "considerably",
    "decidedly",     "deeply",       "effing",        "enormous",   "enormously",   "entirely",
    "especially",    "exceptional",  "exceptionally", "extreme",    "extremely",    "fabulously",
    "flipping",      "flippin",      "frackin",       "fracking",   "fricking",     "frickin",
    "frigging",      "friggin",      "fully",         "fuckin",     "fucking",      "fuggin",
    "fugging",       "greatly",      "hella",         "highly",     "hugely",       "incredible",
    "incredibly",    "intensely",    "major",         "majorly",    "more",         "most",
    "particularly",  "purely",       "quite",         "really",     "remarkably",   "so",
    "substantially", "thoroughly",   "total",         "totally",    "tremendous",   "tremendously",
    "uber",          "unbelievably", "unusually",     "utter",      "utterly",      "very"};
constexpr const char* kDecrBoosters[] = {
    "almost",     "barely",       "hardly",  "just enough", "kind of",  "kinda",
    "kindof",     "kind-of",      "less",    "little",      "marginal", "marginally",
    "occasional", "occasionally", "partly",  "scarce",      "scarcely", "slight",
    "slightly",   "somewhat",     "sort of", "sorta",       "sortof",   "sort-of"};

// SPECIAL_CASES of the reference, as word sequences. "badass" is a key too, but the
// reference only looks up sequences of 2 or 3 words, so it never matches.
struct SpecialCase {
  Word a, b, c;
  double valence;
};
constexpr SpecialCase kSpecialCases[] = {
    {kThe, kShit, kNone, 3},   {kThe, kBomb, kNone, 3},        {kBad, kAss, kNone, 1.5},
    {kBus, kStop, kNone, 0.0}, {kYeah, kRight, kNone, -2},     {kKiss, kOf, kDeath, -1.5},
    {kTo, kDie, kFor, 3},      {kBeating, kHeart, kNone, 3.1}, {kBroken, kHeart, kNone, -2.9},
};

// The SPECIAL_CASES value of "a b" (c == kNone) or of "a b c", else nullptr. A word
// that is not named (kNone) matches nothing.
const double* FindSpecialCase(uint8_t a, uint8_t b, uint8_t c) {
  if (a == kNone || b == kNone) return nullptr;
  for (const auto& s : kSpecialCases)
    if (s.a == a && s.b == b && s.c == c) return &s.valence;
  return nullptr;
}
const double* FindSpecialCase3(uint8_t a, uint8_t b, uint8_t c) {
  return c == kNone ? nullptr : FindSpecialCase(a, b, c);
}

bool IsBoosterBigram(uint8_t a, uint8_t b) {
  return (a == kKind && b == kOf) || (a == kSort && b == kOf) || (a == kJust && b == kEnough);
}

// Python str.strip() with no argument.
std::string_view StripPython(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    Utf8Char u = DecodeUtf8(s, begin);
    if (!u.valid || !IsPythonSpace(u.cp)) break;
    begin += u.size;
  }
  size_t end = s.size();
  while (end > begin) {
    size_t k = end - 1;  // back to the lead byte
    while (k > begin && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    Utf8Char u = DecodeUtf8(s, k);
    if (k + u.size != end) break;  // a malformed tail: not a space
    if (!u.valid || !IsPythonSpace(u.cp)) break;
    end = k;
  }
  return s.substr(begin, end - begin);
}

// text.rstrip('\n').split('\n'), then each line strip()ped and split on TAB.
template <class F>
void ForEachLexiconLine(std::string_view text, bool skip_empty, F&& f) {
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t line_no = 0;
  for (size_t pos = 0; pos <= text.size(); ++line_no) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() && skip_empty) continue;
    line = StripPython(line);
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw std::runtime_error("VADER lexicon line " + std::to_string(line_no + 1) +
                               " has fewer than 2 columns");
    size_t tab2 = line.find('\t', tab + 1);
    if (tab2 == std::string_view::npos) tab2 = line.size();
    f(line.substr(0, tab), line.substr(tab + 1, tab2 - tab - 1), line_no);
  }
}

// Python float() of a lexicon value (correctly rounded, as from_chars).
double ParseFloat(std::string_view s, size_t line_no) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '+')) s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size())
    throw std::runtime_error("VADER lexicon line " + std::to_string(line_no + 1) +
                             ": bad valence '" + std::string(s) + "'");
  return v;
}

// Keys are short: three independent multiplies (no serial chain), summed, then the
// high bits folded down for the tag. Slots use the high bits.
inline uint64_t HashKey(const uint64_t key[3], size_t size) {
  uint64_t h = (key[0] ^ 0x9E3779B97F4A7C15ull) * 0xFF51AFD7ED558CCDull +
               (key[1] ^ 0xC2B2AE3D27D4EB4Full) * 0xC4CEB9FE1A85EC53ull +
               (key[2] ^ (size * 0x165667B19E3779F9ull)) * 0x9FB21C651E98DF25ull;
  return h ^ (h >> 29);
}

// Copies key into three zero-padded words (key.size() <= 24).
inline void PadKey(std::string_view key, uint64_t out[3]) {
  out[0] = out[1] = out[2] = 0;
  std::memcpy(out, key.data(), key.size());
}

}  // namespace

// Per-thread buffers of PolarityScores, reused so scoring does not allocate.
struct Vader::Scratch {
  WordSplitter splitter;
  std::string emoji_text;
  std::string lower;
  std::vector<PendingToken> pending;
  std::vector<TokenInfo> tokens;
  std::vector<double> sentiments;
};

Vader::Scratch& Vader::LocalScratch() {
  thread_local Scratch scratch;
  return scratch;
}

Vader::Vader()
    : Vader(std::string_view(reinterpret_cast<const char*>(embedded::kVaderLexicon),
                             embedded::kVaderLexiconSize),
            std::string_view(reinterpret_cast<const char*>(embedded::kVaderEmojiLexicon),
                             embedded::kVaderEmojiLexiconSize)) {}

Vader::Vader(std::string_view lexicon, std::string_view emoji_lexicon)
    : emoji_text_(emoji_lexicon) {
  Load(lexicon, emoji_text_);
}

const Vader& Vader::Default() {
  static const Vader vader;
  return vader;
}

std::string_view Vader::License() {
  return {reinterpret_cast<const char*>(embedded::kVaderLicense), embedded::kVaderLicenseSize};
}

Vader::TokenInfo Vader::Info(const Entry& e) const {
  TokenInfo info;
  info.valence = valences_[e.valence];
  info.flags = e.flags & ~kBoosterDecr;
  if (e.flags & kBooster) info.booster = (e.flags & kBoosterDecr) ? kBDecr : kBIncr;
  info.word = e.word;
  return info;
}

// Bit k set when window[k] holds `tag`.
inline uint32_t Vader::TagMatches(const Slot* window, uint16_t tag) const {
#if defined(__AVX2__)
  const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(window));
  const __m256i eq =
      _mm256_cmpeq_epi32(_mm256_and_si256(w, _mm256_set1_epi32(0xFFFF)), _mm256_set1_epi32(tag));
  return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(eq)));
#else
  uint32_t m = 0;
  for (size_t k = 0; k < kWindow; ++k) m |= uint32_t{(window[k] & 0xFFFF) == tag} << k;
  return m;
#endif
}

const Vader::Entry* Vader::FindInline(const uint64_t key[3], size_t size) const {
  const uint64_t h = HashKey(key, size);
  const Slot* window = &slots_[h >> slot_shift_];
  for (uint32_t m = TagMatches(window, TagOf(h)); m; m &= m - 1) {
    const Entry& e = entries_[(window[__builtin_ctz(m)] >> 16) - 1];
    if (e.size == size && e.key[0] == key[0] && e.key[1] == key[1] && e.key[2] == key[2]) return &e;
  }
  return nullptr;
}

bool Vader::Find(std::string_view lower, TokenInfo* info) const {
  if (lower.size() > kInlineKey) {
    auto it = long_keys_.find(std::string(lower));  // rare: only custom lexicons
    if (it == long_keys_.end()) return false;
    *info = it->second;
    return true;
  }
  uint64_t words[3];
  PadKey(lower, words);
  const Entry* e = FindInline(words, lower.size());
  if (e) *info = Info(*e);
  return e != nullptr;
}

void Vader::Load(std::string_view lexicon, std::string_view emoji_lexicon) {
  // make_lex_dict: later lines win (14 keys appear twice, e.g. "lol"). Then the words
  // of the rules: NEGATE, BOOSTER_DICT and the words compared by name.
  absl::flat_hash_map<std::string, TokenInfo> all;
  std::vector<std::string> order;  // insertion order, for a deterministic table
  auto at = [&](std::string_view key) -> TokenInfo& {
    auto [it, inserted] = all.try_emplace(std::string(key));
    if (inserted) order.push_back(it->first);
    return it->second;
  };
  ForEachLexiconLine(lexicon, /*skip_empty=*/true,
                     [&](std::string_view key, std::string_view value, size_t line_no) {
                       TokenInfo& info = at(key);
                       info.flags |= kInLexicon;
                       info.valence = ParseFloat(value, line_no);
                     });
  for (const char* w : kNegate) at(w).flags |= kNegation;
  for (const char* w : kIncrBoosters) at(w).flags |= kBooster, at(w).booster = kBIncr;
  for (const char* w : kDecrBoosters) at(w).flags |= kBooster, at(w).booster = kBDecr;
  for (const auto& w : kNamedWords) at(w.text).word = w.word;

  size_t inline_keys = 0;
  for (const auto& key : order) inline_keys += key.size() <= kInlineKey;
  if (inline_keys >= 0xFFFF) throw std::runtime_error("VADER lexicon: too many keys");
  absl::flat_hash_map<double, uint16_t> valence_index;
  for (const auto& key : order) {
    const TokenInfo& info = all[key];
    lexicon_size_ += (info.flags & kInLexicon) != 0;
    if (key.size() > kInlineKey) {
      long_keys_[key] = info;
      continue;
    }
    auto [vi, added] = valence_index.try_emplace(info.valence, valences_.size());
    if (added) valences_.push_back(info.valence);
    if (valences_.size() > 0xFFFF) throw std::runtime_error("VADER lexicon: too many valences");
    Entry e{};
    PadKey(key, e.key);
    e.size = static_cast<uint8_t>(key.size());
    e.flags = info.flags | (info.booster < 0 ? kBoosterDecr : 0);
    e.word = info.word;
    e.valence = vi->second;
    entries_.push_back(e);
  }
  // Load factor at most 1/2, then doubled until every key is within its window (the
  // embedded lexicon: 7,663 keys in 32,768 slots, 128 KiB).
  int bits = 6;
  while ((size_t{1} << bits) < 2 * entries_.size()) ++bits;
  while (true) {
    slots_.assign((size_t{1} << bits) + kWindow - 1, 0);
    slot_shift_ = 64 - bits;
    bool placed = true;
    for (size_t k = 0; k < entries_.size() && placed; ++k) {
      const uint64_t h = HashKey(entries_[k].key, entries_[k].size);
      size_t s = h >> slot_shift_;
      const size_t end = s + kWindow;
      while (s < end && slots_[s] != 0) ++s;
      placed = s < end;
      if (placed) slots_[s] = static_cast<Slot>(k + 1) << 16 | TagOf(h);
    }
    if (placed) break;
    ++bits;
  }

  // make_emoji_dict: only keys of one code point can ever match (the reference
  // looks up one code point at a time).
  ForEachLexiconLine(emoji_lexicon, /*skip_empty=*/false,
                     [&](std::string_view key, std::string_view description, size_t) {
                       ++emoji_size_;
                       if (key.empty()) return;
                       Utf8Char u = DecodeUtf8(key, 0);
                       if (!u.valid || u.size != key.size()) return;
                       emoji_[u.cp] = description;
                     });
  char32_t max_cp = 0;
  for (const auto& [cp, d] : emoji_) max_cp = std::max(max_cp, cp);
  emoji_bits_.assign(max_cp / 64 + 1, 0);
  for (const auto& [cp, d] : emoji_) emoji_bits_[cp / 64] |= uint64_t{1} << (cp % 64);
}

std::optional<double> Vader::Valence(std::string_view key) const {
  TokenInfo info;
  if (Find(key, &info) && (info.flags & kInLexicon)) return info.valence;
  return std::nullopt;
}

const std::string_view* Vader::EmojiDescription(char32_t cp) const {
  auto it = emoji_.find(cp);
  return it == emoji_.end() ? nullptr : &it->second;
}

void Vader::Prepare(std::string_view token, bool padded, PendingToken& p) const {
  const size_t n = token.size();
  p.token = token;
  p.size = static_cast<uint32_t>(n);
#if defined(__AVX2__)
  // The common case, an ASCII token of up to 24 bytes, without a loop over its bytes.
  if (padded && n <= kInlineKey) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(token.data()));
    const __m256i iota =
        _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                         21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
    const __m256i in = _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(n)), iota);
    const uint32_t in_bits = static_cast<uint32_t>(_mm256_movemask_epi8(in));
    if ((static_cast<uint32_t>(_mm256_movemask_epi8(v)) & in_bits) == 0) {
      auto in_range = [&](char first, char count_minus_1) {
        __m256i d = _mm256_sub_epi8(v, _mm256_set1_epi8(first));
        return _mm256_cmpeq_epi8(_mm256_min_epu8(d, _mm256_set1_epi8(count_minus_1)), d);
      };
      const __m256i up = _mm256_and_si256(in_range('A', 25), in);
      const __m256i lo = _mm256_and_si256(in_range('a', 25), in);
      const __m256i lowered =
          _mm256_and_si256(_mm256_or_si256(v, _mm256_and_si256(up, _mm256_set1_epi8(0x20))), in);
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(p.key), lowered);
      const bool upper = _mm256_movemask_epi8(up) != 0 && _mm256_movemask_epi8(lo) == 0;
      bool has_nt = false;
      uint32_t quotes =
          static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\''))));
      quotes &= in_bits & ~1u & (in_bits >> 1);  // not first, not last
      const char* key = reinterpret_cast<const char*>(p.key);
      for (; quotes; quotes &= quotes - 1) {
        int k = __builtin_ctz(quotes);
        has_nt |= key[k - 1] == 'n' && key[k + 1] == 't';
      }
      p.slow = false;
      p.flags = (has_nt ? kNegation : 0) | (upper ? kUpper : 0);
      p.hash = HashKey(p.key, n);
      p.tag = TagOf(p.hash);
      p.slot = static_cast<uint32_t>(p.hash >> slot_shift_);
      __builtin_prefetch(&slots_[p.slot]);
      __builtin_prefetch(&slots_[p.slot + kWindow - 1]);
      return;
    }
  }
#else
  (void)padded;
#endif
  // One pass: lower-case into the padded key words, note case and "n't" (only ASCII
  // n, ' and t lower to n, ' and t, so it is found on the original bytes).
  p.key[0] = p.key[1] = p.key[2] = p.key[3] = 0;
  char* key = reinterpret_cast<char*>(p.key);
  const auto* s = reinterpret_cast<const unsigned char*>(token.data());
  unsigned char high = 0;
  bool has_upper = false, has_lower = false, has_nt = false;
  for (size_t k = 0; k < n; ++k) {
    const unsigned char c = s[k];
    high |= c;
    const bool up = static_cast<unsigned>(c - 'A') < 26u;
    has_upper |= up;
    has_lower |= static_cast<unsigned>(c - 'a') < 26u;
    if (k < kInlineKey) key[k] = static_cast<char>(c | (up ? 0x20 : 0));
    if (c == '\'' && k > 0 && k + 1 < n && (s[k - 1] | 0x20) == 'n' && (s[k + 1] | 0x20) == 't')
      has_nt = true;
  }
  p.slow = high >= 0x80 || n > kInlineKey;
  const bool upper = high < 0x80 ? has_upper && !has_lower : IsUpperPython(token);
  p.flags = (has_nt ? kNegation : 0) | (upper ? kUpper : 0);
  if (!p.slow) {
    p.hash = HashKey(p.key, n);
    p.tag = TagOf(p.hash);
    p.slot = static_cast<uint32_t>(p.hash >> slot_shift_);
    __builtin_prefetch(&slots_[p.slot]);
    __builtin_prefetch(&slots_[p.slot + kWindow - 1]);
  }
}

void Vader::Probe(PendingToken& p) const {
  if (p.slow) return;
  p.match = TagMatches(&slots_[p.slot], p.tag);
  if (p.match) __builtin_prefetch(&entries_[(slots_[p.slot + __builtin_ctz(p.match)] >> 16) - 1]);
}

// Writes into `out` in place: returning the struct made the caller reload it across
// separate stores (a store-forwarding stall on every token).
inline void Vader::Resolve(const PendingToken& p, TokenInfo& out) const {
  out = TokenInfo{};
  if (p.slow) {
    std::string& lower = LocalScratch().lower;
    lower.clear();
    AppendLowerPython(p.token, lower);
    Find(lower, &out);
  } else {
    for (uint32_t m = p.match; m; m &= m - 1) {
      const Entry& e = entries_[(slots_[p.slot + __builtin_ctz(m)] >> 16) - 1];
      if (e.size == p.size && e.key[0] == p.key[0] && e.key[1] == p.key[1] &&
          e.key[2] == p.key[2]) {
        out.valence = valences_[e.valence];
        out.flags = e.flags & ~kBoosterDecr;
        if (e.flags & kBooster) out.booster = (e.flags & kBoosterDecr) ? kBDecr : kBIncr;
        out.word = e.word;
        break;
      }
    }
  }
  out.flags |= p.flags;
}

Vader::TokenInfo Vader::Classify(std::string_view token) const {
  PendingToken p;
  Prepare(token, /*padded=*/false, p);
  Probe(p);
  TokenInfo info;
  Resolve(p, info);
  return info;
}

std::string_view Vader::ReplaceEmoji(std::string_view text, std::string& buffer) const {
  // The reference walks every code point; most texts have no emoji, so look first.
  size_t first = text.size();
  for (size_t pos = 0; pos < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      ++pos;
      continue;
    }
    Utf8Char u = DecodeUtf8(text, pos);
    if (u.valid && u.cp / 64 < emoji_bits_.size() && (emoji_bits_[u.cp / 64] >> (u.cp % 64) & 1)) {
      first = pos;
      break;
    }
    pos += u.size;
  }
  // strip() changes neither the words nor the counts: skipped.
  if (first == text.size()) return text;

  // polarity_scores: a description gets one space before it unless it starts the
  // text or follows an ASCII space; the next character follows it directly.
  buffer.assign(text.substr(0, first));
  bool prev_space = first == 0 || text[first - 1] == ' ';
  for (size_t pos = first; pos < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      buffer.push_back(static_cast<char>(c));
      prev_space = c == ' ';
      ++pos;
      continue;
    }
    Utf8Char u = DecodeUtf8(text, pos);
    const std::string_view* description = nullptr;
    if (u.valid && u.cp / 64 < emoji_bits_.size() && (emoji_bits_[u.cp / 64] >> (u.cp % 64) & 1))
      description = EmojiDescription(u.cp);
    if (description) {
      if (!prev_space) buffer.push_back(' ');
      buffer.append(*description);
    } else {
      buffer.append(text.substr(pos, u.size));
    }
    prev_space = false;
    pos += u.size;
  }
  return buffer;
}

namespace {
// Counts of '!' and '?', and whether any byte is >= 0x80: one loop the compiler
// vectorizes.
struct TextCounts {
  size_t exclamations = 0, questions = 0;
  bool non_ascii = false;
};
TextCounts CountText(std::string_view text) {
  size_t ex = 0, qm = 0;
  unsigned char high = 0;
  for (unsigned char c : text) {
    ex += c == '!';
    qm += c == '?';
    high |= c;
  }
  return {ex, qm, high >= 0x80};
}
}  // namespace

Scores Vader::PolarityScores(std::string_view text) const { return Score(text, true); }

double Vader::Compound(std::string_view text) const { return Score(text, false).compound; }

Scores Vader::Score(std::string_view text, bool proportions) const {
  Scratch& scratch = LocalScratch();
  // The emoji step (polarity_scores) then strip(); the counts of score_valence are
  // taken on its result, since descriptions like "ON! arrow" add marks.
  TextCounts counts = CountText(text);
  if (counts.non_ascii) {
    std::string_view replaced = ReplaceEmoji(text, scratch.emoji_text);
    if (replaced.data() != text.data()) counts = CountText(replaced);
    text = replaced;
  }

  // SentiText: words_and_emoticons and is_cap_diff.
  auto& toks = scratch.tokens;
  size_t upper_count = 0;
  auto& pending = scratch.pending;
  pending.clear();
  scratch.splitter.ForEach(text, [&](std::string_view word) {
    Prepare(StripPunctuationIfWord(word), /*padded=*/true, pending.emplace_back());
  });
  for (auto& p : pending) Probe(p);
  toks.resize(pending.size());
  for (size_t k = 0; k < pending.size(); ++k) {
    Resolve(pending[k], toks[k]);
    upper_count += (pending[k].flags & kUpper) != 0;
  }
  const size_t n = toks.size();
  if (n == 0) return Scores{};  // score_valence with no sentiments: all 0.0
  const bool cap_diff = upper_count > 0 && upper_count < n;  // allcap_differential

  auto in_lex = [&](size_t j) { return (toks[j].flags & kInLexicon) != 0; };
  auto word = [&](size_t j) { return toks[j].word; };
  auto so_or_this = [&](size_t j) { return word(j) == kSo || word(j) == kThis; };

  auto& sentiments = scratch.sentiments;
  sentiments.assign(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const TokenInfo& item = toks[i];
    // polarity_scores: boosters, and "kind" before "of", are neutral words.
    if (item.flags & kBooster) continue;
    if (i + 1 < n && item.word == kKind && word(i + 1) == kOf) continue;
    // sentiment_valence
    if (!(item.flags & kInLexicon)) continue;
    double valence = item.valence;
    if (item.word == kNo && i != n - 1 && in_lex(i + 1)) valence = 0.0;
    if ((i > 0 && word(i - 1) == kNo) || (i > 1 && word(i - 2) == kNo) ||
        (i > 2 && word(i - 3) == kNo && (word(i - 1) == kOr || word(i - 1) == kNor)))
      valence = Mul(item.valence, kNScalar);
    if ((item.flags & kUpper) && cap_diff) {
      if (valence > 0)
        valence += kCIncr;
      else
        valence -= kCIncr;
    }
    for (size_t start_i = 0; start_i < 3; ++start_i) {
      if (!(i > start_i && !in_lex(i - (start_i + 1)))) continue;
      // scalar_inc_dec
      const TokenInfo& prev = toks[i - (start_i + 1)];
      double s = 0.0;
      if (prev.flags & kBooster) {
        s = prev.booster;
        if (valence < 0) s = -s;
        if ((prev.flags & kUpper) && cap_diff) {
          if (valence > 0)
            s += kCIncr;
          else
            s -= kCIncr;
        }
      }
      if (start_i == 1 && s != 0) s = Mul(s, 0.95);
      if (start_i == 2 && s != 0) s = Mul(s, 0.9);
      valence = valence + s;
      // _negation_check
      if (start_i == 0) {
        if (toks[i - 1].flags & kNegation) valence = Mul(valence, kNScalar);
      } else if (start_i == 1) {
        if (word(i - 2) == kNever && so_or_this(i - 1)) {
          valence = Mul(valence, 1.25);
        } else if (word(i - 2) == kWithout && word(i - 1) == kDoubt) {
        } else if (toks[i - 2].flags & kNegation) {
          valence = Mul(valence, kNScalar);
        }
      } else {
        if ((word(i - 3) == kNever && so_or_this(i - 2)) || so_or_this(i - 1)) {
          valence = Mul(valence, 1.25);
        } else if (word(i - 3) == kWithout && (word(i - 2) == kDoubt || word(i - 1) == kDoubt)) {
        } else if (toks[i - 3].flags & kNegation) {
          valence = Mul(valence, kNScalar);
        }
        // _special_idioms_check: the first matching sequence before the word, then
        // sequences after it override, then booster bigrams add.
        const uint8_t w3 = word(i - 3), w2 = word(i - 2), w1 = word(i - 1), w0 = word(i);
        const uint8_t a1 = i + 1 < n ? word(i + 1) : uint8_t{kNone};
        const uint8_t a2 = i + 2 < n ? word(i + 2) : uint8_t{kNone};
        if (w3 | w2 | w1 | w0 | a1 | a2) {
          const double* special = FindSpecialCase(w1, w0, kNone);
          if (!special) special = FindSpecialCase3(w2, w1, w0);
          if (!special) special = FindSpecialCase(w2, w1, kNone);
          if (!special) special = FindSpecialCase3(w3, w2, w1);
          if (!special) special = FindSpecialCase(w3, w2, kNone);
          if (special) valence = *special;
          if (n - 1 > i) {
            if (const double* v = FindSpecialCase(w0, a1, kNone)) valence = *v;
          }
          if (n - 1 > i + 1) {
            if (const double* v = FindSpecialCase3(w0, a1, a2)) valence = *v;
          }
          if (IsBoosterBigram(w3, w2)) valence = valence + kBDecr;
          if (IsBoosterBigram(w2, w1)) valence = valence + kBDecr;
        }
      }
    }
    // _least_check
    if (i > 1 && !in_lex(i - 1) && word(i - 1) == kLeast) {
      if (word(i - 2) != kAt && word(i - 2) != kVery) valence = Mul(valence, kNScalar);
    } else if (i > 0 && !in_lex(i - 1) && word(i - 1) == kLeast) {
      valence = Mul(valence, kNScalar);
    }
    sentiments[i] = valence;
  }

  // _but_check: each value scales the *first* position holding an equal value.
  size_t bi = n;
  for (size_t j = 0; j < n; ++j) {
    if (word(j) == kBut) {
      bi = j;
      break;
    }
  }
  if (bi < n) {
    for (size_t k = 0; k < n; ++k) {
      const double v = sentiments[k];
      size_t si = 0;
      while (sentiments[si] != v) ++si;
      if (si < bi)
        sentiments[si] = Mul(v, 0.5);
      else if (si > bi)
        sentiments[si] = Mul(v, 1.5);
    }
  }

  // score_valence
  double sum_s = 0.0;
  for (double v : sentiments) sum_s += v;
  const size_t exclamations = counts.exclamations, questions = counts.questions;
  const double ep_amplifier = Mul(static_cast<double>(std::min<size_t>(exclamations, 4)), 0.292);
  double qm_amplifier = 0.0;
  if (questions > 1)
    qm_amplifier = questions <= 3 ? Mul(static_cast<double>(questions), 0.18) : 0.96;
  const double punct = ep_amplifier + qm_amplifier;
  if (sum_s > 0)
    sum_s += punct;
  else if (sum_s < 0)
    sum_s -= punct;

  Scores out;
  // normalize(score, alpha=15)
  double compound = sum_s / std::sqrt(Mul(sum_s, sum_s) + 15);
  out.compound = compound < -1.0 ? -1.0 : compound > 1.0 ? 1.0 : compound;
  if (!proportions) return out;

  // _sift_sentiment_scores
  double pos_sum = 0.0, neg_sum = 0.0;
  size_t neu_count = 0;
  for (double v : sentiments) {
    if (v > 0) pos_sum += v + 1;
    if (v < 0) neg_sum += v - 1;
    if (v == 0) ++neu_count;
  }
  if (pos_sum > std::fabs(neg_sum))
    pos_sum += punct;
  else if (pos_sum < std::fabs(neg_sum))
    neg_sum -= punct;
  const double total = pos_sum + std::fabs(neg_sum) + static_cast<double>(neu_count);
  out.pos = std::fabs(pos_sum / total);
  out.neg = std::fabs(neg_sum / total);
  out.neu = std::fabs(static_cast<double>(neu_count) / total);
  return out;
}

double RoundPython(double x, int ndigits) {
  if (!std::isfinite(x) || x == 0) return x;
  // Fast path: when x * 10^n lands clearly away from a tie, its nearest integer r is
  // that of the exact product (|y| < 2^20 keeps the product's error under 1e-9), and
  // r / 10^n (one correctly rounded division) is the double nearest the decimal
  // r * 10^-n, which is what CPython's round() returns.
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  if (ndigits >= 0 && ndigits <= 8) {
    const double p = kPow10[ndigits];
    const double y = Mul(x, p);
    if (std::fabs(y) < 1048576.0) {
      const double r = std::nearbyint(y);
      if (0.5 - std::fabs(y - r) > 1e-6) return r / p;
    }
  }
  // to_chars with a precision is printf("%.*f"): the exact binary value rounded
  // correctly, ties to even, as CPython's round() (dtoa mode 3) does.
  char buf[400];
  auto r = std::to_chars(buf, buf + sizeof(buf), x, std::chars_format::fixed, ndigits);
  double out = 0;
  std::from_chars(buf, r.ptr, out);
  return out;
}

Scores RoundLikeReference(const Scores& s) {
  return {RoundPython(s.neg, 3), RoundPython(s.neu, 3), RoundPython(s.pos, 3),
          RoundPython(s.compound, 4)};
}

char* FormatPythonFloat(double x, char* out) {
  if (std::isnan(x)) return std::memcpy(out, "nan", 3), out + 3;
  if (std::isinf(x)) {
    if (x < 0) *out++ = '-';
    return std::memcpy(out, "inf", 3), out + 3;
  }
  if (std::signbit(x)) *out++ = '-', x = -x;
  if (x == 0) return std::memcpy(out, "0.0", 3), out + 3;
  // Shortest round-trip digits d1.d2d3...e<exp>, laid out as float_repr_style
  // 'short' does: fixed notation when -4 <= exp < 16, else d.ddde+XX.
  char sci[32];
  auto r = std::to_chars(sci, sci + sizeof(sci), x, std::chars_format::scientific);
  char digits[24];
  int nd = 0;
  const char* p = sci;
  for (; p < r.ptr && *p != 'e'; ++p)
    if (*p != '.') digits[nd++] = *p;
  int exp = 0;
  std::from_chars(p + 1 + (p[1] == '+'), r.ptr, exp);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      *out++ = '0';
      *out++ = '.';
      for (int k = 0; k < -exp - 1; ++k) *out++ = '0';
      for (int k = 0; k < nd; ++k) *out++ = digits[k];
    } else {
      for (int k = 0; k <= exp; ++k) *out++ = k < nd ? digits[k] : '0';
      *out++ = '.';
      if (nd > exp + 1) {
        for (int k = exp + 1; k < nd; ++k) *out++ = digits[k];
      } else {
        *out++ = '0';
      }
    }
    return out;
  }
  *out++ = digits[0];
  if (nd > 1) {
    *out++ = '.';
    for (int k = 1; k < nd; ++k) *out++ = digits[k];
  }
  *out++ = 'e';
  *out++ = exp < 0 ? '-' : '+';
  int a = exp < 0 ? -exp : exp;
  if (a < 10) *out++ = '0';
  return std::to_chars(out, out + 4, a).ptr;
}

char* FormatRoundedPython(double x, int ndigits, char* out) {
  static constexpr double kPow10[] = {1, 10, 100, 1e3, 1e4};
  const double v = RoundPython(x, ndigits);
  // Fixed notation holds down to 0.0001 (Python switches below 1e-4), so up to 4
  // places; bigger values or more places take the general path.
  if (ndigits < 1 || ndigits > 4 || !(std::fabs(v) < 1e9)) return FormatPythonFloat(v, out);
  if (std::signbit(v)) *out++ = '-';
  // v is the double nearest r / 10^n: scaling back and rounding recovers r exactly.
  const uint64_t r = static_cast<uint64_t>(std::nearbyint(std::fabs(v) * kPow10[ndigits]));
  const uint64_t scale = static_cast<uint64_t>(kPow10[ndigits]);
  out = std::to_chars(out, out + 24, r / scale).ptr;
  *out++ = '.';
  uint64_t frac = r % scale;
  int digits = ndigits;
  while (digits > 1 && frac % 10 == 0) frac /= 10, --digits;
  for (int k = digits - 1; k >= 0; --k) {
    out[k] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  return out + digits;
}

std::string PythonFloatString(double x) {
  char buf[40];
  return std::string(buf, FormatPythonFloat(x, buf));
}

}  // namespace rapport
