// The VADER tokenizer: Python's str.split(), string.punctuation stripping, isupper()
// and lower() on Unicode text (src/text/tokenizer.h).
#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace rapport {
namespace {

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string_view> views;
  TokenizeVader(text, views);
  return {views.begin(), views.end()};
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  ForEachPythonWord(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

std::vector<std::string> FastWords(WordSplitter& splitter, std::string_view text) {
  std::vector<std::string> out;
  splitter.ForEach(text, [&](std::string_view w) { out.emplace_back(w); });
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, Utf8Encoding) {
  std::string out;
  for (char32_t cp : {U'\x41', U'\xE9', U'\x20AC', U'\x1F600', char32_t{0xDC00}, char32_t{0x110000}})
    AppendUtf8(cp, out);
  EXPECT_EQ(out, "A\u00e9\u20ac\U0001F600\uFFFD\uFFFD");
}

TEST(Tokenizer, SplitsOnPythonWhitespace) {
  struct Case {
    const char* text;
    V words;
  };
  const Case cases[] = {
      {"", {}},
      {" \t\n\r\v\f ", {}},
      {"  lead and trail  ", {"lead", "and", "trail"}},
      {"a\x1c"
       "b\x1d"
       "c\x1e"
       "d\x1f"
       "e",
       {"a", "b", "c", "d", "e"}},                 // U+001C..U+001F are spaces
      {"nb\u00a0sp", {"nb", "sp"}},                // NO-BREAK SPACE
      {"next\u0085line", {"next", "line"}},        // NEL
      {"em\u2003space", {"em", "space"}},          // EM SPACE
      {"ideo\u3000graphic", {"ideo", "graphic"}},  // IDEOGRAPHIC SPACE
      {"line\u2028para\u2029end", {"line", "para", "end"}},
      {"ogham\u1680mark", {"ogham", "mark"}},
      {"narrow\u202fnbsp\u205fmath", {"narrow", "nbsp", "math"}},
      {"zero\u200bwidth", {"zero\u200bwidth"}},  // ZERO WIDTH SPACE is not a space
      {"word\u2060joiner", {"word\u2060joiner"}},
      {"\u00a9 \u2019quote\u2019", {"\u00a9", "\u2019quote\u2019"}},  // C2, E2 leads, not spaces
  };
  for (const auto& c : cases) EXPECT_EQ(Words(c.text), c.words) << c.text;
}

TEST(Tokenizer, StripsPunctuationUnlessTwoCodePointsOrFewerRemain) {
  struct Case {
    const char* token;
    const char* want;
  };
  const Case cases[] = {
      {":)", ":)"},
      {":-)", ":-)"},
      {"ok.", "ok."},
      {"no.", "no."},
      {"good!!!", "good"},
      {"(great)", "great"},
      {"'tis", "tis"},
      {"#hashtag", "hashtag"},
      {"@user", "user"},
      {"xD!", "xD!"},
      {"...", "..."},
      {"don't", "don't"},
      {"\"quoted\"", "quoted"},
      {"http://t.co/x", "http://t.co/x"},
      {"é.", "é."},
      {"éé.", "éé."},
      {"ééé.", "ééé"},
      {"😀😀!", "😀😀!"},
      {"😀😀😀!", "😀😀😀"},
      {"a.b.c", "a.b.c"},
      {"¡hola!", "¡hola"},
      {"«mot»", "«mot»"},
      {"\xff\xfe.", "\xff\xfe."},  // 2 undecodable bytes: 2 code points
  };
  for (const auto& c : cases) EXPECT_EQ(StripPunctuationIfWord(c.token), c.want) << c.token;
}

TEST(Tokenizer, WordsAndEmoticons) {
  EXPECT_EQ(Tokens("VADER is smart, handsome, and funny!"),
            (V{"VADER", "is", "smart", "handsome", "and", "funny"}));
  EXPECT_EQ(Tokens("Make sure you :) or :D today!"),
            (V{"Make", "sure", "you", ":)", "or", ":D", "today"}));
  EXPECT_EQ(Tokens("ok. no. :-( ..."), (V{"ok.", "no.", ":-(", "..."}));
}

TEST(Tokenizer, IsUpperAsPython) {
  struct Case {
    const char* text;
    bool upper;
  };
  const Case cases[] = {
      {"", false},   {"123", false}, {"!!", false},    {"GOOD", true},    {"Good", false},
      {"XD", true},  {":D", true},   {":d", false},    {"A1", true},      {"É", true},
      {"ÉTÉ", true}, {"été", false}, {"ПРИВЕТ", true}, {"Привет", false}, {"ß", false},
      {"İ", true},   {"ǅ", false},   {"AǅB", false},   {"ΣΑΣ", true},     {"😀", false},
      {"😀A", true},  {"Ⅻ", true},    {"ⓐ", false},     {"\xff", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsUpperPython(c.text), c.upper) << c.text;
}

TEST(Tokenizer, LowerAsPython) {
  struct Case {
    const char* text;
    const char* lower;
  };
  const Case cases[] = {
      {"GOOD", "good"}, {":D", ":d"},     {"ÀÉÎÕÜ", "àéîõü"}, {"ПРИВЕТ", "привет"},
      {"İ", "i\u0307"}, {"\u212a", "k"},  {"Ⅻ", "ⅻ"},         {"ǅ", "ǆ"},
      {"😀", "😀"},       {"\xff", "\xff"}, {"ẞ", "ß"},         {"Ω", "ω"},
  };
  for (const auto& c : cases) {
    std::string out;
    AppendLowerPython(c.text, out);
    EXPECT_EQ(out, c.lower) << c.text;
  }
}

TEST(Tokenizer, DecodesStrictUtf8) {
  struct Case {
    const char* bytes;
    char32_t cp;
    uint32_t size;
    bool valid;
  };
  const Case cases[] = {
      {"a", 'a', 1, true},
      {"\xc3\xa9", 0xE9, 2, true},
      {"\xe2\x80\xa8", 0x2028, 3, true},
      {"\xf0\x9f\x98\x80", 0x1F600, 4, true},
      {"\xc0\x80", 0xC0, 1, false},          // overlong
      {"\xe0\x80\x80", 0xE0, 1, false},      // overlong
      {"\xed\xa0\x80", 0xED, 1, false},      // surrogate
      {"\xf4\x90\x80\x80", 0xF4, 1, false},  // above U+10FFFF
      {"\xe2\x80", 0xE2, 1, false},          // truncated
      {"\x80", 0x80, 1, false},              // lone continuation byte
  };
  for (const auto& c : cases) {
    Utf8Char u = DecodeUtf8(c.bytes, 0);
    EXPECT_EQ(u.cp, c.cp) << c.bytes;
    EXPECT_EQ(u.size, c.size) << c.bytes;
    EXPECT_EQ(u.valid, c.valid) << c.bytes;
  }
  EXPECT_EQ(CountCodePoints("h\xc3\xa9llo"), 5u);
  EXPECT_EQ(CountCodePoints("\xe2\x80z"), 3u);  // each undecodable byte counts once
}

// The AVX2 splitter must give exactly the words of the byte-at-a-time one, including
// across its 32-byte blocks and around multi-byte spaces and malformed bytes.
TEST(Tokenizer, FastSplitterMatchesReferenceSplitter) {
  const std::vector<std::string> pieces = {
      "a",      "word",     "LONGERWORDWITHOUTANYSPACE0123456789",
      " ",      "  ",       "\t",
      "\n",     "\r\n",     "\x1c",
      "\u00a0", "\u0085",   "\u2003",
      "\u3000", "\u2028",   "\u1680",
      "\u200b", "\u00a9",   "\u2019",
      "\u3001", "\u1234",   "é",
      "😀",      "\xe2\x80", "\xc2",
      "\xe3",   "\xff",     "!",
      "?",      ":)",       "\xe1\x9a"};
  std::mt19937 rng(42);
  WordSplitter splitter;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    ASSERT_EQ(FastWords(splitter, text), Words(text)) << "text: " << text;
  }
}

}  // namespace
}  // namespace rapport
